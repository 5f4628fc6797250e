import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { resolveDataDir } from '../../src/main/app/data-dir'
import { startHarness } from './server'

/**
 * npm run harness -- [--port N] [--data-dir DIR] [--renderer-dir DIR] [--fresh] [--verbose]
 * Serves the built renderer (npm run build) with the real services, for a browser on this machine.
 */
const usage = 'Usage: npm run harness -- [--port N] [--data-dir DIR] [--renderer-dir DIR] [--fresh] [--verbose]'
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    'renderer-dir': { type: 'string' },
    fresh: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false }
  }
})

if (values.help) {
  console.log(usage)
  process.exit(0)
}

/** The data folder: --data-dir, else GIGPILOT_DATA_DIR (as the app reads it), else a fresh temporary folder. */
function chooseDataDir(): string {
  if (values['data-dir']) return resolve(values['data-dir'])
  if (process.env.GIGPILOT_DATA_DIR?.trim()) return resolveDataDir(process.env, '')
  return mkdtempSync(join(tmpdir(), 'gigpilot-harness-'))
}

const dataDir = chooseDataDir()
if (values.fresh) rmSync(dataDir, { recursive: true, force: true })

const harness = await startHarness({
  dataDir,
  ...(values.port ? { port: Number(values.port) } : {}),
  ...(values['renderer-dir'] ? { rendererDir: resolve(values['renderer-dir']) } : {}),
  verbose: values.verbose
})
console.log(`GigPilot harness running at ${harness.url}`)
console.log(`Data folder: ${dataDir}`)
console.log('Press Ctrl+C to stop.')

const stop = async (): Promise<void> => {
  await harness.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
