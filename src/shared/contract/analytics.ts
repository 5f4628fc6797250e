import { z } from 'zod'
import {
  ANALYTICS_PERIODS,
  BREAKDOWN_KINDS,
  FUNNEL_STAGES,
  type AnalyticsProposalsDto,
  type BacktestDto,
  type CsvExportDto,
  type DashboardDto
} from '../analytics'
import { channel, defineDomain, event } from './define'

const period = z.enum(ANALYTICS_PERIODS)

export const analyticsPeriodSchema = z.object({ period }).strict()

export const analyticsFilterSchema = z.union([
  z.object({ breakdown: z.enum(BREAKDOWN_KINDS), key: z.string().max(200) }).strict(),
  z.object({ stage: z.enum(FUNNEL_STAGES) }).strict()
])

export const analyticsProposalsSchema = z.object({ period, filter: analyticsFilterSchema }).strict()

/**
 * Analytics (issue 10 items 1, 2 main side, 5, 6): computed main-side from the user's own
 * proposals, their status history and the snapshots taken at approval. Read-only except the CSV
 * file it writes where the user can find it.
 */
export const analyticsContract = defineDomain({
  channels: {
    /** The funnel, daily series, breakdowns, time to reply, Connects, API/AI usage and cost, recommendations. */
    'analytics:dashboard': channel(analyticsPeriodSchema)<DashboardDto>(),
    /** The proposals behind a breakdown bar or a funnel stage (drill-down), newest first. */
    'analytics:proposals': channel(analyticsProposalsSchema)<AnalyticsProposalsDto>(),
    /** Writes the period's proposals with their outcomes and features as CSV (one row per proposal) and says where. */
    'analytics:exportCsv': channel(analyticsPeriodSchema)<CsvExportDto>(),
    /** The current saved-search filters and score threshold applied to the whole history: what would have been kept and lost. */
    'analytics:backtest': channel(z.object({}).strict())<BacktestDto>()
  },
  events: {
    /** The history changed (a proposal's status, a new submission, the sample history written): figures may be stale. */
    'analytics:changed': event<{ at: string }>()
  }
})
