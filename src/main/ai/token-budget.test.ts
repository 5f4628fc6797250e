import { describe, expect, it } from 'vitest'
import { LlmError } from './llm-errors'
import { assertWithinBudget, budgetDay, checkDailyTokenBudget, estimateTokens } from './token-budget'

describe('daily token budget', () => {
  it('allows a call that fits and refuses one that does not', () => {
    expect(checkDailyTokenBudget({ usedTokens: 9_000, dailyBudget: 10_000, nextCallTokens: 1_000 })).toEqual({
      allowed: true,
      usedTokens: 9_000,
      dailyBudget: 10_000,
      remaining: 1_000
    })
    expect(checkDailyTokenBudget({ usedTokens: 9_000, dailyBudget: 10_000, nextCallTokens: 1_001 }).allowed).toBe(false)
    expect(checkDailyTokenBudget({ usedTokens: 12_000, dailyBudget: 10_000 })).toMatchObject({ allowed: false, remaining: 0 })
    expect(checkDailyTokenBudget({ usedTokens: 9_999, dailyBudget: 10_000 }).allowed).toBe(true)
  })

  it('treats no budget as unlimited and 0 as no calls', () => {
    expect(checkDailyTokenBudget({ usedTokens: 1e9, dailyBudget: null, nextCallTokens: 1e6 })).toMatchObject({ allowed: true, remaining: Number.POSITIVE_INFINITY })
    expect(checkDailyTokenBudget({ usedTokens: 0, dailyBudget: 0 }).allowed).toBe(false)
  })

  it('ignores nonsense inputs', () => {
    expect(checkDailyTokenBudget({ usedTokens: Number.NaN, dailyBudget: 100, nextCallTokens: -5 })).toMatchObject({ allowed: true, usedTokens: 0, remaining: 100 })
  })

  it('throws a plain LlmError when exceeded', () => {
    expect(() => assertWithinBudget({ usedTokens: 100, dailyBudget: 100 })).toThrow(LlmError)
    try {
      assertWithinBudget({ usedTokens: 100, dailyBudget: 100 })
    } catch (err) {
      expect(err).toMatchObject({ code: 'budget_exceeded', message: 'Today’s AI token budget is used up. It starts again tomorrow, or you can raise it in Settings → AI.' })
    }
  })

  it('finds the budget day for a UTC offset', () => {
    const now = new Date('2026-12-01T22:30:00Z')
    expect(budgetDay(now)).toEqual({ start: new Date('2026-12-01T00:00:00Z'), end: new Date('2026-12-02T00:00:00Z') })
    // Kyiv in winter (UTC+2): already 00:30 on 2 December there.
    expect(budgetDay(now, 120)).toEqual({ start: new Date('2026-12-01T22:00:00Z'), end: new Date('2026-12-02T22:00:00Z') })
    expect(budgetDay(now, -300).start).toEqual(new Date('2026-12-01T05:00:00Z'))
  })

  it('estimates tokens from text length', () => {
    expect(estimateTokens('')).toBe(0)
    expect(estimateTokens('abcd')).toBe(1)
    expect(estimateTokens('abcde')).toBe(2)
  })
})
