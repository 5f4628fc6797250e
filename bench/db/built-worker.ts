import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import type { WorkerEntry } from '../../src/main/db/worker/database-worker'

/**
 * The database worker as the app ships it: plain JavaScript, bundled (electron-vite does the same
 * with its main build). The bench measures this, not the TypeScript source loaded through tsx in a
 * new thread (a dev-only cost of ~150 ms per open). Written under node_modules/.cache so that
 * `libsql` resolves as in the app.
 */
export async function bundleWorkerForBench(): Promise<WorkerEntry> {
  const outfile = fileURLToPath(new URL('../../node_modules/.cache/gigpilot-bench/db-worker.js', import.meta.url))
  await build({
    entryPoints: [fileURLToPath(new URL('../../src/main/db/worker/db-worker.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['libsql'],
    logLevel: 'warning'
  })
  return { script: pathToFileURL(outfile) }
}
