/** Numbers as the learning screens show them: never NaN, never a bare percentage without its interval. */

const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x)

/** A share 0…1 as a percentage ("12.5 %", "12,5 %"); null, NaN and ±Infinity are "–". */
export function percent(language: string, x: number | null | undefined, digits = 1): string {
  if (!finite(x)) return '–'
  return new Intl.NumberFormat(language, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: digits }).format(x)
}

/** A plain number with at most `digits` decimals; "–" when it is not a number. */
export function decimal(language: string, x: number | null | undefined, digits = 3): string {
  if (!finite(x)) return '–'
  return new Intl.NumberFormat(language, { minimumFractionDigits: 0, maximumFractionDigits: digits }).format(x)
}

/** An interval of shares as "10 %–18 %"; "–" when either end is not a number. */
export function percentRange(language: string, low: number | null | undefined, high: number | null | undefined, digits = 1): string {
  if (!finite(low) || !finite(high)) return '–'
  return `${percent(language, low, digits)}–${percent(language, high, digits)}`
}

/** A share clamped to 0…1 for a chart (0 when it is not a number). */
export const share = (x: number | null | undefined): number => (finite(x) ? Math.min(1, Math.max(0, x)) : 0)

export function dateTime(language: string, at: number | string | null | undefined): string {
  if (at === null || at === undefined) return '–'
  const ms = typeof at === 'number' ? at : Date.parse(at)
  if (!Number.isFinite(ms)) return '–'
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(ms)
}
