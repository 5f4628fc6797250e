/**
 * The AI provider service: implements AiProvider (ai-provider.ts) for every AI feature, and the
 * Settings → AI side (status, key, connection test). The client is built per call from the
 * settings and the keychain, so a new key, base URL or model takes effect at once.
 */
import { AI_PROVIDER_PRESETS, AiEndpointError, resolveAiBaseUrl } from './ai-endpoint'
import type { AiBaseUrlSource, AiConnectionTestDto, AiStatusDto, AiTask, AiUsageDto, AutoAnalysisRunDto } from '@shared/ai'
import { renderText, text, type Translate } from '@shared/i18n'
import type { Settings } from '@shared/settings'
import { AppError } from '../core/app-error'
import type { Logger } from '../logging/logger'
import type { Clock } from '../ports/clock'
import type { SecretStore } from '../secrets/secret-store'
import { aiCallRecord, type AiCallRecord } from './ai-call-record'
import type { AiCallRepository } from './ai-call-repository'
import type { AutoAnalysisRun } from '../discovery/analysis/auto-analyze'
import type { AiCallLog, AiProvider } from './ai-provider'
import type { LlmClient } from './llm-client'
import { LlmError } from './llm-errors'
import { OpenAiLlmClient, isLocalAiEndpoint, type OpenAiClientConfig } from './openai-client'
import { MODEL_PRICES, type ModelPrice } from './pricing'
import { budgetDay, checkDailyTokenBudget } from './token-budget'

const KEY = 'openai.apiKey' as const
const HOUR_MS = 60 * 60 * 1000
const MAX_LISTED_MODELS = 200

export interface AiServiceDeps {
  settings: () => Settings['ai']
  env: Readonly<Record<string, string | undefined>>
  secrets: SecretStore
  calls: AiCallRepository
  clock: Clock
  logger: Logger
  t: Translate
  /** East-positive minutes, for the budget day (default: this machine's offset now). */
  utcOffsetMinutes?: () => number
  /** Timeout and retries of the clients built (tests shorten them). */
  clientOptions?: Pick<OpenAiClientConfig, 'timeoutMs' | 'maxRetries' | 'streamIdleTimeoutMs'>
  prices?: Readonly<Record<string, ModelPrice>>
  /** Told after every recorded call and key change. */
  onUsageChanged?: () => void
}

/** The stable code the renderer branches on: `ai_` + the LlmError code (ai_timeout, ai_invalid_output, …). */
const aiErrorCode = (error: LlmError): string => 'ai_' + error.code

/** An LlmError (or any error) as the AppError the user sees: `ai_<code>`, words from ai.err.*. */
export function aiAppError(error: unknown): AppError {
  if (error instanceof AppError) return error
  if (error instanceof LlmError) return new AppError(aiErrorCode(error), error.text, { cause: error })
  return new AppError('ai_unknown', 'ai.err.unknown', { cause: error })
}

export class AiService implements AiProvider {
  /** The last automatic analysis run (set by the auto-analyzer through noteAutoRun). */
  private lastAuto: AutoAnalysisRun | null = null

  constructor(private readonly deps: AiServiceDeps) {}

  private endpoint(): { baseUrl: string; source: AiBaseUrlSource; problem: AppError | null } {
    const setting = this.deps.settings().baseUrl
    const source: AiBaseUrlSource = setting != null && setting.trim() !== '' ? 'settings' : this.deps.env.OPENAI_BASE_URL?.trim() ? 'env' : 'default'
    try {
      return { baseUrl: resolveAiBaseUrl(setting, this.deps.env), source, problem: null }
    } catch (e) {
      if (!(e instanceof AiEndpointError)) throw e
      return { baseUrl: this.deps.env.OPENAI_BASE_URL?.trim() ?? '', source, problem: new AppError('ai_bad_base_url', 'ai.setup.badBaseUrl') }
    }
  }

  private async key(): Promise<string | null> {
    const k = await this.deps.secrets.get(KEY)
    return k && k.trim() !== '' ? k : null
  }

  async client(): Promise<LlmClient> {
    const { baseUrl, problem } = this.endpoint()
    if (problem) throw problem
    const apiKey = await this.key()
    if (!apiKey && !isLocalAiEndpoint(baseUrl)) throw new AppError('ai_not_configured', 'ai.setup.notConfigured')
    return new OpenAiLlmClient({ baseUrl, apiKey, model: this.deps.settings().model, ...this.deps.clientOptions })
  }

  async admit(_task: AiTask, estimatedTokens: number): Promise<void> {
    const s = this.deps.settings()
    const now = this.deps.clock.now()
    const [today, lastHour] = await Promise.all([this.deps.calls.totalsSince(this.dayStart(now)), this.deps.calls.countSince(now - HOUR_MS)])
    if (!checkDailyTokenBudget({ usedTokens: today.tokens, dailyBudget: s.dailyTokenBudget, nextCallTokens: estimatedTokens }).allowed) {
      throw new AppError('ai_budget_exceeded', 'ai.err.budget_exceeded')
    }
    if (lastHour >= s.hourlyRequestLimit) throw new AppError('ai_hourly_limit', text('ai.setup.hourlyLimit', { limit: s.hourlyRequestLimit }))
  }

  async record(call: AiCallLog): Promise<number> {
    const record = this.toRecord(call)
    const [id] = await this.recordAll([record])
    if (!record.ok && call.jobId != null) this.deps.logger.info('AI call failed for a job', { task: call.task, jobId: call.jobId, aiCallId: id })
    return id!
  }

  async recordAll(records: readonly AiCallRecord[]): Promise<number[]> {
    const ids = await this.deps.calls.insertMany(records, this.deps.clock.now())
    for (const r of records) {
      if (!r.ok) this.deps.logger.warn('AI call failed', { task: r.task, model: r.model, error: r.error })
    }
    this.deps.onUsageChanged?.()
    return ids
  }

  toAppError(error: unknown): AppError {
    return aiAppError(error)
  }

  private toRecord(call: AiCallLog): AiCallRecord {
    if ('result' in call) {
      const base = aiCallRecord(call.task, call.result, this.deps.prices ?? MODEL_PRICES)
      return { ...base, ok: call.ok ?? true, error: call.error ?? null }
    }
    const code = call.error instanceof LlmError ? call.error.code : call.error instanceof AppError ? call.error.code : 'unknown'
    return { task: call.task, model: call.model, promptTokens: 0, completionTokens: 0, costUsd: null, durationMs: null, ok: false, error: code }
  }

  private dayStart(now: number): number {
    const offset = this.deps.utcOffsetMinutes?.() ?? -new Date(now).getTimezoneOffset()
    return budgetDay(new Date(now), offset).start.getTime()
  }

  async usage(): Promise<AiUsageDto> {
    const s = this.deps.settings()
    const now = this.deps.clock.now()
    const dayStart = this.dayStart(now)
    const [today, lastHour] = await Promise.all([this.deps.calls.totalsSince(dayStart), this.deps.calls.countSince(now - HOUR_MS)])
    return {
      dayStart,
      calls: today.calls,
      tokens: today.tokens,
      estimatedCostUsd: today.costUsd,
      unknownCostCalls: today.unknownCostCalls,
      dailyTokenBudget: s.dailyTokenBudget,
      budgetLeft: Math.max(0, s.dailyTokenBudget - today.tokens),
      requestsThisHour: lastHour,
      hourlyRequestLimit: s.hourlyRequestLimit
    }
  }

  async status(): Promise<AiStatusDto> {
    const { baseUrl, source, problem } = this.endpoint()
    const keyStored = (await this.key()) !== null
    const needsKey = !isLocalAiEndpoint(baseUrl)
    const preset = AI_PROVIDER_PRESETS.find((p) => p.baseUrl.replace(/\/+$/, '') === baseUrl.replace(/\/+$/, ''))?.id ?? null
    return {
      configured: problem === null && (keyStored || !needsKey),
      keyStored,
      needsKey,
      secretBackend: this.deps.secrets.backend,
      baseUrl,
      baseUrlSource: source,
      preset,
      baseUrlProblem: problem ? renderText(this.deps.t, problem.text) : null,
      model: this.deps.settings().model,
      usage: await this.usage(),
      lastAutoAnalysis: this.lastAutoRun()
    }
  }

  /** Stores the key in the SecretStore (the keychain); it is never returned, logged or sent to the renderer. */
  async saveKey(apiKey: string): Promise<AiStatusDto> {
    const key = apiKey.trim()
    if (key === '' || /\s/.test(key)) throw new AppError('ai_bad_key', 'ai.setup.badKey')
    await this.deps.secrets.set(KEY, key)
    this.deps.logger.info('AI API key saved', { backend: this.deps.secrets.backend })
    this.deps.onUsageChanged?.()
    return this.status()
  }

  async clearKey(): Promise<AiStatusDto> {
    await this.deps.secrets.delete(KEY)
    this.deps.logger.info('AI API key removed')
    this.deps.onUsageChanged?.()
    return this.status()
  }

  /** Lists the provider's models with the real client; says in plain words whether the chosen model is offered. */
  async testConnection(): Promise<AiConnectionTestDto> {
    const model = this.deps.settings().model
    const { baseUrl } = this.endpoint()
    const t = this.deps.t
    let models: string[]
    try {
      const client = await this.client()
      models = await client.listModels({ timeoutMs: 15_000 })
    } catch (e) {
      const err = aiAppError(e)
      this.deps.logger.warn('AI connection test failed', { code: err.code, detail: e instanceof LlmError ? e.detail : undefined })
      return { ok: false, message: t('ai.test.failed', { reason: renderText(t, err.text) }), models: [], modelOffered: null, model, baseUrl, code: err.code }
    }
    const listed = models.slice(0, MAX_LISTED_MODELS)
    if (models.length === 0) return { ok: true, message: t('ai.test.okUnlisted', { baseUrl, model }), models: [], modelOffered: null, model, baseUrl, code: null }
    const offered = models.includes(model)
    return {
      ok: offered,
      message: offered ? t('ai.test.ok', { baseUrl, model }) : t('ai.test.modelMissing', { baseUrl, model }),
      models: listed,
      modelOffered: offered,
      model,
      baseUrl,
      code: offered ? null : 'ai_model_not_found'
    }
  }

  noteAutoRun(run: AutoAnalysisRun): void {
    this.lastAuto = run
    this.deps.onUsageChanged?.()
  }

  /** The last automatic run, its reason rendered in the language in force now. */
  lastAutoRun(): AutoAnalysisRunDto | null {
    const run = this.lastAuto
    return run ? { ...run, stoppedBecause: run.stoppedBecause ? renderText(this.deps.t, run.stoppedBecause) : null } : null
  }
}
