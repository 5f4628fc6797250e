/**
 * Value formats shared by Prisma and the raw-SQL paths. They must agree, or rows written by one
 * path sort or parse wrongly in the other.
 *
 * DateTime: Prisma's libsql adapter (timestampFormat 'iso8601', the default) stores
 * `2026-11-28T13:05:00.123+00:00`. Every timestamp written by raw SQL uses exactly that form, so
 * text order is time order (indexes on publishedAt etc. work) and Prisma reads them back as Dates.
 * Never rely on the DDL's `DEFAULT CURRENT_TIMESTAMP` (`2026-11-28 13:05:00`, a different form):
 * always pass the value.
 */
export function toSqlDateTime(value: Date | number): string {
  return new Date(value).toISOString().replace('Z', '+00:00')
}

/** Reads a DateTime column written by Prisma, raw SQL, or SQLite's CURRENT_TIMESTAMP (UTC) as epoch ms. */
export function fromSqlDateTime(value: unknown): number {
  if (value instanceof Date) return value.getTime()
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value)
  if (typeof value === 'string') {
    const text = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/.test(value) ? value.replace(' ', 'T') + 'Z' : value
    const ms = Date.parse(text)
    if (!Number.isNaN(ms)) return ms
  }
  throw new TypeError(`not a database timestamp: ${String(value)}`)
}

/** SQLite stores booleans as 0/1. */
export function toSqlBoolean(value: boolean | null | undefined): number | null {
  return value == null ? null : value ? 1 : 0
}
