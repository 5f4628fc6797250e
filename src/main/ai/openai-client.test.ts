/**
 * The adapter against fake-openai over real HTTP on 127.0.0.1, through the real `openai` SDK:
 * what arrives at the server, what comes back, and how each failure is classified.
 */
import { describe, expect, it, vi } from 'vitest'
import { type FakeOpenAi, startFakeOpenAi } from '../../../tools/fake-openai'
import { useFakeOpenAi } from '../test-support/fake-openai'
import type { CompletionResult } from './llm-client'
import { LlmError, type LlmErrorCode } from './llm-errors'
import { OpenAiLlmClient, type OpenAiClientConfig, isLocalAiEndpoint } from './openai-client'

const KEY = 'sk-test-key'
const server = useFakeOpenAi({ apiKeys: [KEY] })

function client(over: Partial<OpenAiClientConfig> = {}): OpenAiLlmClient {
  return new OpenAiLlmClient({ baseUrl: server.fake.url, apiKey: KEY, model: 'gpt-4o-mini', maxRetries: 0, timeoutMs: 10_000, ...over })
}

const ask = [{ role: 'user' as const, content: 'Say hello' }]

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  try {
    await promise
  } catch (err) {
    expect(err).toBeInstanceOf(LlmError)
    return err as LlmError
  }
  throw new Error('expected the call to fail')
}

async function collect(stream: AsyncIterable<string>): Promise<{ deltas: string[]; error: LlmError | null }> {
  const deltas: string[] = []
  try {
    for await (const d of stream) deltas.push(d)
    return { deltas, error: null }
  } catch (err) {
    expect(err).toBeInstanceOf(LlmError)
    return { deltas, error: err as LlmError }
  }
}

describe('complete', () => {
  it('returns the text and token usage, and sends the model, messages, key and JSON mode', async () => {
    server.fake.setScript([{ content: '{"fit":7}', usage: { prompt_tokens: 31, completion_tokens: 5 } }])
    const result = await client().complete({ messages: [{ role: 'system', content: 'Answer in JSON.' }, ...ask], json: true, maxTokens: 50, temperature: 0 })
    expect(result).toMatchObject({
      text: '{"fit":7}',
      usage: { promptTokens: 31, completionTokens: 5, totalTokens: 36, cachedPromptTokens: 0 },
      model: 'gpt-4o-mini',
      finishReason: 'stop',
      truncated: false
    })
    const [req] = server.fake.requests
    expect(req!.authorization).toBe(`Bearer ${KEY}`)
    expect(req!.body).toMatchObject({
      model: 'gpt-4o-mini',
      messages: [{ role: 'system', content: 'Answer in JSON.' }, { role: 'user', content: 'Say hello' }],
      response_format: { type: 'json_object' },
      max_tokens: 50,
      temperature: 0
    })
  })

  it('lets a request name another model', async () => {
    await client().complete({ messages: ask, model: 'gpt-4.1-mini' })
    expect(server.fake.requests[0]!.body!.model).toBe('gpt-4.1-mini')
  })

  it('marks an answer cut by the token limit as truncated', async () => {
    server.fake.setScript([{ content: 'The answer is', fault: { kind: 'length' } }])
    expect(await client().complete({ messages: ask })).toMatchObject({ truncated: true, finishReason: 'length', text: 'The answer is' })
  })

  it.each<[string, Parameters<FakeOpenAi['setFault']>[0], LlmErrorCode, number | undefined]>([
    ['a refusal', { kind: 'refusal' }, 'refused', undefined],
    ['an empty answer', { kind: 'emptyStream' }, 'empty', undefined],
    ['a 500', { kind: 'serverError' }, 'server_error', 500],
    ['a 503', { kind: 'serverError', status: 503 }, 'server_error', 503],
    ['a rejected key', { kind: 'unauthorized' }, 'unauthorized', 401],
    ['an unknown model', { kind: 'modelNotFound' }, 'model_not_found', 404],
    ['no credit left', { kind: 'rateLimit', quota: true }, 'quota', 429],
    ['a dropped connection', { kind: 'drop' }, 'network', undefined]
  ])('classifies %s', async (_name, fault, code, status) => {
    server.fake.setFault(fault)
    const err = await failure(client().complete({ messages: ask }))
    expect(err.code).toBe(code)
    expect(err.status).toBe(status)
    expect(err.message).not.toContain(KEY)
  })

  it('names the model in model_not_found', async () => {
    server.fake.setFault({ kind: 'modelNotFound' })
    expect((await failure(client({ model: 'llama3:70b' }).complete({ messages: ask }))).message).toBe(
      'The AI provider does not offer the model "llama3:70b". Choose another model in Settings → AI.'
    )
  })

  it('classifies a 429 with its Retry-After when no retries are left', async () => {
    server.fake.setFault({ kind: 'rateLimit', retryAfterSeconds: 2 })
    const err = await failure(client().complete({ messages: ask }))
    expect(err).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 2000, retryable: true })
    expect(err.message).toBe('The AI provider is limiting requests. Try again in 2 s.')
  })

  it('honours Retry-After: waits as asked, then succeeds on the retry', async () => {
    server.fake.setScript([{ fault: { kind: 'rateLimit', retryAfterSeconds: 1 } }, { content: 'second time lucky' }])
    const result = await client({ maxRetries: 1 }).complete({ messages: ask })
    expect(result.text).toBe('second time lucky')
    expect(server.fake.requests.map((r) => r.status)).toEqual([429, 200])
    expect(server.fake.requests[1]!.at - server.fake.requests[0]!.at).toBeGreaterThanOrEqual(950)
  })

  it('retries a 500 when retries are allowed', async () => {
    server.fake.setScript([{ fault: { kind: 'serverError' } }, { content: 'recovered' }])
    expect((await client({ maxRetries: 2 }).complete({ messages: ask })).text).toBe('recovered')
    expect(server.fake.requests).toHaveLength(2)
  })

  it('times out a server that does not answer', async () => {
    server.fake.setFault({ kind: 'delay', ms: 10_000 })
    const started = Date.now()
    const err = await failure(client({ timeoutMs: 300 }).complete({ messages: ask }))
    expect(err.code).toBe('timeout')
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('is cancelled by its AbortSignal', async () => {
    server.fake.setFault({ kind: 'delay', ms: 10_000 })
    const controller = new AbortController()
    const pending = client().complete({ messages: ask }, { signal: controller.signal })
    await vi.waitFor(() => expect(server.fake.requests).toHaveLength(1))
    controller.abort()
    expect((await failure(pending)).code).toBe('cancelled')
  })

  it('reports an unreachable server as a network error', async () => {
    const gone = await startFakeOpenAi({ port: 0 })
    const url = gone.url
    await gone.close()
    expect((await failure(client({ baseUrl: url }).complete({ messages: ask }))).code).toBe('network')
  })

  it('refuses to call a remote provider without a key, before any request', async () => {
    const remote = new OpenAiLlmClient({ baseUrl: 'https://api.openai.com/v1', apiKey: null, model: 'gpt-4o-mini' })
    const err = await failure(remote.complete({ messages: ask }))
    expect(err.code).toBe('no_key')
    expect(err.message).toBe('No API key is saved for the AI provider. Add one in Settings → AI.')
    expect(() => remote.stream({ messages: ask })).not.toThrow()
    expect((await collect(remote.stream({ messages: ask }))).error!.code).toBe('no_key')
  })

  it('needs no key for a server on this machine', () => {
    expect(isLocalAiEndpoint('http://127.0.0.1:11434/v1')).toBe(true)
    expect(isLocalAiEndpoint('http://localhost:1234/v1')).toBe(true)
    expect(isLocalAiEndpoint('http://[::1]:1234/v1')).toBe(true)
    expect(isLocalAiEndpoint('https://api.openai.com/v1')).toBe(false)
    expect(isLocalAiEndpoint('http://127.0.0.1.evil.example/v1')).toBe(false)
    expect(isLocalAiEndpoint('not a url')).toBe(false)
  })

  it('lists the models for "Test connection"', async () => {
    expect(await client().listModels()).toEqual(['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'gpt-5-mini'])
    expect((await failure(client({ apiKey: 'sk-wrong' }).listModels())).code).toBe('unauthorized')
  })
})

describe('stream', () => {
  it('yields the deltas in order, then settles with the whole text and the usage', async () => {
    const chunks = ['Hel', 'lo,', ' str', 'eaming', ' world!']
    server.fake.setScript([{ content: chunks.join(''), chunks, usage: { prompt_tokens: 12, completion_tokens: 6 } }])
    const stream = client().stream({ messages: ask })
    const { deltas, error } = await collect(stream)
    expect(error).toBeNull()
    expect(deltas).toEqual(chunks)
    const result: CompletionResult = await stream.result
    expect(result).toMatchObject({ text: 'Hello, streaming world!', finishReason: 'stop', usage: { promptTokens: 12, completionTokens: 6, totalTokens: 18 } })
    expect(server.fake.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } })
    expect(server.fake.requests[0]!.finished).toBe(true)
  })

  it('works without a usage chunk when asked not to request one', async () => {
    server.fake.setScript([{ content: 'no usage here' }])
    const stream = client({ streamUsage: false }).stream({ messages: ask })
    await collect(stream)
    expect((await stream.result).usage).toBeNull()
    expect(server.fake.requests[0]!.body!.stream_options).toBeUndefined()
  })

  it('stops mid-stream when its signal is aborted, keeps the partial text, and closes the connection', async () => {
    const chunks = Array.from({ length: 40 }, (_, i) => `w${i} `)
    server.fake.setScript([{ content: chunks.join(''), chunks, chunkDelayMs: 25 }])
    const controller = new AbortController()
    const stream = client().stream({ messages: ask }, { signal: controller.signal })
    const deltas: string[] = []
    let error: unknown = null
    try {
      for await (const d of stream) {
        deltas.push(d)
        if (deltas.length === 3) controller.abort()
      }
    } catch (err) {
      error = err
    }
    expect(error).toMatchObject({ code: 'cancelled', partialText: 'w0 w1 w2 ' })
    expect(deltas).toEqual(['w0 ', 'w1 ', 'w2 '])
    await expect(stream.result).rejects.toMatchObject({ code: 'cancelled' })
    await vi.waitFor(() => expect(server.fake.requests[0]!.closedEarly).toBe(true))
    expect(server.fake.requests[0]!.chunksSent).toBeLessThan(40)
  })

  it('stops when the reader breaks out of its loop, or calls cancel()', async () => {
    const chunks = Array.from({ length: 40 }, (_, i) => `c${i}`)
    server.fake.setScript([
      { content: chunks.join(''), chunks, chunkDelayMs: 25 },
      { content: chunks.join(''), chunks, chunkDelayMs: 25 }
    ])
    const first = client().stream({ messages: ask })
    for await (const d of first) if (d === 'c1') break
    await expect(first.result).rejects.toMatchObject({ code: 'cancelled' })

    const second = client().stream({ messages: ask })
    const reading = collect(second)
    await vi.waitFor(() => expect(server.fake.requests[1]?.chunksSent ?? 0).toBeGreaterThan(1))
    second.cancel()
    const { deltas, error } = await reading
    expect(error!.code).toBe('cancelled')
    expect(deltas.length).toBeLessThan(40)
    await vi.waitFor(() => expect(server.fake.requests.every((r) => r.closedEarly)).toBe(true))
  })

  it('reports a stream whose connection drops as truncated, with the partial text', async () => {
    server.fake.setScript([{ content: 'one two three four five', chunks: ['one ', 'two ', 'three ', 'four ', 'five'], fault: { kind: 'truncatedStream', afterChunks: 3 } }])
    const stream = client().stream({ messages: ask })
    const { deltas, error } = await collect(stream)
    expect(deltas).toEqual(['one ', 'two ', 'three '])
    expect(error).toMatchObject({ code: 'truncated', partialText: 'one two three ' })
    expect(error!.message).toBe('The AI’s answer was cut off before it finished.')
    await expect(stream.result).rejects.toMatchObject({ code: 'truncated', partialText: 'one two three ' })
  })

  it('reports an empty stream', async () => {
    server.fake.setFault({ kind: 'emptyStream' })
    expect((await collect(client().stream({ messages: ask }))).error!.code).toBe('empty')
  })

  it('reports a streamed refusal', async () => {
    server.fake.setFault({ kind: 'refusal' })
    const { deltas, error } = await collect(client().stream({ messages: ask }))
    expect(deltas).toEqual([])
    expect(error!.code).toBe('refused')
  })

  it('times out a stream that goes silent, keeping what arrived', async () => {
    server.fake.setScript([{ content: 'abcdefgh', chunks: ['ab', 'cd', 'ef', 'gh'], fault: { kind: 'stall', afterChunks: 2 } }])
    const { deltas, error } = await collect(client({ streamIdleTimeoutMs: 300 }).stream({ messages: ask }))
    expect(deltas).toEqual(['ab', 'cd'])
    expect(error).toMatchObject({ code: 'timeout', partialText: 'abcd' })
  })

  it('classifies a stream that fails before it starts', async () => {
    server.fake.setFault({ kind: 'rateLimit', retryAfterSeconds: 7 })
    const stream = client().stream({ messages: ask })
    const { error } = await collect(stream)
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 7000 })
    await expect(stream.result).rejects.toBe(error)
  })

  it('settles as cancelled when cancelled before it is read', async () => {
    const stream = client().stream({ messages: ask })
    stream.cancel()
    await expect(stream.result).rejects.toMatchObject({ code: 'cancelled' })
    expect((await collect(stream)).error!.code).toBe('cancelled')
  })

  it('can be read only once', async () => {
    const stream = client().stream({ messages: ask })
    await collect(stream)
    expect(() => stream[Symbol.asyncIterator]()).toThrow(LlmError)
  })
})
