import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import type { Client } from '@libsql/client'
import { MAX_ROWS_PER_BATCH, runInBatches } from '../../src/main/db/batches'
import { PrismaClient } from '../../src/main/db/generated/client'
import { openDatabase } from '../../src/main/db/open-database'
import { CONNECTION_PRAGMAS } from '../../src/main/db/pragmas'
import { JobsRepository, jobsUpsertStatement, ROWS_PER_STATEMENT } from '../../src/main/db/repositories/jobs-repository'
import type { JobUpsertInput } from '../../src/main/db/types'
import { openBetterSqlite, type BetterSqliteDatabase, type BetterSqliteStatement } from './better-sqlite3'

/** What the bench does with each driver; both run the same SQL and the same Prisma schema. */
export interface AdapterUnderTest {
  name: string
  prisma: PrismaClient
  /** The ingest path: ≤MAX_ROWS_PER_BATCH rows per transaction, event loop served between batches. Returns the slowest batch. */
  batchedUpsert(jobs: JobUpsertInput[], now: number): Promise<{ maxBatchMs: number }>
  /** For contrast: everything in one transaction. */
  singleTransactionUpsert(jobs: JobUpsertInput[], now: number): Promise<void>
  /** A page of 50 newest jobs through the driver, without Prisma. */
  rawPage(): Promise<number>
  close(): Promise<void>
}

export const PAGE_SQL = 'SELECT * FROM "Job" ORDER BY "publishedAt" DESC, "id" DESC LIMIT 50'

/** The app's own path: openDatabase (libsql, single-connection clients, migrations) + JobsRepository. */
export async function openLibsqlUnderTest(file: string, migrationsDir: string): Promise<AdapterUnderTest> {
  const db = await openDatabase({ file, migrationsDir, appVersion: 'bench' })
  let maxBatchMs = 0
  // Times each transaction the repository sends, without changing what it sends.
  const timed: Client = new Proxy(db.client, {
    get(target, property, receiver) {
      if (property === 'batch') {
        return async (...args: Parameters<Client['batch']>) => {
          const t0 = performance.now()
          try {
            return await target.batch(...args)
          } finally {
            maxBatchMs = Math.max(maxBatchMs, performance.now() - t0)
          }
        }
      }
      const value: unknown = Reflect.get(target, property, receiver)
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    }
  })
  return {
    name: 'libsql',
    prisma: db.prisma,
    async batchedUpsert(jobs, now) {
      maxBatchMs = 0
      await new JobsRepository({ prisma: db.prisma, client: timed }, { now: () => now }).upsertMany(jobs)
      return { maxBatchMs }
    },
    async singleTransactionUpsert(jobs, now) {
      const statements = []
      for (let i = 0; i < jobs.length; i += ROWS_PER_STATEMENT) statements.push(jobsUpsertStatement(jobs.slice(i, i + ROWS_PER_STATEMENT), now))
      await db.client.batch(statements, 'write')
    },
    async rawPage() {
      return (await db.client.execute(PAGE_SQL)).rows.length
    },
    close: () => db.close()
  }
}

/**
 * better-sqlite3 set up the same way: same pragmas on both connections (raw and Prisma's), the
 * shipped migration SQL, the same upsert SQL in the same batches.
 */
export async function openBetterSqlite3UnderTest(file: string, migrationsDir: string): Promise<AdapterUnderTest> {
  const raw = openBetterSqlite(file)
  for (const pragma of [CONNECTION_PRAGMAS[0]!, 'PRAGMA journal_mode = WAL', ...CONNECTION_PRAGMAS.slice(1)]) raw.exec(pragma)
  for (const dir of readdirSync(migrationsDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    raw.exec(readFileSync(join(migrationsDir, dir, 'migration.sql'), 'utf8'))
  }
  const factory = new PrismaBetterSqlite3({ url: file, timeout: 5000 }, { timestampFormat: 'iso8601' })
  const prisma = new PrismaClient({
    adapter: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => {
        const adapter = await factory.connect()
        await adapter.executeScript(CONNECTION_PRAGMAS.join(';\n'))
        return adapter
      }
    }
  })
  await prisma.$connect()
  const statements = new Map<string, BetterSqliteStatement>()
  const prepare = (db: BetterSqliteDatabase, sql: string): BetterSqliteStatement => {
    let stmt = statements.get(sql)
    if (!stmt) statements.set(sql, (stmt = db.prepare(sql)))
    return stmt
  }
  const upsertBatch = (batch: JobUpsertInput[], now: number): void => {
    const ids = batch.map((j) => j.upworkId)
    prepare(raw, `SELECT "upworkId" FROM "Job" WHERE "upworkId" IN (${ids.map(() => '?').join(', ')})`).all(...ids)
    for (let i = 0; i < batch.length; i += ROWS_PER_STATEMENT) {
      const { sql, args } = jobsUpsertStatement(batch.slice(i, i + ROWS_PER_STATEMENT), now)
      prepare(raw, sql).all(...args)
    }
  }
  const inTransaction = raw.transaction((batches: JobUpsertInput[][], now: number) => {
    for (const batch of batches) upsertBatch(batch, now)
  })
  return {
    name: 'better-sqlite3',
    prisma,
    async batchedUpsert(jobs, now) {
      let maxBatchMs = 0
      await runInBatches(jobs, MAX_ROWS_PER_BATCH, (batch) => {
        const t0 = performance.now()
        inTransaction([batch], now)
        maxBatchMs = Math.max(maxBatchMs, performance.now() - t0)
      })
      return { maxBatchMs }
    },
    async singleTransactionUpsert(jobs, now) {
      const batches: JobUpsertInput[][] = []
      for (let i = 0; i < jobs.length; i += MAX_ROWS_PER_BATCH) batches.push(jobs.slice(i, i + MAX_ROWS_PER_BATCH))
      inTransaction(batches, now)
    },
    async rawPage() {
      return prepare(raw, PAGE_SQL).all().length
    },
    async close() {
      await prisma.$disconnect()
      raw.exec('PRAGMA wal_checkpoint(TRUNCATE)')
      raw.close()
    }
  }
}
