/**
 * The replies domain's rows (issue 9 items 3–5): `ReplyDraft` (what a kind = reply ProposalDraft is
 * for and its latest send), `ReplyTrigger` (the client messages a reply draft covers; its primary
 * key is the story id, so a second draft for one message cannot exist, whatever races or restarts)
 * and `FollowUp` (one row per silence: unique on subject + when the silence began).
 */
import {
  FOLLOW_UP_KINDS,
  FOLLOW_UP_STATUSES,
  REPLY_ORIGINS,
  REPLY_PURPOSES,
  type FollowUpKind,
  type FollowUpStatus,
  type ReplyOrigin,
  type ReplyPurpose
} from '@shared/replies'
import type { Database } from '../db/open-database'
import type { FollowUp as FollowUpRowDb, Prisma, ReplyDraft as ReplyRowDb } from '../db/generated/client'
import type { Clock } from '../ports/clock'

const pick = <T extends string>(allowed: readonly T[], value: string | null | undefined, fallback: T): T =>
  (allowed as readonly string[]).includes(value ?? '') ? (value as T) : fallback

export interface ReplyRow {
  draftId: number
  roomId: string | null
  purpose: ReplyPurpose
  origin: ReplyOrigin
  answersStoryId: string | null
  followUpId: number | null
  outboxItemId: number | null
  createdAt: number
  updatedAt: number
}

export interface TriggerRow {
  storyId: string
  draftId: number
  sentAt: number
}

export interface FollowUpRow {
  id: number
  kind: FollowUpKind
  subject: string
  roomId: string | null
  proposalId: number | null
  title: string
  clientName: string | null
  silenceSince: number
  days: number
  status: FollowUpStatus
  draftId: number | null
  createdAt: number
  updatedAt: number
}

const toReply = (r: ReplyRowDb): ReplyRow => ({
  draftId: r.draftId,
  roomId: r.roomId,
  purpose: pick(REPLY_PURPOSES, r.purpose, 'reply'),
  origin: pick(REPLY_ORIGINS, r.origin, 'ai'),
  answersStoryId: r.answersStoryId,
  followUpId: r.followUpId,
  outboxItemId: r.outboxItemId,
  createdAt: r.createdAt.getTime(),
  updatedAt: r.updatedAt.getTime()
})

const toFollowUp = (r: FollowUpRowDb): FollowUpRow => ({
  id: r.id,
  kind: pick(FOLLOW_UP_KINDS, r.kind, 'thread'),
  subject: r.subject,
  roomId: r.roomId,
  proposalId: r.proposalId,
  title: r.title,
  clientName: r.clientName,
  silenceSince: r.silenceSince.getTime(),
  days: r.days,
  status: pick(FOLLOW_UP_STATUSES, r.status, 'open'),
  draftId: r.draftId,
  createdAt: r.createdAt.getTime(),
  updatedAt: r.updatedAt.getTime()
})

/** A unique constraint refused the row (Prisma P2002, or SQLite's own words through the adapter). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code
  return code === 'P2002' || /UNIQUE constraint failed|SQLITE_CONSTRAINT/i.test(String((e as Error | null)?.message ?? e))
}

export const roomSubject = (roomId: string): string => `room:${roomId}`
export const proposalSubject = (proposalId: number): string => `proposal:${proposalId}`

export type NewFollowUp = Omit<FollowUpRow, 'id' | 'status' | 'draftId' | 'createdAt' | 'updatedAt'>

export class ReplyStore {
  constructor(
    private readonly db: Pick<Database, 'prisma'>,
    private readonly clock: Clock
  ) {}

  private now(): Date {
    return new Date(this.clock.now())
  }

  transaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    return this.db.prisma.$transaction(work)
  }

  async reply(draftId: number, tx?: Prisma.TransactionClient): Promise<ReplyRow | null> {
    const r = await (tx ?? this.db.prisma).replyDraft.findUnique({ where: { draftId } })
    return r ? toReply(r) : null
  }

  async repliesOfRoom(roomId: string): Promise<ReplyRow[]> {
    const rows = await this.db.prisma.replyDraft.findMany({ where: { roomId }, orderBy: [{ createdAt: 'desc' }, { draftId: 'desc' }] })
    return rows.map(toReply)
  }

  /** The room's reply draft still being worked on (its ProposalDraft is `draft`: not in the outbox, not sent, not discarded). */
  async openReply(roomId: string, tx?: Prisma.TransactionClient): Promise<ReplyRow | null> {
    const c = tx ?? this.db.prisma
    const rows = await c.replyDraft.findMany({ where: { roomId }, orderBy: { draftId: 'desc' } })
    if (rows.length === 0) return null
    const open = await c.proposalDraft.findFirst({ where: { id: { in: rows.map((r) => r.draftId) }, status: 'draft' }, orderBy: { id: 'desc' }, select: { id: true } })
    const row = open ? rows.find((r) => r.draftId === open.id) : undefined
    return row ? toReply(row) : null
  }

  /** Reply drafts waiting for the outbox (status approved): settled at start from their items. */
  async inOutbox(): Promise<ReplyRow[]> {
    const drafts = await this.db.prisma.proposalDraft.findMany({ where: { kind: 'reply', status: 'approved' }, select: { id: true } })
    if (drafts.length === 0) return []
    const rows = await this.db.prisma.replyDraft.findMany({ where: { draftId: { in: drafts.map((d) => d.id) } } })
    return rows.map(toReply)
  }

  async byOutboxItem(itemId: number): Promise<ReplyRow | null> {
    const r = await this.db.prisma.replyDraft.findFirst({ where: { outboxItemId: itemId } })
    return r ? toReply(r) : null
  }

  async createReply(row: Omit<ReplyRow, 'createdAt' | 'updatedAt' | 'outboxItemId'>, tx: Prisma.TransactionClient): Promise<void> {
    const now = this.now()
    await tx.replyDraft.create({ data: { ...row, outboxItemId: null, createdAt: now, updatedAt: now } })
  }

  async updateReply(draftId: number, patch: Partial<Pick<ReplyRow, 'purpose' | 'origin' | 'answersStoryId' | 'outboxItemId'>>, tx?: Prisma.TransactionClient): Promise<void> {
    await (tx ?? this.db.prisma).replyDraft.update({ where: { draftId }, data: { ...patch, updatedAt: this.now() } })
  }

  /** Of these stories, the ones no reply draft covers yet. */
  async uncovered(storyIds: readonly string[], tx?: Prisma.TransactionClient): Promise<string[]> {
    if (storyIds.length === 0) return []
    const seen = await (tx ?? this.db.prisma).replyTrigger.findMany({ where: { storyId: { in: [...storyIds] } }, select: { storyId: true } })
    const covered = new Set(seen.map((s) => s.storyId))
    return storyIds.filter((s) => !covered.has(s))
  }

  async coveringDraft(storyId: string): Promise<number | null> {
    const r = await this.db.prisma.replyTrigger.findUnique({ where: { storyId }, select: { draftId: true } })
    return r?.draftId ?? null
  }

  /** Inserts the triggers (a story already covered fails the transaction: the unique key). */
  async cover(roomId: string, draftId: number, stories: readonly { storyId: string; sentAt: number }[], tx: Prisma.TransactionClient): Promise<void> {
    const now = this.now()
    for (const s of stories) await tx.replyTrigger.create({ data: { storyId: s.storyId, roomId, draftId, sentAt: new Date(s.sentAt), createdAt: now } })
  }

  /** The stories a draft covers, oldest first. */
  async triggersOf(draftIds: readonly number[]): Promise<Map<number, TriggerRow[]>> {
    const out = new Map<number, TriggerRow[]>()
    if (draftIds.length === 0) return out
    const rows = await this.db.prisma.replyTrigger.findMany({ where: { draftId: { in: [...draftIds] } }, orderBy: [{ sentAt: 'asc' }, { storyId: 'asc' }] })
    for (const r of rows) {
      const list = out.get(r.draftId) ?? []
      list.push({ storyId: r.storyId, draftId: r.draftId, sentAt: r.sentAt.getTime() })
      out.set(r.draftId, list)
    }
    return out
  }

  /** A draft's status moved only from the given ones (compare-and-set); true when it moved. */
  async moveDraftStatus(draftId: number, from: readonly string[], to: string): Promise<boolean> {
    const r = await this.db.prisma.proposalDraft.updateMany({ where: { id: draftId, kind: 'reply', status: { in: [...from] } }, data: { status: to, updatedAt: this.now() } })
    return r.count > 0
  }

  // ---- follow-ups ----

  /** When this workspace first checked follow-ups (kept in AppState; set now on the first call). */
  async watchingSince(): Promise<number> {
    const key = 'replies.followUps.watchingSince'
    const row = await this.db.prisma.appState.findUnique({ where: { key } })
    const stored = row ? Number(JSON.parse(row.value)) : NaN
    if (Number.isFinite(stored)) return stored
    const now = this.clock.now()
    try {
      await this.db.prisma.appState.create({ data: { key, value: JSON.stringify(now), updatedAt: new Date(now) } })
    } catch (e) {
      if (!isUniqueViolation(e)) throw e
      return this.watchingSince()
    }
    return now
  }

  /** Raises a reminder for this silence, once: null when that silence already has one (whatever its status). */
  async raise(f: NewFollowUp): Promise<FollowUpRow | null> {
    const now = this.now()
    const existing = await this.db.prisma.followUp.findUnique({ where: { subject_silenceSince: { subject: f.subject, silenceSince: new Date(f.silenceSince) } } })
    if (existing) return null
    try {
      const row = await this.db.prisma.followUp.create({ data: { ...f, silenceSince: new Date(f.silenceSince), status: 'open', createdAt: now, updatedAt: now } })
      return toFollowUp(row)
    } catch (e) {
      if (isUniqueViolation(e)) return null
      throw e
    }
  }

  async followUp(id: number): Promise<FollowUpRow | null> {
    const r = await this.db.prisma.followUp.findUnique({ where: { id } })
    return r ? toFollowUp(r) : null
  }

  async followUps(statuses: readonly FollowUpStatus[]): Promise<FollowUpRow[]> {
    const rows = await this.db.prisma.followUp.findMany({ where: { status: { in: [...statuses] } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] })
    return rows.map(toFollowUp)
  }

  /** Open or drafted reminders of these subjects. */
  async activeFollowUps(subjects: readonly string[]): Promise<FollowUpRow[]> {
    if (subjects.length === 0) return []
    const rows = await this.db.prisma.followUp.findMany({ where: { subject: { in: [...subjects] }, status: { in: ['open', 'drafted'] } } })
    return rows.map(toFollowUp)
  }

  /** Moves a reminder from the given statuses (compare-and-set); the row after, or null when it did not move. */
  async moveFollowUp(id: number, from: readonly FollowUpStatus[], to: FollowUpStatus, patch: { draftId?: number } = {}): Promise<FollowUpRow | null> {
    const r = await this.db.prisma.followUp.updateMany({ where: { id, status: { in: [...from] } }, data: { status: to, ...patch, updatedAt: this.now() } })
    return r.count > 0 ? this.followUp(id) : null
  }
}
