/**
 * The daily token budget (Settings → AI) as pure functions: the caller sums today's AiCall rows
 * (prompt + completion tokens since `budgetDay(now).start`) and asks before each call. A bound on
 * spend is also a bound on what a prompt-injected loop could cost (OWASP LLM10).
 */
import { LlmError } from './llm-errors'

export interface BudgetCheck {
  allowed: boolean
  usedTokens: number
  /** null: no budget set. */
  dailyBudget: number | null
  /** Tokens left today (Infinity without a budget), never negative. */
  remaining: number
}

export interface BudgetInput {
  /** Tokens already used today. */
  usedTokens: number
  /** null or undefined: no limit. 0: no AI calls at all. */
  dailyBudget: number | null | undefined
  /** The next call's estimate (prompt estimate + its maxTokens); 0 to ask "anything left?". */
  nextCallTokens?: number
}

export function checkDailyTokenBudget(input: BudgetInput): BudgetCheck {
  const used = Number.isFinite(input.usedTokens) ? Math.max(0, input.usedTokens) : 0
  const next = Number.isFinite(input.nextCallTokens ?? 0) ? Math.max(0, input.nextCallTokens ?? 0) : 0
  const budget = input.dailyBudget ?? null
  if (budget === null || !Number.isFinite(budget)) return { allowed: true, usedTokens: used, dailyBudget: null, remaining: Number.POSITIVE_INFINITY }
  const cap = Math.max(0, Math.floor(budget))
  const remaining = Math.max(0, cap - used)
  // With nothing estimated, a call is allowed while anything is left; otherwise the estimate must fit.
  const allowed = next === 0 ? remaining > 0 : next <= remaining
  return { allowed, usedTokens: used, dailyBudget: cap, remaining }
}

/** Throws LlmError('budget_exceeded') when the check says no. */
export function assertWithinBudget(input: BudgetInput): BudgetCheck {
  const check = checkDailyTokenBudget(input)
  if (!check.allowed) throw new LlmError('budget_exceeded', { detail: `${check.usedTokens} of ${check.dailyBudget} tokens used today` })
  return check
}

/**
 * The budget day containing `now`: local midnight to midnight for a UTC offset in minutes (east
 * positive, e.g. 120 for Kyiv in summer; the caller passes `-new Date().getTimezoneOffset()`).
 */
export function budgetDay(now: Date, utcOffsetMinutes = 0): { start: Date; end: Date } {
  const offsetMs = utcOffsetMinutes * 60_000
  const local = now.getTime() + offsetMs
  const dayStart = Math.floor(local / 86_400_000) * 86_400_000 - offsetMs
  return { start: new Date(dayStart), end: new Date(dayStart + 86_400_000) }
}

/** Rough prompt size before sending (about 4 characters a token in English; a bound, not a bill). */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4)
}
