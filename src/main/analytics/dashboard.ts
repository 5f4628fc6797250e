/**
 * The dashboard's figures from the history rows, in one pass per figure (pure: the module reads,
 * this computes). Rates carry Wilson intervals and the small-sample flag; breakdown rows carry
 * their rate ratio against the rest; nothing is NaN or Infinity.
 */
import {
  BREAKDOWN_KINDS,
  FUNNEL_STAGES,
  SMALL_SAMPLE_N,
  type BreakdownDto,
  type BreakdownKind,
  type BreakdownRowDto,
  type DailyPointDto,
  type FunnelStageDto,
  type NotEnoughDto
} from '@shared/analytics'
import type { HistoryRow } from './history'
import { localDayKey, localDays } from './period'
import { BAND_ORDER, budgetBand, median, postingAgeBand, rateOf, rateRatio, ratioOrNull, scoreBand } from './stats/stats'

/** A proposal got a reply: it reached the replied stage or later. */
export const replied = (r: HistoryRow): boolean => r.furthest >= 2

/** The key of a proposal in a breakdown ('' = not known). */
export function breakdownKey(kind: BreakdownKind, r: HistoryRow): string {
  switch (kind) {
    case 'template':
      return r.templateId === null ? '' : String(r.templateId)
    case 'strategy':
      return r.strategy ?? ''
    case 'category':
      return r.category ?? ''
    case 'budgetBand':
      return budgetBand(r)
    case 'clientCountry':
      return r.clientCountry ?? ''
    case 'scoreBand':
      return scoreBand(r.score)
    case 'postingAgeBand':
      return postingAgeBand(r.minutesSincePosting)
    case 'hourOfDay':
      return String(new Date(r.sentAt).getHours())
  }
}

export function funnelOf(rows: readonly HistoryRow[]): FunnelStageDto[] {
  const reached = [0, 0, 0, 0, 0]
  for (const r of rows) for (let s = 0; s <= r.furthest; s++) reached[s] = (reached[s] as number) + 1
  const sent = rows.length
  return FUNNEL_STAGES.map((stage, i) => ({
    stage,
    count: reached[i] as number,
    ofSent: rateOf(reached[i] as number, sent),
    ofPrevious: i === 0 ? null : rateOf(reached[i] as number, reached[i - 1] as number)
  }))
}

export function dailyOf(rows: readonly HistoryRow[], from: number | null, to: number): DailyPointDto[] {
  const start = from ?? rows[0]?.sentAt ?? to
  const days = new Map<string, { sent: number; replies: number; bidSum: number; bidN: number; connects: number }>()
  for (const day of localDays(start, to)) days.set(day, { sent: 0, replies: 0, bidSum: 0, bidN: 0, connects: 0 })
  for (const r of rows) {
    const d = days.get(localDayKey(r.sentAt))
    if (!d) continue
    d.sent++
    if (replied(r)) d.replies++
    if (r.bidAmount !== null) {
      d.bidSum += r.bidAmount
      d.bidN++
    }
    if (r.connectsSpent !== null) d.connects += r.connectsSpent
  }
  return [...days].map(([day, d]) => {
    const rate = rateOf(d.replies, d.sent)
    return {
      day,
      sent: d.sent,
      replies: d.replies,
      replyRate: rate.rate,
      replyRateLow: rate.low,
      replyRateHigh: rate.high,
      small: rate.small,
      avgBid: d.bidN ? Math.round((d.bidSum / d.bidN) * 100) / 100 : null,
      connects: d.connects
    }
  })
}

export function breakdownOf(kind: BreakdownKind, rows: readonly HistoryRow[]): BreakdownDto {
  const groups = new Map<string, { n: number; k: number; label: string | null; gone: boolean }>()
  for (const r of rows) {
    const key = breakdownKey(kind, r)
    let g = groups.get(key)
    if (!g) {
      g = { n: 0, k: 0, label: kind === 'template' ? r.templateName : null, gone: kind === 'template' && r.templateGone }
      groups.set(key, g)
    }
    g.n++
    if (replied(r)) g.k++
  }
  const N = rows.length
  const K = rows.reduce((s, r) => s + (replied(r) ? 1 : 0), 0)
  const out: BreakdownRowDto[] = [...groups].map(([key, g]) => {
    const rate = rateOf(g.k, g.n)
    return {
      key,
      label: g.label,
      ...(g.gone ? { gone: true } : {}),
      n: g.n,
      replies: g.k,
      rate,
      vsRest: groups.size > 1 ? rateRatio(g.k, g.n, K - g.k, N - g.n) : null,
      small: rate.small
    }
  })
  const order = BAND_ORDER[kind]
  if (order) out.sort((a, b) => rankIn(order, a.key) - rankIn(order, b.key))
  else out.sort((a, b) => (a.key === '' ? 1 : 0) - (b.key === '' ? 1 : 0) || b.n - a.n || (a.key < b.key ? -1 : 1))
  return { kind, rows: out }
}

const rankIn = (order: readonly string[], key: string): number => (key === '' ? order.length + 1 : order.indexOf(key) === -1 ? order.length : order.indexOf(key))

export function breakdownsOf(rows: readonly HistoryRow[]): BreakdownDto[] {
  return BREAKDOWN_KINDS.map((k) => breakdownOf(k, rows))
}

export function medianHoursToFirstReply(rows: readonly HistoryRow[]): number | null {
  const hours = rows.filter((r) => replied(r) && r.firstReplyAt !== null).map((r) => ((r.firstReplyAt as number) - r.sentAt) / 3_600_000)
  const m = median(hours)
  return m === null ? null : Math.round(m * 10) / 10
}

/** Connects per reply and per hire over the proposals whose Connects are known. */
export function connectsOf(rows: readonly HistoryRow[]): { spent: number; known: number; perReply: number | null; perHire: number | null } {
  let spent = 0
  let known = 0
  let replies = 0
  let hires = 0
  for (const r of rows) {
    if (r.connectsSpent === null) continue
    known++
    spent += r.connectsSpent
    if (replied(r)) replies++
    if (r.furthest >= 4) hires++
  }
  const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10)
  return { spent, known, perReply: round(ratioOrNull(spent, replies)), perHire: round(ratioOrNull(spent, hires)) }
}

export function notEnoughOf(total: number): NotEnoughDto | null {
  return total < SMALL_SAMPLE_N ? { have: total, needMore: SMALL_SAMPLE_N - total } : null
}
