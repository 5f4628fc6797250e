import { statSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DatabaseWorkerError } from '../errors'
import { openDatabase, type BulkWriteOptions, type Database } from '../open-database'
import { readClientPragmas } from '../pragmas'
import { makeTempDir, MIGRATIONS_DIR } from '../test-support/temp-files'

const EXPECTED_PRAGMAS = { busyTimeout: 5000, journalMode: 'wal', foreignKeys: 1, synchronous: 2 }
const AT = '2026-11-28T00:00:00.000+00:00'
const insertState = (key: string): { sql: string; args: string[] } => ({
  sql: `INSERT INTO "AppState" ("key", "value", "updatedAt") VALUES (?, '1', ?)`,
  args: [key, AT]
})

describe('the database worker', () => {
  let temp: ReturnType<typeof makeTempDir>
  let db: Database
  beforeEach(async () => {
    temp = makeTempDir()
    db = await openDatabase({ file: join(temp.dir, 'gigpilot.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
  })
  afterEach(async () => {
    await db.close()
    temp.cleanup()
  })

  it('runs SQLite off the main thread: timers keep ticking during a long statement', async () => {
    let ticks = 0
    let maxGap = 0
    let last = performance.now()
    const timer = setInterval(() => {
      const now = performance.now()
      maxGap = Math.max(maxGap, now - last)
      last = now
      ticks++
    }, 1)
    try {
      const started = performance.now()
      // A statement that keeps SQLite busy for a few hundred ms.
      const { rows } = await db.client.execute('WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 3000000) SELECT count(*) AS n FROM c')
      const took = performance.now() - started
      expect(rows[0]?.n).toBe(3_000_000)
      expect(took).toBeGreaterThan(100) // it really was long…
      // …and the main thread's timers ran all along (on the main thread, one gap would span all of it;
      // the bound is loose because a loaded machine can deschedule the thread for a while).
      expect(maxGap, `longest timer gap ${maxGap} ms during a ${took} ms statement`).toBeLessThan(took / 3)
      expect(ticks, `${ticks} ticks`).toBeGreaterThan(10)
    } finally {
      clearInterval(timer)
    }
  })

  it('commits bulk writes at the durability asked for: refetchable → synchronous=NORMAL, user → FULL; the default stays FULL', async () => {
    const synchronousDuring = async (durability: BulkWriteOptions['durability']): Promise<unknown> => {
      const [, during] = await db.bulkWrite(
        [
          { sql: `INSERT INTO "AppState" ("key", "value", "updatedAt") VALUES (?, '1', ?)`, argsList: [[`k-${durability}`, AT]] },
          { sql: 'PRAGMA synchronous', argsList: [[]], returnRows: true }
        ],
        { durability }
      )
      return during?.rows[0]?.[0]
    }
    expect(await synchronousDuring('refetchable')).toBe(1)
    expect(await readClientPragmas(db.client)).toEqual(EXPECTED_PRAGMAS)
    expect(await synchronousDuring('user')).toBe(2)
    expect(await readClientPragmas(db.client)).toEqual(EXPECTED_PRAGMAS)
    expect(await db.prisma.appState.count()).toBe(2)
  })

  it('checkpoints after bulk writes past 20,000 rows by the next bulk write (the WAL stays bounded), not waiting for quiet', async () => {
    const file = join(temp.dir, 'gigpilot.db')
    const before = statSync(file).size
    const rows = Array.from({ length: 21_000 }, (_, i) => [`key-${i}`, AT])
    await db.bulkWrite([{ sql: `INSERT INTO "AppState" ("key", "value", "updatedAt") VALUES (?, 'some value', ?)`, argsList: rows }], { durability: 'refetchable' })
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(1_000_000)
    // The next bulk write is served after the checkpoint: the rows are in the database file itself.
    await db.bulkWrite([{ sql: `INSERT INTO "AppState" ("key", "value", "updatedAt") VALUES (?, '1', ?)`, argsList: [['next', AT]] }], { durability: 'refetchable' })
    expect(statSync(file).size - before).toBeGreaterThan(800_000)
    expect(await db.prisma.appState.count()).toBe(21_001)
  })

  it('rolls a failed bulk write back whole and restores the connection defaults', async () => {
    const failed = db.bulkWrite(
      [{ sql: `INSERT INTO "AppState" ("key", "value", "updatedAt") VALUES (?, '1', ?)`, argsList: [['a', AT], ['b', AT], ['a', AT]] }],
      { durability: 'refetchable' }
    )
    await expect(failed).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT' })
    expect(await db.prisma.appState.count()).toBe(0)
    expect(await readClientPragmas(db.client)).toEqual(EXPECTED_PRAGMAS)
  })

  it('holds a bulk write back while a Prisma transaction is open, and never runs it inside that transaction', async () => {
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let txStarted!: () => void
    const started = new Promise<void>((resolve) => (txStarted = resolve))
    let bulkDone = false
    let seenInTx: { keys: string[]; bulkDone: boolean } | undefined
    const tx = db.prisma
      .$transaction(async (t) => {
        await t.appState.create({ data: { key: 'in-tx', value: '1' } })
        txStarted()
        await held
        // Sent after the bulk write, so the worker sees it after the bulk write arrived.
        seenInTx = { keys: (await t.appState.findMany()).map((r) => r.key), bulkDone }
        throw new Error('undo the transaction')
      })
      .catch((e: unknown) => e)
    await started
    const bulk = db
      .bulkWrite([{ sql: insertState('bulk').sql, argsList: [insertState('bulk').args] }], { durability: 'refetchable' })
      .then(() => (bulkDone = true))
    release()
    expect(await tx).toBeInstanceOf(Error)
    await bulk
    expect(seenInTx).toEqual({ keys: ['in-tx'], bulkDone: false }) // not run inside, nor before the transaction ended
    // The rolled-back transaction did not take the bulk row with it.
    expect((await db.prisma.appState.findMany()).map((r) => r.key)).toEqual(['bulk'])
  })

  it('fails pending calls with DatabaseWorkerError when the worker dies, then starts a new one with the same settings', async () => {
    await db.client.execute(insertState('before').sql, insertState('before').args)
    const startsBefore = db.worker.starts
    const crashed = db.worker.simulateCrashForTest()
    const pending = db.client.execute('SELECT 1')
    await expect(pending).rejects.toBeInstanceOf(DatabaseWorkerError)
    await expect(pending).rejects.toMatchObject({ code: 'DB_WORKER_FAILED', userFacing: true })
    await crashed

    expect(await readClientPragmas(db.client)).toEqual(EXPECTED_PRAGMAS)
    expect(db.worker.starts).toBe(startsBefore + 1)
    expect((await db.prisma.appState.findMany()).map((r) => r.key)).toEqual(['before'])
  })

  it('ends a transaction that was open when the worker died (SQLite rolled it back) instead of going on outside it', async () => {
    const tx = await db.client.transaction('write')
    await tx.execute(insertState('lost').sql.replace('?, ', "'lost', ").replace(', ?)', `, '${AT}')`))
    await db.worker.simulateCrashForTest()
    await expect(tx.execute(insertState('after').sql.replace('?, ', "'after', ").replace(', ?)', `, '${AT}')`))).rejects.toBeInstanceOf(DatabaseWorkerError)
    await expect(tx.commit()).rejects.toThrow()
    // The lock was released and the new connection can write (no lock left behind by the dead one).
    await db.prisma.appState.create({ data: { key: 'next', value: '1' } })
    expect((await db.prisma.appState.findMany()).map((r) => r.key)).toEqual(['next'])
  })

  it('closes cleanly: the WAL is folded into the file, the worker ends, later calls fail plainly', async () => {
    await db.client.execute(insertState('x').sql, insertState('x').args)
    await db.close()
    await expect(db.client.execute('SELECT 1')).rejects.toMatchObject({ code: 'CLIENT_CLOSED' })
    await db.close() // twice is fine
  })
})
