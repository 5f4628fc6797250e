import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import {
  ANALYTICS_DRILLDOWN_LIMIT,
  type AnalyticsPeriod,
  type AnalyticsProposalDto,
  type AnalyticsProposalFilter,
  type AnalyticsProposalsDto,
  type BacktestDto,
  type CsvExportDto,
  type DashboardDto,
  type RecommendationDto,
  type UsageDto
} from '@shared/analytics'
import { searchFiltersSchema, type SearchFilters } from '@shared/discovery'
import { text, type Language, type Translate } from '@shared/i18n'
import { AppError } from '../core/app-error'
import { atomicWriteFileSync } from '../core/atomic-write-file'
import type { DomainModule } from '../core/domain-module'
import type { Database } from '../db/open-database'
import { toSqlDateTime } from '../db/sql-values'
import type { Logger } from '../logging/logger'
import type { Clock } from '../ports/clock'
import { backtest, type FilterReason } from './backtest'
import { toCsv } from './csv'
import { breakdownKey, breakdownsOf, connectsOf, dailyOf, funnelOf, medianHoursToFirstReply, notEnoughOf } from './dashboard'
import { loadHistory, stageOfRank, type HistoryRow } from './history'
import { localDayKey, periodStart } from './period'
import { recommend } from './recommendations'
import { SAMPLE_HISTORY_KEY } from './synthetic/write'

export type AnalyticsChannel = 'analytics:dashboard' | 'analytics:proposals' | 'analytics:exportCsv' | 'analytics:backtest'

export interface AnalyticsDeps {
  db: Database
  clock: Clock
  logger: Logger
  t: Translate
  language: () => Language
  /** Where CSV exports go (Electron: the Downloads folder; the harness and tests: a folder in the data folder). */
  exportDir: () => string
  /** The score threshold the back-test applies (settings.notifications.minScore). */
  threshold: () => number
  /** The poller's local filter check (discovery/polling/local-filters.ts), given by the composition root. */
  filterReason: FilterReason
  /** Shows the written CSV file in the system's file manager (Electron: shell.showItemInFolder); absent in the harness and tests. */
  reveal?: (path: string) => void
  /** Timers for coalescing `analytics:changed` (tests: the ManualClock). Default: Node's, unref'd. */
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void }
  /** More recommendations (e.g. the experiments' template winners), added after analytics' own. */
  moreRecommendations?: (period: AnalyticsPeriod) => Promise<RecommendationDto[]>
}

export interface AnalyticsModule extends DomainModule<AnalyticsChannel> {
  /** The computations behind the channels, for other main-side code (the demo hook, benches). */
  dashboard(period: AnalyticsPeriod): Promise<DashboardDto>
  /** Tells the renderer the figures may be stale (the sample history was written). */
  changed(): void
}

/**
 * A sync can change hundreds of proposals in a second; the page reloads the dashboard on each
 * `analytics:changed`. So it is sent at once for the first change, then at most once per this
 * window (one trailing event if more changes came meanwhile).
 */
export const CHANGED_COALESCE_MS = 2_000

const nodeTimers = {
  setTimeout: (fn: () => void, ms: number): unknown => setTimeout(fn, ms).unref(),
  clearTimeout: (handle: unknown): void => clearTimeout(handle as NodeJS.Timeout)
}

const STAGE_RANK = { sent: 0, viewed: 1, replied: 2, interview: 3, hired: 4 } as const

function matches(r: HistoryRow, f: AnalyticsProposalFilter): boolean {
  if ('stage' in f) return r.furthest >= STAGE_RANK[f.stage]
  return breakdownKey(f.breakdown, r) === f.key
}

function proposalDto(r: HistoryRow): AnalyticsProposalDto {
  return {
    id: r.id,
    jobTitle: r.jobTitle,
    upworkJobId: r.upworkJobId,
    submittedAt: new Date(r.sentAt).toISOString(),
    furthest: stageOfRank(r.furthest),
    stage: r.stage,
    status: r.status,
    bidAmount: r.bidAmount,
    connectsSpent: r.connectsSpent,
    templateId: r.templateId,
    templateName: r.templateName,
    strategy: r.strategy,
    category: r.category,
    clientCountry: r.clientCountry,
    score: r.score,
    minutesSincePosting: r.minutesSincePosting,
    hoursToFirstReply: r.firstReplyAt === null ? null : Math.round(((r.firstReplyAt - r.sentAt) / 3_600_000) * 10) / 10
  }
}

export function createAnalyticsModule(deps: AnalyticsDeps): AnalyticsModule {
  const { db, clock } = deps
  const listeners = new Set<() => void>()

  async function isSample(): Promise<boolean> {
    const r = await db.client.execute({ sql: 'SELECT 1 FROM AppState WHERE key = ?', args: [SAMPLE_HISTORY_KEY] })
    return r.rows.length > 0
  }

  async function usage(from: number | null, proposals: number): Promise<UsageDto> {
    const since = from === null ? '' : toSqlDateTime(from)
    const ai = await db.client.execute({
      sql: `SELECT count(*) AS calls, coalesce(sum(ok = 0), 0) AS failed, coalesce(sum(promptTokens), 0) AS prompt, coalesce(sum(completionTokens), 0) AS completion,
              sum(costUsd) AS cost, coalesce(sum(costUsd IS NULL), 0) AS unpriced FROM AiCall WHERE createdAt >= ?`,
      args: [since]
    })
    // API windows are UTC days: the period's first local day counts from its UTC date.
    const api = await db.client.execute({
      sql: `SELECT coalesce(sum(count), 0) AS n FROM ApiUsageWindow WHERE key LIKE 'day:%' AND key >= ?`,
      args: [from === null ? 'day:' : `day:${new Date(from).toISOString().slice(0, 10)}`]
    })
    const a: Record<string, unknown> = ai.rows[0] ?? {}
    const cost = a.cost === null || a.cost === undefined ? null : Math.round(Number(a.cost) * 1e6) / 1e6
    return {
      api: { requests: Number(api.rows[0]?.n ?? 0) },
      ai: {
        calls: Number(a.calls ?? 0),
        failed: Number(a.failed ?? 0),
        promptTokens: Number(a.prompt ?? 0),
        completionTokens: Number(a.completion ?? 0),
        costUsd: cost,
        unpricedCalls: Number(a.unpriced ?? 0),
        costPerProposalUsd: cost !== null && proposals > 0 ? Math.round((cost / proposals) * 1e6) / 1e6 : null
      }
    }
  }

  async function dashboard(period: AnalyticsPeriod): Promise<DashboardDto> {
    const now = clock.now()
    const from = periodStart(period, now)
    const [rows, sample] = await Promise.all([loadHistory(db, from), isSample()])
    const language = deps.language()
    const own = recommend(rows, { t: deps.t, language })
    let more: RecommendationDto[] = []
    if (deps.moreRecommendations) {
      try {
        more = await deps.moreRecommendations(period)
      } catch (e) {
        deps.logger.warn('More recommendations could not be read', { error: String(e) })
      }
    }
    return {
      period,
      from: from === null ? null : new Date(from).toISOString(),
      to: new Date(now).toISOString(),
      sample,
      total: rows.length,
      notEnough: notEnoughOf(rows.length),
      funnel: funnelOf(rows),
      daily: dailyOf(rows, from, now),
      breakdowns: breakdownsOf(rows),
      medianHoursToFirstReply: medianHoursToFirstReply(rows),
      connects: connectsOf(rows),
      usage: await usage(from, rows.length),
      recommendations: [...own, ...more],
      computedAt: new Date(now).toISOString()
    }
  }

  async function proposals(period: AnalyticsPeriod, filter: AnalyticsProposalFilter): Promise<AnalyticsProposalsDto> {
    const rows = (await loadHistory(db, periodStart(period, clock.now()))).filter((r) => matches(r, filter))
    const newest = rows.reverse().slice(0, ANALYTICS_DRILLDOWN_LIMIT)
    return { total: rows.length, proposals: newest.map(proposalDto) }
  }

  async function exportCsv(period: AnalyticsPeriod): Promise<CsvExportDto> {
    const now = clock.now()
    const rows = await loadHistory(db, periodStart(period, now))
    const csv = toCsv(rows)
    const dir = deps.exportDir()
    const stamp = `${localDayKey(now)}-${new Date(now).toTimeString().slice(0, 8).replace(/:/g, '')}`
    const fileName = `gigpilot-proposals-${period}-${stamp}.csv`
    const path = join(dir, fileName)
    try {
      await mkdir(dir, { recursive: true })
      atomicWriteFileSync(path, csv, 0o600)
    } catch (e) {
      deps.logger.error('The CSV export could not be written', { dir, error: String(e) })
      throw new AppError('io', text('analytics.err.exportFailed', { dir }))
    }
    deps.logger.info('Exported proposals as CSV', { rows: rows.length, file: fileName })
    try {
      deps.reveal?.(path)
    } catch (e) {
      deps.logger.warn('The exported file could not be shown in the file manager', { error: String(e) })
    }
    return { path, fileName, rows: rows.length, bytes: Buffer.byteLength(csv, 'utf8') }
  }

  async function savedSearchFilters(): Promise<SearchFilters[]> {
    const r = await db.client.execute('SELECT query FROM SavedSearch WHERE enabled = 1 ORDER BY id')
    const out: SearchFilters[] = []
    for (const row of r.rows) {
      try {
        const parsed = searchFiltersSchema.safeParse(JSON.parse(String(row.query)))
        if (parsed.success) out.push(parsed.data)
      } catch {
        deps.logger.warn('A saved search has unreadable filters; the back-test skips it', {})
      }
    }
    return out
  }

  async function runBacktest(): Promise<BacktestDto> {
    const [rows, searches, sample] = await Promise.all([loadHistory(db, null), savedSearchFilters(), isSample()])
    return backtest(rows, { searches, threshold: deps.threshold(), filterReason: deps.filterReason, sample })
  }

  return {
    name: 'analytics',
    handlers: {
      'analytics:dashboard': ({ period }) => dashboard(period),
      'analytics:proposals': ({ period, filter }) => proposals(period, filter),
      'analytics:exportCsv': ({ period }) => exportCsv(period),
      'analytics:backtest': () => runBacktest()
    },
    wireEvents: ({ bus }) => {
      const timers = deps.timers ?? nodeTimers
      let window: unknown = null
      let pending = false
      const emit = (): void => {
        if (window !== null) {
          pending = true
          return
        }
        bus.emit('analytics:changed', { at: new Date(clock.now()).toISOString() })
        window = timers.setTimeout(() => {
          window = null
          if (pending) {
            pending = false
            emit()
          }
        }, CHANGED_COALESCE_MS)
      }
      listeners.add(emit)
      const off = bus.on('proposals:changed', emit)
      return () => {
        off()
        listeners.delete(emit)
        if (window !== null) timers.clearTimeout(window)
      }
    },
    dashboard,
    changed: () => {
      for (const l of listeners) l()
    }
  }
}

