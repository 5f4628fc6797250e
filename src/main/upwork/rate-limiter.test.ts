import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isUpworkError } from './errors'
import { JsonFileUsageStore } from './json-file-usage-store'
import { DEFAULT_REQUESTS_PER_SECOND, RateLimiter } from './rate-limiter'
import { ManualClock } from '../test-support/clocks'
import { dayKey, hourKey, MemoryUsageStore } from './usage-counter-store'

const T0 = Date.parse('2026-09-01T13:20:00Z')

/** Largest number of timestamps inside any window [t, t + 1000). */
function maxInAnySecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b)
  let best = 0
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= 1000) j++
    best = Math.max(best, i - j + 1)
  }
  return best
}

describe('RateLimiter', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gigpilot-usage-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('defaults to 8 requests per second and never lets more through in any one-second window', async () => {
    const clock = new ManualClock(T0)
    const limiter = new RateLimiter({ store: new MemoryUsageStore(), clock, hourlyBudget: () => 1000, sleep: clock.sleep })
    expect(limiter.requestsPerSecond).toBe(DEFAULT_REQUESTS_PER_SECOND)
    expect(DEFAULT_REQUESTS_PER_SECOND).toBeLessThan(10)
    const times: number[] = []
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        await limiter.acquire()
        times.push(clock.now())
      })
    )
    expect(times).toHaveLength(50)
    expect(maxInAnySecond(times)).toBe(8)
    // 50 requests at 8 per 1.1-s window need six full windows.
    expect(clock.now() - T0).toBeGreaterThanOrEqual(6 * 1100)
  })

  it('holds the window for when requests leave, even when counting one takes a while (a slow fsync)', async () => {
    const clock = new ManualClock(T0)
    const store = new MemoryUsageStore()
    const increment = store.increment.bind(store)
    let slowWrites = 1
    // The first counter write takes 900 ms of (manual) time; the others are instant.
    store.increment = async (keys, by) => {
      if (slowWrites-- > 0) clock.advance(900)
      await increment(keys, by)
    }
    const limiter = new RateLimiter({ store, clock, hourlyBudget: () => 1000, requestsPerSecond: 2, sleep: clock.sleep })
    const sentAt: number[] = []
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        await limiter.acquire()
        sentAt.push(clock.now())
      })
    )
    expect(sentAt).toHaveLength(6)
    expect(maxInAnySecond(sentAt)).toBe(2)
  })

  it('refuses a per-second limit above Upwork’s 10', () => {
    const clock = new ManualClock(T0)
    expect(
      () => new RateLimiter({ store: new MemoryUsageStore(), clock, hourlyBudget: () => 300, requestsPerSecond: 11 })
    ).toThrow()
  })

  it('fails fast with a plain message once the hourly budget is used, and resumes next hour', async () => {
    const clock = new ManualClock(T0)
    const store = new MemoryUsageStore()
    const limiter = new RateLimiter({
      store,
      clock,
      hourlyBudget: () => 300,
      sleep: clock.sleep,
      formatTime: (ms) => new Date(ms).toISOString().slice(11, 16)
    })
    await store.increment([hourKey(T0), dayKey(T0)], 299)
    await limiter.acquire()
    const sleepsBefore = clock.sleeps.length
    const error = await limiter.acquire().catch((e: unknown) => e)
    expect(isUpworkError(error, 'budget_exhausted')).toBe(true)
    expect((error as Error).message).toBe(
      "GigPilot has used this hour's Upwork request budget (300). It resumes at 14:00. You can raise the budget in Settings → Upwork account."
    )
    expect(clock.sleeps.length).toBe(sleepsBefore) // no waiting
    expect(await store.get(hourKey(T0))).toBe(300) // the refused call was not counted
    const usage = await limiter.usage()
    expect(usage.hour).toEqual({ used: 300, limit: 300, resetsAt: Date.parse('2026-09-01T14:00:00Z') })
    expect(usage.day).toEqual({ used: 300, limit: 40_000, resetsAt: Date.parse('2026-09-02T00:00:00Z') })

    clock.advance(40 * 60_000) // 14:00 UTC
    await expect(limiter.acquire()).resolves.toBeUndefined()
  })

  it('stops at Upwork’s 40,000 requests per day per key', async () => {
    const clock = new ManualClock(T0)
    const store = new MemoryUsageStore()
    await store.increment([dayKey(T0)], 40_000)
    const limiter = new RateLimiter({ store, clock, hourlyBudget: () => 5000, sleep: clock.sleep })
    const error = await limiter.acquire().catch((e: unknown) => e)
    expect(isUpworkError(error, 'budget_exhausted')).toBe(true)
    expect((error as Error).message).toMatch(/today's Upwork request limit \(40,000/)
  })

  it('keeps the budget across restarts (a new instance on the same store file)', async () => {
    const clock = new ManualClock(T0)
    const path = join(dir, 'usage.json')
    const first = new RateLimiter({ store: new JsonFileUsageStore(path), clock, hourlyBudget: () => 10, sleep: clock.sleep })
    for (let i = 0; i < 10; i++) await first.acquire()

    const second = new RateLimiter({ store: new JsonFileUsageStore(path), clock, hourlyBudget: () => 10, sleep: clock.sleep })
    expect((await second.usage()).hour.used).toBe(10)
    await expect(second.acquire()).rejects.toMatchObject({ code: 'budget_exhausted' })
  })

  it('reports usage after every request', async () => {
    const clock = new ManualClock(T0)
    const limiter = new RateLimiter({ store: new MemoryUsageStore(), clock, hourlyBudget: () => 300, sleep: clock.sleep })
    const seen: number[] = []
    limiter.events.on('usageChanged', (u) => seen.push(u.hour.used))
    await limiter.acquire()
    await limiter.acquire()
    expect(seen).toEqual([1, 2])
  })
})
