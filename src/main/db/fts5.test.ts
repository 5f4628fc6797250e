import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DatabaseFeatureMissingError } from './errors'
import { openDatabase, requireFts5, type Database } from './open-database'
import { makeTempDir, MIGRATIONS_DIR } from './test-support/temp-files'

describe('FTS5', () => {
  let temp: ReturnType<typeof makeTempDir> | undefined
  let db: Database | undefined
  afterEach(async () => {
    await db?.close()
    temp?.cleanup()
  })

  it('the bundled libsql build has FTS5, and the migrated Job index answers a MATCH', async () => {
    temp = makeTempDir()
    db = await openDatabase({ file: join(temp.dir, 'fts.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
    await expect(requireFts5(db.client)).resolves.toBeUndefined()
    const rows = (await db.client.execute(`SELECT count(*) FROM "JobFts" WHERE "JobFts" MATCH 'anything'`)).rows
    expect(Number(rows[0]?.[0])).toBe(0)
  })

  it('fails loudly when the build has no fts5 module', async () => {
    const noFts = { execute: async () => ({ rows: [] }) } as unknown as Parameters<typeof requireFts5>[0]
    const error = await requireFts5(noFts).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabaseFeatureMissingError)
    expect((error as DatabaseFeatureMissingError).code).toBe('DB_FEATURE_MISSING')
    expect((error as Error).message).toMatch(/FTS5/)
  })
})
