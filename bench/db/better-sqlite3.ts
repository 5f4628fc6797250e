import { createRequire } from 'node:module'

/**
 * The part of better-sqlite3's API the bench uses. Typed here because @types/better-sqlite3 is
 * not installed (the app does not use better-sqlite3; only this comparison does).
 */
export interface BetterSqliteStatement {
  run(...params: unknown[]): { changes: number }
  all(...params: unknown[]): unknown[]
  raw(on?: boolean): BetterSqliteStatement
}
export interface BetterSqliteDatabase {
  prepare(sql: string): BetterSqliteStatement
  exec(sql: string): void
  pragma(sql: string, options?: { simple?: boolean }): unknown
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void
  close(): void
}

export function openBetterSqlite(file: string): BetterSqliteDatabase {
  const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string, options?: { timeout?: number }) => BetterSqliteDatabase
  return new Database(file, { timeout: 5000 })
}
