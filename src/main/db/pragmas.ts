import type { Client } from '@libsql/client'

/** How long a statement waits for another connection's lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000

/**
 * Settings that SQLite keeps per connection, applied to every connection we open (the raw client
 * and Prisma's), in this order:
 * - busy_timeout first, so that nothing after it (including the switch to WAL) fails at once with
 *   SQLITE_BUSY when another connection briefly holds a lock;
 * - foreign_keys ON: relations (cascades, SET NULL, RESTRICT) are enforced by SQLite, not only Prisma;
 * - synchronous FULL: with WAL, NORMAL can lose the last commits on power loss (never on an app
 *   crash). The rows here are the user's drafts, proposals and sends, which cannot be recreated, and
 *   the cost is one extra fsync per commit, which the short-batch design makes rare. So FULL.
 * journal_mode is stored in the database file itself and is set once at open (openDatabase).
 */
export const CONNECTION_PRAGMAS: readonly string[] = [
  `PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`,
  'PRAGMA foreign_keys = ON',
  'PRAGMA synchronous = FULL'
]

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
