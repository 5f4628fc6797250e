import { previewOf, type LastMessagePreview, type MessageDto, type ThreadSummaryDto } from '@shared/messaging'
import type { Database } from '../db/open-database'
import { fromSqlDateTime, toSqlDateTime } from '../db/sql-values'
import type { Room, RoomMessage } from '../upwork/types'

/**
 * The thread store (MessageThread, Message, MessagingAccount): everything the inbox shows and the
 * sync compares against. Raw SQL through the database worker; writes that belong together go in
 * one bulkWrite (one transaction).
 */

type Row = Record<string, unknown>
type Db = Pick<Database, 'client' | 'bulkWrite'>

export interface ThreadRow {
  id: number
  roomId: string
  title: string | null
  roomName: string | null
  topic: string | null
  roomType: string | null
  clientName: string | null
  clientUserId: string | null
  jobId: number | null
  proposalId: number | null
  upworkProposalId: string | null
  contractId: string | null
  unreadCount: number
  upworkUnread: number
  upworkLastReadAt: string | null
  readAt: number | null
  lastMessageAt: number | null
  latestStoryId: string | null
  latestStoryAt: string | null
  latestStoryUpdatedAt: string | null
  storiesSignal: string | null
  verifiedAt: number | null
  gone: boolean
  createdAt: number
  /** When the room list (or room(id)) last showed the room. */
  lastSeenAt: number | null
  /** Stories not fetched yet, [from, to] on Upwork's clock (ISO): more arrived than one sync read. */
  gap: { from: string; to: string } | null
}

export interface StoredMessage {
  id: number
  storyId: string
  sentAt: number
  remoteUpdatedAt: string | null
  text: string
  deleted: boolean
}

export interface AccountRow {
  userId: string
  backfillStartedAt: number
  backfillDoneAt: number | null
  backfillHorizon: string | null
  roomCursor: string | null
}

/** A message stored but not yet announced (notifiedAt null). */
export interface PendingMessage {
  id: number
  storyId: string
  roomId: string
  fromMe: boolean
  backfill: boolean
  text: string
  sentAt: number
  authorName: string | null
  clientName: string | null
  jobId: number | null
  proposalId: number | null
}

export interface StoryChanges {
  added: number
  edited: number
  deleted: number
}

const THREAD_COLUMNS = `t."id", t."roomId", t."title", t."roomName", t."topic", t."roomType", t."clientName", t."clientUserId", t."jobId", t."proposalId",
  t."upworkProposalId", t."contractId", t."unreadCount", t."upworkUnread", t."upworkLastReadAt", t."readAt", t."lastMessageAt", t."latestStoryId", t."latestStoryAt",
  t."latestStoryUpdatedAt", t."storiesSignal", t."verifiedAt", t."gone", t."createdAt", t."lastSeenAt", t."gapFrom", t."gapTo"`

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))
const time = (v: unknown): number | null => (v === null || v === undefined ? null : fromSqlDateTime(v))

function toThread(r: Row): ThreadRow {
  return {
    id: Number(r.id),
    roomId: String(r.roomId),
    title: str(r.title),
    roomName: str(r.roomName),
    topic: str(r.topic),
    roomType: str(r.roomType),
    clientName: str(r.clientName),
    clientUserId: str(r.clientUserId),
    jobId: num(r.jobId),
    proposalId: num(r.proposalId),
    upworkProposalId: str(r.upworkProposalId),
    contractId: str(r.contractId),
    unreadCount: Number(r.unreadCount ?? 0),
    upworkUnread: Number(r.upworkUnread ?? 0),
    upworkLastReadAt: str(r.upworkLastReadAt),
    readAt: time(r.readAt),
    lastMessageAt: time(r.lastMessageAt),
    latestStoryId: str(r.latestStoryId),
    latestStoryAt: str(r.latestStoryAt),
    latestStoryUpdatedAt: str(r.latestStoryUpdatedAt),
    storiesSignal: str(r.storiesSignal),
    verifiedAt: time(r.verifiedAt),
    gone: Number(r.gone) === 1,
    createdAt: fromSqlDateTime(r.createdAt),
    lastSeenAt: time(r.lastSeenAt),
    gap: r.gapFrom != null && r.gapTo != null ? { from: String(r.gapFrom), to: String(r.gapTo) } : null
  }
}

/** Upwork's time string → epoch ms (null when it cannot be read). */
export function upworkTime(value: string | null | undefined): number | null {
  if (!value) return null
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value)
  return Number.isNaN(ms) ? null : ms
}

/** The room's change signal: its newest story and when that changed (the room list gives both). */
export function roomSignal(room: Room): string {
  return signalOf(room.latestStory?.id ?? null, room.latestStory?.updatedAt ?? room.latestStory?.createdAt ?? null, room.unreadCount, room.lastReadAt)
}

/** The same signal from what the store kept of the room list's last look. */
export function threadSignal(t: Pick<ThreadRow, 'latestStoryId' | 'latestStoryUpdatedAt' | 'latestStoryAt' | 'upworkUnread' | 'upworkLastReadAt'>): string {
  return signalOf(t.latestStoryId, t.latestStoryUpdatedAt ?? t.latestStoryAt, t.upworkUnread, t.upworkLastReadAt)
}

function signalOf(latestId: string | null, latestChangedAt: string | null, unread: number, lastReadAt: string | null): string {
  if (latestId !== null) return `${latestId}|${latestChangedAt ?? ''}`
  // Without latestStory (not every schema has it): the unread count and last read time.
  return `unread:${unread}|${lastReadAt ?? ''}`
}

/** The other side of the room: the first participant who is not the user. */
export function clientOf(room: Room, selfId: string | null): { userId: string | null; name: string | null } {
  const other = room.participants.find((p) => p.userId !== null && p.userId !== selfId) ?? null
  return { userId: other?.userId ?? null, name: other?.name ?? null }
}

/** What a thread is called: the topic (often the job title), else the room name. */
export function titleOf(room: Pick<Room, 'topic' | 'name'>): string | null {
  return room.topic?.trim() || room.name?.trim() || null
}

export class MessageStore {
  constructor(private readonly db: Db) {}

  // ---------------------------------------------------------------- account

  async account(userId: string): Promise<AccountRow | null> {
    const rs = await this.db.client.execute({ sql: `SELECT * FROM "MessagingAccount" WHERE "userId" = ?`, args: [userId] })
    const r = rs.rows[0] as unknown as Row | undefined
    if (!r) return null
    return {
      userId: String(r.userId),
      backfillStartedAt: fromSqlDateTime(r.backfillStartedAt),
      backfillDoneAt: time(r.backfillDoneAt),
      backfillHorizon: str(r.backfillHorizon),
      roomCursor: str(r.roomCursor)
    }
  }

  async startAccount(userId: string, now: number): Promise<AccountRow> {
    const ts = toSqlDateTime(now)
    await this.db.client.execute({
      sql: `INSERT INTO "MessagingAccount" ("userId", "backfillStartedAt", "updatedAt") VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
      args: [userId, ts, ts]
    })
    return (await this.account(userId))!
  }

  async setRoomCursor(userId: string, cursor: string | null, now: number): Promise<void> {
    await this.db.client.execute({ sql: `UPDATE "MessagingAccount" SET "roomCursor" = ?, "updatedAt" = ? WHERE "userId" = ?`, args: [cursor, toSqlDateTime(now), userId] })
  }

  /** The first sync is complete: stories up to `horizon` (Upwork's time) are history. */
  async finishBackfill(userId: string, horizon: string | null, now: number): Promise<void> {
    const ts = toSqlDateTime(now)
    await this.db.client.execute({
      sql: `UPDATE "MessagingAccount" SET "backfillDoneAt" = ?, "backfillHorizon" = ?, "roomCursor" = NULL, "updatedAt" = ? WHERE "userId" = ? AND "backfillDoneAt" IS NULL`,
      args: [ts, horizon, ts, userId]
    })
  }

  /** The newest story time stored (Upwork's clock, ISO), for the backfill horizon. */
  async newestStoryTime(): Promise<string | null> {
    const rs = await this.db.client.execute(`SELECT MAX("sentAt") AS m FROM "Message"`)
    const m = (rs.rows[0] as unknown as Row | undefined)?.m
    return m === null || m === undefined ? null : new Date(fromSqlDateTime(m)).toISOString()
  }

  // ---------------------------------------------------------------- threads

  async threadsByRoomId(roomIds: readonly string[]): Promise<Map<string, ThreadRow>> {
    const out = new Map<string, ThreadRow>()
    for (let i = 0; i < roomIds.length; i += 500) {
      const ids = roomIds.slice(i, i + 500)
      if (ids.length === 0) continue
      const rs = await this.db.client.execute({ sql: `SELECT ${THREAD_COLUMNS} FROM "MessageThread" t WHERE t."roomId" IN (${ids.map(() => '?').join(', ')})`, args: [...ids] })
      for (const r of rs.rows as unknown as Row[]) {
        const t = toThread(r)
        out.set(t.roomId, t)
      }
    }
    return out
  }

  async thread(roomId: string): Promise<ThreadRow | null> {
    return (await this.threadsByRoomId([roomId])).get(roomId) ?? null
  }

  /** Threads not marked gone (the sync checks them against the room list). */
  async presentThreads(): Promise<ThreadRow[]> {
    const rs = await this.db.client.execute(`SELECT ${THREAD_COLUMNS} FROM "MessageThread" t WHERE t."gone" = 0`)
    return (rs.rows as unknown as Row[]).map(toThread)
  }

  /** Threads whose stories were never read, whose signal changed since, or with stories still to fetch (the sync's work list), most recent activity first. */
  async staleThreads(): Promise<ThreadRow[]> {
    const present = await this.presentThreads()
    return present
      .filter((t) => t.storiesSignal === null || t.storiesSignal !== threadSignal(t) || t.gap !== null)
      .sort((a, b) => (b.latestStoryAt ?? '').localeCompare(a.latestStoryAt ?? '') || b.id - a.id)
  }

  /** Present threads the room list (or room(id)) last showed before `before`, longest unseen first. */
  async unseenSince(before: number, limit: number): Promise<ThreadRow[]> {
    const rs = await this.db.client.execute({
      sql: `SELECT ${THREAD_COLUMNS} FROM "MessageThread" t WHERE t."gone" = 0 AND (t."lastSeenAt" IS NULL OR t."lastSeenAt" < ?) ORDER BY t."lastSeenAt" IS NOT NULL, t."lastSeenAt", t."id" LIMIT ?`,
      args: [toSqlDateTime(before), limit]
    })
    return (rs.rows as unknown as Row[]).map(toThread)
  }

  /** The range of a room's stories still to fetch (null, null: none). */
  async setGap(threadId: number, gap: { from: string; to: string } | null): Promise<void> {
    await this.db.client.execute({ sql: `UPDATE "MessageThread" SET "gapFrom" = ?, "gapTo" = ? WHERE "id" = ?`, args: [gap?.from ?? null, gap?.to ?? null, threadId] })
  }

  /** The thread verified longest ago (or never), if that was before `before`. */
  async oldestUnverified(before: number): Promise<ThreadRow | null> {
    const rs = await this.db.client.execute({
      sql: `SELECT ${THREAD_COLUMNS} FROM "MessageThread" t WHERE t."gone" = 0 AND t."storiesSignal" IS NOT NULL AND (t."verifiedAt" IS NULL OR t."verifiedAt" < ?) ORDER BY t."verifiedAt" IS NOT NULL, t."verifiedAt" LIMIT 1`,
      args: [toSqlDateTime(before)]
    })
    const r = rs.rows[0] as unknown as Row | undefined
    return r ? toThread(r) : null
  }

  /**
   * Inserts or updates rooms as the room list shows them (metadata, unread, signal, links) and
   * clears `gone` for a room seen again. Returns the room ids whose summary changed.
   */
  async upsertRooms(
    rooms: ReadonlyArray<{ room: Room; client: { userId: string | null; name: string | null }; jobId: number | null; proposalId: number | null }>,
    now: number
  ): Promise<string[]> {
    if (rooms.length === 0) return []
    const before = await this.threadsByRoomId(rooms.map((r) => r.room.id))
    const ts = toSqlDateTime(now)
    const argsList = rooms.map(({ room, client, jobId, proposalId }) => [
      room.id,
      titleOf(room),
      room.name,
      room.topic,
      room.roomType,
      client.name,
      client.userId,
      jobId,
      proposalId,
      room.vendorProposalId,
      room.contractId,
      Math.max(0, room.unreadCount),
      room.lastReadAt,
      room.latestStory?.id ?? null,
      room.latestStory?.createdAt ?? null,
      room.latestStory?.updatedAt ?? null,
      ts,
      ts,
      ts
    ])
    await this.db.bulkWrite(
      [
        {
          sql: `INSERT INTO "MessageThread" ("roomId", "title", "roomName", "topic", "roomType", "clientName", "clientUserId", "jobId", "proposalId", "upworkProposalId", "contractId",
                  "upworkUnread", "upworkLastReadAt", "latestStoryId", "latestStoryAt", "latestStoryUpdatedAt", "lastSeenAt", "createdAt", "updatedAt", "unreadCount")
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
                ON CONFLICT ("roomId") DO UPDATE SET
                  "title" = excluded."title", "roomName" = excluded."roomName", "topic" = excluded."topic", "roomType" = excluded."roomType",
                  "clientName" = COALESCE(excluded."clientName", "clientName"), "clientUserId" = COALESCE(excluded."clientUserId", "clientUserId"),
                  "jobId" = COALESCE(excluded."jobId", "jobId"), "proposalId" = COALESCE(excluded."proposalId", "proposalId"),
                  "upworkProposalId" = COALESCE(excluded."upworkProposalId", "upworkProposalId"), "contractId" = COALESCE(excluded."contractId", "contractId"),
                  "upworkUnread" = excluded."upworkUnread", "upworkLastReadAt" = excluded."upworkLastReadAt",
                  "latestStoryId" = excluded."latestStoryId", "latestStoryAt" = excluded."latestStoryAt", "latestStoryUpdatedAt" = excluded."latestStoryUpdatedAt",
                  "lastSeenAt" = excluded."lastSeenAt", "gone" = 0, "goneAt" = NULL, "updatedAt" = excluded."updatedAt"`,
          argsList
        }
      ],
      { durability: 'refetchable' }
    )
    await this.refreshUnread(rooms.map((r) => r.room.id))
    const after = await this.threadsByRoomId(rooms.map((r) => r.room.id))
    const changed: string[] = []
    for (const [roomId, t] of after) {
      const b = before.get(roomId)
      if (!b || b.title !== t.title || b.unreadCount !== t.unreadCount || b.clientName !== t.clientName || b.gone !== t.gone || b.jobId !== t.jobId || b.proposalId !== t.proposalId) changed.push(roomId)
    }
    return changed
  }

  /**
   * unreadCount = Upwork's numUnread, unless the user marked the thread read here: then only the
   * client messages after that mark count (and never more than Upwork says).
   */
  async refreshUnread(roomIds: readonly string[]): Promise<void> {
    if (roomIds.length === 0) return
    await this.db.bulkWrite(
      [
        {
          sql: `UPDATE "MessageThread" SET "unreadCount" = CASE WHEN "readAt" IS NULL THEN "upworkUnread" ELSE MIN("upworkUnread",
                  (SELECT COUNT(*) FROM "Message" m WHERE m."threadId" = "MessageThread"."id" AND m."fromMe" = 0 AND m."deleted" = 0 AND m."sentAt" > "MessageThread"."readAt")) END
                WHERE "roomId" = ?`,
          argsList: roomIds.map((id) => [id])
        }
      ],
      { durability: 'refetchable' }
    )
  }

  async markGone(roomIds: readonly string[], now: number): Promise<void> {
    if (roomIds.length === 0) return
    const ts = toSqlDateTime(now)
    await this.db.bulkWrite(
      [{ sql: `UPDATE "MessageThread" SET "gone" = 1, "goneAt" = ?, "unreadCount" = 0, "updatedAt" = ? WHERE "roomId" = ? AND "gone" = 0`, argsList: roomIds.map((id) => [ts, ts, id]) }],
      { durability: 'refetchable' }
    )
  }

  /** The stories were read for this signal (and, when `verified`, the newest page was compared whole). */
  async markStoriesRead(roomId: string, signal: string, now: number, verified: boolean): Promise<void> {
    const ts = toSqlDateTime(now)
    await this.db.client.execute({
      sql: `UPDATE "MessageThread" SET "storiesSignal" = ?, "storiesReadAt" = ?${verified ? `, "verifiedAt" = ?` : ''} WHERE "roomId" = ?`,
      args: verified ? [signal, ts, ts, roomId] : [signal, ts, roomId]
    })
  }

  /** The local read mark: up to the newest message stored (Upwork's clock). Returns the new unread count. */
  async markRead(roomId: string): Promise<number | null> {
    const t = await this.thread(roomId)
    if (!t) return null
    const newest = await this.db.client.execute({ sql: `SELECT MAX("sentAt") AS m FROM "Message" WHERE "threadId" = ?`, args: [t.id] })
    const m = (newest.rows[0] as unknown as Row | undefined)?.m
    const mark = m === null || m === undefined ? toSqlDateTime(t.createdAt) : String(m)
    await this.db.client.execute({ sql: `UPDATE "MessageThread" SET "readAt" = ?, "unreadCount" = 0 WHERE "id" = ?`, args: [mark, t.id] })
    return 0
  }

  // ---------------------------------------------------------------- messages

  /** Stored messages of a thread sent at or after `since` (all when null), by story id. */
  async storedMessages(threadId: number, since: number | null): Promise<Map<string, StoredMessage>> {
    const rs = await this.db.client.execute({
      sql: `SELECT "id", "storyId", "sentAt", "remoteUpdatedAt", "text", "deleted" FROM "Message" WHERE "threadId" = ?${since === null ? '' : ` AND "sentAt" >= ?`}`,
      args: since === null ? [threadId] : [threadId, toSqlDateTime(since)]
    })
    const out = new Map<string, StoredMessage>()
    for (const r of rs.rows as unknown as Row[]) {
      out.set(String(r.storyId), {
        id: Number(r.id),
        storyId: String(r.storyId),
        sentAt: fromSqlDateTime(r.sentAt),
        remoteUpdatedAt: str(r.remoteUpdatedAt),
        text: String(r.text),
        deleted: Number(r.deleted) === 1
      })
    }
    return out
  }

  /** The newest stored, not deleted, message time of a thread (the incremental read's rangeStart). */
  async newestSentAt(threadId: number): Promise<number | null> {
    const rs = await this.db.client.execute({ sql: `SELECT MAX("sentAt") AS m FROM "Message" WHERE "threadId" = ? AND "deleted" = 0`, args: [threadId] })
    return time((rs.rows[0] as unknown as Row | undefined)?.m)
  }

  /**
   * Applies stories read from a room: new ones inserted (backfill marked by `isBackfill`), changed
   * ones (updatedDateTime moved, or text changed) updated as edited, emptied ones marked deleted;
   * when `window` is given (a whole page was read), stored messages in that window that Upwork no
   * longer returns are marked deleted. One transaction.
   */
  async applyStories(
    thread: Pick<ThreadRow, 'id'>,
    stories: readonly RoomMessage[],
    opts: { selfId: string; now: number; isBackfill: (story: RoomMessage) => boolean; window: { from: number | null } | null }
  ): Promise<StoryChanges> {
    const byId = new Map<string, RoomMessage>()
    for (const s of stories) if (upworkTime(s.createdAt) !== null) byId.set(s.id, s)
    const times = [...byId.values()].map((s) => upworkTime(s.createdAt)!)
    const oldest = times.length > 0 ? Math.min(...times) : null
    const stored = await this.storedMessages(thread.id, opts.window ? opts.window.from : oldest)
    const ts = toSqlDateTime(opts.now)
    const inserts: unknown[][] = []
    const edits: unknown[][] = []
    const deletes: unknown[][] = []
    for (const s of byId.values()) {
      const sentAt = upworkTime(s.createdAt)!
      const empty = s.text.trim() === ''
      const known = stored.get(s.id)
      if (!known) {
        inserts.push([s.id, thread.id, s.userName, s.userId, s.userId !== null && s.userId === opts.selfId ? 1 : 0, empty ? '' : s.text, toSqlDateTime(sentAt), s.updatedAt, empty ? 1 : 0, empty ? ts : null, s.textTruncated ? 1 : 0, opts.isBackfill(s) ? 1 : 0, ts])
        continue
      }
      if (known.deleted) continue
      if (empty) {
        deletes.push([ts, known.id])
        continue
      }
      if (s.text !== known.text) {
        edits.push([s.text, s.updatedAt, s.textTruncated ? 1 : 0, toSqlDateTime(upworkTime(s.updatedAt) ?? opts.now), known.id])
      } else if (s.updatedAt !== known.remoteUpdatedAt) {
        edits.push([known.text, s.updatedAt, s.textTruncated ? 1 : 0, null, known.id])
      }
    }
    if (opts.window) {
      for (const m of stored.values()) if (!m.deleted && !byId.has(m.storyId)) deletes.push([ts, m.id])
    }
    const statements = []
    if (inserts.length > 0)
      statements.push({
        sql: `INSERT INTO "Message" ("storyId", "threadId", "authorName", "authorId", "fromMe", "text", "sentAt", "remoteUpdatedAt", "deleted", "deletedAt", "truncated", "backfill", "createdAt")
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("storyId") DO NOTHING`,
        argsList: inserts as never
      })
    if (edits.length > 0)
      statements.push({
        sql: `UPDATE "Message" SET "text" = ?, "remoteUpdatedAt" = ?, "truncated" = ?, "editedAt" = COALESCE(?, "editedAt") WHERE "id" = ?`,
        argsList: edits as never
      })
    if (deletes.length > 0) statements.push({ sql: `UPDATE "Message" SET "deleted" = 1, "deletedAt" = ?, "text" = '' WHERE "id" = ? AND "deleted" = 0`, argsList: deletes as never })
    statements.push({
      sql: `UPDATE "MessageThread" SET "lastMessageAt" = (SELECT MAX("sentAt") FROM "Message" WHERE "threadId" = ? AND "deleted" = 0), "updatedAt" = ? WHERE "id" = ?`,
      argsList: [[thread.id, ts, thread.id]]
    })
    const results = await this.db.bulkWrite(statements as never, { durability: 'refetchable' })
    const added = inserts.length > 0 ? (results[0]?.rowsAffected ?? 0) : 0
    return { added, edited: edits.filter((e) => e[3] !== null).length, deleted: deletes.length }
  }

  /** Messages stored but never announced, oldest first. */
  async pending(limit = 500): Promise<PendingMessage[]> {
    const rs = await this.db.client.execute({
      sql: `SELECT m."id", m."storyId", m."fromMe", m."backfill", m."text", m."sentAt", m."authorName", m."deleted", t."roomId", t."clientName", t."jobId", t."proposalId"
            FROM "Message" m JOIN "MessageThread" t ON t."id" = m."threadId" WHERE m."notifiedAt" IS NULL ORDER BY m."sentAt", m."id" LIMIT ?`,
      args: [limit]
    })
    return (rs.rows as unknown as Row[]).map((r) => ({
      id: Number(r.id),
      storyId: String(r.storyId),
      roomId: String(r.roomId),
      fromMe: Number(r.fromMe) === 1,
      backfill: Number(r.backfill) === 1 || Number(r.deleted) === 1,
      text: String(r.text),
      sentAt: fromSqlDateTime(r.sentAt),
      authorName: str(r.authorName),
      clientName: str(r.clientName),
      jobId: num(r.jobId),
      proposalId: num(r.proposalId)
    }))
  }

  /** Marks messages announced (before the listeners run: a crash then loses a notification, never repeats one). */
  async markNotified(ids: readonly number[], now: number): Promise<void> {
    if (ids.length === 0) return
    const ts = toSqlDateTime(now)
    await this.db.bulkWrite([{ sql: `UPDATE "Message" SET "notifiedAt" = ? WHERE "id" = ? AND "notifiedAt" IS NULL`, argsList: ids.map((id) => [ts, id]) }], { durability: 'user' })
  }

  /** The earliest client message of each proposal-linked thread among `roomIds` (for the "replied" outcome). */
  async firstClientMessages(roomIds: readonly string[]): Promise<Array<{ proposalId: number; sentAt: number }>> {
    if (roomIds.length === 0) return []
    const rs = await this.db.client.execute({
      sql: `SELECT t."proposalId" AS p, MIN(m."sentAt") AS s FROM "MessageThread" t JOIN "Message" m ON m."threadId" = t."id"
            WHERE t."proposalId" IS NOT NULL AND m."fromMe" = 0 AND t."roomId" IN (${roomIds.map(() => '?').join(', ')}) GROUP BY t."proposalId"`,
      args: [...roomIds]
    })
    return (rs.rows as unknown as Row[]).filter((r) => r.s !== null).map((r) => ({ proposalId: Number(r.p), sentAt: fromSqlDateTime(r.s) }))
  }

  // ---------------------------------------------------------------- links

  /** Local proposal and job for Upwork's proposal id. */
  async proposalByUpworkId(upworkProposalId: string): Promise<{ id: number; jobId: number | null } | null> {
    const rs = await this.db.client.execute({ sql: `SELECT "id", "jobId" FROM "Proposal" WHERE "upworkProposalId" = ?`, args: [upworkProposalId] })
    const r = rs.rows[0] as unknown as Row | undefined
    return r ? { id: Number(r.id), jobId: num(r.jobId) } : null
  }

  /**
   * A proposal (else a job) whose job title is exactly `title` (a proposal room is named after the
   * job), only when that title names one job: titles are the clients' words ("Logo design"), and a
   * room linked to another client's job would show that proposal and put its text and job post in
   * this client's reply prompt. Ambiguous: no link (the room's Upwork proposal id still links it).
   */
  async linkByTitle(title: string): Promise<{ proposalId: number | null; jobId: number | null }> {
    const none = { proposalId: null, jobId: null }
    const p = await this.db.client.execute({
      sql: `SELECT "id", "jobId", COALESCE("upworkJobId", 'job:' || "jobId", 'proposal:' || "id") AS job FROM "Proposal" WHERE "jobTitle" = ? ORDER BY "id" DESC LIMIT 20`,
      args: [title]
    })
    const proposals = p.rows as unknown as Row[]
    if (proposals.length > 0) {
      // Several proposals for one job (sent again) link to the newest; proposals for different jobs, to none.
      if (new Set(proposals.map((r) => String(r.job))).size > 1) return none
      return { proposalId: Number(proposals[0]!.id), jobId: num(proposals[0]!.jobId) }
    }
    const j = await this.db.client.execute({ sql: `SELECT "id" FROM "Job" WHERE "title" = ? ORDER BY "id" DESC LIMIT 2`, args: [title] })
    return j.rows.length === 1 ? { proposalId: null, jobId: Number((j.rows[0] as unknown as Row).id) } : none
  }

  // ---------------------------------------------------------------- reads for the inbox

  async counts(): Promise<{ threads: number; unreadThreads: number; unreadMessages: number }> {
    const rs = await this.db.client.execute(
      `SELECT COUNT(*) AS n, SUM(CASE WHEN "unreadCount" > 0 THEN 1 ELSE 0 END) AS u, SUM("unreadCount") AS m FROM "MessageThread"`
    )
    const r = rs.rows[0] as unknown as Row
    return { threads: Number(r.n ?? 0), unreadThreads: Number(r.u ?? 0), unreadMessages: Number(r.m ?? 0) }
  }

  /** Threads by last activity (newest first), keyset-paged: the cursor is `<activity ms>:<thread id>`. */
  async listThreads(opts: { unreadOnly: boolean; limit: number; cursor: { at: number; id: number } | null }): Promise<{ items: ThreadSummaryDto[]; next: { at: number; id: number } | null; total: number }> {
    const activity = `COALESCE(t."lastMessageAt", t."createdAt")`
    const where: string[] = []
    const args: Array<string | number> = []
    if (opts.unreadOnly) where.push(`t."unreadCount" > 0`)
    const totalRs = await this.db.client.execute({ sql: `SELECT COUNT(*) AS n FROM "MessageThread" t${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`, args: [...args] })
    if (opts.cursor) {
      where.push(`(${activity} < ? OR (${activity} = ? AND t."id" < ?))`)
      const at = toSqlDateTime(opts.cursor.at)
      args.push(at, at, opts.cursor.id)
    }
    const rs = await this.db.client.execute({
      sql: `SELECT ${THREAD_COLUMNS} FROM "MessageThread" t${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${activity} DESC, t."id" DESC LIMIT ?`,
      args: [...args, opts.limit + 1]
    })
    const rows = (rs.rows as unknown as Row[]).map(toThread)
    const page = rows.slice(0, opts.limit)
    const items = await this.summaries(page)
    const last = page[page.length - 1]
    return {
      items,
      next: rows.length > opts.limit && last ? { at: last.lastMessageAt ?? last.createdAt, id: last.id } : null,
      total: Number((totalRs.rows[0] as unknown as Row).n ?? 0)
    }
  }

  /** Summaries (with the last message preview) for thread rows, in the same order. */
  async summaries(rows: readonly ThreadRow[]): Promise<ThreadSummaryDto[]> {
    if (rows.length === 0) return []
    const last = new Map<number, LastMessagePreview>()
    const ids = rows.map((r) => r.id)
    const rs = await this.db.client.execute({
      sql: `SELECT m."threadId", m."text", m."fromMe", m."deleted", m."sentAt" FROM "Message" m
            WHERE m."threadId" IN (${ids.map(() => '?').join(', ')})
              AND m."id" = (SELECT m2."id" FROM "Message" m2 WHERE m2."threadId" = m."threadId" ORDER BY m2."sentAt" DESC, m2."id" DESC LIMIT 1)`,
      args: ids
    })
    for (const r of rs.rows as unknown as Row[]) {
      last.set(Number(r.threadId), { text: Number(r.deleted) === 1 ? '' : previewOf(String(r.text)), fromMe: Number(r.fromMe) === 1, deleted: Number(r.deleted) === 1, sentAt: fromSqlDateTime(r.sentAt) })
    }
    return rows.map((t) => toSummary(t, last.get(t.id) ?? null))
  }

  async summary(roomId: string): Promise<ThreadSummaryDto | null> {
    const t = await this.thread(roomId)
    return t ? ((await this.summaries([t]))[0] ?? null) : null
  }

  /** A page of messages, oldest → newest: the newest `limit`, or those before the cursor `<sent ms>:<message id>`. */
  async messages(threadId: number, roomId: string, opts: { limit: number; before: { at: number; id: number } | null }): Promise<{ items: MessageDto[]; older: { at: number; id: number } | null; total: number }> {
    const args: Array<string | number> = [threadId]
    let where = `"threadId" = ?`
    if (opts.before) {
      const at = toSqlDateTime(opts.before.at)
      where += ` AND ("sentAt" < ? OR ("sentAt" = ? AND "id" < ?))`
      args.push(at, at, opts.before.id)
    }
    const rs = await this.db.client.execute({
      sql: `SELECT "id", "storyId", "authorName", "authorId", "fromMe", "text", "sentAt", "editedAt", "deleted", "truncated" FROM "Message" WHERE ${where} ORDER BY "sentAt" DESC, "id" DESC LIMIT ?`,
      args: [...args, opts.limit + 1]
    })
    const total = await this.db.client.execute({ sql: `SELECT COUNT(*) AS n FROM "Message" WHERE "threadId" = ?`, args: [threadId] })
    const rows = rs.rows as unknown as Row[]
    const page = rows.slice(0, opts.limit)
    const items: MessageDto[] = page
      .map((r) => ({
        id: Number(r.id),
        storyId: String(r.storyId),
        roomId,
        authorName: str(r.authorName),
        authorId: str(r.authorId),
        fromMe: Number(r.fromMe) === 1,
        text: Number(r.deleted) === 1 ? '' : String(r.text),
        sentAt: fromSqlDateTime(r.sentAt),
        editedAt: time(r.editedAt),
        deleted: Number(r.deleted) === 1,
        truncated: Number(r.truncated) === 1
      }))
      .reverse()
    const oldest = items[0]
    return { items, older: rows.length > opts.limit && oldest ? { at: oldest.sentAt, id: oldest.id } : null, total: Number((total.rows[0] as unknown as Row).n ?? 0) }
  }

  /** Other threads with the same client user id, newest first. */
  async threadsWithClient(clientUserId: string, exceptRoomId: string, limit = 20): Promise<ThreadSummaryDto[]> {
    const rs = await this.db.client.execute({
      sql: `SELECT ${THREAD_COLUMNS} FROM "MessageThread" t WHERE t."clientUserId" = ? AND t."roomId" <> ? ORDER BY COALESCE(t."lastMessageAt", t."createdAt") DESC, t."id" DESC LIMIT ?`,
      args: [clientUserId, exceptRoomId, limit]
    })
    return this.summaries((rs.rows as unknown as Row[]).map(toThread))
  }

  /** The proposal row as the context panel shows it. */
  async proposal(id: number): Promise<{ id: number; upworkProposalId: string | null; coverLetter: string | null; bidAmount: number | null; status: string; stage: string | null; submittedAt: number | null } | null> {
    const rs = await this.db.client.execute({ sql: `SELECT "id", "upworkProposalId", "coverLetter", "bidAmount", "status", "stage", "submittedAt" FROM "Proposal" WHERE "id" = ?`, args: [id] })
    const r = rs.rows[0] as unknown as Row | undefined
    if (!r) return null
    return { id: Number(r.id), upworkProposalId: str(r.upworkProposalId), coverLetter: str(r.coverLetter), bidAmount: r.bidAmount === null ? null : Number(r.bidAmount), status: String(r.status), stage: str(r.stage), submittedAt: time(r.submittedAt) }
  }
}

function toSummary(t: ThreadRow, last: LastMessagePreview | null): ThreadSummaryDto {
  return {
    roomId: t.roomId,
    title: t.title ?? '',
    clientName: t.clientName,
    roomType: t.roomType,
    unreadCount: t.unreadCount,
    lastActivityAt: t.lastMessageAt ?? t.createdAt,
    lastMessage: last,
    jobId: t.jobId,
    proposalId: t.proposalId,
    upworkProposalId: t.upworkProposalId,
    contractId: t.contractId,
    gone: t.gone
  }
}
