import { create } from 'zustand'
import type { DraftChunkEvent, DraftDto, DraftStatusEvent, DraftSummaryDto, StrategyDto } from '@shared/drafting'
import { api, toProblem, type Problem } from '../api'

/** How long typing may pause before the text is saved as a version. */
export const AUTOSAVE_MS = 800

export type SavePhase = 'idle' | 'pending' | 'saving' | 'saved' | 'error'

interface DraftsState {
  summaries: DraftSummaryDto[]
  listPhase: 'idle' | 'loading' | 'ready' | 'error'
  listError: Problem | null
  strategies: StrategyDto[]
  selectedId: number | null
  draft: DraftDto | null
  loadError: Problem | null
  /** What the editor shows: the newest version, the user's unsaved typing, or the AI text as it streams. */
  text: string
  /** The text differs from what main has saved. */
  dirty: boolean
  save: { phase: SavePhase; at: number | null; error: Problem | null }
  /** The version the AI is writing (chunks of other versions are ignored). */
  streamSeq: number | null
  actionError: Problem | null
  loadList(): Promise<void>
  loadStrategies(): Promise<void>
  /** Saves what is typed (if anything) and opens another draft. */
  select(id: number | null): Promise<void>
  /** Opens a draft main just answered with (e.g. drafts:create). */
  opened(draft: DraftDto): Promise<void>
  /** The user typed: the text is kept here and saved after AUTOSAVE_MS of quiet. */
  edit(text: string): void
  /** Saves now (blur, switching drafts, leaving the page); resolves when saved or failed. */
  flush(): Promise<void>
  generate(options: { strategy: string | null; templateId: number | null }): Promise<void>
  cancel(): Promise<void>
  fillFromTemplate(templateId: number): Promise<void>
  restore(seq: number): Promise<void>
  setBid(patch: { amount?: number | null; durationLabel?: string | null }): Promise<void>
  /**
   * The user's "Send to review": saves what is typed first (flush), then review:enqueue puts the
   * draft in the review queue. Resolves with its id when queued, null when not (the reason is in
   * `actionError`, or the save failed).
   */
  sendToReview(): Promise<number | null>
  chunk(e: DraftChunkEvent): void
  status(e: DraftStatusEvent): void
  /** Follows drafting:chunk / drafting:status; returns the unsubscribe. */
  follow(): () => void
}

let timer: ReturnType<typeof setTimeout> | null = null
let inFlight: Promise<void> | null = null
const clearTimer = (): void => {
  if (timer) clearTimeout(timer)
  timer = null
}

const summaryOf = (d: DraftDto, versionCount = d.versions.length): DraftSummaryDto => ({
  id: d.id, kind: d.kind, jobId: d.jobId, threadId: d.threadId, title: d.title, status: d.status, generation: d.generation,
  preview: d.text.slice(0, 140), flagged: d.flagged, versionCount, createdAt: d.createdAt, updatedAt: d.updatedAt
})

export const useDraftsStore = create<DraftsState>((set, get) => {
  /** Puts the draft's fresh state in the list (first when new) and, when it is open, in the editor. */
  const received = (draft: DraftDto, options: { keepText?: boolean } = {}): void =>
    set((s) => {
      const summary = summaryOf(draft)
      const known = s.summaries.some((x) => x.id === draft.id)
      const summaries = known ? s.summaries.map((x) => (x.id === draft.id ? summary : x)) : [summary, ...s.summaries]
      if (s.selectedId !== draft.id) return { summaries }
      return {
        summaries,
        draft,
        ...(options.keepText ? {} : { text: draft.text, dirty: false }),
        streamSeq: draft.generation === 'generating' ? (s.streamSeq ?? draft.currentSeq) : null
      }
    })

  const reload = async (id: number, options: { keepText?: boolean } = {}): Promise<void> => {
    try {
      received(await api.drafts.get({ id }), options)
    } catch (e) {
      if (get().selectedId === id) set({ loadError: toProblem(e) })
    }
  }

  const saveNow = async (): Promise<void> => {
    const { draft, text, dirty } = get()
    if (!draft || !dirty) return
    set({ save: { phase: 'saving', at: get().save.at, error: null } })
    try {
      await api.drafts.saveVersion({ id: draft.id, text })
      // Typing during the save leaves the store dirty: its own timer saves the rest.
      const stillSame = get().text === text && get().draft?.id === draft.id
      set({ save: { phase: 'saved', at: Date.now(), error: null }, ...(stillSame ? { dirty: false } : {}) })
      await reload(draft.id, { keepText: true })
    } catch (e) {
      // The text stays in the editor (and dirty), so nothing typed is lost; the user can retry.
      set({ save: { phase: 'error', at: get().save.at, error: toProblem(e) } })
    }
  }

  return {
    summaries: [],
    listPhase: 'idle',
    listError: null,
    strategies: [],
    selectedId: null,
    draft: null,
    loadError: null,
    text: '',
    dirty: false,
    save: { phase: 'idle', at: null, error: null },
    streamSeq: null,
    actionError: null,

    loadList: async () => {
      set({ listPhase: get().listPhase === 'ready' ? 'ready' : 'loading' })
      try {
        set({ summaries: await api.drafts.list({ kind: 'proposal', limit: 500 }), listPhase: 'ready', listError: null })
      } catch (e) {
        set({ listPhase: 'error', listError: toProblem(e) })
      }
    },
    loadStrategies: async () => {
      try {
        set({ strategies: await api.strategies.list() })
      } catch {
        set({ strategies: [] })
      }
    },
    select: async (id) => {
      await get().flush()
      if (get().dirty) return // the save failed: stay on the draft whose text is not saved
      set({ selectedId: id, draft: null, text: '', loadError: null, actionError: null, streamSeq: null, save: { phase: 'idle', at: null, error: null } })
      if (id !== null) await reload(id)
    },
    opened: async (draft) => {
      await get().flush()
      set({ selectedId: draft.id, draft: null, loadError: null, actionError: null, streamSeq: null, save: { phase: 'idle', at: null, error: null } })
      received(draft)
    },
    edit: (text) => {
      if (get().draft?.generation === 'generating') return
      set({ text, dirty: true, save: { ...get().save, phase: 'pending' } })
      clearTimer()
      timer = setTimeout(() => {
        timer = null
        void get().flush()
      }, AUTOSAVE_MS)
    },
    flush: async () => {
      clearTimer()
      while (inFlight) await inFlight
      if (!get().dirty) return
      inFlight = saveNow().finally(() => (inFlight = null))
      await inFlight
    },
    generate: async ({ strategy, templateId }) => {
      const draft = get().draft
      if (!draft) return
      await get().flush()
      if (get().dirty) return
      set({ actionError: null, text: '', streamSeq: null, draft: { ...draft, generation: 'generating', checks: [], generationError: null } })
      try {
        const started = await api.drafts.generate({ id: draft.id, strategy, templateId })
        if (get().selectedId === draft.id && get().streamSeq === null && get().draft?.generation === 'generating') set({ streamSeq: started.seq })
      } catch (e) {
        set({ actionError: toProblem(e) })
        await reload(draft.id)
      }
    },
    cancel: async () => {
      const draft = get().draft
      if (!draft) return
      try {
        await api.drafts.cancel({ id: draft.id })
      } catch (e) {
        set({ actionError: toProblem(e) })
      }
    },
    fillFromTemplate: async (templateId) => {
      const draft = get().draft
      if (!draft) return
      // What the user typed is saved first (their version), then main renders the template for
      // the draft's job as a TEMPLATE version and counts the use.
      await get().flush()
      if (get().dirty) return
      set({ actionError: null })
      try {
        received(await api.drafts.fillFromTemplate({ id: draft.id, templateId }))
      } catch (e) {
        set({ actionError: toProblem(e) })
      }
    },
    restore: async (seq) => {
      const version = get().draft?.versions.find((v) => v.seq === seq)
      if (!version) return
      await get().flush()
      set({ text: version.text, dirty: true })
      await get().flush()
    },
    setBid: async (patch) => {
      const draft = get().draft
      if (!draft) return
      try {
        received(await api.drafts.setBid({ id: draft.id, ...patch }), { keepText: true })
        set({ actionError: null })
      } catch (e) {
        set({ actionError: toProblem(e) })
      }
    },
    sendToReview: async () => {
      const draft = get().draft
      if (!draft) return null
      await get().flush()
      if (get().dirty) return null
      set({ actionError: null })
      try {
        await api.review.enqueue({ draftId: draft.id })
        await reload(draft.id, { keepText: true })
        return draft.id
      } catch (e) {
        set({ actionError: toProblem(e) })
        return null
      }
    },
    chunk: (e) => {
      const s = get()
      if (e.draftId !== s.selectedId || s.draft?.generation !== 'generating') return
      if (s.streamSeq !== null && e.seq !== s.streamSeq) return
      set({ text: s.text + e.text, streamSeq: e.seq })
    },
    status: (e) => {
      if (e.draftId === get().selectedId && e.generation !== 'generating') void reload(e.draftId)
      else if (e.generation !== 'generating') void get().loadList()
    },
    follow: () => {
      const offs = [api.on('drafting:chunk', (e) => get().chunk(e)), api.on('drafting:status', (e) => get().status(e))]
      return () => offs.forEach((off) => off())
    }
  }
})

/** Saves what is typed when the window goes away (tests reset the module's timer with the store). */
export function resetDraftsTimers(): void {
  clearTimer()
  inFlight = null
}
