/**
 * Reads the history the analytics compute from: one row per proposal with its features (the
 * approval snapshot first, else the draft and the cached job) and, from its status history, the
 * furthest funnel stage it ever reached and the time of its first reply (kept on the Proposal row
 * by a trigger). One SQL statement, no status event read.
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

// The furthest stage and the first reply are kept on the Proposal row by the trigger
// ProposalStatusEvent_funnel (migration 20261201144800_analytics), so no event is read here.
// The columns, in the order of each row's JSON array.
const COLUMNS = [
  ['id', 'p.id'],
  ['jobTitle', 'p.jobTitle'],
  ['upworkJobId', 'p.upworkJobId'],
  ['sentAt', 'coalesce(p.submittedAt, p.createdAt)'],
  ['status', 'p.status'],
  ['stage', 'p.stage'],
  ['connectsSpent', 'p.connectsSpent'],
  ['furthest', 'p.funnelRank'],
  ['firstReplyAt', 'p.firstReplyAt'],
  ['templateId', 'coalesce(s.templateId, d.templateId)'],
  ['templateName', 't.name'],
  ['templateGone', '(t.id IS NULL OR t.archivedAt IS NOT NULL)'],
  ['strategy', 'coalesce(s.strategy, d.strategy)'],
  ['category', 'coalesce(s.category, j.category)'],
  ['clientCountry', 'coalesce(s.clientCountry, j.clientCountry)'],
  ['clientHires', 'coalesce(s.clientHires, j.clientHires)'],
  ['clientVerified', 'coalesce(s.clientVerified, j.clientVerified)'],
  ['clientTotalSpent', 'coalesce(s.clientTotalSpent, j.clientTotalSpent)'],
  ['clientFeedback', 'coalesce(s.clientFeedback, j.clientFeedback)'],
  ['score', 'coalesce(s.score, j.score)'],
  ['minutes', 's.minutesSincePosting'],
  ['publishedAt', 'CASE WHEN s.id IS NULL THEN j.publishedAt END'],
  ['jobType', 'coalesce(s.jobType, j.jobType)'],
  ['fixedAmount', 'coalesce(s.fixedAmount, j.fixedAmount)'],
  ['hourlyMin', 'coalesce(s.hourlyMin, j.hourlyMin)'],
  ['hourlyMax', 'coalesce(s.hourlyMax, j.hourlyMax)'],
  ['totalApplicants', 'coalesce(s.totalApplicants, j.totalApplicants)'],
  ['experienceLevel', 'coalesce(s.experienceLevel, j.experienceLevel)'],
  ['hasSnapshot', 's.id IS NOT NULL'],
  ['bid', 'coalesce(p.bidAmount, s.bidAmount, d.bidAmount)']
] as const
const COL = Object.fromEntries(COLUMNS.map(([name], i) => [name, i])) as Record<(typeof COLUMNS)[number][0], number>

// One row back: every proposal as a JSON array inside one JSON text, built by SQLite. Sending
// 10,000 rows × 30 values as result rows from the worker costs ~10× more than one string.
const FROM = `
FROM Proposal p
LEFT JOIN ApprovalSnapshot s ON s.draftId = p.draftId
LEFT JOIN ProposalDraft d ON d.id = p.draftId
LEFT JOIN Job j ON j.id = p.jobId
LEFT JOIN Template t ON t.id = coalesce(s.templateId, d.templateId)`
const SELECT = `SELECT json_group_array(json_array(${COLUMNS.map(([, expr]) => expr).join(', ')})) AS rows ${FROM}`

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
  // submittedAt first (its index); a row without one (not expected) by createdAt.
  const where = since === null ? '' : 'WHERE (p.submittedAt >= ?1 OR (p.submittedAt IS NULL AND p.createdAt >= ?1))'
  const result = await db.client.execute({ sql: `${SELECT} ${where}`, args: since === null ? [] : [since] })
  const packed = JSON.parse(String(result.rows[0]?.rows ?? '[]')) as unknown[][]
  const rows: HistoryRow[] = []
  for (const r of packed) {
    const sentAt = fromSqlDateTime(r[COL.sentAt])
    const stage = str(r[COL.stage])
    const furthest = Math.max(num(r[COL.furthest]) ?? 0, rankOfStage(stage)) as FunnelRank
    const replyRaw = r[COL.firstReplyAt]
    const replyAt = replyRaw === null || replyRaw === undefined ? null : Math.max(sentAt, fromSqlDateTime(replyRaw))
    const publishedRaw = r[COL.publishedAt]
    const published = publishedRaw === null || publishedRaw === undefined ? null : fromSqlDateTime(publishedRaw)
    const templateId = num(r[COL.templateId])
    rows.push({
      id: Number(r[COL.id]),
      jobTitle: str(r[COL.jobTitle]),
      upworkJobId: str(r[COL.upworkJobId]),
      sentAt,
      status: String(r[COL.status] ?? ''),
      stage,
      bidAmount: num(r[COL.bid]),
      connectsSpent: num(r[COL.connectsSpent]),
      templateId,
      templateName: str(r[COL.templateName]),
      templateGone: templateId !== null && bool(r[COL.templateGone]) === true,
      strategy: str(r[COL.strategy]),
      category: str(r[COL.category]),
      clientCountry: str(r[COL.clientCountry]),
      clientHires: num(r[COL.clientHires]),
      clientVerified: bool(r[COL.clientVerified]),
      clientTotalSpent: num(r[COL.clientTotalSpent]),
      clientFeedback: num(r[COL.clientFeedback]),
      score: num(r[COL.score]),
      minutesSincePosting: num(r[COL.minutes]) ?? (published !== null && sentAt >= published ? Math.round((sentAt - published) / 60_000) : null),
      jobType: str(r[COL.jobType]),
      fixedAmount: num(r[COL.fixedAmount]),
      hourlyMin: num(r[COL.hourlyMin]),
      hourlyMax: num(r[COL.hourlyMax]),
      totalApplicants: num(r[COL.totalApplicants]),
      experienceLevel: str(r[COL.experienceLevel]),
      hasSnapshot: bool(r[COL.hasSnapshot]) === true,
      furthest,
      // A reply known only from the current stage (no status row) has no time: null.
      firstReplyAt: furthest >= 2 ? replyAt : null
    })
  }
  return rows.sort((a, b) => a.sentAt - b.sentAt || a.id - b.id)
}
