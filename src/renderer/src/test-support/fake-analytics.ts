import {
  BREAKDOWN_KINDS,
  FUNNEL_STAGES,
  SMALL_INTERVAL_WIDTH,
  SMALL_SAMPLE_N,
  type AnalyticsPeriod,
  type AnalyticsProposalDto,
  type AnalyticsProposalFilter,
  type AnalyticsProposalsDto,
  type BacktestDto,
  type BreakdownKind,
  type BreakdownRowDto,
  type CsvExportDto,
  type DailyPointDto,
  type DashboardDto,
  type RateDto
} from '@shared/analytics'
import type { ChannelName, EventMap, EventName } from '@shared/contract'
import type { FakeHandlers } from './fake-bridge'

type AnalyticsChannel = Extract<ChannelName, `analytics:${string}`>

const Z = 1.959964

/** k of n with its 95% Wilson interval, "small" as main decides it (SMALL_SAMPLE_N, SMALL_INTERVAL_WIDTH). */
export function rate(k: number, n: number): RateDto {
  if (n === 0) return { k: 0, n: 0, rate: null, low: null, high: null, small: true, needMore: SMALL_SAMPLE_N }
  const p = k / n
  const z2 = Z * Z
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n)
  const half = (Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n)
  const low = Math.max(0, centre - half)
  const high = Math.min(1, centre + half)
  const small = n < SMALL_SAMPLE_N || high - low > SMALL_INTERVAL_WIDTH
  return { k, n, rate: p, low, high, small, needMore: small ? Math.max(SMALL_SAMPLE_N - n, 1) : 0 }
}

/** A funnel from the counts that reached each stage (sent, viewed, replied, interview, hired). */
export function funnel(counts: [number, number, number, number, number]): DashboardDto['funnel'] {
  return FUNNEL_STAGES.map((stage, i) => ({
    stage,
    count: counts[i]!,
    ofSent: rate(counts[i]!, counts[0]),
    ofPrevious: i === 0 ? null : rate(counts[i]!, counts[i - 1]!)
  }))
}

export function breakdownRow(key: string, replies: number, n: number, over: Partial<BreakdownRowDto> = {}): BreakdownRowDto {
  const r = rate(replies, n)
  return { key, label: null, n, replies, rate: r, vsRest: null, small: r.small, ...over }
}

/** Daily points from 2026-11-{start} on: `sent[i]` proposals and `replies[i]` replies on day i. */
export function daily(sent: number[], replies: number[], start = 1): DailyPointDto[] {
  return sent.map((s, i) => {
    const r = rate(replies[i] ?? 0, s)
    return {
      day: `2026-11-${String(start + i).padStart(2, '0')}`,
      sent: s,
      replies: replies[i] ?? 0,
      replyRate: r.rate,
      replyRateLow: r.low,
      replyRateHigh: r.high,
      small: r.small,
      avgBid: s > 0 ? 300 + i * 10 : null,
      connects: s * 8
    }
  })
}

/** A full dashboard over 120 proposals (a real workspace unless `sample`), every breakdown filled. */
export function fullDashboard(period: AnalyticsPeriod = '30d', over: Partial<DashboardDto> = {}): DashboardDto {
  const rows: Record<BreakdownKind, BreakdownRowDto[]> = {
    template: [breakdownRow('1', 24, 60, { label: 'Short + question' }), breakdownRow('2', 12, 55, { label: 'Portfolio-led' }), breakdownRow('3', 1, 5, { label: 'Old one', gone: true })],
    strategy: [breakdownRow('short', 20, 60), breakdownRow('detailed', 17, 60)],
    category: [breakdownRow('Web Development', 30, 90), breakdownRow('', 7, 30)],
    budgetBand: [breakdownRow('<500', 10, 50), breakdownRow('500-2000', 20, 50), breakdownRow('2000+', 7, 20)],
    clientCountry: [breakdownRow('US', 20, 60), breakdownRow('DE', 10, 40), breakdownRow('UA', 7, 20)],
    scoreBand: [breakdownRow('0-59', 5, 40), breakdownRow('60-79', 12, 40), breakdownRow('80-100', 20, 40)],
    postingAgeBand: [breakdownRow('0-60', 25, 50), breakdownRow('60-240', 8, 40), breakdownRow('240+', 4, 30)],
    hourOfDay: [breakdownRow('9', 10, 30), breakdownRow('14', 14, 50), breakdownRow('20', 13, 40)]
  }
  return {
    period,
    from: period === 'all' ? null : '2026-11-01T00:00:00.000Z',
    to: '2026-12-01T00:00:00.000Z',
    sample: false,
    total: 120,
    notEnough: null,
    funnel: funnel([120, 80, 37, 12, 4]),
    daily: daily([4, 6, 5, 0, 3, 7, 5], [1, 2, 2, 0, 1, 3, 2]),
    breakdowns: BREAKDOWN_KINDS.map((kind) => ({ kind, rows: rows[kind] })),
    medianHoursToFirstReply: 5.5,
    connects: { spent: 960, known: 120, perReply: 25.9, perHire: 240 },
    usage: { api: { requests: 412 }, ai: { calls: 60, failed: 2, promptTokens: 90_000, completionTokens: 30_000, costUsd: 0.42, unpricedCalls: 0, costPerProposalUsd: 0.0035 } },
    recommendations: [
      {
        id: 'postingAge',
        text: 'You get 2.1× more replies on jobs you answer within an hour (95% interval 1.4–3.0×, 120 proposals)',
        key: 'analytics.rec.postingAge',
        params: {},
        figure: { kind: 'ratio', value: 2.1, low: 1.4, high: 3.0, n: 120 },
        filter: { breakdown: 'postingAgeBand', key: '0-60' }
      }
    ],
    computedAt: '2026-12-01T10:00:00.000Z',
    ...over
  }
}

/** The dashboard of a period without a single proposal (as main answers it). */
export function emptyDashboard(period: AnalyticsPeriod = '30d', over: Partial<DashboardDto> = {}): DashboardDto {
  return {
    ...fullDashboard(period),
    total: 0,
    notEnough: { have: 0, needMore: SMALL_SAMPLE_N },
    funnel: funnel([0, 0, 0, 0, 0]),
    daily: [],
    breakdowns: BREAKDOWN_KINDS.map((kind) => ({ kind, rows: [] })),
    medianHoursToFirstReply: null,
    connects: { spent: 0, known: 0, perReply: null, perHire: null },
    usage: { api: { requests: 0 }, ai: { calls: 0, failed: 0, promptTokens: 0, completionTokens: 0, costUsd: null, unpricedCalls: 0, costPerProposalUsd: null } },
    recommendations: [],
    ...over
  }
}

export function analyticsProposal(id: number, over: Partial<AnalyticsProposalDto> = {}): AnalyticsProposalDto {
  return {
    id, jobTitle: `Job ${id}`, upworkJobId: `~0${id}`, submittedAt: '2026-11-20T09:00:00.000Z', furthest: 'replied', stage: 'replied', status: 'Activated',
    bidAmount: 500, connectsSpent: 8, templateId: 1, templateName: 'Short + question', strategy: 'short', category: 'Web Development', clientCountry: 'US',
    score: 82, minutesSincePosting: 30, hoursToFirstReply: 4,
    ...over
  }
}

/**
 * The analytics domain in memory for the fake main: a dashboard per period (`dashboards`, else
 * `fullDashboard(period)`), the drill-down's answer (`drill`, by the filter), the CSV it "writes"
 * (each call in `exports`) and the back-test. `analytics:changed` is emitted by `changed()`.
 */
export class FakeAnalytics {
  dashboards: Partial<Record<AnalyticsPeriod, DashboardDto>> = {}
  drill: (filter: AnalyticsProposalFilter) => AnalyticsProposalsDto = () => ({ total: 2, proposals: [analyticsProposal(1), analyticsProposal(2, { jobTitle: 'Job 2', furthest: 'sent', stage: 'submitted' })] })
  exports: AnalyticsPeriod[] = []
  csv: CsvExportDto = { path: '/data/exports/gigpilot-proposals-2026-12-01.csv', fileName: 'gigpilot-proposals-2026-12-01.csv', rows: 120, bytes: 24_000 }
  backtest: BacktestDto = {
    sample: false, threshold: 60, searches: 2,
    proposals: { total: 120, kept: 90, lost: 30 }, replies: { total: 45, kept: 41, lost: 4 }, interviews: { total: 12, kept: 12, lost: 0 }, hires: { total: 3, kept: 3, lost: 0 },
    connectsSaved: 120, unknown: 0, keptReplyRate: rate(41, 90), skippedReplyRate: rate(4, 30)
  }

  constructor(private readonly emit: <E extends EventName>(event: E, payload: EventMap[E]) => void) {}

  dashboard(period: AnalyticsPeriod): DashboardDto {
    return this.dashboards[period] ?? fullDashboard(period)
  }

  /** Main says the history changed (the page reloads). */
  changed(): void {
    this.emit('analytics:changed', { at: new Date().toISOString() })
  }

  readonly handlers: Pick<FakeHandlers, AnalyticsChannel> = {
    'analytics:dashboard': ({ period }) => this.dashboard(period),
    'analytics:proposals': ({ filter }) => this.drill(filter),
    'analytics:exportCsv': ({ period }) => {
      this.exports.push(period)
      return this.csv
    },
    'analytics:backtest': () => this.backtest
  }
}
