import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { createHarnessCore } from '../tools/harness/harness-core'
import { bundleWorkerForBench } from './db/built-worker'
import { medianFigure, type Figure } from './stats'

/**
 * Cold start of the main-process services: open the database, migrate, build every service
 * (settings, secret store with its keychain probe, Upwork connection). Measured through the same
 * composition the app uses (createCore), in Node, with the database worker as the app ships it
 * (bundled JavaScript, as bench/db does): from TypeScript source the worker thread first loads tsx
 * and compiles itself, a dev-only ~100–150 ms that was most of this figure since issue 8. Median of `runs`.
 * `npx tsx bench/cold-start.bench.ts [runs]` prints it.
 */
export async function runColdStartBench(runs = 5): Promise<Figure[]> {
  const databaseWorker = await bundleWorkerForBench()
  const fresh: number[] = []
  const existing: number[] = []
  for (let i = 0; i < runs; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'gigpilot-bench-'))
    try {
      let t0 = performance.now()
      let core = await createHarnessCore({ dataDir, env: {}, verbose: false, openBrowser: async () => undefined, databaseWorker })
      fresh.push(performance.now() - t0)
      await core.close()
      t0 = performance.now()
      core = await createHarnessCore({ dataDir, env: {}, verbose: false, openBrowser: async () => undefined, databaseWorker })
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const f of await runColdStartBench(Number(process.argv[2] ?? 5))) console.log(`${f.key}: ${f.value}`)
}
