/**
 * Recommendations: plain sentences, each backed by a figure and its 95% interval, made ONLY when
 * the interval excludes 1 (issue 10 item 5). A fixed, small set of comparisons is tested — posting
 * age (within an hour vs later), clients without hires vs with, fit score 80+ vs below, and each
 * template vs the other templates (Bonferroni-corrected over the templates) — never every row of
 * every breakdown, which at 95% would "find" effects in noise (hour of day has 24 rows).
 */
import type { RecommendationDto } from '@shared/analytics'
import type { Language, Translate } from '@shared/i18n'
import type { MessageKey } from '@shared/i18n/en'
import { replied } from './dashboard'
import type { HistoryRow } from './history'
import { rateOf, rateRatio, Z95 } from './stats/stats'
import { SMALL_SAMPLE_N, type RatioDto } from '@shared/analytics'

export interface RecommendDeps {
  t: Translate
  language: Language
}

/** The normal quantile for a two-sided level (Acklam's rational approximation; enough for Bonferroni z). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239]
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572]
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783]
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]
  const q = Math.min(Math.max(p, 1e-12), 1 - 1e-12)
  const lo = 0.02425
  const poly = (k: number[], x: number) => k.reduce((s, v) => s * x + v, 0)
  if (q < lo) {
    const x = Math.sqrt(-2 * Math.log(q))
    return poly(c, x) / (poly(d, x) * x + 1)
  }
  if (q > 1 - lo) {
    const x = Math.sqrt(-2 * Math.log(1 - q))
    return -poly(c, x) / (poly(d, x) * x + 1)
  }
  const x = q - 0.5
  const r = x * x
  return (poly(a, r) * x) / (poly(b, r) * r + 1)
}

interface Split {
  k1: number
  n1: number
  k2: number
  n2: number
}

function split(rows: readonly HistoryRow[], inA: (r: HistoryRow) => boolean | null): Split {
  const s = { k1: 0, n1: 0, k2: 0, n2: 0 }
  for (const r of rows) {
    const a = inA(r)
    if (a === null) continue
    if (a) {
      s.n1++
      if (replied(r)) s.k1++
    } else {
      s.n2++
      if (replied(r)) s.k2++
    }
  }
  return s
}

const enough = (s: Split): boolean => s.n1 >= SMALL_SAMPLE_N && s.n2 >= SMALL_SAMPLE_N && s.k1 + s.k2 > 0

export function recommend(rows: readonly HistoryRow[], deps: RecommendDeps): RecommendationDto[] {
  const fmt1 = new Intl.NumberFormat(deps.language === 'uk' ? 'uk-UA' : 'en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
  const pct = new Intl.NumberFormat(deps.language === 'uk' ? 'uk-UA' : 'en-US', { maximumFractionDigits: 0 })
  const make = (id: string, key: MessageKey, params: Record<string, string | number>, figure: RecommendationDto['figure'], filter?: RecommendationDto['filter']): RecommendationDto => ({
    id,
    key,
    params,
    text: deps.t(key, params),
    figure,
    ...(filter ? { filter } : {})
  })
  const ratioParams = (r: RatioDto, n: number) => ({ ratio: fmt1.format(r.ratio as number), low: fmt1.format(r.low as number), high: fmt1.format(r.high as number), n })
  const ratioFigure = (r: RatioDto, n: number): RecommendationDto['figure'] => ({ kind: 'ratio', value: r.ratio as number, low: r.low, high: r.high, n })
  const out: RecommendationDto[] = []

  // Posting age: within an hour of posting vs later (proposals whose posting time is known).
  const age = split(rows, (r) => (r.minutesSincePosting === null ? null : r.minutesSincePosting < 60))
  if (enough(age)) {
    const rr = rateRatio(age.k1, age.n1, age.k2, age.n2)
    const n = age.n1 + age.n2
    if (rr.strong && (rr.ratio as number) > 1) out.push(make('postingAge', 'analytics.rec.postingAge.faster', ratioParams(rr, n), ratioFigure(rr, n)))
    else if (rr.strong) out.push(make('postingAge', 'analytics.rec.postingAge.slower', ratioParams(rr, n), ratioFigure(rr, n)))
  }

  // Clients without hires vs clients who have hired.
  const client = split(rows, (r) => (r.clientHires === null ? null : r.clientHires === 0))
  if (enough(client)) {
    const rr = rateRatio(client.k1, client.n1, client.k2, client.n2)
    if (rr.strong && (rr.ratio as number) < 1) {
      const rate = rateOf(client.k1, client.n1)
      const others = rateOf(client.k2, client.n2)
      out.push(
        make(
          'clientNoHires',
          'analytics.rec.clientNoHires',
          { rate: pct.format((rate.rate as number) * 100), low: pct.format((rate.low as number) * 100), high: pct.format((rate.high as number) * 100), n: client.n1, others: pct.format((others.rate as number) * 100) },
          { kind: 'rate', value: rate.rate as number, low: rate.low, high: rate.high, n: client.n1 }
        )
      )
    }
  }

  // Fit score 80+ vs below.
  const score = split(rows, (r) => (r.score === null ? null : r.score >= 80))
  if (enough(score)) {
    const rr = rateRatio(score.k1, score.n1, score.k2, score.n2)
    const n = score.n1 + score.n2
    if (rr.strong && (rr.ratio as number) > 1) out.push(make('score', 'analytics.rec.score', ratioParams(rr, n), ratioFigure(rr, n)))
  }

  // Each template vs the other templates (only proposals that used one), Bonferroni over the templates compared.
  const templated = rows.filter((r) => r.templateId !== null)
  const ids = [...new Set(templated.map((r) => r.templateId as number))]
  const candidates = ids.map((id) => ({ id, s: split(templated, (r) => r.templateId === id) })).filter((c) => enough(c.s))
  if (candidates.length >= 2) {
    const z = candidates.length > 2 ? normalQuantile(1 - 0.05 / (2 * candidates.length)) : Z95
    for (const c of candidates) {
      const rr = rateRatio(c.s.k1, c.s.n1, c.s.k2, c.s.n2, z)
      if (!rr.strong || (rr.ratio as number) <= 1) continue
      const name = templated.find((r) => r.templateId === c.id)?.templateName
      const n = c.s.n1 + c.s.n2
      out.push(
        make(`template:${c.id}`, name ? 'analytics.rec.template' : 'analytics.rec.templateDeleted', { name: name ?? '', ...ratioParams(rr, n) }, ratioFigure(rr, n), { breakdown: 'template', key: String(c.id) })
      )
    }
  }
  return out
}
