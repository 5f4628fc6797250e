import { describe, expect, it } from 'vitest'
import { estimateCost, formatCost, priceFor } from './pricing'

const usage = (promptTokens: number, completionTokens: number, cachedPromptTokens = 0) => ({
  promptTokens,
  completionTokens,
  totalTokens: promptTokens + completionTokens,
  cachedPromptTokens
})

describe('cost estimates', () => {
  it('prices a known model per million tokens', () => {
    // gpt-4o-mini: $0.15 in, $0.60 out per 1M.
    const c = estimateCost('gpt-4o-mini', usage(1_000_000, 500_000))
    expect(c).toEqual({ known: true, usd: 0.45, model: 'gpt-4o-mini' })
  })

  it('prices cached prompt tokens at the cached rate', () => {
    const c = estimateCost('gpt-4o', usage(1_000_000, 0, 400_000))
    expect(c.known && c.usd).toBeCloseTo(0.6 * 2.5 + 0.4 * 1.25, 10)
  })

  it('finds dated and prefixed model ids', () => {
    expect(priceFor('gpt-4o-2024-08-06')).toEqual(priceFor('gpt-4o'))
    expect(priceFor('openai/gpt-4.1-mini')).toEqual(priceFor('gpt-4.1-mini'))
    expect(priceFor('GPT-4o-mini')).toEqual(priceFor('gpt-4o-mini'))
    expect(priceFor('toString')).toBeNull()
  })

  it('says the cost is unknown for a model it has no price for, or without usage', () => {
    expect(estimateCost('llama3.1:8b', usage(10, 10))).toEqual({
      known: false,
      usd: null,
      model: 'llama3.1:8b',
      reason: 'Cost unknown: GigPilot has no price for the model "llama3.1:8b".'
    })
    expect(estimateCost('gpt-4o', null)).toMatchObject({ known: false, reason: 'Cost unknown: the AI provider did not report token usage.' })
  })

  it('formats small and unknown costs', () => {
    expect(formatCost(estimateCost('gpt-4o-mini', usage(1000, 200)))).toBe('$0.0003')
    expect(formatCost(estimateCost('gpt-4o-mini', usage(1, 0)))).toBe('<$0.0001')
    expect(formatCost(estimateCost('gpt-4o', usage(1_000_000, 1_000_000)))).toBe('$12.50')
    expect(formatCost(estimateCost('mystery', usage(1, 1)))).toBe('cost unknown')
  })
})
