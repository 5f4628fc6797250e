/**
 * The AI provider as other domains see it (drafting, replies, the job analysis): one object built
 * by the AI module (ai/module.ts) and passed to them by the composition root. Every AI feature
 * goes through the same three steps, so the budget, the rate limit and the call log hold for all:
 *
 * ```ts
 * await ai.admit('proposal_draft', estimateTokens(prompt) + maxTokens)  // throws a user-facing AppError
 * const client = await ai.client()                                       // throws AppError('ai_not_configured')
 * try { const r = await client.complete(req); await ai.record({ task, result: r }) }
 * catch (e) { await ai.record({ task, model: client.model, error: e }); throw ai.toAppError(e) }
 * ```
 *
 * `recordAll` takes the records `aiCallRecords` builds for a `structured` call (both attempts).
 */
import type { AiTask, AiUsageDto } from '@shared/ai'
import type { AppError } from '../core/app-error'
import type { AiCallRecord } from './ai-call-record'
import type { CompletionResult, LlmClient } from './llm-client'

export type { AiTask }

/**
 * One call to log: a completed result, or the error it ended with (model then required). `jobId`
 * names the job the call was about, for the log line (the AiCall table has no job column).
 */
export type AiCallLog =
  | { task: AiTask; result: CompletionResult; ok?: boolean; error?: string | null; jobId?: number | null }
  | { task: AiTask; model: string; error: unknown; jobId?: number | null }

export interface AiProvider {
  /**
   * A client for the provider configured now (settings + keychain read at each call, so a new key
   * or base URL takes effect without a restart). Throws AppError('ai_not_configured') in plain
   * words when no key is stored and the base URL is not a server on this computer.
   */
  client(): Promise<LlmClient>
  /**
   * Before a call: today's token budget (estimatedTokens = prompt estimate + maxTokens) and the
   * hourly request limit. Throws AppError('ai_budget_exceeded' | 'ai_hourly_limit') in plain words.
   */
  admit(task: AiTask, estimatedTokens: number): Promise<void>
  /** After every call, ok or not: one AiCall row (tokens, estimated cost or null, duration, error code). Returns its id. */
  record(call: AiCallLog): Promise<number>
  /** Several rows at once (a `structured` call's attempts, from `aiCallRecords`). Returns their ids. */
  recordAll(records: readonly AiCallRecord[]): Promise<number[]>
  /** An LlmError (or anything) as the AppError to show: same code, words from the catalog (ai.err.*). */
  toAppError(error: unknown): AppError
  /** Today's usage, as Settings → AI shows it. */
  usage(): Promise<AiUsageDto>
}
