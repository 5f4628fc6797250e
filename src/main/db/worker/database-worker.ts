import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import {
  LibsqlBatchError,
  LibsqlError,
  type Client,
  type InArgs,
  type InStatement,
  type InValue,
  type Replicated,
  type ResultSet,
  type Row,
  type Transaction,
  type TransactionMode
} from '@libsql/client'
import type { Logger } from '../../logging/logger'
import { DatabaseWorkerError } from '../errors'
import type { BulkStatement, BulkStatementResult, Durability, WireArgs, WireError, WireResultSet, WireStatement, WireValue, WorkerInit, WorkerReply, WorkerRequest } from './protocol'

type RequestBody = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never

interface Pending {
  resolve(value: unknown): void
  reject(error: unknown): void
}

/** Where the worker's code is: the built file next to the main bundle, or the .ts source (through tsx). */
export interface WorkerEntry {
  script: URL
  sourceEntry?: string
}

/**
 * Finds the worker from wherever this module runs:
 * - TypeScript source (vitest, tsx): `db-worker.ts` beside this file, loaded by source-bootstrap.mjs;
 * - the electron-vite build: `out/main/db-worker.js` (a second input of the main build), beside
 *   the bundle or one folder up when this code sits in a shared chunk.
 */
export function findWorkerEntry(here: string = import.meta.url): WorkerEntry {
  if (here.endsWith('.ts')) {
    return { script: new URL('./source-bootstrap.mjs', here), sourceEntry: new URL('./db-worker.ts', here).href }
  }
  for (const candidate of ['./db-worker.js', '../db-worker.js']) {
    const url = new URL(candidate, here)
    if (existsSync(fileURLToPath(url))) return { script: url }
  }
  throw new DatabaseWorkerError(`the database worker script (db-worker.js) is not next to ${here}`)
}

/**
 * The main thread's side of the database worker (db-worker.ts), as a libsql `Client`: every call
 * is a message to the worker, answered when the statement has run there. So the main thread
 * never runs SQLite itself; it only waits in its event loop.
 *
 * A crashed worker (it exited without being asked) fails every pending call with a
 * DatabaseWorkerError; the next call starts a new worker, which reopens the file with the same
 * pragmas. A transaction open at the crash was rolled back by SQLite; `epoch` changes with every
 * new worker so that SingleConnectionClient's transactions can refuse to continue in the new one.
 * One request is in flight per statement; SingleConnectionClient adds the lock that keeps
 * transactions whole. The worker keeps the process alive only while calls are pending.
 */
export class DatabaseWorker implements Client {
  readonly protocol = 'file'
  readonly #init: WorkerInit
  readonly #entry: WorkerEntry
  readonly #log: Logger | undefined
  readonly #pending = new Map<number, Pending>()
  #worker: Worker | null = null
  #nextId = 1
  #epoch = 0
  #starts = 0
  #closed = false
  #disposing: Promise<void> | null = null

  constructor(init: Omit<WorkerInit, 'sourceEntry'>, options: { logger?: Logger; entry?: WorkerEntry } = {}) {
    this.#entry = options.entry ?? findWorkerEntry()
    this.#init = { ...init, ...(this.#entry.sourceEntry ? { sourceEntry: this.#entry.sourceEntry } : {}) }
    this.#log = options.logger
  }

  get closed(): boolean {
    return this.#closed
  }

  /** Changes each time a worker (its connection) ends or a new one starts. */
  get epoch(): number {
    return this.#epoch
  }

  /** How many workers were started (1 + restarts after crashes); for diagnostics and tests. */
  get starts(): number {
    return this.#starts
  }

  execute(stmt: InStatement): Promise<ResultSet>
  execute(sql: string, args?: InArgs): Promise<ResultSet>
  async execute(stmtOrSql: InStatement, args?: InArgs): Promise<ResultSet> {
    const stmt = toWireStatement(typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql)
    return toResultSet((await this.#call({ op: 'execute', stmt })) as WireResultSet)
  }

  async batch(stmts: Array<InStatement | [string, InArgs?]>, mode: TransactionMode = 'deferred'): Promise<ResultSet[]> {
    const wire = stmts.map((s) => toWireStatement(Array.isArray(s) ? { sql: s[0], args: s[1] ?? [] } : s))
    return ((await this.#call({ op: 'batch', stmts: wire, mode })) as WireResultSet[]).map(toResultSet)
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    return ((await this.#call({ op: 'migrate', stmts: stmts.map(toWireStatement) })) as WireResultSet[]).map(toResultSet)
  }

  async executeMultiple(sql: string): Promise<void> {
    await this.#call({ op: 'executeMultiple', sql })
  }

  /** Statements run once per argument list, in one transaction, at the given durability (see protocol.ts). */
  async bulk(statements: BulkStatement[], durability: Durability): Promise<BulkStatementResult[]> {
    return (await this.#call({ op: 'bulk', statements, durability })) as BulkStatementResult[]
  }

  /** Transactions are SingleConnectionClient's (BEGIN … COMMIT on this one connection). */
  transaction(): Promise<Transaction> {
    return Promise.reject(new Error('Use SingleConnectionClient.transaction(): DatabaseWorker has no transaction objects of its own'))
  }

  sync(): Promise<Replicated> {
    return Promise.reject(new Error('sync() is for libsql embedded replicas; GigPilot uses a local file'))
  }

  reconnect(): void {
    // The connection lives in the worker; a crash restarts it. Nothing to do here.
  }

  /** Starts the thread now (it opens the database at the first call), so its boot overlaps the caller's work. */
  start(): void {
    if (!this.#closed) this.#ensureWorker()
  }

  /** Tests only: the worker exits at once, as a native crash would. Resolves when it is gone. */
  async simulateCrashForTest(): Promise<void> {
    const worker = this.#ensureWorker()
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
    this.#call({ op: 'crash' }).catch(() => undefined)
    await exited
  }

  close(): void {
    void this.dispose()
  }

  /** Checkpoints and closes the connection, then ends the worker; safe to call twice. Later calls fail. */
  dispose(): Promise<void> {
    this.#disposing ??= (async () => {
      const worker = this.#worker
      this.#closed = true
      if (!worker) return
      try {
        await this.#send(worker, { op: 'close' })
      } finally {
        await worker.terminate()
      }
    })()
    return this.#disposing
  }

  #call(body: RequestBody): Promise<unknown> {
    if (this.#closed) return Promise.reject(new LibsqlError('The client is closed', 'CLIENT_CLOSED'))
    return this.#send(this.#ensureWorker(), body)
  }

  #send(worker: Worker, body: RequestBody): Promise<unknown> {
    const id = this.#nextId++
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject })
      worker.ref()
      try {
        worker.postMessage({ ...body, id } as WorkerRequest)
      } catch (e) {
        this.#settled(worker, id)
        reject(e)
      }
    })
  }

  #settled(worker: Worker, id: number): void {
    this.#pending.delete(id)
    if (this.#pending.size === 0) worker.unref()
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker
    // execArgv []: the parent's loader flags (e.g. tsx's --import, which slows a worker's start
    // from ~28 to ~62 ms) are not needed; from source, the bootstrap registers tsx itself.
    const worker = new Worker(this.#entry.script, { workerData: this.#init, name: 'gigpilot-db', execArgv: [] })
    worker.unref()
    this.#worker = worker
    this.#starts++
    this.#epoch++
    let lastError: Error | undefined
    worker.on('message', (reply: WorkerReply) => {
      const pending = this.#pending.get(reply.id)
      if (!pending) return
      this.#settled(worker, reply.id)
      if (reply.ok) pending.resolve(reply.value)
      else pending.reject(fromWireError(reply.error))
    })
    worker.on('error', (e) => {
      lastError = e
    })
    worker.on('exit', (code) => {
      if (this.#worker === worker) this.#worker = null
      this.#epoch++ // whatever this connection had open is gone
      const expected = this.#closed && this.#pending.size === 0
      if (!expected) {
        const error = new DatabaseWorkerError(`the database worker stopped (exit code ${code}${lastError ? `: ${lastError.message}` : ''})`, { cause: lastError })
        this.#log?.error('database worker stopped; the next database call starts a new one', { exitCode: code, error: lastError?.message })
        for (const [id, pending] of [...this.#pending]) {
          this.#pending.delete(id)
          pending.reject(error)
        }
      }
    })
    return worker
  }
}

function toWireStatement(stmt: InStatement): WireStatement {
  if (typeof stmt === 'string') return { sql: stmt, args: [] }
  return { sql: stmt.sql, args: toWireArgs(stmt.args ?? []) }
}

/** @libsql/client's argument rules (intMode "number"), applied before the values cross the thread. */
export function toWireArgs(args: InArgs): WireArgs {
  if (Array.isArray(args)) return args.map(toWireValue)
  const named: Record<string, WireValue> = {}
  for (const [name, value] of Object.entries(args)) named[name] = toWireValue(value)
  return named
}

function toWireValue(value: InValue | undefined): WireValue {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments')
    return value
  }
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value instanceof Date) return value.valueOf()
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database')
  return value
}

function toResultSet(wire: WireResultSet): ResultSet {
  const { columns } = wire
  const rows = wire.rows.map((values) => toRow(values, columns))
  return {
    columns,
    columnTypes: wire.columnTypes,
    rows,
    rowsAffected: wire.rowsAffected,
    lastInsertRowid: wire.lastInsertRowid ?? undefined,
    toJSON: () => ({
      columns,
      columnTypes: wire.columnTypes,
      rows: wire.rows.map((r) => r.map((v) => (typeof v === 'bigint' ? String(v) : v))),
      rowsAffected: wire.rowsAffected,
      lastInsertRowid: wire.lastInsertRowid === null ? null : String(wire.lastInsertRowid)
    })
  }
}

/** A row as @libsql/client builds it: values by index (not enumerable) and by column name. */
function toRow(values: unknown[], columns: string[]): Row {
  const row = {} as Row
  Object.defineProperty(row, 'length', { value: values.length })
  for (let i = 0; i < values.length; i++) {
    const value = values[i]
    Object.defineProperty(row, i, { value })
    const column = columns[i]!
    if (!Object.hasOwn(row, column)) Object.defineProperty(row, column, { value, enumerable: true, configurable: true, writable: true })
  }
  return row
}

function fromWireError(wire: WireError): Error {
  if (wire.code !== undefined) {
    if (wire.statementIndex !== undefined) return new LibsqlBatchError(wire.message, wire.statementIndex, wire.code, wire.extendedCode, wire.rawCode)
    return new LibsqlError(wire.message, wire.code, wire.extendedCode, wire.rawCode)
  }
  const error = wire.name === 'RangeError' ? new RangeError(wire.message) : wire.name === 'TypeError' ? new TypeError(wire.message) : new Error(wire.message)
  if (!['Error', 'RangeError', 'TypeError'].includes(wire.name)) error.name = wire.name
  return error
}
