import { create } from 'zustand'
import type { PredictionDto, PredictionQualityDto } from '@shared/prediction'
import { api, toProblem, type Problem } from '../api'
import { whileBusy } from './store-helpers'

/** The most job ids one prediction:forJobs call carries (the contract's bound). */
const JOB_BATCH = 500
/** Draft predictions asked for at once (the review queue asks for each of its drafts). */
const DRAFT_CONCURRENCY = 6

interface PredictionState {
  /** Per job id: its prediction before drafting. */
  jobs: Record<number, PredictionDto>
  /** Per draft id: the draft's prediction before sending. */
  drafts: Record<number, PredictionDto>
  quality: PredictionQualityDto | null
  qualityPhase: 'idle' | 'loading' | 'ready' | 'error'
  qualityError: Problem | null
  retraining: boolean
  retrainError: Problem | null
  /** Goes up when a new model makes the known predictions stale (views that ask for predictions ask again). */
  epoch: number
  /**
   * Asks for the predictions of these jobs that are not known or on their way yet (one call per
   * 500 ids; the list asks for its visible rows as they scroll in).
   */
  requestJobs(jobIds: readonly number[]): Promise<void>
  /** Asks for the predictions of these drafts not known or on their way yet (a few at a time). */
  requestDrafts(draftIds: readonly number[]): Promise<void>
  loadQuality(): Promise<void>
  /** "Retrain now" (a user click): resolves when the training is done. */
  retrain(): Promise<void>
  /** A model changed: the quality is the event's, every prediction is asked for again when next shown. */
  modelChanged(quality: PredictionQualityDto): void
  /** Follows prediction:modelChanged; returns the unsubscribe. */
  follow(): () => void
}

const pendingJobs = new Set<number>()
const pendingDrafts = new Set<number>()

export const usePredictionStore = create<PredictionState>((set, get) => {
  let followers = 0
  let off: (() => void) | null = null
  return {
    jobs: {},
    drafts: {},
    quality: null,
    qualityPhase: 'idle',
    qualityError: null,
    retraining: false,
    retrainError: null,
    epoch: 0,
    requestJobs: async (jobIds) => {
      const known = get().jobs
      const wanted = [...new Set(jobIds)].filter((id) => known[id] === undefined && !pendingJobs.has(id))
      if (wanted.length === 0) return
      for (const id of wanted) pendingJobs.add(id)
      const asked = get().epoch
      try {
        for (let i = 0; i < wanted.length; i += JOB_BATCH) {
          const found = await api.prediction.forJobs({ jobIds: wanted.slice(i, i + JOB_BATCH) })
          // An answer from before a model change would show the old model's figures: asked again instead.
          if (asked !== get().epoch) return
          set((s) => ({ jobs: { ...s.jobs, ...Object.fromEntries(found.map((p) => [p.jobId, p])) } }))
        }
      } catch {
        // A failed prediction leaves the row with its fit score alone; the next time it is shown, it is asked for again.
      } finally {
        // After a model change the pending set was emptied and may already hold the new asks.
        if (asked === get().epoch) for (const id of wanted) pendingJobs.delete(id)
      }
    },
    requestDrafts: async (draftIds) => {
      const known = get().drafts
      const wanted = [...new Set(draftIds)].filter((id) => known[id] === undefined && !pendingDrafts.has(id))
      if (wanted.length === 0) return
      for (const id of wanted) pendingDrafts.add(id)
      const asked = get().epoch
      const queue = [...wanted]
      const worker = async (): Promise<void> => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          try {
            const p = await api.prediction.forDraft({ draftId: id })
            if (asked === get().epoch) set((s) => ({ drafts: { ...s.drafts, [id]: p } }))
          } catch {
            // As for jobs: shown without a prediction, asked again next time.
          } finally {
            if (asked === get().epoch) pendingDrafts.delete(id)
          }
        }
      }
      await Promise.all(Array.from({ length: Math.min(DRAFT_CONCURRENCY, wanted.length) }, worker))
    },
    loadQuality: async () => {
      if (get().qualityPhase !== 'ready') set({ qualityPhase: 'loading', qualityError: null })
      try {
        set({ quality: await api.prediction.quality(), qualityPhase: 'ready', qualityError: null })
      } catch (e) {
        set({ qualityPhase: 'error', qualityError: toProblem(e) })
      }
    },
    retrain: async () => {
      await whileBusy(get, set, 'retraining', 'retrainError', async () => get().modelChanged(await api.prediction.retrain()))
    },
    modelChanged: (quality) => {
      const before = get().quality
      const versionChanged = before?.reply.version !== quality.reply.version || before?.hire.version !== quality.hire.version
      if (versionChanged) {
        pendingJobs.clear()
        pendingDrafts.clear()
      }
      set((s) => ({ quality, qualityPhase: 'ready', qualityError: null, ...(versionChanged ? { jobs: {}, drafts: {}, epoch: s.epoch + 1 } : {}) }))
    },
    follow: () => {
      if (followers++ === 0) off = api.on('prediction:modelChanged', (q) => get().modelChanged(q))
      return () => {
        if (--followers === 0) {
          off?.()
          off = null
        }
      }
    }
  }
})
