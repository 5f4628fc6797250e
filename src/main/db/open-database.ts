import { mkdir, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { PrismaLibSql } from '@prisma/adapter-libsql'
import type { Client, Config } from '@libsql/client'
import type { Logger } from '../logging/logger'
import { PrismaClient } from './generated/client'
import { DatabaseCorruptError, DatabaseError, DatabaseOpenError } from './errors'
import { toLibsqlFileUrl } from './libsql-url'
import { readMigrationFiles } from './migration-files'
import { applyMigrations, planMigrations, type MigrationResult } from './migration-runner'
import { BUSY_TIMEOUT_MS, CONNECTION_PRAGMAS } from './pragmas'
import { SingleConnectionClient } from './single-connection-client'

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
}

export interface Database {
  /** For everything except hot bulk paths. */
  prisma: PrismaClient
  /**
   * The same connection, for batched raw SQL (repositories' bulk paths). Write with `batch()`
   * (one short transaction, run synchronously). Never call it from inside a Prisma interactive
   * transaction: it waits for that transaction to end (see SingleConnectionClient).
   */
  client: Client
  file: string
  /** What this start applied. */
  migrations: MigrationResult
  /** Closes both connections; safe to call twice. */
  close(): Promise<void>
}

/**
 * Opens (creating if needed), checks, migrates and returns the database.
 *
 * Order, and why:
 * 1. busy_timeout first (another connection's lock must not fail the next steps at once).
 * 2. quick_check on an existing file: damage → DatabaseCorruptError, before anything writes.
 * 3. The migration plan (read-only): a newer-version or altered-migration database is refused
 *    before anything writes — even the WAL switch below rewrites the file header.
 * 4. journal_mode=WAL (stored in the file), foreign_keys=ON, synchronous=FULL (pragmas.ts).
 * 5. Pending migrations (verified backup first, one transaction each).
 * 6. The Prisma client, on the SAME connection.
 * Any refusal closes what was opened and leaves the file as it was.
 *
 * Why one connection for Prisma and raw SQL: both run on the main thread, and SQLite's busy
 * handler waits by sleeping the thread. With two connections, a statement on one that meets the
 * other's open transaction sleeps the whole process — the holder cannot finish while the thread
 * sleeps — for the full busy_timeout and then fails (measured: 5.1 s frozen, then an error). One
 * connection behind SingleConnectionClient's async lock makes such a caller wait in the event loop
 * instead. busy_timeout still matters against other processes (a second app instance, a backup
 * tool or a database browser holding the file).
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const file = resolve(options.file)
  const log = options.logger
  const migrations = await readMigrationFiles(options.migrationsDir)
  await mkdir(dirname(file), { recursive: true })
  const existed = await stat(file).then(
    (s) => s.size > 0,
    () => false
  )

  const config: Config = { url: toLibsqlFileUrl(file), timeout: BUSY_TIMEOUT_MS, intMode: 'number' }
  let client: SingleConnectionClient
  try {
    client = new SingleConnectionClient(config, CONNECTION_PRAGMAS)
  } catch (e) {
    throw classifyOpenError(file, e)
  }

  let prisma: PrismaClient | null = null
  try {
    if (existed) await quickCheck(client, file)
    const plan = await planMigrations(client, migrations)

    const mode = String((await client.execute('PRAGMA journal_mode = WAL')).rows[0]?.[0] ?? '').toLowerCase()
    if (mode !== 'wal') {
      // Some network or virtual file systems cannot share memory for WAL; SQLite keeps its rollback
      // journal, which is just as safe, only slower with concurrent readers.
      log?.warn('database is not in WAL mode; continuing with the rollback journal', { journalMode: mode })
    }

    const result = await applyMigrations(client, plan, {
      dbFile: file,
      backupDir: options.backupDir ?? join(dirname(file), 'backups'),
      keepBackups: options.keepBackups,
      appVersion: options.appVersion,
      logger: log
    })

    prisma = new PrismaClient({ adapter: new SharedConnectionLibSqlFactory(client) })
    await prisma.$connect()
    log?.info('database open', { file, applied: result.applied, backup: result.backupFile })

    let closed = false
    const openPrisma = prisma
    return {
      prisma: openPrisma,
      client,
      file,
      migrations: result,
      async close() {
        if (closed) return
        closed = true
        try {
          await openPrisma.$disconnect()
          // libsql-js really closes a connection only once its statements are garbage-collected,
          // so SQLite's checkpoint-on-close happens at an unknown later time. Fold the WAL into
          // the file now: after close() the database file alone holds everything.
          await client.execute('PRAGMA wal_checkpoint(TRUNCATE)')
        } finally {
          client.close()
        }
      }
    }
  } catch (e) {
    await prisma?.$disconnect().catch(() => undefined)
    client.close()
    if (e instanceof DatabaseError) {
      log?.error('database refused', { code: e.code, detail: e.detail })
      throw e
    }
    const classified = classifyOpenError(file, e)
    log?.error('database could not be opened', { code: classified.code, detail: classified.detail })
    throw classified
  }
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
