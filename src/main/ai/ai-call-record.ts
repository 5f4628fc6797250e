/**
 * What to write to the AiCall table (prisma/schema.prisma) for each call: every call that reached
 * the provider is logged, including the ones whose answer was rejected, because their tokens were
 * paid for. `costUsd` is null when the cost is unknown (a model with no price, no usage reported):
 * the table's `costUsd Float @default(0)` would record that as free, so it should become nullable.
 */
import type { CompletionResult } from './llm-client'
import type { LlmError } from './llm-errors'
import { MODEL_PRICES, type ModelPrice, estimateCost } from './pricing'
import type { StructuredResult } from './structured'

export interface AiCallRecord {
  task: string
  model: string
  promptTokens: number
  completionTokens: number
  costUsd: number | null
  durationMs: number | null
  ok: boolean
  /** The LlmError code, or null. */
  error: string | null
}

type PriceTable = Readonly<Record<string, ModelPrice>>

function fromResult(task: string, r: CompletionResult, ok: boolean, error: string | null, table: PriceTable): AiCallRecord {
  const cost = estimateCost(r.model, r.usage, table)
  return {
    task,
    model: r.model,
    promptTokens: r.usage?.promptTokens ?? 0,
    completionTokens: r.usage?.completionTokens ?? 0,
    costUsd: cost.known ? cost.usd : null,
    durationMs: r.durationMs,
    ok,
    error
  }
}

/** One successful completion. */
export function aiCallRecord(task: string, result: CompletionResult, table: PriceTable = MODEL_PRICES): AiCallRecord {
  return fromResult(task, result, true, null, table)
}

/**
 * The records for a `structured` call or any failed call: each completed call, then (unless the
 * failure was the answers themselves) the call that failed, with no tokens known.
 */
export function aiCallRecords(
  task: string,
  model: string,
  outcome: StructuredResult<unknown> | LlmError,
  table: PriceTable = MODEL_PRICES
): AiCallRecord[] {
  if (!('code' in outcome)) {
    const last = outcome.calls.length - 1
    return outcome.calls.map((c, i) => fromResult(task, c, i === last, i === last ? null : 'invalid_output', table))
  }
  const err = outcome
  const records = err.calls.map((c) => fromResult(task, c, false, 'invalid_output', table))
  if (err.code !== 'invalid_output') {
    records.push({ task, model: err.model ?? model, promptTokens: 0, completionTokens: 0, costUsd: null, durationMs: null, ok: false, error: err.code })
  }
  return records
}
