/**
 * Every way an AI call can fail, as one plain code and a sentence the user can act on. The
 * adapter turns SDK and network errors into these; nothing else reaches the UI (the technical
 * detail goes to the log, never a key).
 */
import { en, inEnglish, text, type UserText } from '@shared/i18n'
import type { CompletionResult } from './llm-client'

export type LlmErrorCode =
  | 'no_key'
  | 'unauthorized'
  | 'forbidden'
  | 'model_not_found'
  | 'bad_request'
  | 'rate_limited'
  | 'quota'
  | 'server_error'
  | 'timeout'
  | 'network'
  | 'refused'
  | 'empty'
  | 'truncated'
  | 'bad_response'
  | 'invalid_output'
  | 'cancelled'
  | 'budget_exceeded'
  | 'unknown'

/** English source strings, from the catalog (`ai.err.<code>`, en + uk). `{x}` is filled from the error's fields. */
export const LLM_ERROR_MESSAGES = Object.fromEntries(
  Object.entries(en)
    .filter(([k]) => k.startsWith('ai.err.') && k !== 'ai.err.rate_limitedIn')
    .map(([k, v]) => [k.slice('ai.err.'.length), v])
) as Readonly<Record<LlmErrorCode, string>>

/** Where waiting and trying again can help (the caller decides whether to). */
export const RETRYABLE_CODES: ReadonlySet<LlmErrorCode> = new Set(['rate_limited', 'server_error', 'timeout', 'network', 'truncated', 'empty'])

export interface LlmErrorDetails {
  /** HTTP status, when the provider answered. */
  status?: number
  /** From Retry-After / retry-after-ms on a 429. */
  retryAfterMs?: number
  /** What a stream delivered before it failed. */
  partialText?: string
  /** The model asked for (shown in model_not_found). */
  model?: string
  /** Technical detail for the log (the provider's message); never a key. */
  detail?: string
  /** Calls that completed before the failure (their tokens were spent: log them). */
  calls?: CompletionResult[]
  cause?: unknown
}

export class LlmError extends Error {
  readonly code: LlmErrorCode
  readonly status?: number
  readonly retryAfterMs?: number
  readonly partialText?: string
  readonly model?: string
  readonly detail?: string
  readonly calls: CompletionResult[]
  /** The words for the user as a text, rendered in the language in force where shown; `message` is English. */
  readonly text: UserText

  constructor(code: LlmErrorCode, details: LlmErrorDetails = {}) {
    const words = llmErrorText(code, details)
    super(inEnglish(words), details.cause === undefined ? undefined : { cause: details.cause })
    this.text = words
    this.name = 'LlmError'
    this.code = code
    this.status = details.status
    this.retryAfterMs = details.retryAfterMs
    this.partialText = details.partialText
    this.model = details.model
    this.detail = details.detail
    this.calls = details.calls ?? []
  }

  get retryable(): boolean {
    return RETRYABLE_CODES.has(this.code)
  }
}

function llmErrorText(code: LlmErrorCode, d: LlmErrorDetails): UserText {
  if (code === 'rate_limited' && d.retryAfterMs !== undefined && d.retryAfterMs > 0) {
    return text('ai.err.rate_limitedIn', { seconds: Math.max(1, Math.ceil(d.retryAfterMs / 1000)) })
  }
  return code === 'model_not_found' ? text('ai.err.model_not_found', { model: d.model ?? '' }) : text(`ai.err.${code}`)
}

/** Retry-After as milliseconds: `retry-after-ms`, else `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(headers: { get(name: string): string | null } | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '')
  if (Number.isFinite(ms) && ms >= 0) return ms
  const raw = headers.get('retry-after')
  if (!raw) return undefined
  const seconds = Number.parseFloat(raw)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const date = Date.parse(raw)
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined
}
