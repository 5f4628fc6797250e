import { describe, expect, it } from 'vitest'
import { budgetBand, mean, median, needMoreFor, postingAgeBand, rateOf, rateRatio, ratioOrNull, scoreBand, wilson } from './stats'

const finiteOrNull = (v: unknown): boolean => v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))

describe('analytics statistics', () => {
  it('Wilson interval: known values, stays inside [0, 1], null for no trials', () => {
    // 10/100 → 0.0552–0.1744 (Wilson, z = 1.96)
    const w = wilson(10, 100)!
    expect(w.low).toBeCloseTo(0.0552, 3)
    expect(w.high).toBeCloseTo(0.1744, 3)
    expect(wilson(0, 20)!.low).toBe(0)
    expect(wilson(20, 20)!.high).toBe(1)
    expect(wilson(0, 0)).toBeNull()
  })

  it('a rate is small below 10 trials or with a wide interval, and says how many more it needs', () => {
    expect(rateOf(1, 3)).toMatchObject({ k: 1, n: 3, small: true })
    expect(rateOf(1, 3).needMore).toBe(7)
    expect(rateOf(30, 100)).toMatchObject({ small: false, needMore: 0 })
    expect(rateOf(0, 0)).toEqual({ k: 0, n: 0, rate: null, low: null, high: null, small: true, needMore: needMoreFor(0, 0) })
    expect(needMoreFor(5, 10)).toBeGreaterThan(0)
    const after = rateOf(Math.round(0.5 * (10 + needMoreFor(5, 10))), 10 + needMoreFor(5, 10))
    expect(after.small).toBe(false)
  })

  it('rate ratio with a log-method interval: known value; strong only when the interval excludes 1', () => {
    // 30/100 vs 15/100: RR 2, 95% CI exp(ln 2 ± 1.96·√0.08) = 1.149–3.482 (Katz)
    const r = rateRatio(30, 100, 15, 100)
    expect(r.ratio).toBeCloseTo(2, 6)
    expect(r.low).toBeCloseTo(1.149, 3)
    expect(r.high).toBeCloseTo(3.482, 3)
    expect(r.strong).toBe(true)
    expect(rateRatio(10, 100, 11, 100).strong).toBe(false)
    expect(rateRatio(1, 10, 0, 10)).toMatchObject({ strong: false })
    expect(rateRatio(1, 0, 1, 10)).toEqual({ ratio: null, low: null, high: null, strong: false })
  })

  it('medians, means and bands', () => {
    expect(median([])).toBeNull()
    expect(median([3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([1, NaN, Infinity, 3])).toBe(2)
    expect(mean([])).toBeNull()
    expect(ratioOrNull(5, 0)).toBeNull()
    expect(scoreBand(85)).toBe('80-89')
    expect(scoreBand(100)).toBe('90-100')
    expect(scoreBand(null)).toBe('')
    expect(postingAgeBand(59)).toBe('30-59')
    expect(postingAgeBand(5000)).toBe('1440+')
    expect(postingAgeBand(-1)).toBe('')
    expect(budgetBand({ jobType: 'FIXED', fixedAmount: 800, hourlyMin: null, hourlyMax: null })).toBe('fixed:250-999')
    expect(budgetBand({ jobType: 'HOURLY', fixedAmount: null, hourlyMin: 20, hourlyMax: 45 })).toBe('hourly:30-59')
    expect(budgetBand({ jobType: null, fixedAmount: null, hourlyMin: null, hourlyMax: null })).toBe('')
  })

  it('never NaN or Infinity: empty, zero, one, all the same, out-of-range and non-finite inputs', () => {
    const inputs = [0, 1, 2, 10, 1000, -1, NaN, Infinity, -Infinity, 0.5]
    for (const k1 of inputs)
      for (const n1 of inputs) {
        for (const v of Object.values(rateOf(k1, n1))) expect(finiteOrNull(v)).toBe(true)
        for (const k2 of [0, 1, 5, NaN])
          for (const n2 of [0, 1, 5, Infinity]) for (const v of Object.values(rateRatio(k1, n1, k2, n2))) expect(finiteOrNull(v)).toBe(true)
      }
    for (const xs of [[], [0], [1, 1, 1, 1], [NaN], [Infinity, -Infinity]]) {
      expect(finiteOrNull(median(xs))).toBe(true)
      expect(finiteOrNull(mean(xs))).toBe(true)
    }
  })
})
