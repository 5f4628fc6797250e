/**
 * The database worker: a `worker_threads` thread that owns GigPilot's only SQLite connection
 * (the `libsql` package: better-sqlite3's synchronous API, N-API prebuilt for Node and Electron).
 * Every statement — Prisma's, raw SQL, migrations, bulk ingest — runs here, so SQLite's CPU
 * work, its fsyncs and its busy handler (which sleeps the calling thread) never hold up the main
 * thread's event loop. The main side is DatabaseWorker (database-worker.ts); the messages are in
 * protocol.ts. Requests are served one at a time, in order.
 *
 * Built as its own entry (electron.vite.config.ts → out/main/db-worker.js); from TypeScript
 * source it is loaded through source-bootstrap.mjs.
 */
import { Buffer } from 'node:buffer'
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'libsql'
import type { BulkStatement, BulkStatementResult, Durability, WireArgs, WireError, WireResultSet, WireStatement, WorkerInit, WorkerReply, WorkerRequest } from './protocol'

type Connection = InstanceType<typeof Database>
type Statement = ReturnType<Connection['prepare']>

const init = workerData as WorkerInit
const port = parentPort
if (!port) throw new Error('db-worker.ts runs as a worker thread only')

let db: Connection | null = null

/** Opened on the first request, so that an open failure is that request's error (openDatabase classifies it). */
function connection(): Connection {
  if (db) return db
  const opened = new Database(init.file, { timeout: init.busyTimeoutMs })
  try {
    for (const pragma of init.pragmas) opened.exec(pragma)
  } catch (e) {
    opened.close()
    throw e
  }
  db = opened
  return opened
}

/**
 * Bulk writes do not take the main side's lock (so the main thread can stream the next slice
 * while this one is written), and they yield to everything else: they wait in `bulks` and run one
 * at a time from setImmediate, i.e. after every message already received has been served. So a
 * UI query waits for at most the one bulk transaction in progress, not for the queued slices.
 * A bulk write never starts while a transaction is open (a Prisma interactive transaction between
 * its BEGIN and COMMIT): it waits for that transaction's end. `close` queues behind the bulk writes.
 * Consequence for callers: a query is not ordered after a bulk write still in flight; await it.
 */
const bulks: WorkerRequest[] = []
let bulkScheduled = false

port.on('message', (request: WorkerRequest) => {
  if (request.op === 'bulk' || (request.op === 'close' && bulks.length > 0)) bulks.push(request)
  else serve(request)
  scheduleBulk()
})

function scheduleBulk(): void {
  if (bulkScheduled || bulks.length === 0) return
  bulkScheduled = true
  setImmediate(() => {
    bulkScheduled = false
    // In a transaction: resumes when its next request (in the end its COMMIT or ROLLBACK) arrives.
    if (db?.inTransaction) return
    serve(bulks.shift()!)
    scheduleBulk()
  })
}

function serve(request: WorkerRequest): void {
  let reply: WorkerReply
  try {
    reply = { id: request.id, ok: true, value: handle(request) }
  } catch (e) {
    reply = { id: request.id, ok: false, error: toWireError(e) }
  }
  port!.postMessage(reply)
  if (request.op === 'close' && reply.ok) port!.close()
}

function handle(request: WorkerRequest): unknown {
  switch (request.op) {
    case 'execute':
      return execute(connection(), request.stmt)
    case 'batch':
      return inTransaction(connection(), BEGIN[request.mode], (c) => request.stmts.map((s, i) => atIndex(i, () => execute(c, s))))
    case 'migrate': {
      const c = connection()
      c.exec('PRAGMA foreign_keys=off')
      try {
        return inTransaction(c, BEGIN.deferred, () => request.stmts.map((s, i) => atIndex(i, () => execute(c, s))))
      } finally {
        c.exec('PRAGMA foreign_keys=on')
      }
    }
    case 'executeMultiple': {
      const c = connection()
      try {
        c.exec(request.sql)
      } finally {
        // As @libsql/client does: a script never leaves a transaction open behind it.
        if (c.inTransaction) c.exec('ROLLBACK')
      }
      return null
    }
    case 'bulk':
      return bulk(connection(), request.statements, request.durability)
    case 'close':
      clearTimeout(quietCheckpoint)
      if (db) {
        // Fold the WAL into the file: after close, the database file alone holds everything.
        db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
        db.close()
        db = null
      }
      return null
    case 'crash':
      process.exit(70)
  }
}

const BEGIN = { write: 'BEGIN IMMEDIATE', read: 'BEGIN TRANSACTION READONLY', deferred: 'BEGIN DEFERRED' } as const

function inTransaction<T>(c: Connection, begin: string, fn: (c: Connection) => T): T {
  c.exec(begin)
  try {
    const result = fn(c)
    c.exec('COMMIT')
    return result
  } finally {
    if (c.inTransaction) c.exec('ROLLBACK')
  }
}

/**
 * A bulk write: every statement prepared once and run for each of its argument lists, all in one
 * IMMEDIATE transaction, committed with the durability asked for (then the connection's default
 * is restored). The caller keeps a transaction's size bounded (the main thread's other queries
 * wait behind it).
 */
function bulk(c: Connection, statements: BulkStatement[], durability: Durability): BulkStatementResult[] {
  const changed = durability !== 'user'
  if (changed) c.exec(`PRAGMA synchronous = ${init.synchronous[durability]}`)
  c.exec('PRAGMA wal_autocheckpoint = 0')
  try {
    const results = inTransaction(c, BEGIN.write, () =>
      statements.map((s, i) =>
        atIndex(i, () => {
          const prepared = c.prepare(s.sql)
          prepared.safeIntegers(true)
          const result: BulkStatementResult = { columns: [], rows: [], rowsAffected: 0 }
          if (s.returnRows) {
            prepared.raw(true)
            result.columns = prepared.columns().map((col) => col.name)
            for (const args of s.argsList) for (const row of prepared.all(toSqlArgs(args)) as unknown[][]) result.rows.push(row.map(fromSql))
          } else {
            for (const args of s.argsList) result.rowsAffected += prepared.run(toSqlArgs(args)).changes
          }
          return result
        })
      )
    )
    rowsSinceCheckpoint += results.reduce((n, r) => n + r.rowsAffected + r.rows.length, 0)
    return results
  } finally {
    c.exec(`PRAGMA wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`)
    if (changed) c.exec(`PRAGMA synchronous = ${init.synchronous.user}`)
    scheduleCheckpoint(c)
  }
}

/**
 * Checkpoints after bulk writes. SQLite's automatic checkpoint (at a commit that finds ≥1,000 WAL
 * pages) would copy a bulk transaction's pages into the file inside that commit — measured, a
 * fifth of a 10,000-job write. Bulk writes turn it off and checkpoint instead once the worker has
 * been idle for QUIET_CHECKPOINT_MS, or after MAX_ROWS_BEFORE_CHECKPOINT rows written, so the WAL
 * stays bounded under a sustained ingest (20,000 jobs ≈ 35 MB of WAL). That one runs right after
 * the bulk write's reply is posted (setImmediate), before the next bulk write: the caller of the
 * write that crossed the line does not wait for it (measured: 80–140 ms on a busy machine, inside
 * the last slice of a 10,000-job ingest); the next bulk write does (a query may go first). Other writes keep the automatic checkpoint.
 */
const WAL_AUTOCHECKPOINT_PAGES = 1000
const QUIET_CHECKPOINT_MS = 100
const MAX_ROWS_BEFORE_CHECKPOINT = 20_000
let rowsSinceCheckpoint = 0
let quietCheckpoint: NodeJS.Timeout | undefined

function scheduleCheckpoint(c: Connection): void {
  clearTimeout(quietCheckpoint)
  const checkpoint = (): void => {
    // A transaction opened meanwhile (between the reply and this): checkpoint when quiet instead.
    if (db === c && c.inTransaction) {
      quietCheckpoint = setTimeout(checkpoint, QUIET_CHECKPOINT_MS)
      return
    }
    rowsSinceCheckpoint = 0
    try {
      if (db === c && !c.inTransaction) c.exec('PRAGMA wal_checkpoint(PASSIVE)')
    } catch {
      // Not fatal: SQLite checkpoints again at a later commit (or at close).
    }
  }
  // setImmediate: after this reply is posted and before the next bulk write (queued behind it); a
  // close served first leaves nothing to do (db is no longer c).
  if (rowsSinceCheckpoint >= MAX_ROWS_BEFORE_CHECKPOINT) setImmediate(checkpoint)
  else quietCheckpoint = setTimeout(checkpoint, QUIET_CHECKPOINT_MS)
}

/** One statement, with @libsql/client's result shape and its rules (intMode "number"). */
function execute(c: Connection, stmt: WireStatement): WireResultSet {
  const prepared: Statement = c.prepare(stmt.sql)
  prepared.safeIntegers(true)
  let returnsData = true
  try {
    prepared.raw(true)
  } catch {
    // raw() throws for a statement that returns no data
    returnsData = false
  }
  const args = toSqlArgs(stmt.args)
  if (returnsData) {
    const columns = prepared.columns()
    return {
      columns: columns.map((col) => col.name),
      columnTypes: columns.map((col) => col.type ?? ''),
      rows: (prepared.all(args) as unknown[][]).map((row) => row.map(fromSql)),
      rowsAffected: 0,
      lastInsertRowid: null
    }
  }
  const info = prepared.run(args)
  return { columns: [], columnTypes: [], rows: [], rowsAffected: info.changes, lastInsertRowid: BigInt(info.lastInsertRowid) }
}

function toSqlArgs(args: WireArgs): unknown[] | Record<string, unknown> {
  // Bulk writes bind thousands of values per statement: copy the list only when a blob needs converting.
  if (Array.isArray(args)) return args.some((v) => v instanceof ArrayBuffer) ? args.map(toSql) : args
  const named: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(args)) named[/^[:@$]/.test(name) ? name.slice(1) : name] = toSql(value)
  return named
}

function toSql(value: unknown): unknown {
  if (value instanceof ArrayBuffer) return Buffer.from(value)
  return value
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER)
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

function fromSql(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value < MIN_SAFE || value > MAX_SAFE) throw new RangeError('Received integer which cannot be safely represented as a JavaScript number')
    return Number(value)
  }
  if (value instanceof Uint8Array) return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength)
  return value
}

function atIndex<T>(index: number, fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    if (e && typeof e === 'object') (e as { statementIndex?: number }).statementIndex ??= index
    throw e
  }
}

/** SQLite's primary result codes (rawCode & 0xff), named as @libsql/client names them. */
const BASE_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR', 2: 'SQLITE_INTERNAL', 3: 'SQLITE_PERM', 4: 'SQLITE_ABORT', 5: 'SQLITE_BUSY', 6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM', 8: 'SQLITE_READONLY', 9: 'SQLITE_INTERRUPT', 10: 'SQLITE_IOERR', 11: 'SQLITE_CORRUPT',
  12: 'SQLITE_NOTFOUND', 13: 'SQLITE_FULL', 14: 'SQLITE_CANTOPEN', 15: 'SQLITE_PROTOCOL', 16: 'SQLITE_EMPTY',
  17: 'SQLITE_SCHEMA', 18: 'SQLITE_TOOBIG', 19: 'SQLITE_CONSTRAINT', 20: 'SQLITE_MISMATCH', 21: 'SQLITE_MISUSE',
  22: 'SQLITE_NOLFS', 23: 'SQLITE_AUTH', 24: 'SQLITE_FORMAT', 25: 'SQLITE_RANGE', 26: 'SQLITE_NOTADB',
  27: 'SQLITE_NOTICE', 28: 'SQLITE_WARNING'
}

function toWireError(e: unknown): WireError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) }
  const { code, rawCode, statementIndex } = e as { code?: unknown; rawCode?: unknown; statementIndex?: number }
  const wire: WireError = { name: e.name, message: e.message }
  if (statementIndex !== undefined) wire.statementIndex = statementIndex
  if (e instanceof Database.SqliteError || typeof rawCode === 'number') {
    wire.rawCode = typeof rawCode === 'number' ? rawCode : undefined
    wire.extendedCode = typeof code === 'string' ? code : undefined
    wire.code = wire.rawCode === undefined ? 'SQLITE_UNKNOWN' : (BASE_CODES[wire.rawCode & 0xff] ?? `SQLITE_UNKNOWN_${wire.rawCode & 0xff}`)
  }
  return wire
}
