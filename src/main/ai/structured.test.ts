/** `structured` through the real adapter and SDK against fake-openai. */
import { beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { useFakeOpenAi } from '../test-support/fake-openai'
import { LlmError } from './llm-errors'
import { OpenAiLlmClient } from './openai-client'
import { parseAnswer, structured } from './structured'

const Analysis = z.object({
  skillMatch: z.number().int().min(0).max(10),
  recommendation: z.enum(['apply', 'maybe', 'skip']),
  reasoning: z.string().min(1).max(500)
})

const server = useFakeOpenAi()
let llm: OpenAiLlmClient
beforeAll(() => {
  llm = new OpenAiLlmClient({ baseUrl: server.fake.url, apiKey: 'sk-test', model: 'gpt-4o-mini', maxRetries: 0 })
})

const messages = [
  { role: 'system' as const, content: 'You assess Upwork jobs.' },
  { role: 'user' as const, content: 'Assess this job.' }
]
const good = JSON.stringify({ skillMatch: 8, recommendation: 'apply', reasoning: 'Strong React fit.' })

describe('structured', () => {
  it('returns the validated value on a good first answer, in JSON mode, with the schema described', async () => {
    server.fake.setScript([{ content: good, usage: { prompt_tokens: 100, completion_tokens: 20 } }])
    const r = await structured(llm, { messages, schema: Analysis })
    expect(r.value).toEqual({ skillMatch: 8, recommendation: 'apply', reasoning: 'Strong React fit.' })
    expect(r.attempts).toBe(1)
    expect(r.usage).toMatchObject({ promptTokens: 100, completionTokens: 20, totalTokens: 120 })
    const body = server.fake.requests[0]!.body!
    expect(body.response_format).toEqual({ type: 'json_object' })
    const system = (body.messages as Array<{ role: string; content: string }>)[0]!
    expect(system.content).toContain('You assess Upwork jobs.')
    expect(system.content).toContain('"recommendation"')
  })

  it('still mentions JSON (JSON mode requires it) when the schema is not described', async () => {
    server.fake.setScript([{ content: good }])
    await structured(llm, { messages, schema: Analysis, describeSchema: false })
    const sent = server.fake.requests[0]!.body!.messages as Array<{ role: string; content: string }>
    expect(sent[0]!.content).toBe('You assess Upwork jobs.\n\nReply with one JSON object.')
    expect(server.fake.requests[0]!.status).toBe(200)
  })

  it('retries once with the parse error fed back, and succeeds', async () => {
    server.fake.setScript([{ fault: { kind: 'invalidJson' } }, { content: good }])
    const r = await structured(llm, { messages, schema: Analysis })
    expect(r.attempts).toBe(2)
    expect(r.calls).toHaveLength(2)
    const retry = server.fake.requests[1]!.body!.messages as Array<{ role: string; content: string }>
    expect(retry.at(-2)).toEqual({ role: 'assistant', content: 'Sure! Here is the analysis you asked for: skills look great.' })
    expect(retry.at(-1)!.content).toMatch(/not valid JSON/)
  })

  it('feeds back which fields broke the schema', async () => {
    server.fake.setScript([{ content: JSON.stringify({ skillMatch: 42, recommendation: 'yes' }) }, { content: good }])
    await structured(llm, { messages, schema: Analysis })
    const feedback = (server.fake.requests[1]!.body!.messages as Array<{ content: string }>).at(-1)!.content
    expect(feedback).toContain('skillMatch')
    expect(feedback).toContain('recommendation')
    expect(feedback).toContain('reasoning')
  })

  it('gives up after the second bad answer with a plain error, and reports both calls', async () => {
    server.fake.setFault({ kind: 'invalidJson' })
    let error: unknown
    try {
      await structured(llm, { messages, schema: Analysis })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(LlmError)
    expect(error).toMatchObject({ code: 'invalid_output', message: 'The AI’s answer was not in the expected form twice; nothing was saved.' })
    expect((error as LlmError).calls).toHaveLength(2)
    expect(server.fake.requests).toHaveLength(2)
  })

  it('gives a cut-off answer its one retry', async () => {
    server.fake.setScript([{ content: '{"skillMatch": 8, "recomm', fault: { kind: 'length' } }, { content: good }])
    expect((await structured(llm, { messages, schema: Analysis })).attempts).toBe(2)
    expect((server.fake.requests[1]!.body!.messages as Array<{ content: string }>).at(-1)!.content).toMatch(/cut off/)
  })

  it('does not retry a refusal or a provider error', async () => {
    server.fake.setFault({ kind: 'refusal' })
    await expect(structured(llm, { messages, schema: Analysis })).rejects.toMatchObject({ code: 'refused' })
    expect(server.fake.requests).toHaveLength(1)
    server.fake.clearRequests()
    server.fake.setFault({ kind: 'serverError' })
    await expect(structured(llm, { messages, schema: Analysis })).rejects.toMatchObject({ code: 'server_error' })
    expect(server.fake.requests).toHaveLength(1)
  })

  it('reports the first call when the retry fails at the provider', async () => {
    server.fake.setScript([{ fault: { kind: 'invalidJson' } }, { fault: { kind: 'serverError' } }])
    await expect(structured(llm, { messages, schema: Analysis })).rejects.toMatchObject({ code: 'server_error', calls: [expect.objectContaining({ text: expect.any(String) })] })
  })
})

describe('parseAnswer', () => {
  it('accepts a fenced JSON answer', () => {
    expect(parseAnswer('```json\n' + good + '\n```', Analysis)).toMatchObject({ ok: true })
  })
  it('rejects extra text around the JSON', () => {
    expect(parseAnswer(`Here you go: ${good}`, Analysis)).toMatchObject({ ok: false })
  })
  it('caps the feedback for a huge bad answer', () => {
    const r = parseAnswer(JSON.stringify({ skillMatch: 'x'.repeat(100_000) }), Analysis)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.problem.length).toBeLessThanOrEqual(1_500)
  })
})
