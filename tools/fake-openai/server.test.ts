/** fake-openai on the wire (plain fetch, no SDK): the shapes OpenAI sends, the faults, the log, the CLI. */
import { spawn } from 'node:child_process'
import { describe, expect, it, vi } from 'vitest'
import { startFakeOpenAi } from './index'
import { useFakeOpenAi } from '../../src/main/test-support/fake-openai'

const server = useFakeOpenAi({ apiKeys: ['sk-ok'] })

const post = (body: unknown, key = 'sk-ok'): Promise<Response> =>
  fetch(`${server.fake.url}/chat/completions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
    body: JSON.stringify(body)
  })
const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello there' }] }

function events(text: string): string[] {
  expect(text.endsWith('\n\n')).toBe(true)
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((e) => {
      expect(e.startsWith('data: ')).toBe(true)
      return e.slice('data: '.length)
    })
}

describe('fake-openai', () => {
  it('answers a chat completion in OpenAI’s shape, with usage', async () => {
    server.fake.setScript([{ content: 'Hi!' }])
    const res = await post(chat)
    expect(res.status).toBe(200)
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi!', refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: { completion_tokens: 1, prompt_tokens: expect.any(Number), total_tokens: expect.any(Number), prompt_tokens_details: { cached_tokens: 0 } }
    })
    expect(String(body.id)).toMatch(/^chatcmpl-/)
  })

  it('streams server-sent events: role first, content deltas, finish, usage, [DONE]', async () => {
    server.fake.setScript([{ content: 'abc', chunks: ['a', 'bc'] }])
    const res = await post({ ...chat, stream: true, stream_options: { include_usage: true } })
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const data = events(await res.text())
    expect(data.at(-1)).toBe('[DONE]')
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as { object: string; choices: Array<{ delta: Record<string, unknown>; finish_reason: string | null }>; usage: unknown })
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true)
    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '', refusal: null })
    expect(chunks.slice(1, 3).map((c) => c.choices[0]!.delta.content)).toEqual(['a', 'bc'])
    expect(chunks[3]!.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' })
    expect(chunks[4]).toMatchObject({ choices: [], usage: { completion_tokens: 1 } })
    expect(chunks.slice(0, 4).every((c) => c.usage === null)).toBe(true)
  })

  it('sends no usage chunk (and no usage field) unless asked', async () => {
    const data = events(await (await post({ ...chat, stream: true })).text())
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as Record<string, unknown>)
    expect(chunks.every((c) => !('usage' in c))).toBe(true)
  })

  it('records when it wrote the first streamed token (epoch ms, the machine clock), and none for a JSON answer', async () => {
    const before = Date.now()
    await (await post({ ...chat, stream: true })).text()
    const after = Date.now()
    const at = server.fake.requests[0]!.firstChunkAt
    expect(at).not.toBeNull()
    expect(at!).toBeGreaterThanOrEqual(before - 1)
    expect(at!).toBeLessThanOrEqual(after + 1)
    await (await post(chat)).json()
    expect(server.fake.requests[1]!.firstChunkAt).toBeNull()
  })

  it('rejects a missing or wrong key, an unknown route and a bad body like OpenAI', async () => {
    const wrong = await post(chat, 'sk-nope')
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_api_key', type: 'invalid_request_error' } })
    expect((await fetch(`${server.fake.url}/models`)).status).toBe(401)
    expect((await fetch(`${server.fake.url}/nope`, { headers: { Authorization: 'Bearer sk-ok' } })).status).toBe(404)
    const bad = await fetch(`${server.fake.url}/chat/completions`, { method: 'POST', headers: { Authorization: 'Bearer sk-ok' }, body: '{not json' })
    expect(bad.status).toBe(400)
    expect((await post({ model: 'gpt-4o-mini', messages: [] })).status).toBe(400)
  })

  it('refuses JSON mode when no message mentions JSON, as OpenAI does', async () => {
    const res = await post({ ...chat, response_format: { type: 'json_object' } })
    expect(res.status).toBe(400)
    expect((await post({ ...chat, messages: [{ role: 'user', content: 'answer in JSON' }], response_format: { type: 'json_object' } })).status).toBe(200)
  })

  it('sends Retry-After on a rate limit', async () => {
    server.fake.setScript([{ fault: { kind: 'rateLimit', retryAfterSeconds: 3, retryAfterMs: 2500 } }])
    const res = await post(chat)
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('3')
    expect(res.headers.get('retry-after-ms')).toBe('2500')
  })

  it('uses the script in order, then a standing fault, then the default reply', async () => {
    server.fake.setScript([{ content: 'one' }])
    server.fake.setFault({ kind: 'serverError', status: 502 })
    expect((await post(chat)).status).toBe(200)
    expect((await post(chat)).status).toBe(502)
    server.fake.setFault(null)
    server.fake.setDefaultReply('default!')
    expect(await (await post(chat)).json()).toMatchObject({ choices: [{ message: { content: 'default!' } }] })
  })

  it('answers JSON mode with {"ok":true}, or the default JSON reply when one is set', async () => {
    const json = { ...chat, messages: [{ role: 'user', content: 'Reply in JSON.' }], response_format: { type: 'json_object' } }
    expect(await (await post(json)).json()).toMatchObject({ choices: [{ message: { content: '{"ok":true}' } }] })
    server.fake.setDefaultJsonReply('{"score":7}')
    expect(await (await post(json)).json()).toMatchObject({ choices: [{ message: { content: '{"score":7}' } }] })
    expect(await (await post(chat)).json()).toMatchObject({ choices: [{ message: { content: 'Hello from fake-openai.' } }] })
  })

  it('cuts a truncated stream after the given chunks, with no finish and no [DONE]', async () => {
    server.fake.setScript([{ content: 'abcdef', chunks: ['ab', 'cd', 'ef'], fault: { kind: 'truncatedStream', afterChunks: 2 } }])
    const res = await post({ ...chat, stream: true })
    let text = ''
    const decoder = new TextDecoder()
    await expect(
      (async () => {
        for await (const part of res.body as AsyncIterable<Uint8Array>) text += decoder.decode(part, { stream: true })
      })()
    ).rejects.toThrow()
    expect(text).toContain('"content":"cd"')
    expect(text).not.toContain('"ef"')
    expect(text).not.toContain('[DONE]')
    expect(server.fake.requests[0]).toMatchObject({ chunksSent: 2, finished: false, closedEarly: true })
  })

  it('logs each request with its body, key header and outcome', async () => {
    const jsonChat = { ...chat, messages: [{ role: 'user', content: 'Reply in JSON' }], response_format: { type: 'json_object' } }
    await post(jsonChat)
    expect(server.fake.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      authorization: 'Bearer sk-ok',
      body: { response_format: { type: 'json_object' } },
      status: 200,
      finished: true,
      stream: false
    })
    expect(await (await post(jsonChat)).json()).toMatchObject({ choices: [{ message: { content: '{"ok":true}' } }] })
  })

  it('lists models, and refuses a model it does not serve when given a list', async () => {
    const res = await fetch(`${server.fake.url}/models`, { headers: { Authorization: 'Bearer sk-ok' } })
    expect(await res.json()).toMatchObject({ object: 'list', data: expect.arrayContaining([expect.objectContaining({ id: 'gpt-4o-mini', object: 'model' })]) })
    const picky = await startFakeOpenAi({ models: ['llama3'] })
    try {
      const r = await fetch(`${picky.url}/chat/completions`, { method: 'POST', headers: { Authorization: 'Bearer x' }, body: JSON.stringify(chat) })
      expect(r.status).toBe(404)
      expect(await r.json()).toMatchObject({ error: { code: 'model_not_found' } })
    } finally {
      await picky.close()
    }
  })

  it('closes promptly with a request still waiting on a delay', async () => {
    const other = await startFakeOpenAi()
    other.setFault({ kind: 'delay', ms: 60_000 })
    const pending = fetch(`${other.url}/chat/completions`, { method: 'POST', headers: { Authorization: 'Bearer x' }, body: JSON.stringify(chat) }).catch((e: unknown) => e)
    await vi.waitFor(() => expect(other.requests).toHaveLength(1))
    const started = Date.now()
    await other.close()
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(await pending).toBeInstanceOf(Error)
  })
})

describe('fake-openai CLI', () => {
  it('starts on the given port, serves requests and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/fake-openai/cli.ts', '--port', '0', '--key', 'sk-cli'], { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'pipe'] })
    try {
      let out = ''
      child.stdout.on('data', (d: Buffer) => (out += d.toString()))
      await vi.waitFor(() => expect(out).toMatch(/OPENAI_BASE_URL=http:\/\/127\.0\.0\.1:\d+\/v1/), { timeout: 20_000, interval: 50 })
      const url = /OPENAI_BASE_URL=(\S+)/.exec(out)![1]!
      const res = await fetch(`${url}/models`, { headers: { Authorization: 'Bearer sk-cli' } })
      expect(res.status).toBe(200)
      child.stdin.write('500\n')
      await vi.waitFor(() => expect(out).toContain('next request: serverError'))
      const failed = await fetch(`${url}/chat/completions`, { method: 'POST', headers: { Authorization: 'Bearer sk-cli' }, body: JSON.stringify(chat) })
      expect(failed.status).toBe(500)
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
  }, 30_000)
})
