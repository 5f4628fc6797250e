import { chmod, mkdir, open, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { PrismaLibSql } from '@prisma/adapter-libsql'
import type { Client } from '@libsql/client'
import type { Logger } from '../logging/logger'
import { listBackups } from './backup'
import { PrismaClient } from './generated/client'
import { DatabaseCorruptError, DatabaseError, DatabaseFeatureMissingError, DatabaseOpenError } from './errors'
import { readMigrationFiles } from './migration-files'
import { applyMigrations, planMigrations, type MigrationResult } from './migration-runner'
import { BUSY_TIMEOUT_MS, CONNECTION_PRAGMAS, PAGE_SIZE_BYTES, SYNCHRONOUS_BY_DURABILITY } from './pragmas'
import { SingleConnectionClient } from './single-connection-client'
import { DatabaseWorker, type WorkerEntry } from './worker/database-worker'
import type { BulkStatement, BulkStatementResult, Durability } from './worker/protocol'

export type { BulkStatement, BulkStatementResult, Durability } from './worker/protocol'

/** The database file and its WAL/shared-memory files hold the user's data: owner-only, like the rest of the data folder. */
export const DATABASE_FILE_MODE = 0o600

export interface OpenDatabaseOptions {
  /** The SQLite file, e.g. `<userData>/gigpilot.db`. Its folder is created if missing. */
  file: string
  /** The shipped `prisma/migrations` folder. */
  migrationsDir: string
  /** Recorded with each applied migration. */
  appVersion: string
  /** Used as given (the caller scopes it, e.g. logger.child('db')). */
  logger?: Logger
  /** Defaults to `<folder of file>/backups`. */
  backupDir?: string
  keepBackups?: number
  /** Where the worker's script is (default: found beside this module, see findWorkerEntry). */
  workerEntry?: WorkerEntry
}

export interface BulkWriteOptions {
  /** What a commit must survive (protocol.ts): `refetchable` for job postings, `user` for everything the user made. */
  durability: Durability
}

export interface Database {
  /** For everything except hot bulk paths. */
  prisma: PrismaClient
  /**
   * The same connection, for raw SQL. Never call it from inside a Prisma interactive
   * transaction: it waits for that transaction to end (see SingleConnectionClient).
   */
  client: Client
  /**
   * The bulk path (ingest, rescoring, analytics writes): each statement prepared once and run for
   * each of its argument lists, all in ONE transaction in the database worker, committed at the
   * durability asked for. Bulk writes run in the order sent, never inside another transaction (one
   * open when a bulk write is due is finished first), and other queries go first: one sent meanwhile
   * waits (in the event loop) for at most the bulk transaction in progress, so keep one call to a
   * few thousand rows (discovery job-store.ts upsertJobs: INGEST_ROWS_PER_TRANSACTION). A query is NOT ordered after a
   * bulk write still in flight: await the bulk write first.
   */
  bulkWrite(statements: BulkStatement[], options: BulkWriteOptions): Promise<BulkStatementResult[]>
  /** The worker thread that owns the connection (diagnostics and tests). */
  worker: Pick<DatabaseWorker, 'epoch' | 'starts' | 'simulateCrashForTest'>
  file: string
  /** What this start applied. */
  migrations: MigrationResult
  /** Closes the connection and ends the worker; safe to call twice. */
  close(): Promise<void>
}

/**
 * Opens (creating if needed), checks, migrates and returns the database.
 *
 * Where: the one SQLite connection lives in a worker thread (worker/db-worker.ts); Prisma, raw SQL
 * and bulk writes all reach it by message, so no SQLite work runs on the calling (main) thread.
 *
 * Order, and why:
 * 0. The file exists with mode 0600 (created so, or tightened), so SQLite creates -wal/-shm 0600 too.
 *    A zero-byte file is damage when backups exist (DatabaseCorruptError: the start-up dialog offers
 *    the newest backup); with no backup it is used as a new database (logged). Nothing is deleted.
 * 1. busy_timeout first (another connection's lock must not fail the next steps at once).
 * 2. quick_check on an existing file: damage → DatabaseCorruptError, before anything writes.
 * 3. The migration plan (read-only): a newer-version or altered-migration database is refused
 *    before anything writes — even the WAL switch below rewrites the file header.
 * 4. journal_mode=WAL (stored in the file), foreign_keys=ON, synchronous=FULL (pragmas.ts).
 * 5. Pending migrations (verified backup first, one transaction each).
 * 6. The Prisma client, on the SAME connection.
 * Any refusal closes what was opened and leaves the file as it was.
 *
 * Why one connection for Prisma, raw SQL and bulk writes: SQLite's busy handler waits by sleeping
 * the calling thread. With two connections, a statement on one that meets the other's open
 * transaction sleeps its thread for up to busy_timeout (measured on one thread: 5.1 s frozen, then
 * an error; a main-thread writer would freeze the app for as long as a bulk transaction lasts).
 * One connection behind SingleConnectionClient's async lock makes such a caller wait in the event
 * loop instead. busy_timeout still matters against other processes (a second app instance, a
 * backup tool or a database browser holding the file) — and then it is the worker that sleeps.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const file = resolve(options.file)
  const log = options.logger
  const backupDir = options.backupDir ?? join(dirname(file), 'backups')
  let worker: DatabaseWorker
  try {
    worker = new DatabaseWorker(
      { file, busyTimeoutMs: BUSY_TIMEOUT_MS, pragmas: CONNECTION_PRAGMAS, synchronous: SYNCHRONOUS_BY_DURABILITY },
      { logger: log, ...(options.workerEntry ? { entry: options.workerEntry } : {}) }
    )
    // The thread boots while the checks below run; it opens the file only at the first statement.
    worker.start()
  } catch (e) {
    throw classifyOpenError(file, e)
  }
  let existed: boolean
  let migrations: Awaited<ReturnType<typeof readMigrationFiles>>
  try {
    migrations = await readMigrationFiles(options.migrationsDir)
    await mkdir(dirname(file), { recursive: true })
    existed = await checkExistingFile(file, backupDir, log)
    await makePrivate(file)
  } catch (e) {
    await worker.dispose().catch(() => undefined)
    throw e
  }

  // The worker applies the pragmas to each connection it opens (also after a restart).
  const client = new SingleConnectionClient(worker)

  // Prisma's client is built now (its construction and first $connect load the query compiler, ~6–9
  // ms of main-thread work, sending no statement) while the worker thread boots and the checks
  // below run; it is used only after the migrations.
  const prismaReady = connectPrisma(client)
  prismaReady.catch(() => undefined) // awaited below (or disconnected on a refusal)
  let prisma: PrismaClient | null = null
  try {
    if (existed) await quickCheck(client, file)
    // Before anything writes: the jobs' full-text index (a migration) needs FTS5 in this SQLite build.
    await requireFts5(client)
    const plan = await planMigrations(client, migrations)

    // A new file gets 8 KiB pages (SQLite's default is 4 KiB): a job row is ~2 KB (its description),
    // so fewer page splits per insert; measured, the ingest's writes ~1.2× faster (README). Only an
    // empty file can take it (before the WAL switch writes the header); an existing one keeps its size.
    if (!existed) await client.execute(`PRAGMA page_size = ${PAGE_SIZE_BYTES}`)
    const mode = String((await client.execute('PRAGMA journal_mode = WAL')).rows[0]?.[0] ?? '').toLowerCase()
    if (mode !== 'wal') {
      // Some network or virtual file systems cannot share memory for WAL; SQLite keeps its rollback
      // journal, which is just as safe, only slower with concurrent readers.
      log?.warn('database is not in WAL mode; continuing with the rollback journal', { journalMode: mode })
    }

    const result = await applyMigrations(client, plan, {
      dbFile: file,
      backupDir,
      keepBackups: options.keepBackups,
      appVersion: options.appVersion,
      logger: log
    })

    prisma = await prismaReady
    log?.info('database open', { file, applied: result.applied, backup: result.backupFile })

    let closed = false
    const openPrisma = prisma
    return {
      prisma: openPrisma,
      client,
      // Not behind the client's lock: the worker itself holds a bulk write back while a transaction
      // is open, so the caller can send the next slice while this one is written.
      bulkWrite: (statements, { durability }) => worker.bulk(statements, durability),
      worker,
      file,
      migrations: result,
      async close() {
        if (closed) return
        closed = true
        try {
          await openPrisma.$disconnect()
        } finally {
          // Waits for queued statements, then the worker checkpoints the WAL into the file (after
          // close() the database file alone holds everything), closes the connection and exits.
          await client.exclusive(() => worker.dispose())
        }
      }
    }
  } catch (e) {
    await (prisma ?? (await prismaReady.catch(() => null)))?.$disconnect().catch(() => undefined)
    await worker.dispose().catch(() => undefined)
    if (e instanceof DatabaseError) {
      log?.error('database refused', { code: e.code, detail: e.detail })
      throw e
    }
    const classified = classifyOpenError(file, e)
    log?.error('database could not be opened', { code: classified.code, detail: classified.detail })
    throw classified
  }
}

async function connectPrisma(client: Client): Promise<PrismaClient> {
  const prisma = new PrismaClient({ adapter: new SharedConnectionLibSqlFactory(client) })
  await prisma.$connect()
  return prisma
}

/**
 * Prisma's libsql adapter on an existing SingleConnectionClient (our pragmas, our lock). Prisma
 * closes its client on $disconnect; the shared connection belongs to Database.close(), so the
 * adapter gets a view whose close() does nothing.
 */
export class SharedConnectionLibSqlFactory extends PrismaLibSql {
  readonly #shared: Client

  constructor(shared: Client) {
    // The config is not used to connect (createClient below returns the shared client).
    // timestampFormat iso8601 is the default; named because raw SQL writes the same form (sql-values.ts).
    super({ url: 'file::shared:' }, { timestampFormat: 'iso8601' })
    this.#shared = shared
  }

  /** Migration tooling's scratch database must never be the user's file. */
  override connectToShadowDb(): never {
    throw new Error('The app database has no shadow database; use the wasm schema engine tooling (test-support) for diffs.')
  }

  override createClient(): Client {
    const shared = this.#shared
    return new Proxy(shared, {
      get(target, property) {
        if (property === 'close') return () => undefined
        const value: unknown = Reflect.get(target, property, target)
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
      }
    })
  }
}

/**
 * Whether there is a database to check (false: a new one is created). A zero-byte file with an
 * empty or no WAL holds nothing: that is damage if backups exist (something emptied the file; the
 * start-up dialog offers the newest backup), and a new database otherwise (first start interrupted
 * before the first write, or a user's `touch`). Nothing is deleted either way.
 */
async function checkExistingFile(file: string, backupDir: string, log: Logger | undefined): Promise<boolean> {
  const size = await sizeOf(file)
  const walSize = (await sizeOf(`${file}-wal`)) ?? 0
  if (size === 0 && walSize === 0) {
    const backups = await listBackups(backupDir)
    if (backups.length > 0) {
      const error = new DatabaseCorruptError(file, [`the file is empty (0 bytes) while ${backups.length} backup(s) exist in ${backupDir}`])
      log?.error('database refused', { code: error.code, detail: error.detail })
      throw error
    }
    log?.warn('database file is empty (0 bytes) and there is no backup: starting a new database in it', { file })
  }
  return (size ?? 0) > 0 || walSize > 0
}

const sizeOf = (path: string): Promise<number | null> =>
  stat(path).then(
    (s) => s.size,
    () => null
  )

/**
 * Creates the file owner-only if missing, and tightens an existing one (and its -wal/-shm) to
 * 0600. SQLite creates -wal and -shm with the database file's permissions, so they follow.
 */
async function makePrivate(file: string): Promise<void> {
  try {
    await (await open(file, 'a', DATABASE_FILE_MODE)).close()
    for (const path of [file, `${file}-wal`, `${file}-shm`]) {
      if ((await sizeOf(path)) !== null && process.platform !== 'win32') await chmod(path, DATABASE_FILE_MODE)
    }
  } catch (e) {
    throw classifyOpenError(file, e)
  }
}

/** Fails loudly when the SQLite build has no FTS5 (the jobs' full-text search): a packaging fault, never silent. */
export async function requireFts5(client: Pick<Client, 'execute'>): Promise<void> {
  const rows = (await client.execute(`SELECT name FROM pragma_module_list WHERE name = 'fts5'`)).rows
  if (rows.length === 0) throw new DatabaseFeatureMissingError('FTS5', 'the libsql/SQLite build has no fts5 module (pragma_module_list)')
}

async function quickCheck(client: Client, file: string): Promise<void> {
  let problems: string[]
  try {
    problems = (await client.execute('PRAGMA quick_check')).rows.map((r) => String(r[0]))
  } catch (e) {
    throw classifyOpenError(file, e)
  }
  if (problems.length !== 1 || problems[0] !== 'ok') throw new DatabaseCorruptError(file, problems)
}

/** SQLite's "not a database" and "malformed" mean damage; anything else is an open failure. */
function classifyOpenError(file: string, e: unknown): DatabaseError {
  if (e instanceof DatabaseError) return e
  const code = typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : ''
  const msg = e instanceof Error ? e.message : String(e)
  if (/SQLITE_(NOTADB|CORRUPT)/.test(code) || /not a database|malformed/i.test(msg)) {
    return new DatabaseCorruptError(file, [msg], { cause: e })
  }
  return new DatabaseOpenError(file, `${code ? code + ': ' : ''}${msg}`, { cause: e })
}
