import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../open-database'
import { readClientPragmas } from '../pragmas'
import { makeTempDir, MIGRATIONS_DIR } from '../test-support/temp-files'
import { findWorkerEntry } from './database-worker'

/**
 * The worker as the app ships it: `npm run build` (electron-vite) writes out/main/db-worker.js
 * beside out/main/index.js (electron.vite.config.ts: a second input of the main build). This runs
 * that file, without tsx, the way the built main process finds it. GIGPILOT_BUILT_MAIN_DIR points
 * at another build output (e.g. `electron-vite build --outDir /tmp/x/out` → /tmp/x/out/main).
 */
const MAIN_DIR = resolve(process.env.GIGPILOT_BUILT_MAIN_DIR ?? 'out/main')
const built = existsSync(join(MAIN_DIR, 'db-worker.js'))

describe.skipIf(!built)(`the built database worker (${MAIN_DIR}; run \`npm run build\` first)`, () => {
  const temp = makeTempDir()
  afterAll(() => temp.cleanup())

  it('is found from the built main bundle and serves migrations, Prisma, bulk writes and a restart', async () => {
    const entry = findWorkerEntry(pathToFileURL(join(MAIN_DIR, 'index.js')).href)
    expect(fileURLToPath(entry.script)).toBe(join(MAIN_DIR, 'db-worker.js'))
    expect(entry.sourceEntry).toBeUndefined() // plain JavaScript, no TypeScript loader

    const db = await openDatabase({ file: join(temp.dir, 'gigpilot.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'test', workerEntry: entry })
    try {
      expect(db.migrations.applied.length).toBeGreaterThan(0)
      await db.bulkWrite([{ sql: `INSERT INTO "AppState" ("key", "value", "updatedAt") VALUES (?, '1', '2026-11-28T00:00:00.000+00:00')`, argsList: [['a'], ['b']] }], { durability: 'refetchable' })
      expect(await db.prisma.appState.count()).toBe(2)
      await db.worker.simulateCrashForTest()
      expect((await readClientPragmas(db.client)).synchronous).toBe(2)
      expect(db.worker.starts).toBe(2)
    } finally {
      await db.close()
    }
  })
})

it.runIf(!built)('the built database worker: skipped, no build output (run `npm run build`, then this test)', () => {
  expect(built).toBe(false)
})
