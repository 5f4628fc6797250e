import {
  createClient,
  type Client,
  type Config,
  type InArgs,
  type InStatement,
  type Replicated,
  type ResultSet,
  type Transaction,
  type TransactionMode
} from '@libsql/client'
import { DatabaseWorkerError } from './errors'
import { splitSqlStatements } from './sql-split'

/**
 * A libsql `Client` over exactly one SQLite connection, for the whole life of the client.
 *
 * Why not @libsql/client's own local client: its `transaction()` hands the current connection to
 * the transaction and silently opens a *new* connection for the client's next statement
 * (measured: @libsql/client 0.17.4). That new connection has none of our per-connection settings
 * (busy_timeout, foreign_keys, synchronous are per connection), and the old one is never closed —
 * one leaked connection (a file descriptor and a page cache) per transaction until garbage
 * collection, and a late close can checkpoint the WAL after we believe the database is closed.
 * Prisma's libsql adapter starts such a transaction for every `$transaction`.
 *
 * Here, `transaction()` runs BEGIN on the same connection and holds a lock until COMMIT/ROLLBACK;
 * every other call waits for the lock — asynchronously, the event loop keeps running — so nothing
 * runs inside someone else's transaction. The app's Prisma client and its raw SQL share one such
 * client (open-database.ts explains why). Inside a transaction, use the transaction object (or
 * Prisma's `tx`), never the client itself: it would wait for the lock its own transaction holds.
 *
 * `init` statements (the pragmas) run before the first statement and again after `reconnect()`.
 *
 * The inner client is either @libsql/client's local one (built from a `Config`) or any other
 * `Client` on one connection — the app passes its DatabaseWorker (worker/database-worker.ts). An
 * inner client with an `epoch` (a number that changes when its connection is replaced, e.g. a
 * restarted worker) makes an open transaction fail instead of going on outside any transaction.
 */
export class SingleConnectionClient implements Client {
  readonly protocol = 'file'
  readonly #inner: Client
  readonly #init: readonly string[]
  readonly #lock = new Lock()
  #initialized = false

  constructor(configOrClient: Config | Client, init: readonly string[] = []) {
    this.#inner = 'execute' in configOrClient ? configOrClient : createClient(configOrClient)
    this.#init = init
  }

  /**
   * Runs `fn` while holding the connection: no statement, batch or transaction of anyone else runs
   * until it settles. For work that talks to the inner connection by another way (bulk writes).
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.#locked(fn)
  }

  get closed(): boolean {
    return this.#inner.closed
  }

  execute(stmt: InStatement): Promise<ResultSet>
  execute(sql: string, args?: InArgs): Promise<ResultSet>
  execute(stmtOrSql: InStatement, args?: InArgs): Promise<ResultSet> {
    const stmt: InStatement = typeof stmtOrSql === 'string' && args !== undefined ? { sql: stmtOrSql, args } : stmtOrSql
    return this.#locked(() => this.#inner.execute(stmt))
  }

  /**
   * All statements in one transaction, executed synchronously: no other work can interleave.
   * Keep batches short (batches.ts): the thread is blocked until the batch commits.
   */
  batch(stmts: Array<InStatement | [string, InArgs?]>, mode: TransactionMode = 'write'): Promise<ResultSet[]> {
    return this.#locked(() => this.#inner.batch(stmts, mode === 'read' ? 'read' : 'write'))
  }

  migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.#locked(() => this.#inner.migrate(stmts))
  }

  /** Runs a script outside any transaction (libsql rolls back a transaction left open by it). */
  executeMultiple(sql: string): Promise<void> {
    return this.#locked(() => this.#inner.executeMultiple(sql))
  }

  async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    const release = await this.#lock.acquire()
    try {
      await this.#ensureInitialized()
      await this.#inner.execute(beginStatement(mode))
    } catch (e) {
      release()
      throw e
    }
    return new SameConnectionTransaction(this.#inner, release, epochOf(this.#inner))
  }

  sync(): Promise<Replicated> {
    return this.#locked(() => this.#inner.sync())
  }

  close(): void {
    this.#inner.close()
  }

  reconnect(): void {
    this.#initialized = false
    void this.#inner.reconnect()
  }

  async #ensureInitialized(): Promise<void> {
    if (this.#initialized) return
    for (const sql of this.#init) await this.#inner.execute(sql)
    this.#initialized = true
  }

  async #locked<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.#lock.acquire()
    try {
      await this.#ensureInitialized()
      return await fn()
    } finally {
      release()
    }
  }
}

/**
 * 'deferred' becomes IMMEDIATE too. Prisma's adapter asks for deferred transactions; in WAL mode a
 * deferred transaction that reads and then writes fails at once with SQLITE_BUSY_SNAPSHOT when the
 * other connection committed in between — busy_timeout cannot help there. IMMEDIATE takes the write
 * lock at BEGIN, where busy_timeout does wait. Only 'read' stays deferred.
 */
function beginStatement(mode: TransactionMode): string {
  return mode === 'read' ? 'BEGIN DEFERRED' : 'BEGIN IMMEDIATE'
}

const epochOf = (client: Client): number | undefined => (client as { epoch?: unknown }).epoch as number | undefined

/** A transaction on the client's own connection; releases the client's lock when it ends. */
class SameConnectionTransaction implements Transaction {
  #open = true

  constructor(
    private readonly conn: Client,
    private readonly release: () => void,
    /** The inner connection's epoch at BEGIN: if it changes, this transaction is gone. */
    private readonly epoch: number | undefined
  ) {}

  get closed(): boolean {
    return !this.#open
  }

  async execute(stmt: InStatement): Promise<ResultSet> {
    this.#checkOpen()
    return this.conn.execute(stmt)
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    const results: ResultSet[] = []
    for (const stmt of stmts) results.push(await this.execute(stmt))
    return results
  }

  /** Statement by statement, so the script stays inside this transaction. */
  async executeMultiple(sql: string): Promise<void> {
    for (const stmt of splitSqlStatements(sql)) await this.execute(stmt)
  }

  async commit(): Promise<void> {
    this.#checkOpen()
    try {
      await this.conn.execute('COMMIT')
    } catch (e) {
      // A failed COMMIT (busy, deferred foreign key) leaves the transaction open: undo it.
      await this.#end('ROLLBACK')
      throw e
    }
    this.#finish()
  }

  async rollback(): Promise<void> {
    if (!this.#open) return
    await this.#end('ROLLBACK')
  }

  close(): void {
    if (this.#open) void this.#end('ROLLBACK')
  }

  async #end(sql: string): Promise<void> {
    try {
      await this.conn.execute(sql)
    } catch {
      // "no transaction is active": SQLite already rolled back (e.g. after SQLITE_FULL); nothing to undo.
    } finally {
      this.#finish()
    }
  }

  #finish(): void {
    if (!this.#open) return
    this.#open = false
    this.release()
  }

  #checkOpen(): void {
    if (!this.#open) throw new Error('The transaction is closed')
    if (epochOf(this.conn) !== this.epoch) {
      // The connection was replaced (the database worker restarted): SQLite rolled this
      // transaction back, so nothing more may run as if it were still open.
      this.#finish()
      throw new DatabaseWorkerError('a transaction was lost because the database worker restarted')
    }
  }
}

/** A first-come, first-served async lock. */
class Lock {
  #tail: Promise<void> = Promise.resolve()

  acquire(): Promise<() => void> {
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const previous = this.#tail
    this.#tail = previous.then(() => held)
    return previous.then(() => release)
  }
}
