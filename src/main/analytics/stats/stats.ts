/**
 * The statistics the analytics show, as plain pure functions: Wilson intervals for rates, rate
 * ratios with a log-method interval, medians, bands and the "small sample" rule. Nothing returns
 * NaN or Infinity: what cannot be computed is null (stats.test.ts fuzzes empty, zero, one and
 * all-same inputs).
 */
import { SMALL_INTERVAL_WIDTH, SMALL_SAMPLE_N, type RateDto, type RatioDto } from '@shared/analytics'

/** The two-sided 95% normal quantile. */
export const Z95 = 1.959963984540054

/** A finite number, or null. */
export function finite(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null
}

const clean = (k: number, n: number): { k: number; n: number } => {
  const nn = Number.isFinite(n) && n > 0 ? Math.floor(n) : 0
  const kk = Number.isFinite(k) && k > 0 ? Math.min(Math.floor(k), nn) : 0
  return { k: kk, n: nn }
}

/** Wilson score interval for k successes in n trials (null when n = 0). */
export function wilson(k: number, n: number, z: number = Z95): { low: number; high: number } | null {
  const c = clean(k, n)
  if (c.n === 0) return null
  const p = c.k / c.n
  const z2 = z * z
  const denom = 1 + z2 / c.n
  const centre = (p + z2 / (2 * c.n)) / denom
  const half = (z * Math.sqrt((p * (1 - p)) / c.n + z2 / (4 * c.n * c.n))) / denom
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) }
}

/** Is a rate too uncertain to read: too few trials, or an interval wider than SMALL_INTERVAL_WIDTH. */
export function isSmall(k: number, n: number): boolean {
  const c = clean(k, n)
  if (c.n < SMALL_SAMPLE_N) return true
  const w = wilson(c.k, c.n)
  return w === null || w.high - w.low > SMALL_INTERVAL_WIDTH
}

/** How many more trials (at the same rate) until the rate is no longer small; 0 when it is not. */
export function needMoreFor(k: number, n: number): number {
  const c = clean(k, n)
  if (!isSmall(c.k, c.n)) return 0
  const p = c.n > 0 ? c.k / c.n : 0.5
  for (let m = Math.max(c.n, 1); m <= 100_000; m++) {
    if (m >= SMALL_SAMPLE_N && !isSmall(Math.round(p * m), m)) return m - c.n
  }
  return 100_000 - c.n
}

/** A rate with its interval and the small-sample flag (the DTO every rate is shown as). */
export function rateOf(k: number, n: number): RateDto {
  const c = clean(k, n)
  const w = wilson(c.k, c.n)
  const small = isSmall(c.k, c.n)
  return { k: c.k, n: c.n, rate: c.n > 0 ? c.k / c.n : null, low: w?.low ?? null, high: w?.high ?? null, small, needMore: small ? needMoreFor(c.k, c.n) : 0 }
}

/**
 * Ratio of two rates (k1/n1) ÷ (k2/n2) with its 95% interval by the log method (Katz): ln RR ± z·√(1/k1 − 1/n1 + 1/k2 − 1/n2).
 * With a zero count 0.5 is added to each cell (Haldane–Anscombe), so the interval stays finite and wide.
 * Null figures when either group is empty.
 */
export function rateRatio(k1: number, n1: number, k2: number, n2: number, z: number = Z95): RatioDto {
  const a = clean(k1, n1)
  const b = clean(k2, n2)
  if (a.n === 0 || b.n === 0) return { ratio: null, low: null, high: null, strong: false }
  const fix = a.k === 0 || b.k === 0 || a.k === a.n || b.k === b.n ? 0.5 : 0
  const x1 = a.k + fix
  const m1 = a.n + 2 * fix
  const x2 = b.k + fix
  const m2 = b.n + 2 * fix
  const ratio = x1 / m1 / (x2 / m2)
  const se = Math.sqrt(Math.max(0, 1 / x1 - 1 / m1 + 1 / x2 - 1 / m2))
  const low = finite(Math.exp(Math.log(ratio) - z * se))
  const high = finite(Math.exp(Math.log(ratio) + z * se))
  const r = finite(ratio)
  return { ratio: r, low, high, strong: low !== null && high !== null && (low > 1 || high < 1) }
}

/** The median (mean of the middle two for an even count); null for none. Non-finite values are ignored. */
export function median(values: readonly number[]): number | null {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  if (xs.length === 0) return null
  const mid = xs.length >> 1
  return xs.length % 2 ? (xs[mid] as number) : ((xs[mid - 1] as number) + (xs[mid] as number)) / 2
}

/** Mean of the finite values; null for none. */
export function mean(values: readonly number[]): number | null {
  let s = 0
  let n = 0
  for (const v of values) {
    if (Number.isFinite(v)) {
      s += v
      n++
    }
  }
  return n ? s / n : null
}

/** a ÷ b, or null when b is 0 or either is not finite. */
export function ratioOrNull(a: number, b: number): number | null {
  return b !== 0 ? finite(a / b) : null
}

// ---- bands (the breakdowns' keys) ----

/** Fit score bands. */
export const SCORE_BANDS = [
  { key: '0-39', max: 40 },
  { key: '40-59', max: 60 },
  { key: '60-69', max: 70 },
  { key: '70-79', max: 80 },
  { key: '80-89', max: 90 },
  { key: '90-100', max: Infinity }
] as const

/** The key of the first band whose (exclusive) upper bound is above the value; '' for none or unknown. */
function bandKey(bands: ReadonlyArray<{ key: string; max: number }>, value: number | null): string {
  if (value === null || !Number.isFinite(value) || value < 0) return ''
  return bands.find((b) => value < b.max)?.key ?? ''
}

export const scoreBand = (score: number | null): string => bandKey(SCORE_BANDS, score)

/** Minutes from the job's posting to sending. "Within an hour" = the first two bands. */
export const POSTING_AGE_BANDS = [
  { key: '0-29', max: 30 },
  { key: '30-59', max: 60 },
  { key: '60-239', max: 240 },
  { key: '240-1439', max: 1440 },
  { key: '1440+', max: Infinity }
] as const

export const postingAgeBand = (minutes: number | null): string => bandKey(POSTING_AGE_BANDS, minutes)

/** Budget bands: fixed price by its amount, hourly by the range's top (else its bottom), in the job's currency. */
export function budgetBand(job: { jobType: string | null; fixedAmount: number | null; hourlyMin: number | null; hourlyMax: number | null }): string {
  if (job.jobType === 'FIXED' && job.fixedAmount !== null && Number.isFinite(job.fixedAmount)) {
    const a = job.fixedAmount
    return a < 250 ? 'fixed:<250' : a < 1000 ? 'fixed:250-999' : a < 5000 ? 'fixed:1000-4999' : 'fixed:5000+'
  }
  const h = job.hourlyMax ?? job.hourlyMin
  if (job.jobType === 'HOURLY' && h !== null && Number.isFinite(h)) return h < 30 ? 'hourly:<30' : h < 60 ? 'hourly:30-59' : 'hourly:60+'
  return ''
}

/** Keys in display order for the banded breakdowns (others sort by n). */
export const BAND_ORDER: Readonly<Record<string, readonly string[]>> = {
  scoreBand: SCORE_BANDS.map((b) => b.key),
  postingAgeBand: POSTING_AGE_BANDS.map((b) => b.key),
  budgetBand: ['fixed:<250', 'fixed:250-999', 'fixed:1000-4999', 'fixed:5000+', 'hourly:<30', 'hourly:30-59', 'hourly:60+'],
  hourOfDay: Array.from({ length: 24 }, (_, h) => String(h))
}
