import { describe, expect, it } from 'vitest'
import { chooseVariant } from './assign'
import { betaCdf, betaQuantile, sampleBeta } from './beta'
import { decide, DEFAULT_EVALUATION, evaluate, probabilityBest, type ArmInput, type EvaluationOptions } from './evaluate'
import { logMsprt, pooledRate } from './msprt'
import { seededRandom } from '@shared/prng'
import { finiteDeep } from '../test-support/finite'

const opts = (seed = 7, over: Partial<EvaluationOptions> = {}): EvaluationOptions => ({ ...DEFAULT_EVALUATION, seed, ...over })

/** Daily looks at a simulated experiment: Bernoulli outcomes drawn directly from the true rates. */
function simulate(trueRates: number[], days: number, perDayPerArm: number, sims: number, rule: (arms: ArmInput[], sim: number) => boolean, seed = 1234): { declared: number; rate: number } {
  let declared = 0
  for (let s = 0; s < sims; s++) {
    const random = seededRandom(seed, s)
    const arms = trueRates.map((_, i) => ({ id: i + 1, n: 0, successes: 0 }))
    for (let d = 0; d < days; d++) {
      for (let j = 0; j < perDayPerArm * trueRates.length; j++) {
        const i = Math.floor(random() * trueRates.length)
        arms[i]!.n++
        if (random() < trueRates[i]!) arms[i]!.successes++
      }
      if (rule(arms, s)) {
        declared++
        break
      }
    }
  }
  return { declared, rate: declared / sims }
}

describe('the Beta distribution', () => {
  it('cdf and quantile agree with known values and invert each other', () => {
    expect(betaCdf(0.3, 1, 1)).toBeCloseTo(0.3, 10)
    // Beta(2, 3): F(x) = 1 − (1−x)^3 (1 + 3x)
    expect(betaCdf(0.4, 2, 3)).toBeCloseTo(1 - 0.6 ** 3 * (1 + 1.2), 10)
    for (const [a, b] of [[1, 1], [3, 40], [200, 1800], [1, 500]] as const) {
      for (const p of [0.025, 0.5, 0.975]) expect(betaCdf(betaQuantile(p, a, b), a, b)).toBeCloseTo(p, 7)
    }
  })

  it('samples have the right mean', () => {
    const random = seededRandom(1)
    let sum = 0
    for (let i = 0; i < 20_000; i++) sum += sampleBeta(3, 7, random)
    expect(sum / 20_000).toBeCloseTo(0.3, 2)
  })
})

describe('evaluate', () => {
  it('gives posteriors, intervals, P(best) and expected loss that add up, reproducibly', () => {
    const arms = [{ id: 1, n: 200, successes: 20 }, { id: 2, n: 200, successes: 40 }]
    const e = evaluate(arms, opts())
    expect(e.arms[0]!.posteriorMean).toBeCloseTo(21 / 202, 10)
    expect(e.arms[0]!.interval.low).toBeLessThan(0.1)
    expect(e.arms[0]!.interval.high).toBeGreaterThan(0.1)
    expect(e.arms[0]!.pBest! + e.arms[1]!.pBest!).toBeCloseTo(1, 10)
    expect(e.arms[1]!.pBest).toBeGreaterThan(0.99)
    expect(e.arms[1]!.expectedLoss).toBeLessThan(e.arms[0]!.expectedLoss!)
    expect(evaluate(arms, opts())).toEqual(e)
  })

  it('no data, one proposal, every outcome the same: clear states, never NaN', () => {
    const none = evaluate([{ id: 1, n: 0, successes: 0 }, { id: 2, n: 0, successes: 0 }], opts())
    expect(none.decision).toEqual({ kind: 'notEnoughData', moreProposals: expect.any(Number) })
    expect((none.decision as { moreProposals: number }).moreProposals).toBeGreaterThanOrEqual(60)
    expect(none.arms[0]!.rate).toBeNull()
    expect(finiteDeep(none)).toBe(true)

    const one = evaluate([{ id: 1, n: 1, successes: 1 }, { id: 2, n: 0, successes: 0 }], opts())
    expect(one.decision.kind).toBe('notEnoughData')
    expect(finiteDeep(one)).toBe(true)

    for (const s of [0, 80]) {
      const same = evaluate([{ id: 1, n: 80, successes: s }, { id: 2, n: 80, successes: s }], opts())
      expect(same.decision.kind).toBe('noWinnerYet')
      expect(finiteDeep(same)).toBe(true)
      expect(same.arms[0]!.pBest).toBeCloseTo(0.5, 1)
    }

    const garbage = evaluate([{ id: 1, n: Number.NaN, successes: 5 }, { id: 2, n: 10, successes: 99 }], opts())
    expect(garbage.arms[0]!.n).toBe(0)
    expect(garbage.arms[1]!.successes).toBe(10)
    expect(finiteDeep(garbage)).toBe(true)
  })

  it('a variant that can no longer be assigned is shown but not compared; fewer than two comparable → cannotCompare', () => {
    const e = evaluate([{ id: 1, n: 100, successes: 10 }, { id: 2, n: 100, successes: 30, comparable: false }], opts())
    expect(e.decision).toEqual({ kind: 'cannotCompare' })
    expect(e.arms[1]!.rate).toBeCloseTo(0.3, 10)
    expect(e.arms[1]!.pBest).toBeNull()
    const three = evaluate([{ id: 1, n: 400, successes: 40 }, { id: 2, n: 400, successes: 40 }, { id: 3, n: 400, successes: 120, comparable: false }], opts())
    expect(three.decision.kind).toBe('noWinnerYet')
    expect(three.arms[2]!.pBest).toBeNull()
    expect(three.arms[0]!.pBest! + three.arms[1]!.pBest!).toBeCloseTo(1, 10)
  })

  it('declares a clear winner with enough data, and only the better variant', () => {
    const d = decide([{ id: 1, n: 1500, successes: 150 }, { id: 2, n: 1500, successes: 225 }], opts())
    expect(d).toMatchObject({ kind: 'winner', variantId: 2 })
    expect((d as { pBest: number }).pBest).toBeGreaterThan(0.99)
  })

  it('says how many more proposals are needed, and that many at the same rates is about enough', () => {
    const arms = [{ id: 1, n: 100, successes: 10 }, { id: 2, n: 100, successes: 16 }]
    const d = decide(arms, opts())
    expect(d.kind).toBe('noWinnerYet')
    const more = (d as { moreProposals: number }).moreProposals
    expect(more).toBeGreaterThan(0)
    // "About": the estimate assumes the rates stay exactly as observed; 10% more is enough here.
    const per = Math.ceil((more / 2) * 1.1)
    const later = decide([{ id: 1, n: 100 + per, successes: Math.round(0.1 * (100 + per)) }, { id: 2, n: 100 + per, successes: Math.round(0.16 * (100 + per)) }], opts())
    expect(later.kind).toBe('winner')
    const before = decide([{ id: 1, n: 100 + Math.floor(per * 0.6), successes: Math.round(0.1 * (100 + per * 0.6)) }, { id: 2, n: 100 + Math.floor(per * 0.6), successes: Math.round(0.16 * (100 + per * 0.6)) }], opts())
    expect(before.kind).toBe('noWinnerYet')
  })

  it('the mSPRT statistic is 0 (log) at no data and grows with a real difference', () => {
    expect(logMsprt({ n: 0, successes: 0 }, { n: 10, successes: 5 }, 0.5, 0.05)).toBe(Number.NEGATIVE_INFINITY)
    const p = pooledRate([{ n: 1000, successes: 100 }, { n: 1000, successes: 150 }])
    expect(logMsprt({ n: 1000, successes: 100 }, { n: 1000, successes: 150 }, p, 0.04)).toBeGreaterThan(logMsprt({ n: 500, successes: 50 }, { n: 500, successes: 75 }, p, 0.04))
  })

  it('P(best) is reproducible from its seed and different seeds agree within Monte Carlo error', () => {
    const arms = [{ id: 1, n: 50, successes: 5 }, { id: 2, n: 50, successes: 8 }, { id: 3, n: 50, successes: 6 }]
    expect(probabilityBest(arms, 3, 8000)).toEqual(probabilityBest(arms, 3, 8000))
    const a = probabilityBest(arms, 3, 8000).pBest
    const b = probabilityBest(arms, 4, 8000).pBest
    for (let i = 0; i < 3; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(0.03)
  })
})

describe('peeking every day (A/A tests: both variants the same)', () => {
  const SIMS = 500
  const ALPHA = DEFAULT_EVALUATION.alpha
  // Monte Carlo margin: three standard errors of a rate of α over SIMS simulations.
  const MARGIN = 3 * Math.sqrt((ALPHA * (1 - ALPHA)) / SIMS)

  it(`declares a false winner no more often than α = ${ALPHA} across ${SIMS} simulated experiments looked at daily for 180 days`, () => {
    for (const rate of [0.15, 0.05]) {
      const { rate: falseRate } = simulate([rate, rate], 180, 3, SIMS, (arms, s) => decide(arms, opts(s, { draws: 2000 })).kind === 'winner')
      expect(falseRate).toBeLessThanOrEqual(ALPHA + MARGIN)
    }
    const three = simulate([0.25, 0.25, 0.25], 120, 3, 300, (arms, s) => decide(arms, opts(s, { draws: 2000 })).kind === 'winner')
    expect(three.rate).toBeLessThanOrEqual(ALPHA + 3 * Math.sqrt((ALPHA * (1 - ALPHA)) / 300))
  }, 60_000)

  it('without the guard (P(best) ≥ 0.95 alone, looked at daily) the same simulations declare far more false winners', () => {
    const naive = simulate([0.15, 0.15], 180, 3, SIMS, (arms, s) => {
      if (arms.some((a) => a.n < DEFAULT_EVALUATION.minPerVariant)) return false
      const { pBest } = probabilityBest(arms, s, 400)
      return Math.max(...pBest) >= 0.95
    })
    expect(naive.rate).toBeGreaterThan(3 * (ALPHA + MARGIN))
  }, 60_000)

  it('with Thompson sampling assigning (adaptive, unbalanced arms) the guard still holds across 300 A/A experiments looked at daily', () => {
    let declared = 0
    const sims = 300
    for (let s = 0; s < sims; s++) {
      const random = seededRandom(77, s)
      const arms = [{ id: 1, n: 0, successes: 0 }, { id: 2, n: 0, successes: 0 }]
      let k = 0
      for (let d = 0; d < 180; d++) {
        for (let j = 0; j < 6; j++) {
          const i = chooseVariant(arms, s, k++, true)
          arms[i]!.n++
          if (random() < 0.15) arms[i]!.successes++
        }
        if (decide(arms, opts(s, { draws: 2000 })).kind === 'winner') {
          declared++
          break
        }
      }
    }
    expect(declared / sims).toBeLessThanOrEqual(ALPHA + 3 * Math.sqrt((ALPHA * (1 - ALPHA)) / sims))
  }, 60_000)

  it('finds a true 1.5× variant (10% vs 15% replies) in most simulated years of daily looks', () => {
    let right = 0
    let wrong = 0
    const sims = 200
    for (let s = 0; s < sims; s++) {
      const random = seededRandom(99, s)
      const arms = [{ id: 1, n: 0, successes: 0 }, { id: 2, n: 0, successes: 0 }]
      for (let d = 0; d < 365; d++) {
        for (let j = 0; j < 8; j++) {
          const i = Math.floor(random() * 2)
          arms[i]!.n++
          if (random() < (i === 0 ? 0.1 : 0.15)) arms[i]!.successes++
        }
        const dec = decide(arms, opts(s, { draws: 2000 }))
        if (dec.kind === 'winner') {
          if (dec.variantId === 2) right++
          else wrong++
          break
        }
      }
    }
    expect(right / sims).toBeGreaterThan(0.8)
    expect(wrong).toBeLessThanOrEqual(2)
  }, 60_000)
})
