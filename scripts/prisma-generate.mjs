// Generates the Prisma client without needing Prisma's native schema engine.
// `prisma generate` never uses the schema engine, but the CLI insists on finding one at start;
// offline machines cannot download it, so we point it at any existing file (this Node binary).
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const env = { ...process.env }
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath
env.PRISMA_HIDE_UPDATE_MESSAGE ??= '1'
const cli = require.resolve('prisma/build/index.js')
const result = spawnSync(process.execPath, [cli, 'generate'], { stdio: 'inherit', env })
process.exit(result.status ?? 1)
