import type { Client } from '@libsql/client'
import type { Durability } from './worker/protocol'

/** The page size of a new database file (open-database.ts sets it before the first write). */
export const PAGE_SIZE_BYTES = 8192

/** How long a statement waits for another connection's lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000

/**
 * Settings that SQLite keeps per connection, applied to every connection we open (the raw client
 * and Prisma's), in this order:
 * - busy_timeout first, so that nothing after it (including the switch to WAL) fails at once with
 *   SQLITE_BUSY when another connection briefly holds a lock;
 * - foreign_keys ON: relations (cascades, SET NULL, RESTRICT) are enforced by SQLite, not only Prisma;
 * - synchronous FULL: with WAL, NORMAL can lose the last commits on power loss (never on an app
 *   crash). The user's drafts, proposals and sends cannot be recreated, so FULL is the connection's
 *   default; only bulk writes of re-fetchable data ask for NORMAL (SYNCHRONOUS_BY_DURABILITY).
 * journal_mode is stored in the database file itself and is set once at open (openDatabase).
 */
export const CONNECTION_PRAGMAS: readonly string[] = [
  `PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`,
  'PRAGMA foreign_keys = ON',
  'PRAGMA synchronous = FULL'
]

/**
 * `synchronous` per kind of data (protocol.ts `Durability`). `user` must equal the connection
 * default above. In WAL mode NORMAL skips the fsync at commit: an app crash still loses nothing, a
 * power cut can lose the last such commits (never corrupts), and the next FULL commit syncs the
 * WAL with everything before it. Measured (bench/db.bench.ts, 10,000 jobs, 1,000 per transaction):
 * NORMAL 1.2× the throughput of FULL on a quiet machine (63,773 vs 53,185 rows/s).
 */
export const SYNCHRONOUS_BY_DURABILITY: Record<Durability, string> = { user: 'FULL', refetchable: 'NORMAL' }

export interface PragmaValues {
  busyTimeout: number
  journalMode: string
  foreignKeys: number
  /** 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA */
  synchronous: number
}

/** Reads the settings back from a connection (tests and diagnostics). */
export async function readPragmas(query: (sql: string) => Promise<unknown>): Promise<PragmaValues> {
  const one = async (name: string): Promise<unknown> => {
    const rows = (await query(`PRAGMA ${name}`)) as Array<Record<string, unknown>>
    const row = rows[0]
    if (!row) throw new Error(`PRAGMA ${name} returned no row`)
    return Object.values(row)[0]
  }
  return {
    busyTimeout: Number(await one('busy_timeout')),
    journalMode: String(await one('journal_mode')).toLowerCase(),
    foreignKeys: Number(await one('foreign_keys')),
    synchronous: Number(await one('synchronous'))
  }
}

/** `readPragmas` for a libsql client. */
export function readClientPragmas(client: Client): Promise<PragmaValues> {
  return readPragmas(async (sql) => (await client.execute(sql)).rows)
}
