import { describe, expect, it } from 'vitest'
import { renderText, translator, uk } from '@shared/i18n'
import { LLM_ERROR_MESSAGES, LlmError } from './llm-errors'

describe('AI errors', () => {
  it('carry a text rendered in the language in force; `message` stays English', () => {
    const e = new LlmError('model_not_found', { model: 'gpt-x' })
    expect(e.message).toBe('The AI provider does not offer the model "gpt-x". Choose another model in Settings → AI.')
    expect(renderText(translator('uk'), e.text)).toBe('Постачальник ШІ не пропонує модель «gpt-x». Виберіть іншу модель у Налаштування → ШІ.')
    expect(renderText(translator('uk'), new LlmError('rate_limited', { retryAfterMs: 4200 }).text)).toBe(
      'Постачальник ШІ обмежує кількість запитів. Спробуйте ще раз за 5 с.'
    )
  })

  it('have a catalog entry in both languages for every code', () => {
    for (const code of Object.keys(LLM_ERROR_MESSAGES)) expect(uk[`ai.err.${code}` as keyof typeof uk], code).toBeTruthy()
  })
})
