/**
 * What the main thread and the database worker (db-worker.ts) send each other. Everything here is
 * structured-cloneable: plain objects, arrays, strings, numbers, bigints, ArrayBuffers.
 */

/** SQL values as they cross the thread boundary (the driver's `InValue` minus Date/boolean, which are converted before). */
export type WireValue = null | string | number | bigint | ArrayBuffer | Uint8Array

/** Positional or named arguments (names may keep their `:`/`@`/`$` prefix). */
export type WireArgs = WireValue[] | Record<string, WireValue>

export interface WireStatement {
  sql: string
  args: WireArgs
}

/**
 * How much a commit must survive, per kind of data (pragmas.ts has the SQLite settings):
 * - `user`: the user's own data (drafts, proposals, outbox, settings): synchronous=FULL, a commit
 *   is on disk when it returns, even across a power cut.
 * - `refetchable`: data GigPilot can fetch again (job postings): synchronous=NORMAL. In WAL mode an
 *   app crash still loses nothing; a power cut or OS crash can lose the last such commits, never
 *   corrupt the file, and the next `user` commit makes everything before it durable too.
 */
export type Durability = 'user' | 'refetchable'

/** One statement of a bulk write, run once per argument list, all inside one transaction. */
export interface BulkStatement {
  sql: string
  /** One argument list per run of the statement (prepared once). */
  argsList: WireArgs[]
  /** Collect the rows the statement returns (e.g. `RETURNING`); default false. */
  returnRows?: boolean
}

export interface BulkStatementResult {
  columns: string[]
  /** Rows as arrays, in column order (only when `returnRows`). */
  rows: unknown[][]
  /** Sum of `changes` over the runs (0 for statements that return rows). */
  rowsAffected: number
}

export interface WireResultSet {
  columns: string[]
  columnTypes: string[]
  rows: unknown[][]
  rowsAffected: number
  lastInsertRowid: bigint | null
}

export type WorkerRequest =
  | { id: number; op: 'execute'; stmt: WireStatement }
  | { id: number; op: 'batch'; stmts: WireStatement[]; mode: 'write' | 'read' | 'deferred' }
  | { id: number; op: 'migrate'; stmts: WireStatement[] }
  | { id: number; op: 'executeMultiple'; sql: string }
  | { id: number; op: 'bulk'; statements: BulkStatement[]; durability: Durability }
  | { id: number; op: 'close' }
  /** Tests only: the worker dies at once, as a native crash would. */
  | { id: number; op: 'crash' }

export interface WireError {
  name: string
  message: string
  /** SQLite's base code name (SQLITE_CONSTRAINT), as @libsql/client reports it. */
  code?: string
  /** SQLite's extended code name (SQLITE_CONSTRAINT_UNIQUE). */
  extendedCode?: string
  rawCode?: number
  /** Index of the failing statement in a batch. */
  statementIndex?: number
}

export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError }

/** workerData of the database worker. */
export interface WorkerInit {
  /** The SQLite file (a path, not a URL). */
  file: string
  busyTimeoutMs: number
  /** Run on every new connection, in order. */
  pragmas: readonly string[]
  /** The `synchronous` setting per durability (pragmas.ts). */
  synchronous: Record<Durability, string>
  /** Only when running from TypeScript source: the .ts entry the bootstrap loads through tsx. */
  sourceEntry?: string
}
