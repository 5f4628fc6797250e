import { create } from 'zustand'
import type { CreateExperimentInput, DraftAssignmentDto, ExperimentDto, ExperimentSummaryDto } from '@shared/experiments'
import { api, toProblem, type Problem } from '../api'

type Phase = 'idle' | 'loading' | 'ready' | 'error'

interface ExperimentsState {
  phase: Phase
  error: Problem | null
  /** Every experiment, running first (main's order). */
  list: ExperimentSummaryDto[]
  /** The experiment whose results are open. */
  selectedId: number | null
  /** Loaded experiments with their per-variant results, by id. */
  details: Record<number, ExperimentDto>
  detailError: Problem | null
  /** Per draft id: its assignment (null: the draft has none), once asked. */
  assignments: Record<number, DraftAssignmentDto | null>
  load(): Promise<void>
  select(id: number | null): Promise<void>
  loadDetail(id: number): Promise<ExperimentDto | null>
  create(input: CreateExperimentInput): Promise<ExperimentDto>
  /** "Stop and keep the winner" (`keep` = its variant id) or just stop (`keep` null). */
  stop(id: number, keep: number | null): Promise<ExperimentDto>
  setThompson(id: number, on: boolean): Promise<ExperimentDto>
  loadAssignment(draftId: number): Promise<void>
  /** The user's override of the draft's variant (null: leave the experiment). */
  setDraftVariant(draftId: number, variantId: number | null): Promise<DraftAssignmentDto>
  /** Loads and follows experiments:changed; returns the unsubscribe. */
  follow(): () => void
}

/** The experiments (A/B tests) screen and the draft's variant, over the experiments:* channels. */
export const useExperimentsStore = create<ExperimentsState>((set, get) => {
  const put = (e: ExperimentDto): ExperimentDto => {
    set((s) => {
      const { seed: _s, assignedCount: _a, variants: _v, guard: _g, pendingWindowDays: _p, computedAt: _c, ...summary } = e
      const known = s.list.some((x) => x.id === e.id)
      return {
        details: { ...s.details, [e.id]: e },
        list: known ? s.list.map((x) => (x.id === e.id ? summary : x)) : [summary, ...s.list]
      }
    })
    return e
  }
  let followers = 0
  let off: (() => void) | null = null
  return {
    phase: 'idle',
    error: null,
    list: [],
    selectedId: null,
    details: {},
    detailError: null,
    assignments: {},
    load: async () => {
      if (get().phase !== 'ready') set({ phase: 'loading', error: null })
      try {
        const list = await api.experiments.list()
        const selectedId = get().selectedId
        set({ list, phase: 'ready', error: null, selectedId: selectedId !== null && list.some((e) => e.id === selectedId) ? selectedId : (list[0]?.id ?? null) })
        const shown = get().selectedId
        if (shown !== null) await get().loadDetail(shown)
      } catch (e) {
        set({ phase: 'error', error: toProblem(e) })
      }
    },
    select: async (id) => {
      set({ selectedId: id, detailError: null })
      if (id !== null) await get().loadDetail(id)
    },
    loadDetail: async (id) => {
      try {
        const e = put(await api.experiments.get({ id }))
        set({ detailError: null })
        return e
      } catch (e) {
        set({ detailError: toProblem(e) })
        return null
      }
    },
    create: async (input) => {
      const e = put(await api.experiments.create(input))
      set({ selectedId: e.id })
      return e
    },
    stop: async (id, keep) => put(await api.experiments.stop({ id, keep })),
    setThompson: async (id, on) => put(await api.experiments.setThompson({ id, on })),
    loadAssignment: async (draftId) => {
      const [found] = await api.experiments.draftAssignments({ draftIds: [draftId] })
      set((s) => ({ assignments: { ...s.assignments, [draftId]: found ?? null } }))
      if (found && !get().details[found.experimentId]) await get().loadDetail(found.experimentId)
    },
    setDraftVariant: async (draftId, variantId) => {
      const a = await api.experiments.setDraftVariant({ draftId, variantId })
      set((s) => ({ assignments: { ...s.assignments, [draftId]: a } }))
      return a
    },
    follow: () => {
      // Several views follow (the Experiments tab, the draft's block): one subscription for all.
      if (followers++ === 0) {
        off = api.on('experiments:changed', () => {
          void get().load()
          const drafts = Object.keys(get().assignments).map(Number)
          if (drafts.length > 0) {
            void api.experiments
              .draftAssignments({ draftIds: drafts.slice(0, 500) })
              .then((found) => set({ assignments: Object.fromEntries(drafts.map((d) => [d, found.find((a) => a.draftId === d) ?? null])) }))
              .catch(() => undefined)
          }
        })
      }
      void get().load()
      return () => {
        if (--followers === 0) {
          off?.()
          off = null
        }
      }
    }
  }
})
