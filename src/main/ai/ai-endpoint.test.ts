import { describe, expect, it } from 'vitest'
import { DEFAULT_OPENAI_BASE_URL, resolveAiBaseUrl } from './ai-endpoint'

describe('resolveAiBaseUrl', () => {
  it('defaults to OpenAI', () => expect(resolveAiBaseUrl(null, {})).toBe(DEFAULT_OPENAI_BASE_URL))
  it('uses OPENAI_BASE_URL when set', () =>
    expect(resolveAiBaseUrl(null, { OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' })).toBe('http://127.0.0.1:11434/v1'))
  it('ignores an empty OPENAI_BASE_URL', () => expect(resolveAiBaseUrl(null, { OPENAI_BASE_URL: ' ' })).toBe(DEFAULT_OPENAI_BASE_URL))
  it('lets the Settings value win', () =>
    expect(resolveAiBaseUrl('http://localhost:1234/v1', { OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' })).toBe('http://localhost:1234/v1'))
})
