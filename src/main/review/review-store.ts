/**
 * The review queue's rows: the queue itself (one query: drafts, their newest version, the job's
 * score and the approval), the draft status moves the review path makes (compare-and-set), the
 * approval snapshot (issue 10's prediction features, kept after the job's content expires) and
 * the Autopilot runs (counts per local day survive restarts).
 */
import type { UserText } from '@shared/i18n'
import type { JobSnapshot, OutputCheckDto } from '@shared/drafting'
import { AUTOPILOT_STOP_REASONS, type AutopilotStopReason, type ReviewItemDto } from '@shared/review'
import type { Database } from '../db/open-database'
import { fromSqlDateTime, toSqlDateTime } from '../db/sql-values'

type Row = Record<string, unknown>

function parseJson<T>(raw: unknown, fallback: T): T {
  try {
    return typeof raw === 'string' && raw ? (JSON.parse(raw) as T) : fallback
  } catch {
    return fallback
  }
}
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))
const bool = (v: unknown): boolean | null => (v === null || v === undefined ? null : Number(v) === 1 || v === true)

const QUEUE_SQL =
  `SELECT d."id", d."status", d."jobId", d."jobSnapshot", d."bidAmount", d."bidKind", d."bidCurrency", d."suggestedBid", d."bidAboveBudget", ` +
  `d."checks", d."templateId", d."strategy", d."createdAt", d."updatedAt", ` +
  `j."score", j."totalApplicants", j."publishedAt", v."text", v."seq", s."mode", s."outboxItemId", ` +
  `EXISTS (SELECT 1 FROM "DraftVersion" a WHERE a."draftId" = d."id" AND a."author" = 'autopilot') AS "byAutopilot" ` +
  `FROM "ProposalDraft" d ` +
  `LEFT JOIN "Job" j ON j."id" = d."jobId" ` +
  `LEFT JOIN "DraftVersion" v ON v."draftId" = d."id" AND v."seq" = (SELECT MAX(m."seq") FROM "DraftVersion" m WHERE m."draftId" = d."id") ` +
  `LEFT JOIN "ApprovalSnapshot" s ON s."draftId" = d."id" ` +
  `WHERE d."kind" = 'proposal' AND d."status" IN ('queued', 'approved') ` +
  `ORDER BY d."status" DESC, j."score" IS NULL, j."score" DESC, d."id" ASC LIMIT ?`

function toItem(r: Row): ReviewItemDto {
  const job = parseJson<Partial<JobSnapshot>>(r.jobSnapshot, {})
  const status = r.status === 'approved' ? 'approved' : 'queued'
  const mode = r.mode === 'outbox' || r.mode === 'manual' ? r.mode : null
  return {
    draftId: Number(r.id),
    status,
    approval: status === 'approved' && mode ? { mode, outboxItemId: num(r.outboxItemId) } : null,
    jobId: num(r.jobId),
    job: {
      title: job.title ?? '',
      url: job.url ?? null,
      jobType: job.jobType ?? null,
      hourlyMin: job.hourlyMin ?? null,
      hourlyMax: job.hourlyMax ?? null,
      fixedAmount: job.fixedAmount ?? null,
      currency: job.currency ?? null,
      skills: Array.isArray(job.skills) ? job.skills : [],
      clientCountry: job.client?.country ?? null,
      clientVerified: job.client?.verified ?? null,
      clientTotalSpent: job.client?.totalSpent ?? null,
      clientFeedback: job.client?.feedback ?? null,
      totalApplicants: num(r.totalApplicants),
      publishedAt: r.publishedAt ? fromSqlDateTime(r.publishedAt) : null
    },
    score: num(r.score),
    bid: {
      amount: num(r.bidAmount),
      kind: r.bidKind === 'hourly' || r.bidKind === 'fixed' ? r.bidKind : null,
      currency: (r.bidCurrency as string | null) ?? null,
      suggested: num(r.suggestedBid),
      aboveBudget: bool(r.bidAboveBudget) === true
    },
    text: (r.text as string | null) ?? '',
    currentSeq: num(r.seq),
    checks: parseJson<OutputCheckDto[]>(r.checks, []),
    templateId: num(r.templateId),
    strategy: (r.strategy as string | null) ?? null,
    byAutopilot: bool(r.byAutopilot) === true,
    createdAt: fromSqlDateTime(r.createdAt),
    updatedAt: fromSqlDateTime(r.updatedAt)
  }
}

/** The prediction snapshot's fields (ApprovalSnapshot), as computed at approval. */
export interface SnapshotRow {
  draftId: number
  jobId: number | null
  upworkJobId: string | null
  mode: 'outbox' | 'manual'
  approvedAt: number
  approvedSeq: number | null
  score: number | null
  scoreVersion: number | null
  scoreParts: Record<string, number>
  clientVerified: boolean | null
  clientTotalSpent: number | null
  clientHires: number | null
  clientFeedback: number | null
  clientCountry: string | null
  jobType: string | null
  fixedAmount: number | null
  hourlyMin: number | null
  hourlyMax: number | null
  currency: string | null
  experienceLevel: string | null
  category: string | null
  totalApplicants: number | null
  minutesSincePosting: number | null
  bidAmount: number | null
  bidKind: string | null
  bidToBudget: number | null
  templateId: number | null
  strategy: string | null
  variantId: number | null
  draftChars: number
  draftWords: number
  textSource: 'ai' | 'template' | 'user'
  editedByUser: boolean
  aiModel: string | null
  byAutopilot: boolean
}

export interface RunRow {
  id: number
  day: string
  startedAt: number
  finishedAt: number | null
  prepared: number
  stopReason: AutopilotStopReason | null
  stopText: UserText | null
}

export class ReviewStore {
  constructor(private readonly db: Pick<Database, 'prisma' | 'client'>) {}

  async queue(limit: number): Promise<ReviewItemDto[]> {
    const r = await this.db.client.execute({ sql: QUEUE_SQL, args: [limit] })
    return (r.rows as unknown as Row[]).map(toItem)
  }

  /** Moves a draft's status only from one of `from` (a compare-and-set); true when it moved. */
  async moveStatus(draftId: number, from: readonly string[], to: string, now: number): Promise<boolean> {
    const { rowsAffected } = await this.db.client.execute({
      sql: `UPDATE "ProposalDraft" SET "status" = ?, "updatedAt" = ? WHERE "id" = ? AND "status" IN (${from.map(() => '?').join(', ')})`,
      args: [to, toSqlDateTime(now), draftId, ...from]
    })
    return rowsAffected > 0
  }

  /** The first approval's snapshot is kept (a second click of the same draft writes nothing). */
  async saveSnapshot(s: SnapshotRow): Promise<void> {
    await this.db.prisma.approvalSnapshot.upsert({
      where: { draftId: s.draftId },
      update: {},
      create: { ...s, approvedAt: new Date(s.approvedAt), scoreParts: JSON.stringify(s.scoreParts) }
    })
  }

  async setSnapshotOutbox(draftId: number, mode: 'outbox' | 'manual', outboxItemId: number | null): Promise<void> {
    await this.db.prisma.approvalSnapshot.updateMany({ where: { draftId }, data: { mode, outboxItemId } })
  }

  async snapshot(draftId: number): Promise<{ mode: string; outboxItemId: number | null } | null> {
    return this.db.prisma.approvalSnapshot.findUnique({ where: { draftId }, select: { mode: true, outboxItemId: true } })
  }

  /** The model that wrote an AI version (its AiCall row), if any. */
  async aiModelOf(aiCallId: number | null): Promise<string | null> {
    if (aiCallId === null) return null
    return (await this.db.prisma.aiCall.findUnique({ where: { id: aiCallId }, select: { model: true } }))?.model ?? null
  }

  /**
   * Autopilot's candidates: jobs still new or seen, with their content, scoring at least
   * `minScore`, with no draft (any status: a discarded draft is the user's "no"), best first.
   */
  async candidates(minScore: number, limit: number): Promise<number[]> {
    const r = await this.db.client.execute({
      sql:
        `SELECT j."id" FROM "Job" j WHERE j."userState" IN ('new', 'seen') AND j."score" >= ? AND j."contentPrunedAt" IS NULL ` +
        `AND NOT EXISTS (SELECT 1 FROM "ProposalDraft" d WHERE d."jobId" = j."id") ORDER BY j."score" DESC, j."publishedAt" DESC, j."id" ASC LIMIT ?`,
      args: [minScore, limit]
    })
    return (r.rows as unknown as Row[]).map((x) => Number(x.id))
  }

  /** Removes a draft Autopilot created but could not fill (no version yet), so its job stays a candidate. */
  async removeEmptyDraft(draftId: number): Promise<void> {
    await this.db.client.execute({
      sql: `DELETE FROM "ProposalDraft" WHERE "id" = ? AND NOT EXISTS (SELECT 1 FROM "DraftVersion" v WHERE v."draftId" = ?)`,
      args: [draftId, draftId]
    })
  }

  async preparedOn(day: string): Promise<number> {
    const r = await this.db.prisma.autopilotRun.aggregate({ where: { day }, _sum: { prepared: true } })
    return r._sum.prepared ?? 0
  }

  async startRun(day: string, now: number): Promise<number> {
    return (await this.db.prisma.autopilotRun.create({ data: { day, startedAt: new Date(now) } })).id
  }

  async countPrepared(runId: number): Promise<void> {
    await this.db.prisma.autopilotRun.update({ where: { id: runId }, data: { prepared: { increment: 1 } } })
  }

  async finishRun(runId: number, now: number, reason: AutopilotStopReason, stopText: UserText | null): Promise<void> {
    await this.db.prisma.autopilotRun.update({
      where: { id: runId },
      data: { finishedAt: new Date(now), stopReason: reason, stopText: stopText ? JSON.stringify(stopText) : null }
    })
  }

  async lastRun(): Promise<RunRow | null> {
    const r = await this.db.prisma.autopilotRun.findFirst({ orderBy: [{ startedAt: 'desc' }, { id: 'desc' }] })
    if (!r) return null
    return {
      id: r.id,
      day: r.day,
      startedAt: r.startedAt.getTime(),
      finishedAt: r.finishedAt?.getTime() ?? null,
      prepared: r.prepared,
      stopReason: (AUTOPILOT_STOP_REASONS as readonly string[]).includes(r.stopReason ?? '') ? (r.stopReason as AutopilotStopReason) : null,
      stopText: parseJson<UserText | null>(r.stopText, null)
    }
  }
}
