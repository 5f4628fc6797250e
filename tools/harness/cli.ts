import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { startHarness } from './server'

/**
 * npm run harness -- [--port N] [--data-dir DIR] [--fresh] [--verbose]
 * Serves the built renderer (npm run build) with the real services, for a browser on this machine.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    fresh: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false }
  }
})

if (values.help) {
  console.log('Usage: npm run harness -- [--port N] [--data-dir DIR] [--fresh] [--verbose]')
  process.exit(0)
}

const dataDir = values['data-dir'] ? resolve(values['data-dir']) : mkdtempSync(join(tmpdir(), 'gigpilot-harness-'))
if (values.fresh) rmSync(dataDir, { recursive: true, force: true })

const harness = await startHarness({
  dataDir,
  ...(values.port ? { port: Number(values.port) } : {}),
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
