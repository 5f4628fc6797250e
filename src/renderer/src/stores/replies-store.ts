import { create } from 'zustand'
import type { FollowUpDto, ReplyDraftDto, ThreadRepliesDto } from '@shared/replies'
import { api, toProblem, type Problem } from '../api'
import { whileBusy } from './store-helpers'

/**
 * The open thread's reply drafts (replies:forThread, kept fresh by replies:changed) and the
 * follow-up reminders (followUps:list, followUps:changed). The draft's text and versions are the
 * drafts store's (DraftEditor); this store only knows its state and its send.
 */
interface RepliesState {
  /** The thread whose replies are loaded. */
  roomId: string | null
  replies: ThreadRepliesDto | null
  phase: 'idle' | 'loading' | 'ready' | 'error'
  error: Problem | null
  /** The last draft/send/cancel/retry/discard refusal, in main's words. */
  actionError: Problem | null
  /** A replies:draft / replies:send / … is on its way (buttons wait; a second click does nothing). */
  busy: boolean
  followUps: FollowUpDto[]
  followUpsError: Problem | null
  /** Per reminder: its last dismiss/draft refusal. */
  followUpErrors: Record<number, Problem>
  load(roomId: string | null): Promise<void>
  /** "Draft a reply": the thread's open draft, or a new one (AI streamed, or a template). */
  draft(): Promise<ReplyDraftDto | null>
  /**
   * The user confirmed the send of exactly `text`. `idempotencyKey` is made once per Send decision
   * (the confirm step), so a second click of the same confirmation sends once.
   */
  send(draftId: number, text: string, idempotencyKey: string): Promise<boolean>
  cancelSend(draftId: number): Promise<void>
  /** A failed send, sent again at the user's click (outbox:retry on its item). */
  retry(outboxItemId: number): Promise<void>
  discard(draftId: number): Promise<void>
  received(draft: ReplyDraftDto): void
  loadFollowUps(): Promise<void>
  dismissFollowUp(id: number): Promise<void>
  /** "Use suggested follow-up": its draft is written once (again: the same draft); resolves with it. */
  draftFollowUp(id: number): Promise<FollowUpDto | null>
  followUpChanged(f: FollowUpDto): void
  /** Follows replies:changed, followUps:changed, outbox:changed and the end of a reply's AI writing; returns the unsubscribe. */
  follow(): () => void
}

/** Drafts that still need the user: the current one of a thread. */
const OPEN_STATES = new Set<ReplyDraftDto['state']>(['draft', 'generating', 'queued', 'sending', 'unknown', 'failed'])
/** Reminders the inbox lists. */
const SHOWN_FOLLOW_UPS = new Set<FollowUpDto['status']>(['open', 'drafted'])

/** The thread's replies with `d` as it now is: as main says, the current draft is the open one (sent or discarded ones are not). */
export function withDraft(r: ThreadRepliesDto, d: ReplyDraftDto): ThreadRepliesDto {
  const known = r.drafts.some((x) => x.draftId === d.draftId)
  const drafts = known ? r.drafts.map((x) => (x.draftId === d.draftId ? d : x)) : [d, ...r.drafts]
  const open = OPEN_STATES.has(d.state)
  const current = r.current?.draftId === d.draftId ? (open ? d : null) : open && (r.current === null || !known) ? d : r.current
  return { ...r, drafts, current }
}

/** `d` unless the replies already hold a newer copy of that draft. */
const newer = (r: ThreadRepliesDto, d: ReplyDraftDto): ThreadRepliesDto => {
  const known = r.drafts.find((x) => x.draftId === d.draftId)
  return known && known.updatedAt > d.updatedAt ? r : withDraft(r, d)
}

export const useRepliesStore = create<RepliesState>((set, get) => {
  let generation = 0
  /** replies:changed that arrived while a forThread was on its way: its answer may predate them. */
  let duringLoad: ReplyDraftDto[] | null = null
  const act = <T>(call: () => Promise<T>): Promise<T | null> => whileBusy(get, set, 'busy', 'actionError', call)
  const reload = async (): Promise<void> => {
    const roomId = get().roomId
    if (roomId === null) return
    const mine = ++generation
    duringLoad = []
    try {
      const answer = await api.replies.forThread({ roomId })
      if (mine !== generation || get().roomId !== roomId) return
      // A draft written while the answer was on its way (its replies:changed came first) is kept.
      const replies = (duringLoad ?? []).reduce((r, d) => (d.roomId === roomId ? newer(r, d) : r), answer)
      set({ replies, phase: 'ready', error: null })
    } catch (e) {
      if (mine === generation) set({ phase: 'error', error: toProblem(e) })
    } finally {
      if (mine === generation) duringLoad = null
    }
  }
  return {
    roomId: null,
    replies: null,
    phase: 'idle',
    error: null,
    actionError: null,
    busy: false,
    followUps: [],
    followUpsError: null,
    followUpErrors: {},

    load: async (roomId) => {
      if (roomId !== get().roomId) set({ roomId, replies: null, phase: roomId === null ? 'idle' : 'loading', error: null, actionError: null })
      await reload()
    },
    draft: async () => {
      const roomId = get().roomId
      if (roomId === null) return null
      const d = await act(() => api.replies.draft({ roomId }))
      if (d) get().received(d)
      return d
    },
    send: async (draftId, text, idempotencyKey) => {
      const d = await act(() => api.replies.send({ draftId, text, idempotencyKey }))
      if (d) get().received(d)
      return d !== null
    },
    cancelSend: async (draftId) => {
      const d = await act(() => api.replies.cancelSend({ draftId }))
      if (d) get().received(d)
    },
    retry: async (outboxItemId) => {
      const item = await act(() => api.outbox.retry({ id: outboxItemId }))
      if (item) await reload()
    },
    discard: async (draftId) => {
      const d = await act(() => api.replies.discard({ draftId }))
      if (d) get().received(d)
    },
    received: (d) => {
      duringLoad?.push(d)
      set((s) => {
        if (s.roomId !== d.roomId) return {}
        const base: ThreadRepliesDto = s.replies ?? { roomId: d.roomId, current: null, drafts: [] }
        return { replies: newer(base, d) }
      })
    },

    loadFollowUps: async () => {
      try {
        set({ followUps: await api.followUps.list({}), followUpsError: null })
      } catch (e) {
        set({ followUpsError: toProblem(e) })
      }
    },
    dismissFollowUp: async (id) => {
      try {
        get().followUpChanged(await api.followUps.dismiss({ id }))
      } catch (e) {
        set((s) => ({ followUpErrors: { ...s.followUpErrors, [id]: toProblem(e) } }))
      }
    },
    draftFollowUp: async (id) => {
      try {
        const f = await api.followUps.draft({ id })
        get().followUpChanged(f)
        return f
      } catch (e) {
        set((s) => ({ followUpErrors: { ...s.followUpErrors, [id]: toProblem(e) } }))
        return null
      }
    },
    followUpChanged: (f) =>
      set((s) => {
        const rest = s.followUps.filter((x) => x.id !== f.id)
        const { [f.id]: _cleared, ...errors } = s.followUpErrors
        return { followUps: SHOWN_FOLLOW_UPS.has(f.status) ? [f, ...rest].sort((a, b) => b.createdAt - a.createdAt) : rest, followUpErrors: errors }
      }),

    follow: () => {
      const offs = [
        api.on('replies:changed', (d) => get().received(d)),
        api.on('followUps:changed', (f) => get().followUpChanged(f)),
        // The send's outbox item moved on (sending → sent, unknown → reconciled): the draft's state follows.
        api.on('outbox:changed', (item) => {
          const current = get().replies?.current
          if (item.kind === 'message' && current?.outboxItem?.id === item.id) void reload()
        }),
        // The AI finished (or stopped) writing the open reply: its state and checks are read again.
        api.on('drafting:status', (e) => {
          if (e.generation !== 'generating' && get().replies?.current?.draftId === e.draftId) void reload()
        })
      ]
      return () => offs.forEach((off) => off())
    }
  }
})
