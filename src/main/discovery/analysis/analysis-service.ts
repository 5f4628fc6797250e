/**
 * AI job analysis (issue 7, item 6): one job on demand, or the top K after an ingest. Each
 * analysis is cached by job content + profile + model + prompt version (the same analysis is
 * never paid for twice, and two requests for the same key at once share one call); every AI call
 * is logged through the AiProvider, and the budget and hourly limit are asked first.
 */
import type { JobAnalysisDto } from '@shared/ai'
import type { JobDetailDto, ProfileDto } from '@shared/discovery'
import type { Settings } from '@shared/settings'
import { aiCallRecords } from '../../ai/ai-call-record'
import type { AiProvider } from '../../ai/ai-provider'
import { LlmError } from '../../ai/llm-errors'
import { structured } from '../../ai/structured'
import { AppError } from '../../core/app-error'
import type { Clock } from '../../ports/clock'
import { analysisCacheKey } from './cache-key'
import type { JobAnalysisStore } from './analysis-store'
import { ANALYSIS_MAX_TOKENS, ANALYSIS_PROMPT_VERSION, analysisMessages, analysisTokenEstimate } from './prompt'
import { jobAnalysisSchema } from './schema'

export interface JobAnalysisDeps {
  ai: AiProvider
  store: JobAnalysisStore
  /** Discovery's job detail and profile (what its factory returns). */
  jobs: { get(id: number): Promise<JobDetailDto | null> }
  profile: { get(): Promise<ProfileDto> }
  settings: () => Settings['ai']
  clock: Clock
}

const TASK = 'job_analysis' as const

export class JobAnalysisService {
  private readonly inFlight = new Map<string, Promise<JobAnalysisDto>>()

  constructor(private readonly deps: JobAnalysisDeps) {}

  private async job(id: number): Promise<JobDetailDto> {
    const job = await this.deps.jobs.get(id)
    if (!job) throw new AppError('JOB_NOT_FOUND', 'discovery.error.jobNotFound')
    return job
  }

  /** The cached analysis for the current profile and model, or null; never calls the AI. */
  async cached(id: number): Promise<JobAnalysisDto | null> {
    const job = await this.deps.jobs.get(id)
    if (!job) return null
    if (job.contentPruned) return this.deps.store.latestFor(id)
    return this.deps.store.byKey(analysisCacheKey(job, await this.deps.profile.get(), this.deps.settings().model))
  }

  /** Analyse a job: from the cache unless `force`; throws a user-facing AppError (ai_*) when it cannot. */
  async analyze(id: number, force = false): Promise<JobAnalysisDto> {
    const job = await this.job(id)
    if (job.contentPruned) throw new AppError('ai_job_pruned', 'ai.analysis.jobPruned')
    const profile = await this.deps.profile.get()
    const model = this.deps.settings().model
    const key = analysisCacheKey(job, profile, model)
    if (!force) {
      const hit = await this.deps.store.byKey(key)
      if (hit) return hit
    }
    const running = this.inFlight.get(key)
    if (running) return running
    const call = this.call(job, profile, model, key).finally(() => this.inFlight.delete(key))
    this.inFlight.set(key, call)
    return call
  }

  private async call(job: JobDetailDto, profile: ProfileDto, model: string, key: string): Promise<JobAnalysisDto> {
    const { ai } = this.deps
    const messages = analysisMessages(job, profile)
    await ai.admit(TASK, analysisTokenEstimate(messages))
    const client = await ai.client()
    let outcome
    try {
      outcome = await structured(client, { messages, schema: jobAnalysisSchema, model, temperature: 0.2, maxTokens: ANALYSIS_MAX_TOKENS })
    } catch (e) {
      if (e instanceof LlmError) await ai.recordAll(aiCallRecords(TASK, model, e))
      else await ai.record({ task: TASK, model, error: e })
      throw ai.toAppError(e)
    }
    const ids = await ai.recordAll(aiCallRecords(TASK, model, outcome))
    return this.deps.store.save({
      jobId: job.id,
      cacheKey: key,
      model,
      promptVersion: ANALYSIS_PROMPT_VERSION,
      answer: outcome.value,
      aiCallId: ids[ids.length - 1] ?? null,
      at: this.deps.clock.now()
    })
  }
}
