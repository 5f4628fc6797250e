/**
 * When and how long to wait before retrying a READ (security.md §5, requirement 21). Writes are
 * never retried by this layer; see graphql-client.ts.
 *
 * Exponential backoff with full jitter (delay = random(0, min(cap, base·2^n))), base 500 ms, cap
 * 30 s, at most 4 attempts in all. A `Retry-After` from Upwork (seconds or an HTTP-date) is a
 * floor: we wait at least that long. One longer than `maxRetryAfterMs` is not slept through inside
 * a call; the error is surfaced with `retryAfterMs` so a scheduler can come back later.
 */
export interface RetryPolicy {
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000
}

/** Full-jitter delay before retry number `retry` (0 = the first retry). */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry)
  return Math.floor(random() * ceiling)
}

/** The ceiling of the jittered delay, for tests and logs. */
export function backoffCeiling(retry: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry)
}

/**
 * Parses a Retry-After header: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). Returns ms from
 * `now`, never negative; null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value == null) return null
  const trimmed = value.trim()
  if (trimmed === '') return null
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000)
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return null
  return Math.max(0, date - now)
}

/** Statuses worth another try for a read. 400/401/403/404 and other 4xx are not. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}
