/**
 * Estimated cost of an AI call from its token usage. Prices are USD per 1 million tokens,
 * OpenAI's standard tier, as published at https://openai.com/api/pricing on PRICES_AS_OF; they
 * change, so every figure shown is an estimate, and a model not in the table (an Azure
 * deployment name, a local Ollama model, a newer model) has an *unknown* cost, said as such,
 * never guessed as 0.
 */
import type { TokenUsage } from './llm-client'

export interface ModelPrice {
  inputPerMillion: number
  /** Prompt tokens served from the provider's cache. */
  cachedInputPerMillion?: number
  outputPerMillion: number
}

export const PRICES_AS_OF = '2025-08'

export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-5': { inputPerMillion: 1.25, cachedInputPerMillion: 0.125, outputPerMillion: 10 },
  'gpt-5-mini': { inputPerMillion: 0.25, cachedInputPerMillion: 0.025, outputPerMillion: 2 },
  'gpt-5-nano': { inputPerMillion: 0.05, cachedInputPerMillion: 0.005, outputPerMillion: 0.4 },
  'gpt-4.1': { inputPerMillion: 2, cachedInputPerMillion: 0.5, outputPerMillion: 8 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, cachedInputPerMillion: 0.1, outputPerMillion: 1.6 },
  'gpt-4.1-nano': { inputPerMillion: 0.1, cachedInputPerMillion: 0.025, outputPerMillion: 0.4 },
  'gpt-4o': { inputPerMillion: 2.5, cachedInputPerMillion: 1.25, outputPerMillion: 10 },
  'gpt-4o-mini': { inputPerMillion: 0.15, cachedInputPerMillion: 0.075, outputPerMillion: 0.6 },
  o3: { inputPerMillion: 2, cachedInputPerMillion: 0.5, outputPerMillion: 8 },
  'o4-mini': { inputPerMillion: 1.1, cachedInputPerMillion: 0.275, outputPerMillion: 4.4 },
  'o3-mini': { inputPerMillion: 1.1, cachedInputPerMillion: 0.55, outputPerMillion: 4.4 },
  'gpt-3.5-turbo': { inputPerMillion: 0.5, outputPerMillion: 1.5 }
}

export type CostEstimate =
  | { known: true; usd: number; model: string }
  | { known: false; usd: null; model: string; reason: string }

/** The table entry for a model id: exact, else without a date suffix ("gpt-4o-2024-08-06") or an "openai/" prefix. */
export function priceFor(model: string, table: Readonly<Record<string, ModelPrice>> = MODEL_PRICES): ModelPrice | null {
  const id = model.trim().toLowerCase()
  const candidates = [id, id.replace(/^openai\//, '')]
  for (const c of [...candidates]) candidates.push(c.replace(/-\d{4}-\d{2}-\d{2}$/, ''))
  for (const c of candidates) {
    if (Object.hasOwn(table, c)) return table[c]!
  }
  return null
}

export function estimateCost(model: string, usage: TokenUsage | null, table: Readonly<Record<string, ModelPrice>> = MODEL_PRICES): CostEstimate {
  if (!usage) return { known: false, usd: null, model, reason: 'Cost unknown: the AI provider did not report token usage.' }
  const price = priceFor(model, table)
  if (!price) return { known: false, usd: null, model, reason: `Cost unknown: GigPilot has no price for the model "${model}".` }
  const cached = Math.min(usage.cachedPromptTokens, usage.promptTokens)
  const usd =
    ((usage.promptTokens - cached) * price.inputPerMillion +
      cached * (price.cachedInputPerMillion ?? price.inputPerMillion) +
      usage.completionTokens * price.outputPerMillion) /
    1_000_000
  return { known: true, usd, model }
}

/** "$0.0012", "<$0.0001", "$1.23", or "cost unknown". */
export function formatCost(estimate: CostEstimate): string {
  if (!estimate.known) return 'cost unknown'
  if (estimate.usd === 0) return '$0'
  if (estimate.usd < 0.0001) return '<$0.0001'
  return estimate.usd < 1 ? `$${estimate.usd.toFixed(4)}` : `$${estimate.usd.toFixed(2)}`
}
