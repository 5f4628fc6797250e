import { describe, expect, it } from 'vitest'
import { AI_PROVIDER_PRESETS, AiEndpointError, DEFAULT_OPENAI_BASE_URL, resolveAiBaseUrl } from './ai-endpoint'
import { isLocalAiEndpoint } from './openai-client'

describe('resolveAiBaseUrl', () => {
  it('defaults to OpenAI', () => expect(resolveAiBaseUrl(null, {})).toBe(DEFAULT_OPENAI_BASE_URL))
  it('uses OPENAI_BASE_URL when set', () =>
    expect(resolveAiBaseUrl(null, { OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' })).toBe('http://127.0.0.1:11434/v1'))
  it('ignores an empty OPENAI_BASE_URL', () => expect(resolveAiBaseUrl(null, { OPENAI_BASE_URL: ' ' })).toBe(DEFAULT_OPENAI_BASE_URL))
  it('lets the Settings value win', () =>
    expect(resolveAiBaseUrl('http://localhost:1234/v1', { OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' })).toBe('http://localhost:1234/v1'))
  it('refuses an OPENAI_BASE_URL that would send the key in clear text off this computer', () => {
    expect(() => resolveAiBaseUrl(null, { OPENAI_BASE_URL: 'http://proxy.example.com/v1' })).toThrow(AiEndpointError)
    expect(() => resolveAiBaseUrl(null, { OPENAI_BASE_URL: 'not a url' })).toThrow(/OPENAI_BASE_URL is not allowed/)
  })
  it('offers presets that pass the rule, local ones without a key', () => {
    for (const p of AI_PROVIDER_PRESETS) {
      expect(resolveAiBaseUrl(null, { OPENAI_BASE_URL: p.baseUrl })).toBe(p.baseUrl)
      expect(isLocalAiEndpoint(p.baseUrl)).toBe(!p.needsKey)
    }
  })
})
