import type { RateDto, RatioDto } from '@shared/analytics'
import type { Language, Translate } from '@shared/i18n'

/**
 * The Analytics page's numbers in words, in the language in force. Pure (tested without a DOM):
 * never NaN or Infinity on screen, never a bare percentage — a rate comes with its 95% interval,
 * and a small sample says how many more proposals it needs instead.
 */

const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x)

/** Digits for a share: one decimal under 10%, none above (so 0.3% is not shown as 0%). */
const shareDigits = (x: number): number => (Math.abs(x) < 0.1 && x !== 0 ? 1 : 0)

function pct(language: Language, x: number, digits: number): string {
  return new Intl.NumberFormat(language, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: digits }).format(x)
}

function plain(language: Language, x: number, digits: number): string {
  return new Intl.NumberFormat(language, { minimumFractionDigits: 0, maximumFractionDigits: digits }).format(x)
}

/** A share 0…1 as a percentage ("31%", "0.4%"); "—" when it is not a number. */
export function percent(language: Language, x: number | null | undefined): string {
  return finite(x) ? pct(language, x, shareDigits(x)) : '—'
}

/** A count or figure with at most `digits` decimals; "—" when it is not a number. */
export function num(language: Language, x: number | null | undefined, digits = 0): string {
  return finite(x) ? plain(language, x, digits) : '—'
}

/** "31% (24–39%)": a rate and its 95% interval (the interval in the rate's precision). */
export function rateWithInterval(t: Translate, language: Language, r: RateDto): string {
  if (!finite(r.rate)) return t('analytics.ui.noProposals')
  const digits = shareDigits(r.rate)
  if (!finite(r.low) || !finite(r.high)) return pct(language, r.rate, digits)
  return t('analytics.ui.rate', { rate: pct(language, r.rate, digits), low: plain(language, r.low * 100, digits), high: pct(language, r.high, digits) })
}

/**
 * A rate as the page shows it: "31% (24–39%)", or for a small sample "3 of 5 — not enough data
 * yet: 5 more proposals to tell" (the count, never a bare percentage), or "no proposals".
 */
export function rateText(t: Translate, language: Language, r: RateDto): string {
  if (r.n === 0 || !finite(r.rate)) return t('analytics.ui.noProposals')
  if (r.small) return t('analytics.ui.rateSmall', { k: r.k, n: r.n, more: Math.max(1, r.needMore) })
  return rateWithInterval(t, language, r)
}

/** One day's reply rate: "31% (24–39%)", or "2 of 5 (too few in one day to read alone)", or "no proposals". */
export function dayRateText(t: Translate, language: Language, r: RateDto): string {
  if (r.n === 0 || !finite(r.rate)) return t('analytics.ui.noProposals')
  return r.small ? t('analytics.ui.trends.smallDay', { k: r.k, n: r.n }) : rateWithInterval(t, language, r)
}

/** "2.1× (1.4–3.0×)"; "—" when it cannot be computed. */
export function ratioText(t: Translate, language: Language, r: RatioDto | null): string {
  if (!r || !finite(r.ratio)) return '—'
  if (!finite(r.low) || !finite(r.high)) return t('analytics.ui.times', { value: plain(language, r.ratio, 1) })
  return t('analytics.ui.ratio', { ratio: plain(language, r.ratio, 1), low: plain(language, r.low, 1), high: plain(language, r.high, 1) })
}

/** A duration given in hours: "25 min", "5.5 h", "3 d"; "—" when not known. */
export function hoursText(t: Translate, language: Language, hours: number | null | undefined): string {
  if (!finite(hours) || hours < 0) return '—'
  if (hours < 1) return t('analytics.ui.duration.minutes', { n: plain(language, Math.max(1, Math.round(hours * 60)), 0) })
  if (hours < 48) return t('analytics.ui.duration.hours', { n: plain(language, hours, 1) })
  return t('analytics.ui.duration.days', { n: plain(language, hours / 24, 1) })
}

/** US dollars ("$0.42", "$0.0035"); null is "unknown" (a cost GigPilot does not know is never $0). */
export function usd(t: Translate, language: Language, amount: number | null | undefined): string {
  if (!finite(amount)) return t('analytics.ui.unknown')
  const small = amount !== 0 && Math.abs(amount) < 0.01
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: small ? 4 : 2 }).format(amount)
}

/** Whole US dollars for an axis ("$1,600"); "" when it is not a number. */
export function usdWhole(language: Language, amount: number): string {
  return Number.isFinite(amount) ? new Intl.NumberFormat(language, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(amount) : ''
}

/** A share 0…1 as a chart value in percent (0 when it is not a number), clamped to 0…100. */
export const chartPercent = (x: number | null | undefined): number => (finite(x) ? Math.min(100, Math.max(0, x * 100)) : 0)

/** The error bar of a rate in percent points below and above it ([0, 0] when unknown). */
export function errorBar(r: RateDto): [number, number] {
  if (!finite(r.rate) || !finite(r.low) || !finite(r.high)) return [0, 0]
  const rate = chartPercent(r.rate)
  return [Math.max(0, rate - chartPercent(r.low)), Math.max(0, chartPercent(r.high) - rate)]
}

/** A local day "2026-11-05" as a short date in the language ("5 Nov"); the text as given when it is not a day. */
export function dayLabel(language: Language, day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return day
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
}

export function dateTimeText(language: Language, iso: string | null | undefined): string {
  const ms = iso ? Date.parse(iso) : NaN
  return Number.isFinite(ms) ? new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(ms) : '—'
}
