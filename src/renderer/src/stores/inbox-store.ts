import { create } from 'zustand'
import type { MessageDto, MessagingStatusDto, ThreadContextDto, ThreadDto, ThreadFilter, ThreadListPage, ThreadSummaryDto } from '@shared/messaging'
import { api, toProblem, type Problem } from '../api'
import { moveSelection, whileBusy } from './store-helpers'
import { useAppStore } from './app-store'

/** Threads per messaging:threads call (the channel allows 200). */
export const THREAD_PAGE = 100
/** Messages per messaging:thread call: the newest page first, older ones as the user scrolls up. */
export const MESSAGE_PAGE = 50

export interface OpenThread {
  roomId: string
  summary: ThreadSummaryDto
  /** Oldest → newest: every page loaded so far. */
  messages: MessageDto[]
  olderCursor: string | null
  total: number
}

interface InboxState {
  filter: ThreadFilter
  items: ThreadSummaryDto[]
  total: number
  /** Threads with unread client messages (whatever the filter): the sidebar's count. */
  unreadThreads: number
  nextCursor: string | null
  phase: 'idle' | 'loading' | 'ready' | 'error'
  loadingMore: boolean
  error: Problem | null
  /** The row the keyboard is on. */
  selectedId: string | null
  /** The thread shown. */
  openId: string | null
  /** The user opened it (click, Enter, a notification): it is being read, so new client messages in it are read too. */
  reading: boolean
  thread: OpenThread | null
  threadLoading: boolean
  threadError: Problem | null
  loadingOlder: boolean
  context: ThreadContextDto | null
  contextError: Problem | null
  /** Why the last mark-read failed. */
  actionError: Problem | null
  /** The message sync's state (messaging:status): last and next sync, paused, its error. */
  sync: MessagingStatusDto | null
  syncing: boolean
  syncError: Problem | null
  /** "Sync now" (a user click): resolves when the sync is done. */
  syncNow(): Promise<void>
  syncStatus(status: MessagingStatusDto): void
  setFilter(filter: ThreadFilter): Promise<void>
  reload(): Promise<void>
  loadMore(): Promise<void>
  select(roomId: string | null): void
  /** j/k: the next (+1) or previous (−1) row; returns its index, or -1. */
  move(delta: 1 | -1): number
  /**
   * Shows the thread (its newest messages and its context) and marks it read. With `markRead:
   * false` (the newest thread shown when the inbox opens) it stays unread until the user opens it.
   */
  open(roomId: string, options?: { markRead?: boolean }): Promise<void>
  /**
   * The inbox opens: the threads are read and the thread shown before (else the newest one) is
   * opened — its messages asked for as soon as the list answers, before the list is drawn, so both
   * paint together. The newest thread stays unread until the user opens it.
   */
  start(): Promise<void>
  /** Reads the page of messages before the oldest one shown. */
  loadOlder(): Promise<void>
  /** messaging:threadsChanged: the list (and the open thread, if it is one of them) is re-read. */
  changed(roomIds: string[]): Promise<void>
  /** A notification or the tray asked for this thread: the inbox opens on it. */
  openTarget(roomId: string): Promise<void>
  refreshUnread(): Promise<void>
}

/** Keeps the selection while its row is listed, else the first row. */
const keepSelection = (selectedId: string | null, items: readonly ThreadSummaryDto[]): string | null =>
  selectedId !== null && items.some((t) => t.roomId === selectedId) ? selectedId : (items[0]?.roomId ?? null)

/** Messages in order, each once (a fresh page replaces the copies of the same messages). */
const mergeMessages = (older: readonly MessageDto[], newer: readonly MessageDto[]): MessageDto[] => {
  const byId = new Map<number, MessageDto>()
  for (const m of older) byId.set(m.id, m)
  for (const m of newer) byId.set(m.id, m)
  return [...byId.values()].sort((a, b) => a.sentAt - b.sentAt || a.id - b.id)
}

export const useInboxStore = create<InboxState>((set, get) => {
  let listGeneration = 0
  let threadGeneration = 0

  const markRead = async (roomId: string): Promise<void> => {
    try {
      const { unreadCount } = await api.messaging.markRead({ roomId })
      set((s) => ({
        items: s.items.map((t) => (t.roomId === roomId ? { ...t, unreadCount } : t)),
        thread: s.thread?.roomId === roomId ? { ...s.thread, summary: { ...s.thread.summary, unreadCount } } : s.thread,
        actionError: null
      }))
    } catch (e) {
      set({ actionError: toProblem(e) })
    }
  }

  /** The newest page of the open thread, merged with the older pages already shown. */
  const readThread = async (roomId: string, fresh: boolean, prefetched?: Promise<ThreadDto>): Promise<ThreadDto | null> => {
    const mine = ++threadGeneration
    try {
      const page = await (prefetched ?? api.messaging.thread({ roomId, limit: MESSAGE_PAGE }))
      if (mine !== threadGeneration || get().openId !== roomId) return null
      set((s) => {
        const kept = !fresh && s.thread?.roomId === roomId ? s.thread : null
        return {
          thread: {
            roomId,
            summary: page.thread,
            messages: kept ? mergeMessages(kept.messages, page.messages) : page.messages,
            olderCursor: kept ? kept.olderCursor : page.olderCursor,
            total: page.total
          },
          threadLoading: false,
          threadError: null
        }
      })
      return page
    } catch (e) {
      if (mine === threadGeneration) set({ threadLoading: false, threadError: toProblem(e) })
      return null
    }
  }

  /** The list's first page (what is loaded is re-read in one call, up to the channel's 200, so a refresh keeps the user's place); null when failed or overtaken. */
  const firstPage = async (): Promise<ThreadListPage | null> => {
    const mine = ++listGeneration
    set({ phase: get().items.length === 0 ? 'loading' : get().phase, error: null, loadingMore: false })
    try {
      const page = await api.messaging.threads({ filter: get().filter, cursor: null, limit: Math.min(200, Math.max(THREAD_PAGE, get().items.length)) })
      return mine === listGeneration ? page : null
    } catch (e) {
      if (mine === listGeneration) set({ phase: 'error', error: toProblem(e) })
      return null
    }
  }
  const showList = (page: ThreadListPage): void =>
    set((s) => ({ items: page.items, total: page.total, unreadThreads: page.unreadThreads, nextCursor: page.nextCursor, phase: 'ready', selectedId: keepSelection(s.selectedId, page.items) }))

  const openThread = async (roomId: string, options: { markRead?: boolean }, prefetched?: Promise<ThreadDto>): Promise<void> => {
    const read = options.markRead ?? true
    const switching = get().openId !== roomId
    set({
      openId: roomId,
      selectedId: roomId,
      reading: read || (!switching && get().reading),
      ...(switching ? { thread: null, context: null, contextError: null, threadError: null, threadLoading: true, loadingOlder: false } : {})
    })
    const contextCall = api.messaging.context({ roomId }).then(
      (context) => get().openId === roomId && set({ context, contextError: null }),
      (e: unknown) => get().openId === roomId && set({ contextError: toProblem(e) })
    )
    const page = await readThread(roomId, switching, prefetched)
    // Opening a thread is reading it.
    if (read && page && page.thread.unreadCount > 0) await markRead(roomId)
    await contextCall
  }

  return {
    filter: 'all',
    items: [],
    total: 0,
    unreadThreads: 0,
    nextCursor: null,
    phase: 'idle',
    loadingMore: false,
    error: null,
    selectedId: null,
    openId: null,
    reading: false,
    thread: null,
    threadLoading: false,
    threadError: null,
    loadingOlder: false,
    context: null,
    contextError: null,
    actionError: null,
    sync: null,
    syncing: false,
    syncError: null,

    syncNow: async () => {
      await whileBusy(get, set, 'syncing', 'syncError', async () => get().syncStatus(await api.messaging.syncNow()))
    },
    syncStatus: (sync) => set({ sync, unreadThreads: sync.unreadThreads }),

    setFilter: async (filter) => {
      if (filter === get().filter) return
      set({ filter })
      await get().reload()
    },

    reload: async () => {
      const page = await firstPage()
      if (page) showList(page)
    },

    loadMore: async () => {
      const { nextCursor, loadingMore, phase, filter } = get()
      if (nextCursor === null || loadingMore || phase !== 'ready') return
      const mine = listGeneration
      set({ loadingMore: true })
      try {
        const page = await api.messaging.threads({ filter, cursor: nextCursor, limit: THREAD_PAGE })
        if (mine !== listGeneration) return
        set((s) => {
          const seen = new Set(s.items.map((t) => t.roomId))
          return { items: [...s.items, ...page.items.filter((t) => !seen.has(t.roomId))], nextCursor: page.nextCursor, total: page.total, unreadThreads: page.unreadThreads, loadingMore: false }
        })
      } catch (e) {
        if (mine === listGeneration) set({ loadingMore: false, error: toProblem(e) })
      }
    },

    select: (roomId) => set({ selectedId: roomId }),

    move: (delta) => moveSelection(get().items, get().selectedId, (t) => t.roomId, delta, (selectedId) => set({ selectedId }), () => void get().loadMore()),

    start: async () => {
      const page = await firstPage()
      if (!page) return
      const before = get().openId
      const roomId = before ?? page.items[0]?.roomId ?? null
      const thread = roomId === null ? undefined : api.messaging.thread({ roomId, limit: MESSAGE_PAGE })
      thread?.catch(() => undefined) // read (and its failure shown) by openThread
      showList(page)
      if (roomId !== null) await openThread(roomId, { markRead: before !== null }, thread)
    },

    open: (roomId, options = {}) => openThread(roomId, options),

    loadOlder: async () => {
      const { thread, loadingOlder } = get()
      if (!thread || thread.olderCursor === null || loadingOlder) return
      const roomId = thread.roomId
      set({ loadingOlder: true })
      try {
        const page = await api.messaging.thread({ roomId, before: thread.olderCursor, limit: MESSAGE_PAGE })
        set((s) =>
          s.thread?.roomId === roomId
            ? { thread: { ...s.thread, messages: mergeMessages(page.messages, s.thread.messages), olderCursor: page.olderCursor, total: page.total }, loadingOlder: false }
            : { loadingOlder: false }
        )
      } catch (e) {
        set({ loadingOlder: false, threadError: toProblem(e) })
      }
    },

    changed: async (roomIds) => {
      const openId = get().openId
      const list = get().phase === 'idle' ? get().refreshUnread() : get().reload()
      if (openId !== null && roomIds.includes(openId) && get().thread) {
        const page = await readThread(openId, false)
        // The thread is on screen: a new client message in it is read.
        if (page && page.thread.unreadCount > 0 && get().reading && useAppStore.getState().area === 'inbox') await markRead(openId)
      }
      await list
    },

    openTarget: async (roomId) => {
      if (useAppStore.getState().area !== 'inbox') useAppStore.getState().navigate('inbox')
      if (get().filter === 'unread' && !get().items.some((t) => t.roomId === roomId)) set({ filter: 'all' })
      if (get().phase === 'idle' || !get().items.some((t) => t.roomId === roomId)) await get().reload()
      await get().open(roomId)
    },

    refreshUnread: async () => {
      try {
        get().syncStatus(await api.messaging.status())
      } catch {
        // The count stays as it was; the inbox shows the reason when it opens.
      }
    }
  }
})

/** Keeps the inbox (and the sidebar's unread count) fed by main's events; returns the unsubscribe. */
export function followInboxEvents(): () => void {
  const store = useInboxStore.getState
  const offs = [
    api.on('messaging:threadsChanged', ({ roomIds }) => void store().changed(roomIds)),
    api.on('messaging:status', (s) => store().syncStatus(s)),
    api.on('messaging:openThread', ({ roomId }) => void store().openTarget(roomId))
  ]
  void store().refreshUnread()
  return () => offs.forEach((off) => off())
}
