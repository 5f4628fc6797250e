/**
 * Every way an AI call can fail, as one plain code and a sentence the user can act on. The
 * adapter turns SDK and network errors into these; nothing else reaches the UI (the technical
 * detail goes to the log, never a key).
 */
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

/** English source strings (the UI translates by code). `{x}` is filled from the error's fields. */
export const LLM_ERROR_MESSAGES: Readonly<Record<LlmErrorCode, string>> = {
  no_key: 'No API key is saved for the AI provider. Add one in Settings → AI.',
  unauthorized: 'The AI provider did not accept the API key. Check it in Settings → AI.',
  forbidden: 'The AI provider refused access with this key. Check what the key is allowed to use.',
  model_not_found: 'The AI provider does not offer the model "{model}". Choose another model in Settings → AI.',
  bad_request: 'The AI provider could not process the request.',
  rate_limited: 'The AI provider is limiting requests. Try again in a minute.',
  quota: 'The AI provider says this account has no credit left. Check your plan or billing with the provider.',
  server_error: 'The AI provider had a problem on its side. Try again later.',
  timeout: 'The AI provider did not answer in time.',
  network: 'Could not reach the AI provider. Check your connection and the base URL in Settings → AI.',
  refused: 'The AI declined to answer this request.',
  empty: 'The AI sent an empty answer.',
  truncated: 'The AI’s answer was cut off before it finished.',
  bad_response: 'The AI provider sent an answer GigPilot could not read.',
  invalid_output: 'The AI’s answer was not in the expected form twice; nothing was saved.',
  cancelled: 'The AI request was cancelled.',
  budget_exceeded: 'Today’s AI token budget is used up. It starts again tomorrow, or you can raise it in Settings → AI.',
  unknown: 'The AI request failed.'
}

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

  constructor(code: LlmErrorCode, details: LlmErrorDetails = {}) {
    super(llmErrorMessage(code, details), details.cause === undefined ? undefined : { cause: details.cause })
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

function llmErrorMessage(code: LlmErrorCode, d: LlmErrorDetails): string {
  if (code === 'rate_limited' && d.retryAfterMs !== undefined && d.retryAfterMs > 0) {
    return `The AI provider is limiting requests. Try again in ${Math.max(1, Math.ceil(d.retryAfterMs / 1000))} s.`
  }
  return LLM_ERROR_MESSAGES[code].replace('{model}', d.model ?? '')
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
