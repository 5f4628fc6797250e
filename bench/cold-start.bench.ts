import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createHarnessCore } from '../tools/harness/harness-core'
import { medianFigure, type Figure } from './stats'

/**
 * Cold start of the main-process services: open the database, migrate, build every service
 * (settings, secret store with its keychain probe, Upwork connection). Measured through the same
 * composition the app uses (createCore), in Node. Median of `runs`.
 */
export async function runColdStartBench(runs = 5): Promise<Figure[]> {
  const fresh: number[] = []
  const existing: number[] = []
  for (let i = 0; i < runs; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'gigpilot-bench-'))
    try {
      let t0 = performance.now()
      let core = await createHarnessCore({ dataDir, env: {}, verbose: false, openBrowser: async () => undefined })
      fresh.push(performance.now() - t0)
      await core.close()
      t0 = performance.now()
      core = await createHarnessCore({ dataDir, env: {}, verbose: false, openBrowser: async () => undefined })
      existing.push(performance.now() - t0)
      await core.close()
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
  return [
    medianFigure('cold_start.fresh_data_folder_ms', 'cold start, fresh data folder (ms)', fresh),
    medianFigure('cold_start.existing_data_folder_ms', 'cold start, existing data folder (ms)', existing)
  ]
}
