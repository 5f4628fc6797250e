import { cpSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../db/open-database'
import { toSqlDateTime } from '../db/sql-values'
import { makeTempDir, MIGRATIONS_DIR } from '../db/test-support/temp-files'

/**
 * The outbox migration on a database made before it: 'approved' (the old name) becomes 'queued',
 * an item left 'sending' becomes 'unknown' (it may have reached Upwork: read back, never resent),
 * the rest keep their state, and the old last error is kept as its code.
 */
const temps: Array<{ cleanup: () => void }> = []
afterEach(() => temps.splice(0).forEach((t) => t.cleanup()))

function migrationsUpTo(dir: string, names: string[]): string {
  const target = join(dir, `migrations-${names.length}`)
  mkdirSync(target)
  for (const name of names) cpSync(join(MIGRATIONS_DIR, name), join(target, name), { recursive: true })
  return target
}

describe('outbox migration', () => {
  it('maps the old states and keeps the rows', async () => {
    const temp = makeTempDir('gigpilot-outbox-migration-')
    temps.push(temp)
    const file = join(temp.dir, 'gigpilot.db')
    const before = ['20261128000000_init', '20261201105809_discovery']
    const old = await openDatabase({ file, migrationsDir: migrationsUpTo(temp.dir, before), appVersion: 'old' })
    const at = toSqlDateTime(Date.UTC(2026, 11, 1))
    for (const [key, state, error] of [['k-approved', 'approved', null], ['k-sending', 'sending', null], ['k-sent', 'sent', null], ['k-failed', 'failed', 'network']] as const) {
      await old.client.execute({
        sql: `INSERT INTO "OutboxItem" ("kind", "payload", "idempotencyKey", "state", "lastError", "createdAt", "updatedAt") VALUES ('message', '{}', ?, ?, ?, ?, ?)`,
        args: [key, state, error, at, at]
      })
    }
    await old.close()

    const db = await openDatabase({ file, migrationsDir: migrationsUpTo(temp.dir, [...before, '20261201114900_outbox']), appVersion: 'new' })
    const rows = await db.client.execute(`SELECT "idempotencyKey", "state", "lastErrorCode" FROM "OutboxItem" ORDER BY "id"`)
    expect(rows.rows.map((r) => ({ ...r }))).toEqual([
      { idempotencyKey: 'k-approved', state: 'queued', lastErrorCode: null },
      { idempotencyKey: 'k-sending', state: 'unknown', lastErrorCode: null },
      { idempotencyKey: 'k-sent', state: 'sent', lastErrorCode: null },
      { idempotencyKey: 'k-failed', state: 'failed', lastErrorCode: 'network' }
    ])
    const defaults = await db.client.execute(`SELECT "dflt_value" FROM pragma_table_info('OutboxItem') WHERE "name" = 'state'`)
    expect(defaults.rows[0]?.dflt_value).toBe("'queued'")
    await db.close()
  })
})
