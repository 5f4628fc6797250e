import { describe, expect, it } from 'vitest'
import { aiCallRecord, aiCallRecords } from './ai-call-record'
import type { CompletionResult } from './llm-client'
import { LlmError } from './llm-errors'

const call = (model: string, prompt: number, completion: number): CompletionResult => ({
  text: '{}',
  usage: { promptTokens: prompt, completionTokens: completion, totalTokens: prompt + completion, cachedPromptTokens: 0 },
  model,
  finishReason: 'stop',
  truncated: false,
  durationMs: 120
})

describe('AiCall records', () => {
  it('logs a completion with tokens and estimated cost', () => {
    expect(aiCallRecord('analysis', call('gpt-4o-mini', 1_000_000, 0))).toEqual({
      task: 'analysis',
      model: 'gpt-4o-mini',
      promptTokens: 1_000_000,
      completionTokens: 0,
      costUsd: 0.15,
      durationMs: 120,
      ok: true,
      error: null
    })
  })

  it('keeps an unknown cost unknown (null), never 0', () => {
    expect(aiCallRecord('analysis', call('llama3.1:8b', 10, 10)).costUsd).toBeNull()
  })

  it('logs both calls of a structured answer that needed its retry', () => {
    const records = aiCallRecords('analysis', 'gpt-4o-mini', { value: {}, attempts: 2, calls: [call('gpt-4o-mini', 10, 5), call('gpt-4o-mini', 20, 5)], usage: null })
    expect(records.map((r) => [r.ok, r.error, r.promptTokens])).toEqual([
      [false, 'invalid_output', 10],
      [true, null, 20]
    ])
  })

  it('logs paid calls before a failure, and the failed call itself', () => {
    const invalid = new LlmError('invalid_output', { calls: [call('gpt-4o', 1, 1), call('gpt-4o', 2, 2)] })
    expect(aiCallRecords('analysis', 'gpt-4o', invalid).map((r) => r.error)).toEqual(['invalid_output', 'invalid_output'])
    const limited = new LlmError('rate_limited', { model: 'gpt-4o', calls: [call('gpt-4o', 1, 1)] })
    const records = aiCallRecords('analysis', 'gpt-4o', limited)
    expect(records).toHaveLength(2)
    expect(records[1]).toMatchObject({ ok: false, error: 'rate_limited', promptTokens: 0, costUsd: null })
  })
})
