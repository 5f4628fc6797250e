import { text, type UserText } from '@shared/i18n'
import type { ApiUsage } from '@shared/types'
import type { Logger } from '../logging/logger'
import type { Clock } from '../ports/clock'
import { isUpworkError, UpworkError } from '../upwork/errors'
import type { OperationContext } from '../upwork/operations/common'
import { getRoom, listRooms, listStories } from '../upwork/operations/messages'
import type { Room, RoomMessage, RoomMessagePage } from '../upwork/types'
import { clientOf, threadSignal, titleOf, upworkTime, type MessageStore, type PendingMessage, type ThreadRow } from './message-store'

/** Rooms per roomList page (Upwork sorts by activity, newest first). */
export const ROOM_PAGE_SIZE = 50
/** Stories per roomStories page. */
export const STORY_PAGE_SIZE = 50
/** At most this many rooms' stories are read per sync (the rest, oldest activity last, wait for the next). */
export const MAX_ROOM_READS_PER_SYNC = 20
/** Pages of history read the first time a room is seen (newest first): 100 messages. */
export const FIRST_READ_PAGES = 2
/**
 * Pages of new stories one room may take in one sync (1,000 messages). A room that got more, or a
 * read stopped by the day's budget, keeps the rest as its gap ([gapFrom, gapTo]): the next syncs
 * page through it before anything else in that room, so no message is skipped.
 */
export const MAX_PAGES_PER_ROOM = 20
/** Each room's newest page is read whole this often, to see edits and deletions of older messages. */
export const VERIFY_EVERY_MS = 6 * 60 * 60_000
/** Rooms missing from the first page that are checked one by one (room(id)) per sync. */
export const MAX_GONE_CHECKS_PER_SYNC = 3
/**
 * Rooms beyond the room list's first page are not seen by an ordinary sync: one not seen (in the
 * list or by room(id)) for this long is checked with room(id), UNSEEN_CHECKS_PER_SYNC a sync, the
 * longest unseen first (each such room about once a day; a not-found is gone, history kept).
 */
export const UNSEEN_CHECK_AFTER_MS = 24 * 60 * 60_000
export const UNSEEN_CHECKS_PER_SYNC = 1
/** Stop reading stories when fewer requests than this are left in the day's budget (discovery and sends need some). */
export const DAILY_RESERVE = 50

export interface MessageSyncDeps {
  reads: OperationContext
  store: MessageStore
  clock: Clock
  logger: Logger
  /** The signed-in user's Upwork id (fromMe, the account's backfill); null when not connected. */
  selfId: () => Promise<string | null>
  /** The shared API budget (the rate limiter's usage); absent: no early stop. */
  usage?: () => Promise<ApiUsage>
}

export interface SyncResult {
  at: number
  ok: boolean
  /** Upwork requests this sync made. */
  requests: number
  /** Threads whose summary or messages changed. */
  changedRoomIds: string[]
  /** Client messages to announce (new, never announced, not backfill), oldest first. */
  clientMessages: PendingMessage[]
  /** The user's own messages seen for the first time. */
  ownMessages: PendingMessage[]
  /** Rooms that got client messages stored in this sync (for the "replied" outcome). */
  roomsWithClientMessages: string[]
  /** Stopped early to keep the day's budget (not an error). */
  budgetLow: boolean
  backfillDone: boolean
  error: { code: string; text: UserText } | null
}

/**
 * One sync of the inbox, incremental (src/main/messaging/README.md has the request costs):
 * 1. the first roomList page (rooms by activity) — during the account's first sync also the next
 *    page of older rooms, one per sync, until the list is walked;
 * 2. roomStories only for rooms whose signal (their latest story, as the room list shows it)
 *    changed since their stories were last read, most recent first, from the newest stored
 *    message on (`storyCreatedDateTime_bt.rangeStart`), within the day's budget;
 * 3. now and then one room's newest page read whole (edits, deletions), and a room missing from
 *    the list checked (`room(id)`): gone rooms are marked, their history kept.
 * Each room's write is one transaction, so a failure mid-sync (429, malformed reply) keeps
 * everything already stored, and the next sync continues where this one stopped.
 */
export class MessageSync {
  private running: Promise<SyncResult> | null = null

  constructor(private readonly deps: MessageSyncDeps) {}

  /** Runs a sync, or joins the one running. */
  run(): Promise<SyncResult> {
    if (this.running) return this.running
    const run = this.sync().finally(() => {
      this.running = null
    })
    this.running = run
    return run
  }

  isRunning(): boolean {
    return this.running !== null
  }

  private async sync(): Promise<SyncResult> {
    const { store, clock } = this.deps
    const result: SyncResult = {
      at: clock.now(),
      ok: true,
      requests: 0,
      changedRoomIds: [],
      clientMessages: [],
      ownMessages: [],
      roomsWithClientMessages: [],
      budgetLow: false,
      backfillDone: false,
      error: null
    }
    const changed = new Set<string>()
    const withClient = new Set<string>()
    try {
      const selfId = await this.deps.selfId()
      if (!selfId) throw new UpworkError('not_connected', 'messaging.sync.error.notConnected')
      let account = (await store.account(selfId)) ?? (await store.startAccount(selfId, clock.now()))
      const backfilling = account.backfillDoneAt === null
      const isBackfill = (s: RoomMessage): boolean => {
        if (backfilling) return true
        const at = upworkTime(s.createdAt)
        const horizon = upworkTime(account.backfillHorizon)
        return at !== null && horizon !== null && at <= horizon
      }

      // 1. The room list.
      const first = await this.count(result, () => listRooms(this.deps.reads, { first: ROOM_PAGE_SIZE }))
      const seen = new Map<string, Room>(first.rooms.map((r) => [r.id, r]))
      let listComplete = !first.hasNextPage
      if (backfilling && first.hasNextPage) {
        // The first sync walks the older rooms, one page per sync.
        if (account.roomCursor === null) {
          await store.setRoomCursor(selfId, first.endCursor ?? '', clock.now())
        } else if (account.roomCursor !== '') {
          const older = await this.count(result, () => listRooms(this.deps.reads, { first: ROOM_PAGE_SIZE, after: account.roomCursor! }))
          for (const r of older.rooms) if (!seen.has(r.id)) seen.set(r.id, r)
          await store.setRoomCursor(selfId, older.hasNextPage && older.endCursor ? older.endCursor : '', clock.now())
        }
        account = (await store.account(selfId))!
      } else if (backfilling) {
        await store.setRoomCursor(selfId, '', clock.now())
        account = (await store.account(selfId))!
      }
      for (const id of await this.upsertRooms([...seen.values()], selfId)) changed.add(id)

      // 2. Rooms that disappeared.
      const present = await store.presentThreads()
      const missing = present.filter((t) => !seen.has(t.roomId))
      if (listComplete && first.skipped === 0) {
        await store.markGone(missing.map((t) => t.roomId), clock.now())
        for (const t of missing) changed.add(t.roomId)
      } else if (missing.length > 0) {
        // Not on the first page: gone, or just older than it. A room newer than the page's oldest should be on it: check those.
        const oldestOnPage = first.rooms.map((r) => r.latestStory?.createdAt ?? '').reduce((m, x) => (x < m ? x : m), '\uffff')
        const suspects = missing.filter((t) => (t.latestStoryAt ?? '') > oldestOnPage).slice(0, MAX_GONE_CHECKS_PER_SYNC)
        for (const t of suspects) for (const id of await this.checkRoom(t.roomId, selfId, result)) changed.add(id)
      }
      if (!backfilling && !(listComplete && first.skipped === 0)) {
        // Rooms beyond the first page: one unseen for a day is asked for by id (a room gone there is noticed too).
        const unseen = await store.unseenSince(clock.now() - UNSEEN_CHECK_AFTER_MS, UNSEEN_CHECKS_PER_SYNC)
        for (const t of unseen) {
          if (await this.budgetLow()) {
            result.budgetLow = true
            break
          }
          for (const id of await this.checkRoom(t.roomId, selfId, result)) changed.add(id)
        }
      }

      // 3. Stories of the rooms that changed, most recent first; then one verification.
      let reads = 0
      for (const thread of await store.staleThreads()) {
        if (reads >= MAX_ROOM_READS_PER_SYNC) break
        if (await this.budgetLow()) {
          result.budgetLow = true
          break
        }
        reads++
        let r: { changed: boolean; clientAdded: boolean }
        try {
          r = await this.readRoom(thread, selfId, isBackfill, result, false)
        } catch (e) {
          // The room went away between the list and its stories: gone (history kept), the others go on.
          if (!isRoomNotFound(e)) throw e
          await store.markGone([thread.roomId], clock.now())
          changed.add(thread.roomId)
          continue
        }
        if (r.changed) changed.add(thread.roomId)
        if (r.clientAdded) withClient.add(thread.roomId)
      }
      if (!result.budgetLow && reads < MAX_ROOM_READS_PER_SYNC) {
        const due = await store.oldestUnverified(clock.now() - VERIFY_EVERY_MS)
        if (due && !(await this.budgetLow())) {
          const r = await this.readRoom(due, selfId, isBackfill, result, true)
          if (r.changed) changed.add(due.roomId)
          if (r.clientAdded) withClient.add(due.roomId)
        }
      }

      // 4. The first sync is done when the list is walked and every room was read.
      listComplete = account.roomCursor === '' || listComplete
      if (backfilling && listComplete && !result.budgetLow && (await store.staleThreads()).length === 0) {
        await store.finishBackfill(selfId, await store.newestStoryTime(), clock.now())
        this.deps.logger.info('Messages: the first sync of this account is done (history stored, not announced)')
      }
      result.backfillDone = (await store.account(selfId))?.backfillDoneAt !== null
    } catch (e) {
      result.ok = false
      result.error = this.describe(e)
      this.deps.logger.warn('Message sync failed', { code: result.error.code, error: String(e) })
    }
    // What was stored is announced even when the sync stopped early.
    try {
      await this.collectAnnouncements(result)
    } catch (e) {
      this.deps.logger.error('Could not read the messages to announce', { error: String(e) })
    }
    result.changedRoomIds = [...changed]
    result.roomsWithClientMessages = [...withClient]
    return result
  }

  private async collectAnnouncements(result: SyncResult): Promise<void> {
    const pending = await this.deps.store.pending()
    if (pending.length === 0) return
    // Marked first: a crash between the mark and the listeners loses an announcement, never repeats one.
    await this.deps.store.markNotified(
      pending.map((p) => p.id),
      this.deps.clock.now()
    )
    result.clientMessages = pending.filter((p) => !p.fromMe && !p.backfill)
    result.ownMessages = pending.filter((p) => p.fromMe)
  }

  /** room(id): still there (its row refreshed, seen now) or gone (marked, history kept). Returns the changed room ids. */
  private async checkRoom(roomId: string, selfId: string, result: SyncResult): Promise<string[]> {
    const room = await this.count(result, () => getRoom(this.deps.reads, roomId))
    if (room) return this.upsertRooms([room], selfId)
    await this.deps.store.markGone([roomId], this.deps.clock.now())
    return [roomId]
  }

  private async upsertRooms(rooms: Room[], selfId: string): Promise<string[]> {
    const { store } = this.deps
    const known = await store.threadsByRoomId(rooms.map((r) => r.id))
    const rows = []
    for (const room of rooms) {
      const existing = known.get(room.id)
      let link: { proposalId: number | null; jobId: number | null } = { proposalId: existing?.proposalId ?? null, jobId: existing?.jobId ?? null }
      if (link.proposalId === null) {
        if (room.vendorProposalId) {
          const p = await store.proposalByUpworkId(room.vendorProposalId)
          if (p) link = { proposalId: p.id, jobId: p.jobId ?? link.jobId }
        }
        if (link.proposalId === null && link.jobId === null) {
          // A proposal room is named after the job ("Client: Job title") or has it as its topic.
          for (const title of titleCandidates(room)) {
            const byTitle = await store.linkByTitle(title)
            if (byTitle.proposalId !== null || byTitle.jobId !== null) {
              link = byTitle
              break
            }
          }
        }
      }
      rows.push({ room, client: clientOf(room, selfId), ...link })
    }
    return store.upsertRooms(rows, this.deps.clock.now())
  }

  /**
   * Reads one room's stories: first look (history), incremental (everything since the newest
   * stored, page after page), or a whole newest page (verify). Stories a read could not finish
   * (page cap, budget) stay as the room's gap, read first by the next sync.
   */
  private async readRoom(
    thread: ThreadRow,
    selfId: string,
    isBackfill: (s: RoomMessage) => boolean,
    result: SyncResult,
    verify: boolean
  ): Promise<{ changed: boolean; clientAdded: boolean }> {
    const { store, clock } = this.deps
    const out = { changed: false, clientAdded: false }
    const apply = async (stories: RoomMessage[], window: { from: number | null } | null): Promise<void> => {
      const changes = await store.applyStories(thread, stories, { selfId, now: clock.now(), isBackfill, window })
      if (changes.added + changes.edited + changes.deleted > 0) out.changed = true
      if (changes.added > 0 && stories.some((s) => s.userId !== selfId)) out.clientAdded = true
    }
    const signal = threadSignal(thread)

    // Stories an earlier sync could not fetch: [from, to], oldest last, before anything newer.
    if (!verify && thread.gap) {
      const r = await this.readPages(thread.roomId, result, { since: thread.gap.from, until: thread.gap.to, pages: MAX_PAGES_PER_ROOM })
      await apply(r.stories, null)
      const rest = r.complete ? null : { from: thread.gap.from, to: r.oldest ?? thread.gap.to }
      await store.setGap(thread.id, rest)
      if (rest || thread.storiesSignal === signal) {
        // Still more to fetch (the newer stories wait), or nothing newer: the signal stays as read.
        if (!rest) await store.markStoriesRead(thread.roomId, signal, clock.now(), false)
        await store.refreshUnread([thread.roomId])
        return out
      }
    }

    const newest = await store.newestSentAt(thread.id)
    const latestOnUpwork = upworkTime(thread.latestStoryAt)
    // The newest stored message is newer than Upwork's latest: it was deleted. Read the page whole.
    const whole = verify || newest === null || (latestOnUpwork !== null && latestOnUpwork < newest)
    if (whole) {
      const r = await this.readPages(thread.roomId, result, { pages: newest === null ? FIRST_READ_PAGES : 1, checkBudget: false })
      // A whole read compares the window it covered (all of it when it reached the start) and sees deletions.
      const times = r.stories.map((s) => upworkTime(s.createdAt)).filter((x): x is number => x !== null)
      const window = r.skipped > 0 ? null : r.complete ? { from: null } : times.length > 0 ? { from: Math.min(...times) } : null
      await apply(r.stories, window)
    } else {
      const since = new Date(newest).toISOString()
      const r = await this.readPages(thread.roomId, result, { since, pages: MAX_PAGES_PER_ROOM })
      await apply(r.stories, null)
      // Not all read (more than the cap, or the budget ran low): the older part waits as the gap.
      if (!r.complete && r.oldest) await store.setGap(thread.id, { from: since, to: r.oldest })
    }
    await store.markStoriesRead(thread.roomId, signal, clock.now(), whole)
    await store.refreshUnread([thread.roomId])
    return out
  }

  /**
   * Pages of a room's stories, newest first, from one range: until the last page, `pages` pages,
   * a page with unreadable stories, or (between pages, when `checkBudget`) the day's budget low.
   */
  private async readPages(
    roomId: string,
    result: SyncResult,
    opts: { since?: string; until?: string; pages: number; checkBudget?: boolean }
  ): Promise<{ stories: RoomMessage[]; complete: boolean; skipped: number; oldest: string | null }> {
    const stories: RoomMessage[] = []
    let page: RoomMessagePage | null = null
    let skipped = 0
    for (let i = 0; i < opts.pages; i++) {
      if (i > 0 && opts.checkBudget !== false && (await this.budgetLow())) {
        result.budgetLow = true
        break
      }
      const after: string | undefined = page?.endCursor ?? undefined
      const next: RoomMessagePage = await this.count(result, () => listStories(this.deps.reads, roomId, { first: STORY_PAGE_SIZE, after, since: opts.since, until: opts.until }))
      page = next
      stories.push(...next.messages)
      skipped += next.skipped
      if (!next.hasNextPage || !next.endCursor || next.skipped > 0) break
    }
    let oldest: number | null = null
    for (const s of stories) {
      const at = upworkTime(s.createdAt)
      if (at !== null && (oldest === null || at < oldest)) oldest = at
    }
    return { stories, complete: page !== null && !page.hasNextPage, skipped, oldest: oldest === null ? null : new Date(oldest).toISOString() }
  }

  private async budgetLow(): Promise<boolean> {
    if (!this.deps.usage) return false
    try {
      const u = await this.deps.usage()
      return u.day.limit - u.day.used < DAILY_RESERVE || u.hour.used >= u.hour.limit
    } catch {
      return false
    }
  }

  private async count<T>(result: SyncResult, call: () => Promise<T>): Promise<T> {
    result.requests++
    return call()
  }

  private describe(e: unknown): { code: string; text: UserText } {
    const detailText = (e as { text?: unknown } | null)?.text
    const detail: string | UserText = detailText && typeof detailText === 'object' && 'key' in detailText ? (detailText as UserText) : e instanceof Error ? e.message : String(e)
    if (!isUpworkError(e)) return { code: 'internal', text: text('messaging.sync.error.other', { detail }) }
    const code = e.code
    if (code === 'budget_exhausted') return { code, text: text('messaging.sync.error.budget', { detail }) }
    if (code === 'rate_limited') return { code, text: text('messaging.sync.error.rateLimited', {}) }
    if (code === 'reconnect_needed' || code === 'auth' || code === 'key_rejected') return { code, text: text('messaging.sync.error.reconnect') }
    if (code === 'not_connected' || code === 'not_configured') return { code, text: text('messaging.sync.error.notConnected') }
    if (code === 'malformed') return { code, text: text('messaging.sync.error.malformed', {}) }
    if (code === 'graphql' || code === 'bad_request' || code === 'invalid_input' || code === 'scope' || code === 'forbidden') {
      const words = (e.graphqlErrors ?? []).map((g) => g.message).filter(Boolean).join(' ') || e.serverText || e.message
      return { code, text: text('messaging.sync.error.rejected', { words: words.slice(0, 500) }) }
    }
    if (code === 'network' || code === 'timeout' || code === 'server') return { code, text: text('messaging.sync.error.network', { detail }) }
    return { code, text: text('messaging.sync.error.other', { detail }) }
  }
}

function isRoomNotFound(e: unknown): boolean {
  return isUpworkError(e) && (e.code === 'not_found' || (e.graphqlErrors ?? []).some((g) => /room not found/i.test(g.message ?? '')))
}

/** Job titles a room may carry: its topic, its name, and the part of the name after "Client: ". */
function titleCandidates(room: Room): string[] {
  const out = new Set<string>()
  const title = titleOf(room)
  if (title) out.add(title)
  const name = room.name?.trim()
  if (name) {
    out.add(name)
    const colon = name.indexOf(': ')
    if (colon > 0 && colon < name.length - 2) out.add(name.slice(colon + 2).trim())
  }
  return [...out]
}
