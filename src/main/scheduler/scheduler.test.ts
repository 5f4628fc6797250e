import { describe, expect, it, vi } from 'vitest'
import { JITTER_MAX, JITTER_MIN, jitteredDelay, seededRandom } from './scheduler'
import { ManualScheduler } from './manual-scheduler'
import { NodeCronScheduler, cronExpressionFor } from './node-cron-scheduler'

describe('jitter', () => {
  it('moves every interval by 10–20 %, up or down, never less', () => {
    const random = seededRandom(42)
    const interval = 5 * 60_000
    const delays = Array.from({ length: 2_000 }, () => jitteredDelay(interval, random))
    for (const d of delays) {
      const off = Math.abs(d - interval) / interval
      expect(off).toBeGreaterThanOrEqual(JITTER_MIN - 1e-6)
      expect(off).toBeLessThanOrEqual(JITTER_MAX + 1e-6)
    }
    expect(delays.some((d) => d < interval)).toBe(true)
    expect(delays.some((d) => d > interval)).toBe(true)
    expect(Math.min(...delays)).toBeLessThan(interval * 0.82)
    expect(Math.max(...delays)).toBeGreaterThan(interval * 1.18)
  })

  it('the edges of random give the edges of the range', () => {
    expect(jitteredDelay(1000, () => 0)).toBe(900)
    const hi = [0.9, 0.999999]
    expect(jitteredDelay(1000, () => hi.shift()!)).toBe(1200)
  })

  it('a seed repeats its sequence', () => {
    const a = seededRandom(7)
    const b = seededRandom(7)
    expect([a(), a(), a()]).toEqual([b(), b(), b()])
  })
})

describe('ManualScheduler', () => {
  it('ticks only when told, and stops', () => {
    const s = new ManualScheduler()
    const fn = vi.fn()
    const stop = s.every(15_000, fn)
    expect(fn).not.toHaveBeenCalled()
    s.tick()
    s.tick()
    expect(fn).toHaveBeenCalledTimes(2)
    stop()
    s.tick()
    expect(fn).toHaveBeenCalledTimes(2)
    expect(s.active).toBe(0)
  })
})

describe('cronExpressionFor', () => {
  it('steps that divide their field, so a heartbeat never comes sooner than asked', () => {
    expect(cronExpressionFor(1_000)).toBe('*/1 * * * * *')
    expect(cronExpressionFor(15_000)).toBe('*/15 * * * * *')
    // */59 would fire at :00 and :59, two ticks a second apart.
    expect(cronExpressionFor(59_000)).toBe('*/30 * * * * *')
    expect(cronExpressionFor(60_000)).toBe('0 */1 * * * *')
    expect(cronExpressionFor(30 * 60_000)).toBe('0 */30 * * * *')
    expect(cronExpressionFor(45 * 60_000)).toBe('0 */30 * * * *')
    expect(cronExpressionFor(60 * 60_000)).toBe('0 0 */1 * * *')
    expect(cronExpressionFor(5 * 60 * 60_000)).toBe('0 0 */4 * * *')
    expect(cronExpressionFor(24 * 60 * 60_000)).toBe('0 0 0 * * *')
    expect(cronExpressionFor(0)).toBe('*/1 * * * * *')
  })

  it('every expression is one node-cron accepts', () => {
    for (const ms of [500, 1_000, 7_000, 59_000, 61_000, 90 * 60_000, 13 * 60 * 60_000, 3 * 24 * 60 * 60_000]) {
      const stop = new NodeCronScheduler().every(ms, () => undefined)
      stop()
    }
  })
})

describe('NodeCronScheduler (real node-cron)', () => {
  it('calls the heartbeat every second and stops', async () => {
    const fn = vi.fn()
    const stop = new NodeCronScheduler().every(1_000, fn)
    try {
      await vi.waitFor(() => expect(fn).toHaveBeenCalledTimes(2), { timeout: 4_000, interval: 50 })
    } finally {
      stop()
    }
    const calls = fn.mock.calls.length
    await new Promise((r) => setImmediate(r))
    expect(fn.mock.calls.length).toBe(calls)
  })
})
