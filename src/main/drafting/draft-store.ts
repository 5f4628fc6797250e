/**
 * Drafts and their versions in SQLite (issue 8 item 5). Every save is a new DraftVersion row
 * (seq + 1) with its source and author; the newest is the current text. An AI text is written
 * into one version row as it streams (flushed every few hundred ms) and finished or marked
 * partial at the end. All of it is local: no read or edit needs the network. Prisma calls commit
 * with synchronous=FULL (the connection's default: the user's durability).
 */
import {
  DRAFT_KINDS,
  DRAFT_STATUSES,
  GENERATION_STATES,
  VERSION_AUTHORS,
  VERSION_SOURCES,
  type BidDto,
  type DraftDto,
  type DraftKind,
  type DraftStatus,
  type DraftSummaryDto,
  type DraftVersionDto,
  type GenerationState,
  type JobSnapshot,
  type OutputCheckDto,
  type VersionAuthor,
  type VersionSource
} from '@shared/drafting'
import type { Database } from '../db/open-database'
import type { DraftVersion as VersionRow, Prisma, ProposalDraft as DraftRow } from '../db/generated/client'
import { fromSqlDateTime } from '../db/sql-values'
import type { Clock } from '../ports/clock'
import { isAboveBudget } from './bid'

const pick = <T extends string>(allowed: readonly T[], value: string | null | undefined, fallback: T): T =>
  (allowed as readonly string[]).includes(value ?? '') ? (value as T) : fallback

function parseJson<T>(raw: string | null | undefined, fallback: T): T {
  try {
    return raw ? (JSON.parse(raw) as T) : fallback
  } catch {
    return fallback
  }
}

export const EMPTY_SNAPSHOT: JobSnapshot = {
  jobId: null,
  upworkId: null,
  url: null,
  title: '',
  description: '',
  jobType: null,
  hourlyMin: null,
  hourlyMax: null,
  fixedAmount: null,
  currency: null,
  skills: [],
  experienceLevel: null,
  durationLabel: null,
  category: null,
  client: { name: null, country: null, totalSpent: null, hires: null, feedback: null, verified: null },
  screeningQuestions: [],
  connectsCost: null,
  capturedAt: 0
}

export function toVersionDto(v: VersionRow): DraftVersionDto {
  return {
    id: v.id,
    seq: v.seq,
    source: pick<VersionSource>(VERSION_SOURCES, v.source, 'USER'),
    author: pick<VersionAuthor>(VERSION_AUTHORS, v.author, 'user'),
    text: v.text,
    partial: v.partial,
    aiCallId: v.aiCallId,
    createdAt: v.createdAt.getTime()
  }
}

function toDraftDto(d: DraftRow, versions: VersionRow[]): DraftDto {
  const job = { ...EMPTY_SNAPSHOT, ...parseJson<Partial<JobSnapshot>>(d.jobSnapshot, {}) }
  const checks = parseJson<OutputCheckDto[]>(d.checks, [])
  const current = versions[versions.length - 1]
  const bid: BidDto = {
    amount: d.bidAmount,
    kind: d.bidKind === 'hourly' || d.bidKind === 'fixed' ? d.bidKind : null,
    currency: d.bidCurrency,
    suggested: d.suggestedBid,
    aboveBudget: d.bidAboveBudget
  }
  return {
    id: d.id,
    kind: pick<DraftKind>(DRAFT_KINDS, d.kind, 'proposal'),
    jobId: d.jobId,
    threadId: d.threadId,
    title: job.title,
    status: pick<DraftStatus>(DRAFT_STATUSES, d.status, 'draft'),
    generation: pick<GenerationState>(GENERATION_STATES, d.generation, 'idle'),
    flagged: checks.length > 0,
    createdAt: d.createdAt.getTime(),
    updatedAt: d.updatedAt.getTime(),
    job,
    text: current?.text ?? '',
    currentSeq: current?.seq ?? null,
    versions: versions.map(toVersionDto),
    bid,
    durationLabel: d.durationLabel,
    connectsCost: d.connectsCost,
    templateId: d.templateId,
    strategy: d.strategy,
    variantId: d.variantId,
    checks,
    generationError: d.generationError
  }
}

export type NewDraft = Pick<DraftDto, 'kind' | 'jobId' | 'threadId' | 'job' | 'bid' | 'durationLabel' | 'connectsCost' | 'templateId' | 'strategy' | 'variantId'> & {
  firstVersion: { source: VersionSource; author: VersionAuthor; text: string } | null
}

export interface ListQuery {
  statuses: readonly DraftStatus[] | null
  kind: DraftKind | null
  jobId: number | null
  limit: number
  offset: number
}

const PREVIEW_CHARS = 160

export class DraftStore {
  constructor(
    private readonly db: Pick<Database, 'prisma' | 'client'>,
    private readonly clock: Clock
  ) {}

  private now(): Date {
    return new Date(this.clock.now())
  }

  /** `tx`: inside the caller's transaction (a reply draft is created with what it answers, in one). */
  async create(d: NewDraft, tx?: Prisma.TransactionClient): Promise<number> {
    const now = this.now()
    const row = await (tx ?? this.db.prisma).proposalDraft.create({
      data: {
        kind: d.kind,
        jobId: d.jobId,
        threadId: d.threadId,
        jobSnapshot: JSON.stringify(d.job),
        bidAmount: d.bid.amount,
        bidKind: d.bid.kind,
        bidCurrency: d.bid.currency,
        suggestedBid: d.bid.suggested,
        bidAboveBudget: d.bid.aboveBudget,
        durationLabel: d.durationLabel,
        connectsCost: d.connectsCost,
        templateId: d.templateId,
        strategy: d.strategy,
        variantId: d.variantId,
        createdAt: now,
        updatedAt: now,
        ...(d.firstVersion ? { versions: { create: [{ seq: 1, ...d.firstVersion, createdAt: now }] } } : {})
      },
      select: { id: true }
    })
    return row.id
  }

  async get(id: number): Promise<DraftDto | null> {
    const row = await this.db.prisma.proposalDraft.findUnique({ where: { id }, include: { versions: { orderBy: { seq: 'asc' } } } })
    return row ? toDraftDto(row, row.versions) : null
  }

  async exists(id: number): Promise<boolean> {
    return (await this.db.prisma.proposalDraft.count({ where: { id } })) > 0
  }

  /** Newest first; the current text's start and the version count come in the same query. */
  async list(q: ListQuery): Promise<DraftSummaryDto[]> {
    const where: string[] = []
    const args: (string | number)[] = []
    if (q.statuses?.length) {
      where.push(`d."status" IN (${q.statuses.map(() => '?').join(', ')})`)
      args.push(...q.statuses)
    }
    if (q.kind) {
      where.push(`d."kind" = ?`)
      args.push(q.kind)
    }
    if (q.jobId !== null) {
      where.push(`d."jobId" = ?`)
      args.push(q.jobId)
    }
    const r = await this.db.client.execute({
      sql:
        `SELECT d."id", d."kind", d."jobId", d."threadId", d."status", d."generation", d."checks", d."createdAt", d."updatedAt", ` +
        `json_extract(d."jobSnapshot", '$.title') AS "title", ` +
        `(SELECT substr(v."text", 1, ${PREVIEW_CHARS}) FROM "DraftVersion" v WHERE v."draftId" = d."id" ORDER BY v."seq" DESC LIMIT 1) AS "preview", ` +
        `(SELECT COUNT(*) FROM "DraftVersion" v WHERE v."draftId" = d."id") AS "versionCount" ` +
        `FROM "ProposalDraft" d ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d."updatedAt" DESC, d."id" DESC LIMIT ? OFFSET ?`,
      args: [...args, q.limit, q.offset]
    })
    return r.rows.map((raw) => {
      const row = raw as unknown as Record<string, unknown>
      return {
        id: Number(row.id),
        kind: pick<DraftKind>(DRAFT_KINDS, row.kind as string, 'proposal'),
        jobId: row.jobId === null ? null : Number(row.jobId),
        threadId: (row.threadId as string | null) ?? null,
        title: (row.title as string | null) ?? '',
        status: pick<DraftStatus>(DRAFT_STATUSES, row.status as string, 'draft'),
        generation: pick<GenerationState>(GENERATION_STATES, row.generation as string, 'idle'),
        preview: (row.preview as string | null) ?? '',
        flagged: parseJson<unknown[]>(row.checks as string, []).length > 0,
        versionCount: Number(row.versionCount),
        createdAt: fromSqlDateTime(row.createdAt),
        updatedAt: fromSqlDateTime(row.updatedAt)
      }
    })
  }

  /**
   * A new version unless the text equals the newest version's (then that one, `created: false`):
   * autosave may send the same text again. An unfinished AI version is never the one compared.
   */
  async saveVersion(
    draftId: number,
    text: string,
    source: VersionSource,
    author: VersionAuthor,
    extra: { aiCallId?: number | null; partial?: boolean } = {}
  ): Promise<{ version: DraftVersionDto; created: boolean }> {
    const now = this.now()
    return this.db.prisma.$transaction(async (tx) => {
      const latest = await tx.draftVersion.findFirst({ where: { draftId }, orderBy: { seq: 'desc' } })
      if (latest && latest.text === text && !latest.partial) return { version: toVersionDto(latest), created: false }
      const v = await tx.draftVersion.create({
        data: { draftId, seq: (latest?.seq ?? 0) + 1, source, author, text, partial: extra.partial ?? false, aiCallId: extra.aiCallId ?? null, createdAt: now }
      })
      await tx.proposalDraft.update({ where: { id: draftId }, data: { updatedAt: now } })
      return { version: toVersionDto(v), created: true }
    })
  }

  /** The row an AI text streams into: empty, partial, saved before the request leaves; the draft says "generating". */
  async beginAiVersion(draftId: number, author: VersionAuthor, patch: { strategy: string | null; templateId: number | null }): Promise<DraftVersionDto> {
    const now = this.now()
    return this.db.prisma.$transaction(async (tx) => {
      const latest = await tx.draftVersion.findFirst({ where: { draftId }, orderBy: { seq: 'desc' }, select: { seq: true } })
      const v = await tx.draftVersion.create({ data: { draftId, seq: (latest?.seq ?? 0) + 1, source: 'AI', author, text: '', partial: true, createdAt: now } })
      await tx.proposalDraft.update({
        where: { id: draftId },
        data: { generation: 'generating', generationError: null, strategy: patch.strategy, templateId: patch.templateId, updatedAt: now }
      })
      return toVersionDto(v)
    })
  }

  async writeAiText(versionId: number, text: string): Promise<void> {
    await this.db.prisma.draftVersion.update({ where: { id: versionId }, data: { text } })
  }

  /** The end of a generation: the text as far as it got, the checks, the state; an empty failed version is removed. */
  async finishAiVersion(
    draftId: number,
    versionId: number,
    end: { text: string; partial: boolean; aiCallId: number | null; generation: GenerationState; error: string | null; checks: OutputCheckDto[] }
  ): Promise<void> {
    const now = this.now()
    await this.db.prisma.$transaction(async (tx) => {
      if (end.partial && end.text === '') await tx.draftVersion.delete({ where: { id: versionId } })
      else await tx.draftVersion.update({ where: { id: versionId }, data: { text: end.text, partial: end.partial, aiCallId: end.aiCallId } })
      await tx.proposalDraft.update({
        where: { id: draftId },
        data: { generation: end.generation, generationError: end.error, checks: JSON.stringify(end.checks), updatedAt: now }
      })
    })
  }

  /** At start: a generation that was running when the app stopped is over (its text so far is kept, partial). */
  async settleInterrupted(): Promise<number> {
    const r = await this.db.prisma.proposalDraft.updateMany({ where: { generation: 'generating' }, data: { generation: 'cancelled', generationError: 'cancelled' } })
    return r.count
  }

  async setBid(draftId: number, job: JobSnapshot, patch: { amount?: number | null; durationLabel?: string | null }): Promise<void> {
    await this.db.prisma.proposalDraft.update({
      where: { id: draftId },
      data: {
        ...(patch.amount !== undefined ? { bidAmount: patch.amount, bidAboveBudget: isAboveBudget(job, patch.amount) } : {}),
        ...(patch.durationLabel !== undefined ? { durationLabel: patch.durationLabel } : {}),
        updatedAt: this.now()
      }
    })
  }

  async setStatus(draftId: number, status: DraftStatus): Promise<void> {
    await this.db.prisma.proposalDraft.update({ where: { id: draftId }, data: { status, updatedAt: this.now() } })
  }
}
