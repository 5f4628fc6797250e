import { create } from 'zustand'
import type { OutboxItemDto } from '@shared/outbox'
import type { ReviewItemDto } from '@shared/review'
import { api, toProblem, type Problem } from '../api'

/** The most drafts the queue shows at once. */
export const QUEUE_LIMIT = 500

/** What the user's Approve led to, per draft: the outbox item (followed through outbox:changed) or the manual steps. */
export type ApproveOutcome =
  | { kind: 'sending' }
  | { kind: 'outbox'; item: OutboxItemDto }
  | { kind: 'manual'; text: string; jobUrl: string; copied: boolean | null; confirming: boolean; confirmError: Problem | null }
  | { kind: 'error'; error: Problem }

interface QueueState {
  phase: 'idle' | 'loading' | 'ready' | 'error'
  error: Problem | null
  /** The queued drafts (and approved ones awaiting the outbox or "I submitted it"), best first. */
  items: ReviewItemDto[]
  index: number
  /** The shown draft's text is open in the editor. */
  editing: boolean
  outcomes: Record<number, ApproveOutcome>
  /** The draft to show once the queue has it ("Send to review" opens the queue on that draft). */
  focusDraftId: number | null
  /** The queue's order (the sort control in the queue): null = main's, best score first. */
  compare: ((a: ReviewItemDto, b: ReviewItemDto) => number) | null
  /** Orders the queue by `compare` (null: best score first) and shows its first draft, or with `keepShown` the one shown (figures arriving). */
  setOrder(compare: ((a: ReviewItemDto, b: ReviewItemDto) => number) | null, keepShown?: boolean): void
  load(): Promise<void>
  /** Shows that draft when the queue (re)loads with it. */
  focus(draftId: number): void
  move(delta: 1 | -1): void
  current(): ReviewItemDto | null
  setEditing(editing: boolean): void
  /** Saves the edited text as a new version (drafts:saveVersion). */
  saveText(text: string): Promise<void>
  /**
   * The user's Approve (a click or "a"): one review:approve with a key made for this click. While
   * that draft's approval is on its way, another press does nothing (a double press sends once).
   */
  approve(draftId: number): Promise<void>
  /** A failed outbox item: send again (a new click). */
  retry(draftId: number): Promise<void>
  /** Manual mode: copy the text to the clipboard (at the user's click). */
  copy(draftId: number): Promise<void>
  /** Manual mode: copy the text, open the job on Upwork (both at the user's click). */
  copyAndOpen(draftId: number): Promise<void>
  confirmApplied(draftId: number): Promise<void>
  discard(draftId: number): Promise<void>
  /** An outbox item changed (outbox:changed): the outcome of the draft it belongs to follows. */
  outboxChanged(item: OutboxItemDto): void
  /** Loads and follows outbox:changed and review:changed; returns the unsubscribe. */
  follow(): () => void
}

const inFlight = new Set<number>()
const byScore = (a: ReviewItemDto, b: ReviewItemDto): number => (b.score ?? -1) - (a.score ?? -1)

export const useQueueStore = create<QueueState>((set, get) => {
  const setOutcome = (draftId: number, outcome: ApproveOutcome): void => set((s) => ({ outcomes: { ...s.outcomes, [draftId]: outcome } }))
  const removeItem = (draftId: number): void =>
    set((s) => {
      const items = s.items.filter((d) => d.draftId !== draftId)
      return { items, index: Math.min(s.index, Math.max(0, items.length - 1)), editing: false }
    })
  const patchItem = (draftId: number, patch: Partial<ReviewItemDto>): void =>
    set((s) => ({ items: s.items.map((d) => (d.draftId === draftId ? { ...d, ...patch } : d)) }))
  let reloadTimer: ReturnType<typeof setTimeout> | null = null

  return {
    phase: 'idle',
    error: null,
    items: [],
    index: 0,
    editing: false,
    outcomes: {},
    focusDraftId: null,
    compare: null,
    setOrder: (compare, keepShown = false) => {
      const shownId = get().current()?.draftId
      const items = [...get().items].sort(compare ?? byScore)
      const at = keepShown ? items.findIndex((d) => d.draftId === shownId) : 0
      set({ compare, items, index: Math.max(0, at), ...(keepShown ? {} : { editing: false }) })
    },
    focus: (draftId) => {
      const at = get().items.findIndex((d) => d.draftId === draftId)
      set(at >= 0 ? { focusDraftId: null, index: at, editing: false } : { focusDraftId: draftId })
    },
    current: () => get().items[get().index] ?? null,
    load: async () => {
      if (get().phase !== 'ready') set({ phase: 'loading', error: null })
      try {
        const shownId = get().current()?.draftId
        const fresh = await api.review.queue({ limit: QUEUE_LIMIT })
        // A draft approved in this session stays on screen with its outcome (sent, failed…) after it leaves the queue.
        const outcomes = get().outcomes
        const gone = get().items.filter((d) => outcomes[d.draftId] && !fresh.some((f) => f.draftId === d.draftId))
        const order = get().compare
        const items = gone.length === 0 && !order ? fresh : [...fresh, ...gone].sort(order ?? byScore)
        const wanted = get().focusDraftId
        const focused = wanted === null ? -1 : items.findIndex((d) => d.draftId === wanted)
        const kept = focused >= 0 ? focused : items.findIndex((d) => d.draftId === shownId)
        set({
          items,
          index: kept >= 0 ? kept : Math.min(get().index, Math.max(0, items.length - 1)),
          phase: 'ready',
          error: null,
          ...(focused >= 0 ? { focusDraftId: null, editing: false } : {})
        })
      } catch (e) {
        set({ phase: 'error', error: toProblem(e) })
      }
    },
    move: (delta) => {
      const { index, items } = get()
      const next = Math.max(0, Math.min(items.length - 1, index + delta))
      if (next !== index) set({ index: next, editing: false })
    },
    setEditing: (editing) => set({ editing: editing && get().current() !== null }),
    saveText: async (text) => {
      const item = get().current()
      if (!item) return
      const { version } = await api.drafts.saveVersion({ id: item.draftId, text })
      patchItem(item.draftId, { text: version.text, currentSeq: version.seq })
      set({ editing: false })
    },
    approve: async (draftId) => {
      const item = get().items.find((d) => d.draftId === draftId)
      const outcome = get().outcomes[draftId]
      if (!item || inFlight.has(draftId)) return
      // Already approved and on its way (or waiting for "I submitted it"): nothing to send again.
      if (outcome && outcome.kind !== 'error') return
      inFlight.add(draftId)
      setOutcome(draftId, { kind: 'sending' })
      try {
        const result = await api.review.approve({ draftId, idempotencyKey: crypto.randomUUID(), text: item.text })
        if (result.mode === 'outbox') setOutcome(draftId, { kind: 'outbox', item: result.item })
        else {
          setOutcome(draftId, { kind: 'manual', text: result.text, jobUrl: result.jobUrl, copied: null, confirming: false, confirmError: null })
          await get().copyAndOpen(draftId)
        }
        patchItem(draftId, { status: 'approved' })
      } catch (e) {
        setOutcome(draftId, { kind: 'error', error: toProblem(e) })
      } finally {
        inFlight.delete(draftId)
      }
    },
    retry: async (draftId) => {
      const outcome = get().outcomes[draftId]
      if (outcome?.kind === 'error') return get().approve(draftId)
      if (outcome?.kind !== 'outbox' || outcome.item.state !== 'failed' || inFlight.has(draftId)) return
      inFlight.add(draftId)
      try {
        setOutcome(draftId, { kind: 'outbox', item: await api.outbox.retry({ id: outcome.item.id }) })
      } catch (e) {
        setOutcome(draftId, { kind: 'error', error: toProblem(e) })
      } finally {
        inFlight.delete(draftId)
      }
    },
    copy: async (draftId) => {
      const outcome = get().outcomes[draftId]
      if (outcome?.kind !== 'manual') return
      let copied = false
      try {
        await navigator.clipboard.writeText(outcome.text)
        copied = true
      } catch {
        copied = false
      }
      const now = get().outcomes[draftId]
      if (now?.kind === 'manual') setOutcome(draftId, { ...now, copied })
    },
    copyAndOpen: async (draftId) => {
      const outcome = get().outcomes[draftId]
      if (outcome?.kind !== 'manual') return
      await get().copy(draftId)
      await api.shell.openExternal({ url: outcome.jobUrl }).catch(() => undefined)
    },
    confirmApplied: async (draftId) => {
      const outcome = get().outcomes[draftId]
      if (outcome?.kind !== 'manual' || outcome.confirming) return
      setOutcome(draftId, { ...outcome, confirming: true, confirmError: null })
      try {
        await api.review.confirmApplied({ draftId })
        removeItem(draftId)
      } catch (e) {
        setOutcome(draftId, { ...outcome, confirming: false, confirmError: toProblem(e) })
      }
    },
    discard: async (draftId) => {
      await api.review.discard({ draftId })
      removeItem(draftId)
    },
    outboxChanged: (item) => {
      if (item.draftId === null) return
      const outcome = get().outcomes[item.draftId]
      if (outcome?.kind === 'outbox' && outcome.item.id === item.id) setOutcome(item.draftId, { kind: 'outbox', item })
    },
    follow: () => {
      const offOutbox = api.on('outbox:changed', (item) => get().outboxChanged(item))
      const offReview = api.on('review:changed', () => {
        // Several drafts change at once when Autopilot runs: one reload for the burst.
        if (reloadTimer) clearTimeout(reloadTimer)
        reloadTimer = setTimeout(() => void get().load(), 100)
      })
      void get().load()
      return () => {
        offOutbox()
        offReview()
        if (reloadTimer) clearTimeout(reloadTimer)
      }
    }
  }
})
