/**
 * Writes the next migration: the SQL that takes the database built by prisma/migrations to what
 * prisma/schema.prisma now describes — what `prisma migrate dev --create-only` would write, made
 * offline with Prisma's WebAssembly schema engine (the native engine cannot be downloaded here).
 *
 *   npx tsx prisma/new-migration.ts <name>        e.g. add_job_score
 *
 * Needs @prisma/schema-engine-wasm (dev dependency) or GIGPILOT_SCHEMA_ENGINE_WASM_DIR pointing at
 * an unpacked copy of it. Review the SQL before committing; never edit a migration once released
 * (the app refuses a database whose applied migration changed).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { diffMigrationsAgainstSchema, findSchemaEngineWasm } from '../src/main/db/test-support/schema-engine-diff'

const name = process.argv[2]
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npx tsx prisma/new-migration.ts <name>   (lower case, digits and _ only)')
  process.exit(2)
}
const engineDir = findSchemaEngineWasm()
if (!engineDir) {
  console.error('Prisma’s WebAssembly schema engine is not installed: add @prisma/schema-engine-wasm as a dev dependency,')
  console.error('or set GIGPILOT_SCHEMA_ENGINE_WASM_DIR to a folder holding schema_engine_bg.js and schema_engine_bg.wasm.')
  process.exit(1)
}

const prismaDir = fileURLToPath(new URL('.', import.meta.url))
const migrationsDir = join(prismaDir, 'migrations')
const { exitCode, script } = await diffMigrationsAgainstSchema(engineDir, join(prismaDir, 'schema.prisma'), migrationsDir)
if (exitCode === 0) {
  console.log('schema.prisma and prisma/migrations already agree: nothing to write.')
  process.exit(0)
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
const dir = join(migrationsDir, `${stamp}_${name}`)
mkdirSync(dir)
writeFileSync(join(dir, 'migration.sql'), script.endsWith('\n') ? script : `${script}\n`)
console.log(`wrote ${join(dir, 'migration.sql')}:\n\n${script}`)
