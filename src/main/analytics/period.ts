/**
 * Periods by LOCAL day (the computer's time zone): '7d' is today and the 6 days before it, from
 * local midnight; 'all' has no start. Days are stepped with the calendar (setDate), so a day with
 * a clock change (23 or 25 hours) is still one day.
 */
import type { AnalyticsPeriod } from '@shared/analytics'

const DAYS: Record<Exclude<AnalyticsPeriod, 'all'>, number> = { '7d': 7, '30d': 30, '90d': 90 }

/** Local midnight of the day `at` falls in. */
export function startOfLocalDay(at: number): number {
  const d = new Date(at)
  d.setHours(0, 0, 0, 0)
  return d.getTime()
}

/** YYYY-MM-DD of the local day. */
export function localDayKey(at: number): string {
  const d = new Date(at)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** The period's start (epoch ms, local midnight), or null for 'all'. */
export function periodStart(period: AnalyticsPeriod, now: number): number | null {
  if (period === 'all') return null
  const d = new Date(startOfLocalDay(now))
  d.setDate(d.getDate() - (DAYS[period] - 1))
  return d.getTime()
}

/** Every local day key from the day of `from` to the day of `to`, both included (at most `limit`). */
export function localDays(from: number, to: number, limit = 3660): string[] {
  const out: string[] = []
  const d = new Date(startOfLocalDay(from))
  const end = startOfLocalDay(to)
  while (d.getTime() <= end && out.length < limit) {
    out.push(localDayKey(d.getTime()))
    d.setDate(d.getDate() + 1)
  }
  return out
}
