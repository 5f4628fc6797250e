import { describe, expect, it } from 'vitest'
import { inEnglish, renderText, translator } from '@shared/i18n'
import { seededRandom } from '../scheduler/scheduler'
import { encode, fitSpec, MIN_LEVEL_COUNT, rawColumns, type FeatureInput } from './features'
import { HIRE_WINDOW_MS, labelsOf, REPLY_WINDOW_MS } from './labels'
import { fitLogistic, linear, sigmoid } from './logistic'
import { auc, brier, calibrationBins, expectedCalibrationError, heldOutMetrics, logLoss } from './metrics'
import { modelShare, predictKind } from './model'
import { DEFAULT_PRIOR, priorFrom, priorLogit } from './prior'
import { ageText, reasonsOf } from './reasons'
import { MIN_OUTCOMES, outcomesNeeded, trainKind, type LabelledRow } from './train'

const DAY = 24 * 3_600_000
const NOW = Date.UTC(2026, 10, 1)

/** A standard normal draw from a seeded uniform (Box–Muller). */
const normal = (r: () => number): number => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())

const job = (over: Partial<FeatureInput> = {}): FeatureInput => ({
  score: 70,
  minutesSincePosting: 30,
  totalApplicants: 5,
  clientVerified: true,
  clientTotalSpent: 1000,
  clientHires: 3,
  clientFeedback: 4.8,
  jobType: 'FIXED',
  fixedAmount: 500,
  hourlyMin: null,
  hourlyMax: null,
  experienceLevel: 'INTERMEDIATE',
  category: 'Web Development',
  clientCountry: 'Germany',
  draft: { bidToBudget: 0.9, draftWords: 150, textSource: 'ai', editedByUser: false, templateId: 1, strategy: 'short' },
  ...over
})

describe('metrics', () => {
  it('AUC: perfect, reversed, ties, one class', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1)
    expect(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0)
    expect(auc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5)
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75)
    expect(auc([0.2, 0.3], [1, 1])).toBeNull()
  })

  it('Brier, log-loss, calibration bins and ECE on a worked example', () => {
    const p = [0.05, 0.05, 0.95, 0.95, 0.55]
    const y = [0, 1, 1, 1, 0]
    expect(brier(p, y)).toBeCloseTo((0.05 ** 2 + 0.95 ** 2 + 0.05 ** 2 + 0.05 ** 2 + 0.55 ** 2) / 5, 12)
    expect(logLoss(p, y)).toBeCloseTo(-(Math.log(0.95) + Math.log(0.05) + 2 * Math.log(0.95) + Math.log(0.45)) / 5, 12)
    const bins = calibrationBins(p, y)
    expect(bins).toEqual([
      { from: 0, to: 0.1, predicted: 0.05, observed: 0.5, count: 2 },
      { from: 0.5, to: 0.6, predicted: 0.55, observed: 0, count: 1 },
      { from: 0.9, to: 1, predicted: 0.95, observed: 1, count: 2 }
    ])
    expect(expectedCalibrationError(bins)).toBeCloseTo((2 * 0.45 + 0.55 + 2 * 0.05) / 5, 12)
    // p = 1 falls in the top bin, not an eleventh one
    expect(calibrationBins([1], [1])).toEqual([{ from: 0.9, to: 1, predicted: 1, observed: 1, count: 1 }])
  })

  it('never NaN: empty input, certain predictions', () => {
    const m = heldOutMetrics([], [])
    expect(m).toEqual({ n: 0, positives: 0, auc: null, brier: 0, logLoss: 0, ece: 0, bins: [] })
    expect(Number.isFinite(logLoss([0, 1], [1, 0]))).toBe(true)
  })
})

describe('L2 logistic regression', () => {
  it('recovers known coefficients on seeded data (n = 20,000)', () => {
    const r = seededRandom(11)
    const truth = { b0: -1.2, w: [1.5, -0.8, 0] }
    const x: Float64Array[] = []
    const y: number[] = []
    for (let i = 0; i < 20_000; i++) {
      const xi = Float64Array.from([normal(r), normal(r), normal(r)])
      const z = truth.b0 + truth.w[0]! * xi[0]! + truth.w[1]! * xi[1]! + truth.w[2]! * xi[2]!
      x.push(xi)
      y.push(r() < sigmoid(z) ? 1 : 0)
    }
    const fit = fitLogistic(x, y, 1)
    expect(fit.converged).toBe(true)
    expect(fit.intercept).toBeCloseTo(truth.b0, 1)
    expect(fit.weights[0]).toBeCloseTo(1.5, 1)
    expect(fit.weights[1]).toBeCloseTo(-0.8, 1)
    expect(Math.abs(fit.weights[2]!)).toBeLessThan(0.05)
    // the covariance's diagonal is the coefficients' variance: about 1/(n·p(1−p)·var(x)) here
    const se = Math.sqrt(fit.covariance[1 * 4 + 1]!)
    expect(se).toBeGreaterThan(0.01)
    expect(se).toBeLessThan(0.05)
  })

  it('stronger λ shrinks the weights toward zero', () => {
    const r = seededRandom(5)
    const x = Array.from({ length: 300 }, () => Float64Array.from([normal(r)]))
    const y = x.map((xi) => (r() < sigmoid(2 * xi[0]!) ? 1 : 0))
    const weak = fitLogistic(x, y, 0.01)
    const strong = fitLogistic(x, y, 200)
    expect(Math.abs(strong.weights[0]!)).toBeLessThan(Math.abs(weak.weights[0]!) / 2)
  })

  it('separable data stays finite (the penalty bounds it)', () => {
    const x = [-2, -1, 1, 2].map((v) => Float64Array.from([v]))
    const fit = fitLogistic(x, [0, 0, 1, 1], 0.1)
    expect(Number.isFinite(fit.weights[0]!)).toBe(true)
    expect(linear(fit, Float64Array.from([2]))).toBeGreaterThan(0)
  })
})

describe('features', () => {
  it('one encoding for training and prediction: log scales, missing flags, levels seen often enough, constants dropped', () => {
    const rows = Array.from({ length: 40 }, (_, i) =>
      job({ score: 40 + i, clientHires: i % 3 === 0 ? 0 : i, clientFeedback: i % 4 === 0 ? null : 4.5, category: i < MIN_LEVEL_COUNT ? 'Rare' : i % 2 ? 'Web' : 'Data', clientCountry: i === 0 ? 'Iceland' : 'Germany' })
    )
    const spec = fitSpec(rows)
    const names = spec.columns.map((c) => c.name)
    expect(names).toContain('score')
    expect(names).toContain('clientFeedback:missing')
    expect(names).toContain('clientHires:none')
    expect(names).toContain('category=Rare') // seen exactly MIN_LEVEL_COUNT times
    expect(names).not.toContain('clientCountry=Iceland') // once: too rare to learn
    expect(names).toContain('clientCountry=Germany') // 39 of 40: kept, and it varies
    expect(names).not.toContain('score:missing') // never missing: constant
    expect(names).not.toContain('editedByUser') // always false: constant
    expect(rawColumns(job({ minutesSincePosting: 99 })).get('minutesSincePosting')).toBeCloseTo(Math.log(100), 12)
    // standardised on the training rows: mean 0
    const encoded = rows.map((x) => encode(spec, x))
    const i = names.indexOf('score')
    expect(encoded.reduce((a, e) => a + e[i]!, 0) / rows.length).toBeCloseTo(0, 10)
    // a missing value sits at the mean (0), its flag carries the information
    const e = encode(spec, job({ score: null }))
    expect(e[i]).toBeCloseTo(0, 10)
    // outside the training range (scores 40–79): clamped, no extrapolation
    expect(encode(spec, job({ score: 500 }))[i]).toBeCloseTo(encode(spec, job({ score: 79 }))[i]!, 10)
    expect(encode(spec, job({ score: -3 }))[i]).toBeCloseTo(encode(spec, job({ score: 40 }))[i]!, 10)
  })

  it('a job before drafting leaves every draft column neutral (0)', () => {
    const rows = Array.from({ length: 30 }, (_, k) => job({ draft: { bidToBudget: k / 10, draftWords: 50 + k, textSource: k % 2 ? 'ai' : 'user', editedByUser: k % 3 === 0, templateId: (k % 2) + 1, strategy: 'short' } }))
    const spec = fitSpec(rows)
    const e = encode(spec, job({ draft: null }))
    spec.columns.forEach((c, k) => {
      if (['bidToBudget', 'draftWords', 'textSource', 'editedByUser', 'template', 'strategy'].includes(c.feature)) expect(e[k]).toBeCloseTo(0, 10)
    })
  })
})

describe('labels', () => {
  it('known once the window has passed, whatever happened meanwhile; a reply stays a reply after a later "Pending"', () => {
    expect(labelsOf(['submitted', 'replied', 'submitted'], NOW - 20 * DAY, NOW)).toEqual({ reply: 1, hire: null })
    expect(labelsOf(['submitted', 'replied', 'interview', 'hired'], NOW - 31 * DAY, NOW)).toEqual({ reply: 1, hire: 1 })
    expect(labelsOf(['submitted', 'declined'], NOW - REPLY_WINDOW_MS, NOW)).toEqual({ reply: 0, hire: null })
    expect(labelsOf(['submitted', 'declined'], NOW - HIRE_WINDOW_MS, NOW)).toEqual({ reply: 0, hire: 0 })
    // recent: not known yet, even when it already replied (counting only those would bias the rate up)
    expect(labelsOf(['replied'], NOW - DAY, NOW)).toEqual({ reply: null, hire: null })
    expect(labelsOf([null, 'submitted'], NOW - 40 * DAY, NOW)).toEqual({ reply: 0, hire: 0 })
  })
})

describe('the prior and the blend', () => {
  it('with no history the prediction is the prior: priorShare 1, a fixed curve of the fit score', () => {
    const low = predictKind('reply', job({ score: 40 }), null, DEFAULT_PRIOR)
    const high = predictKind('reply', job({ score: 90 }), null, DEFAULT_PRIOR)
    expect(low.priorShare).toBe(1)
    expect(high.p).toBeGreaterThan(low.p)
    expect(predictKind('reply', job({ score: 60 }), null, DEFAULT_PRIOR).p).toBeCloseTo(DEFAULT_PRIOR.replyRate, 10)
    const hire = predictKind('hire', job({ score: 60 }), null, DEFAULT_PRIOR)
    expect(hire.p).toBeCloseTo(DEFAULT_PRIOR.replyRate * DEFAULT_PRIOR.conversion, 10)
    expect(high.low).toBeLessThan(high.p)
    expect(high.high).toBeGreaterThan(high.p)
    expect(high.contributions[0]?.feature).toBe('score')
    // no score at all: the base rate, no NaN
    const none = predictKind('reply', job({ score: null }), null, DEFAULT_PRIOR)
    expect(none.p).toBeCloseTo(DEFAULT_PRIOR.replyRate, 10)
    expect(none.contributions).toEqual([])
  })

  it('the base rates move toward the user’s own as outcomes arrive', () => {
    expect(priorFrom({ n: 0, replies: 0, hires: 0 })).toEqual(DEFAULT_PRIOR)
    const p = priorFrom({ n: 1000, replies: 300, hires: 60 })
    expect(p.replyRate).toBeCloseTo(302.4 / 1020, 10)
    expect(p.conversion).toBeCloseTo(65 / 320, 10)
    expect(Number.isFinite(priorLogit('hire', 50, priorFrom({ n: 5, replies: 0, hires: 0 })))).toBe(true)
  })

  it('the model’s share grows with the rarer class: m / (m + 20)', () => {
    expect(modelShare(null)).toBe(0)
    expect(modelShare({ n: 1000, positives: 20 })).toBeCloseTo(0.5, 10)
    expect(modelShare({ n: 1000, positives: 980 })).toBeCloseTo(0.5, 10)
  })
})

describe('training decisions on bad input: prior only, in words, never NaN', () => {
  const rows = (n: number, label: (i: number) => 0 | 1): LabelledRow[] =>
    Array.from({ length: n }, (_, i) => ({ x: job({ score: 40 + (i % 60) }), at: NOW - (n - i) * DAY, reply: label(i), hire: 0 }))

  it('no history, one outcome, a few: not enough, and how many more', () => {
    expect(trainKind('reply', [], null, NOW)).toMatchObject({ accepted: null, available: 0, needMore: MIN_OUTCOMES, decision: { code: 'notEnough', params: { more: MIN_OUTCOMES, n: 0 } } })
    expect(trainKind('reply', rows(1, () => 1), null, NOW)).toMatchObject({ accepted: null, available: 1, decision: { code: 'notEnough' } })
    expect(outcomesNeeded(60, 2)).toBeGreaterThan(0) // enough rows, too few replies
    expect(outcomesNeeded(60, 30)).toBeNull()
  })

  it('every outcome the same: nothing to learn, prior only', () => {
    const r = trainKind('reply', rows(200, () => 0), null, NOW)
    expect(r).toMatchObject({ accepted: null, decision: { code: 'oneClass', params: { n: 200 } } })
    expect(Number.isFinite(r.prior.replyRate)).toBe(true)
    const all = trainKind('reply', rows(200, () => 1), null, NOW)
    expect(all.decision.code).toBe('oneClass')
  })

  it('labels with no signal: the model is not better than the prior, so the prior stays', () => {
    const r = seededRandom(3)
    const out = trainKind('reply', rows(400, () => (r() < 0.12 ? 1 : 0)).map((row) => ({ ...row, x: job({ score: 60, clientCountry: r() < 0.5 ? 'A' : 'B', category: r() < 0.5 ? 'X' : 'Y' }) })), null, NOW)
    expect(out.decision.code).toBe('notBetterThanPrior')
    expect(out.accepted).toBeNull()
  })
})

describe('reasons in words', () => {
  it('the top three, signed, worded from the value (en), unknown values said as such', () => {
    const x = job({ minutesSincePosting: 25, clientHires: 0, clientVerified: null })
    const reasons = reasonsOf(
      [
        { feature: 'minutesSincePosting', contribution: 0.8 },
        { feature: 'clientHires', contribution: -0.5 },
        { feature: 'clientVerified', contribution: -0.2 },
        { feature: 'score', contribution: 0.1 }
      ],
      x,
      { template: () => 'Short + question' },
      new Map()
    )
    expect(reasons.map((r) => [r.feature, r.direction, inEnglish(r.text)])).toEqual([
      ['minutesSincePosting', 'up', '25 minutes after posting: raises the chance'],
      ['clientHires', 'down', 'the client hired 0 times: lowers the chance'],
      ['clientVerified', 'down', 'payment verification unknown: lowers the chance']
    ])
    const [tpl] = reasonsOf([{ feature: 'template', contribution: 0.3 }], x, { template: () => 'Short + question' }, new Map([['template', new Set(['1'])]]))
    expect(inEnglish(tpl!.text)).toBe('template “Short + question”: raises the chance')
    const [other] = reasonsOf([{ feature: 'category', contribution: -0.3 }], x, { template: () => null }, new Map([['category', new Set(['Data'])]]))
    expect(inEnglish(other!.text)).toBe('category (a less common one): lowers the chance')
    // in Ukrainian too (plural forms)
    const uk = translator('uk')
    expect(reasons.map((r) => renderText(uk, r.text))).toEqual([
      '25 хвилин після публікації: підвищує шанс',
      'клієнт наймав 0 разів: знижує шанс',
      'підтвердження оплати — немає даних: знижує шанс'
    ])
    expect(inEnglish(ageText(90))).toBe('90 minutes')
    expect(inEnglish(ageText(300))).toBe('5 hours')
    expect(inEnglish(ageText(4 * 1440))).toBe('4 days')
  })
})
