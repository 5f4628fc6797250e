/**
 * Reads the history the analytics compute from: one row per proposal with its features (the
 * approval snapshot first, else the draft and the cached job) and, from its status events, the
 * furthest funnel stage it ever reached and the time of its first reply. One SQL statement (the
 * events aggregated per proposal in SQLite), so 10,000 proposals with 100,000 events load in tens of
 * milliseconds.
 *
 * Out-of-order events (recorded later with an earlier `at`, a clock change) do not matter: the
 * furthest stage is a max over all rows (and the current stage), counted once per proposal; the
 * first reply is the earliest `at` of a replied-or-later row, never before the send.
 */
import type { FunnelStage } from '@shared/analytics'
import type { Database } from '../db/open-database'
import { fromSqlDateTime, toSqlDateTime } from '../db/sql-values'

/** 0 sent, 1 viewed, 2 replied, 3 interview, 4 hired (index into FUNNEL_STAGES). */
export type FunnelRank = 0 | 1 | 2 | 3 | 4

export interface HistoryRow {
  id: number
  jobTitle: string | null
  upworkJobId: string | null
  /** Epoch ms: submittedAt, else when the row was made. */
  sentAt: number
  status: string
  stage: string | null
  bidAmount: number | null
  connectsSpent: number | null
  templateId: number | null
  templateName: string | null
  /** The template was deleted (no row) or archived since. */
  templateGone: boolean
  strategy: string | null
  category: string | null
  clientCountry: string | null
  clientHires: number | null
  clientVerified: boolean | null
  clientTotalSpent: number | null
  clientFeedback: number | null
  score: number | null
  minutesSincePosting: number | null
  jobType: string | null
  fixedAmount: number | null
  hourlyMin: number | null
  hourlyMax: number | null
  totalApplicants: number | null
  experienceLevel: string | null
  /** Whether the features come from the approval snapshot (else from the draft/job, possibly partial). */
  hasSnapshot: boolean
  furthest: FunnelRank
  /** Epoch ms of the first replied-or-later event (clamped to sentAt); null: never replied. */
  firstReplyAt: number | null
}

const RANK_SQL = `CASE %s WHEN 'viewed' THEN 1 WHEN 'replied' THEN 2 WHEN 'interview' THEN 3 WHEN 'hired' THEN 4 ELSE 0 END`
const rank = (col: string): string => RANK_SQL.replace('%s', col)

const SELECT = `
SELECT p.id, p.jobTitle, p.upworkJobId, coalesce(p.submittedAt, p.createdAt) AS sentAt, p.status, p.stage, p.bidAmount, p.connectsSpent,
  coalesce(s.templateId, d.templateId) AS templateId, t.name AS templateName, (t.id IS NULL OR t.archivedAt IS NOT NULL) AS templateGone,
  coalesce(s.strategy, d.strategy) AS strategy, coalesce(s.category, j.category) AS category, coalesce(s.clientCountry, j.clientCountry) AS clientCountry,
  coalesce(s.clientHires, j.clientHires) AS clientHires, coalesce(s.clientVerified, j.clientVerified) AS clientVerified,
  coalesce(s.clientTotalSpent, j.clientTotalSpent) AS clientTotalSpent, coalesce(s.clientFeedback, j.clientFeedback) AS clientFeedback,
  coalesce(s.score, j.score) AS score, s.minutesSincePosting AS minutes, j.publishedAt AS publishedAt,
  coalesce(s.jobType, j.jobType) AS jobType, coalesce(s.fixedAmount, j.fixedAmount) AS fixedAmount,
  coalesce(s.hourlyMin, j.hourlyMin) AS hourlyMin, coalesce(s.hourlyMax, j.hourlyMax) AS hourlyMax,
  coalesce(s.totalApplicants, j.totalApplicants) AS totalApplicants, coalesce(s.experienceLevel, j.experienceLevel) AS experienceLevel,
  s.id IS NOT NULL AS hasSnapshot, coalesce(p.bidAmount, s.bidAmount, d.bidAmount) AS bid,
  e.furthest AS furthest, e.firstReplyAt AS firstReplyAt
FROM Proposal p
LEFT JOIN ApprovalSnapshot s ON s.draftId = p.draftId
LEFT JOIN ProposalDraft d ON d.id = p.draftId
LEFT JOIN Job j ON j.id = p.jobId
LEFT JOIN Template t ON t.id = coalesce(s.templateId, d.templateId)
LEFT JOIN (
  SELECT ev.proposalId AS proposalId, max(${rank('ev.stage')}) AS furthest,
    min(CASE WHEN ev.stage IN ('replied', 'interview', 'hired') THEN ev.at END) AS firstReplyAt
  FROM ProposalStatusEvent ev %EVENTS%
  GROUP BY ev.proposalId
) e ON e.proposalId = p.id`

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number.isFinite(Number(v)) ? Number(v) : null)
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)
const bool = (v: unknown): boolean | null => (v === null || v === undefined ? null : Number(v) === 1 || v === true)

/** Ranks of the funnel stages (FUNNEL_STAGES order); other stages rank 0 (sent). */
export function rankOfStage(stage: string | null): FunnelRank {
  switch (stage) {
    case 'viewed':
      return 1
    case 'replied':
      return 2
    case 'interview':
      return 3
    case 'hired':
      return 4
    default:
      return 0
  }
}

export const stageOfRank = (r: FunnelRank): FunnelStage => (['sent', 'viewed', 'replied', 'interview', 'hired'] as const)[r]

/** Proposals sent at or after `from` (epoch ms; null: all), oldest first. */
export async function loadHistory(db: Database, from: number | null): Promise<HistoryRow[]> {
  const since = from === null ? null : toSqlDateTime(from)
  const where = since === null ? '' : 'WHERE coalesce(p.submittedAt, p.createdAt) >= ?'
  const eventsWhere = since === null ? '' : 'WHERE ev.proposalId IN (SELECT id FROM Proposal WHERE coalesce(submittedAt, createdAt) >= ?)'
  const sql = `${SELECT.replace('%EVENTS%', eventsWhere)} ${where} ORDER BY sentAt, p.id`
  const result = await db.client.execute({ sql, args: since === null ? [] : [since, since] })
  const rows: HistoryRow[] = []
  for (const r of result.rows) {
    const sentAt = fromSqlDateTime(r.sentAt)
    const stage = str(r.stage)
    const furthest = Math.max(num(r.furthest) ?? 0, rankOfStage(stage)) as FunnelRank
    const replyAt = r.firstReplyAt === null || r.firstReplyAt === undefined ? null : Math.max(sentAt, fromSqlDateTime(r.firstReplyAt))
    const published = r.publishedAt === null || r.publishedAt === undefined ? null : fromSqlDateTime(r.publishedAt)
    const minutes = num(r.minutes) ?? (published !== null && sentAt >= published ? Math.round((sentAt - published) / 60_000) : null)
    rows.push({
      id: Number(r.id),
      jobTitle: str(r.jobTitle),
      upworkJobId: str(r.upworkJobId),
      sentAt,
      status: String(r.status ?? ''),
      stage,
      bidAmount: num(r.bid),
      connectsSpent: num(r.connectsSpent),
      templateId: num(r.templateId),
      templateName: str(r.templateName),
      templateGone: num(r.templateId) !== null && bool(r.templateGone) === true,
      strategy: str(r.strategy),
      category: str(r.category),
      clientCountry: str(r.clientCountry),
      clientHires: num(r.clientHires),
      clientVerified: bool(r.clientVerified),
      clientTotalSpent: num(r.clientTotalSpent),
      clientFeedback: num(r.clientFeedback),
      score: num(r.score),
      minutesSincePosting: minutes,
      jobType: str(r.jobType),
      fixedAmount: num(r.fixedAmount),
      hourlyMin: num(r.hourlyMin),
      hourlyMax: num(r.hourlyMax),
      totalApplicants: num(r.totalApplicants),
      experienceLevel: str(r.experienceLevel),
      hasSnapshot: bool(r.hasSnapshot) === true,
      furthest,
      // A reply known only from the current stage (no event row) has no time: null.
      firstReplyAt: furthest >= 2 ? replyAt : null
    })
  }
  return rows
}
