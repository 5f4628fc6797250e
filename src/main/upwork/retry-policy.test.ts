import { describe, expect, it } from 'vitest'
import { backoffCeiling, backoffDelay, DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfter } from './retry-policy'

describe('retry policy', () => {
  it('grows exponentially from 500 ms and stops at the 30 s cap', () => {
    const ceilings = [0, 1, 2, 3, 6, 7, 10].map((n) => backoffCeiling(n, DEFAULT_RETRY_POLICY))
    expect(ceilings).toEqual([500, 1000, 2000, 4000, 30_000, 30_000, 30_000])
  })

  it('uses full jitter: anywhere from 0 to the ceiling', () => {
    expect(backoffDelay(2, DEFAULT_RETRY_POLICY, () => 0)).toBe(0)
    expect(backoffDelay(2, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(1000)
    expect(backoffDelay(2, DEFAULT_RETRY_POLICY, () => 0.999999)).toBe(1999)
  })

  it('parses Retry-After in seconds and as an HTTP-date', () => {
    const now = Date.parse('2026-09-01T12:00:00Z')
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter('0', now)).toBe(0)
    expect(parseRetryAfter('Tue, 01 Sep 2026 12:00:05 GMT', now)).toBe(5000)
    expect(parseRetryAfter('Tue, 01 Sep 2026 11:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeNull()
    expect(parseRetryAfter(null, now)).toBeNull()
  })

  it('retries only network-ish statuses', () => {
    expect([408, 429, 500, 502, 503].every(isRetryableStatus)).toBe(true)
    expect([400, 401, 403, 404, 409, 422].some(isRetryableStatus)).toBe(false)
  })
})
