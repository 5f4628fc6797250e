/**
 * fake-openai: a local HTTP double of the OpenAI Chat Completions API for GigPilot's tests and
 * development, driven by the real `openai` SDK. Never shipped (electron-builder excludes tools/).
 *
 *   const fake = await startFakeOpenAi({ port: 0 })
 *   new OpenAI({ baseURL: fake.url, apiKey: 'sk-fake' })   // fake.url ends in /v1
 *   fake.setScript([{ content: '{"ok":true}' }, { fault: { kind: 'rateLimit', retryAfterSeconds: 1 } }])
 *   fake.setFault({ kind: 'serverError' })                  // every request until setFault(null)
 *   fake.requests                                           // what arrived, and how it ended
 *   await fake.close()
 *
 * Routes: POST /v1/chat/completions (JSON, or SSE when `stream: true`, with the usage chunk when
 * `stream_options.include_usage`), GET /v1/models. Responses follow OpenAI's shapes field for
 * field (ids, `object`, `created`, `system_fingerprint`, `usage` with the details objects,
 * `refusal`, `finish_reason`), and errors use OpenAI's `{ error: { message, type, param, code } }`.
 * Binds 127.0.0.1 only.
 */
import { randomUUID } from 'node:crypto'
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'

export type FakeFault =
  /** 429 with `Retry-After` (seconds) and/or `retry-after-ms`; `quota` sends OpenAI's insufficient_quota code. */
  | { kind: 'rateLimit'; retryAfterSeconds?: number; retryAfterMs?: number; quota?: boolean }
  | { kind: 'serverError'; status?: number }
  | { kind: 'unauthorized' }
  | { kind: 'modelNotFound' }
  /** Wait this long before answering (a client timeout shorter than this fires first). */
  | { kind: 'delay'; ms: number }
  /** Content that is not JSON, even in JSON mode. */
  | { kind: 'invalidJson'; content?: string }
  /** The answer is cut by the token limit: finish_reason "length". */
  | { kind: 'length' }
  /** A refusal: `message.refusal` (or `delta.refusal` when streamed), no content. */
  | { kind: 'refusal'; text?: string }
  /** Streamed: headers and [DONE], no chunks. Not streamed: an empty choices list. */
  | { kind: 'emptyStream' }
  /** Streamed: send this many content chunks, then drop the connection (no finish, no [DONE]). */
  | { kind: 'truncatedStream'; afterChunks: number }
  /** Streamed: send this many content chunks, then go silent with the connection open. */
  | { kind: 'stall'; afterChunks: number }
  /** Drop the connection before any response. */
  | { kind: 'drop' }

export interface FakeStep {
  /** The assistant's answer; split into `chunks` when streamed (default: about 4 characters each). */
  content?: string
  chunks?: string[]
  /** Pause between streamed chunks. */
  chunkDelayMs?: number
  /** Override the counted usage. */
  usage?: { prompt_tokens: number; completion_tokens: number }
  fault?: FakeFault
}

export interface FakeRequest {
  at: number
  method: string
  path: string
  authorization: string | null
  /** The parsed JSON body (chat completions). */
  body: Record<string, unknown> | null
  stream: boolean
  status: number
  /** Content chunks written (streamed requests). */
  chunksSent: number
  /**
   * When the first content chunk was handed to the socket (streamed requests), in epoch ms on the
   * machine's clock (`performance.timeOrigin + performance.now()`, Date.now()'s scale with a
   * fraction): "the provider's first token" for the drafting bench. null until then.
   */
  firstChunkAt: number | null
  /** The response was completed as planned. */
  finished: boolean
  /** The connection closed before the response was complete (the client went away, or a drop/truncate fault). */
  closedEarly: boolean
}

export interface FakeOpenAiOptions {
  port?: number
  /** Accepted API keys; default: any non-empty Bearer token. */
  apiKeys?: string[]
  /** Model ids served by GET /v1/models and accepted by completions; default: any model. */
  models?: string[]
}

export interface FakeOpenAi {
  /** Base URL to give the SDK, ending in /v1. */
  readonly url: string
  readonly requests: FakeRequest[]
  /** Steps used by the next requests, in order; when they run out, the default reply is used. */
  setScript(steps: FakeStep[]): void
  /** A fault for every request until `setFault(null)` (the script is used first). */
  setFault(fault: FakeFault | null): void
  /** The answer when neither a script step nor a fault applies (in JSON mode the default is {"ok":true}). */
  setDefaultReply(content: string): void
  /** The JSON-mode answer when neither a script step nor a fault applies (null: back to {"ok":true}). */
  setDefaultJsonReply(content: string | null): void
  clearRequests(): void
  close(): Promise<void>
}

const DEFAULT_MODELS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'gpt-5-mini']
const MAX_BODY = 4 * 1024 * 1024
const MAX_LOGGED = 5000

/** Deterministic stand-in for a tokenizer: about 4 characters a token, plus a little per message. */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4)
}

function promptTokens(body: Record<string, unknown>): number {
  const messages = Array.isArray(body.messages) ? (body.messages as Array<Record<string, unknown>>) : []
  let n = 3
  for (const m of messages) n += 4 + countTokens(typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? ''))
  return n
}

function splitChunks(text: string, size = 4): string[] {
  const out: string[] = []
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size))
  return out
}

function usageObject(prompt: number, completion: number): Record<string, unknown> {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 }
  }
}

function errorBody(message: string, type: string, code: string | null): string {
  return JSON.stringify({ error: { message, type, param: null, code } })
}

class FakeOpenAiServer implements FakeOpenAi {
  url = ''
  readonly requests: FakeRequest[] = []
  private script: FakeStep[] = []
  private fault: FakeFault | null = null
  private defaultReply = 'Hello from fake-openai.'
  private defaultJsonReply: string | null = null
  private readonly http: Server
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(private readonly opts: FakeOpenAiOptions) {
    this.http = createServer((req, res) => void this.handle(req, res))
    this.http.on('clientError', (_err, socket) => socket.destroy())
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject)
      this.http.listen(this.opts.port ?? 0, '127.0.0.1', () => {
        this.http.off('error', reject)
        resolve()
      })
    })
    this.url = `http://127.0.0.1:${(this.http.address() as AddressInfo).port}/v1`
  }

  setScript(steps: FakeStep[]): void {
    this.script = [...steps]
  }

  setFault(fault: FakeFault | null): void {
    this.fault = fault
  }

  setDefaultReply(content: string): void {
    this.defaultReply = content
  }

  setDefaultJsonReply(content: string | null): void {
    this.defaultJsonReply = content
  }

  clearRequests(): void {
    this.requests.length = 0
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve())
      this.http.closeAllConnections()
    })
  }

  /** setTimeout that close() cancels (a pending delay must not keep the process alive). */
  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t)
        resolve()
      }, ms)
      this.timers.add(t)
    })
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    const entry: FakeRequest = {
      at: Date.now(),
      method: req.method ?? 'GET',
      path,
      authorization: req.headers.authorization ?? null,
      body: null,
      stream: false,
      status: 0,
      chunksSent: 0,
      firstChunkAt: null,
      finished: false,
      closedEarly: false
    }
    this.requests.push(entry)
    if (this.requests.length > MAX_LOGGED) this.requests.shift()
    res.on('close', () => {
      if (!res.writableFinished) entry.closedEarly = true
    })
    try {
      if (!this.authorized(req)) {
        return this.sendError(res, entry, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key')
      }
      if (req.method === 'GET' && path === '/v1/models') return this.models(res, entry)
      if (req.method === 'POST' && path === '/v1/chat/completions') return await this.completions(req, res, entry)
      this.sendError(res, entry, 404, `Unknown request URL: ${req.method} ${path}.`, 'invalid_request_error', 'unknown_url')
    } catch (err) {
      const tooLarge = err instanceof BodyTooLargeError
      this.sendError(res, entry, tooLarge ? 413 : 500, `fake-openai: ${(err as Error).message}`, tooLarge ? 'invalid_request_error' : 'server_error', null)
    }
  }

  private authorized(req: IncomingMessage): boolean {
    const auth = req.headers.authorization ?? ''
    const key = auth.startsWith('Bearer ') ? auth.slice(7).trim() : ''
    if (!key) return false
    return this.opts.apiKeys ? this.opts.apiKeys.includes(key) : true
  }

  private models(res: ServerResponse, entry: FakeRequest): void {
    const data = (this.opts.models ?? DEFAULT_MODELS).map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake-openai' }))
    this.sendJson(res, entry, 200, { object: 'list', data })
  }

  private nextStep(): FakeStep {
    const step = this.script.shift()
    if (step) return step
    if (this.fault) return { fault: this.fault }
    return {}
  }

  private async completions(req: IncomingMessage, res: ServerResponse, entry: FakeRequest): Promise<void> {
    let body: Record<string, unknown>
    const raw = await readBody(req)
    try {
      body = JSON.parse(raw) as Record<string, unknown>
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('not an object')
    } catch {
      return this.sendError(res, entry, 400, 'We could not parse the JSON body of your request.', 'invalid_request_error', null)
    }
    entry.body = body
    entry.stream = body.stream === true
    const model = typeof body.model === 'string' ? body.model : ''
    if (!Array.isArray(body.messages) || body.messages.length === 0 || !model) {
      return this.sendError(res, entry, 400, "Missing required parameter: 'messages' or 'model'.", 'invalid_request_error', 'missing_required_parameter')
    }
    const jsonMode = (body.response_format as { type?: string } | undefined)?.type === 'json_object'
    if (jsonMode && !JSON.stringify(body.messages).toLowerCase().includes('json')) {
      // OpenAI's own rule for JSON mode.
      return this.sendError(res, entry, 400, "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", 'invalid_request_error', null)
    }
    const step = this.nextStep()
    const fault = step.fault
    if (fault?.kind === 'modelNotFound' || (this.opts.models && !this.opts.models.includes(model))) {
      return this.sendError(res, entry, 404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found')
    }
    if (fault) {
      switch (fault.kind) {
        case 'rateLimit': {
          const headers: Record<string, string> = {}
          if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds)
          if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs)
          return fault.quota
            ? this.sendError(res, entry, 429, 'You exceeded your current quota, please check your plan and billing details.', 'insufficient_quota', 'insufficient_quota', headers)
            : this.sendError(res, entry, 429, 'Rate limit reached for requests. Please try again later.', 'requests', 'rate_limit_exceeded', headers)
        }
        case 'serverError':
          return this.sendError(res, entry, fault.status ?? 500, 'The server had an error while processing your request. Sorry about that!', 'server_error', null)
        case 'unauthorized':
          return this.sendError(res, entry, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key')
        case 'drop':
          entry.status = 0
          req.socket.destroy()
          return
        case 'delay':
          await this.wait(fault.ms)
          if (res.destroyed) return
          break
        default:
          break
      }
    }
    let content = step.content ?? (jsonMode ? (this.defaultJsonReply ?? '{"ok":true}') : this.defaultReply)
    if (fault?.kind === 'invalidJson') content = fault.content ?? 'Sure! Here is the analysis you asked for: skills look great.'
    const refusal = fault?.kind === 'refusal' ? (fault.text ?? "I'm sorry, but I can't help with that request.") : null
    const finishReason = fault?.kind === 'length' ? 'length' : 'stop'
    const prompt = step.usage?.prompt_tokens ?? promptTokens(body)
    const completion = step.usage?.completion_tokens ?? countTokens(refusal ?? content)
    const id = `chatcmpl-${randomUUID().replace(/-/g, '').slice(0, 24)}`
    const created = Math.floor(Date.now() / 1000)

    if (!entry.stream) {
      if (fault?.kind === 'emptyStream') {
        return this.sendJson(res, entry, 200, { id, object: 'chat.completion', created, model, choices: [], usage: usageObject(prompt, 0), system_fingerprint: 'fp_fake' })
      }
      return this.sendJson(res, entry, 200, {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: refusal ? null : content, refusal, annotations: [] },
            logprobs: null,
            finish_reason: finishReason
          }
        ],
        usage: usageObject(prompt, completion),
        service_tier: 'default',
        system_fingerprint: 'fp_fake'
      })
    }
    await this.streamCompletion(res, entry, { id, created, model, body, step, content, refusal, finishReason, prompt, completion })
  }

  private async streamCompletion(
    res: ServerResponse,
    entry: FakeRequest,
    p: {
      id: string
      created: number
      model: string
      body: Record<string, unknown>
      step: FakeStep
      content: string
      refusal: string | null
      finishReason: string
      prompt: number
      completion: number
    }
  ): Promise<void> {
    const includeUsage = (p.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true
    const fault = p.step.fault
    entry.status = 200
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive' })
    const base = { id: p.id, object: 'chat.completion.chunk', created: p.created, model: p.model, service_tier: 'default', system_fingerprint: 'fp_fake' }
    // Each event is flushed before the next step, so a drop fault cuts after exactly the chunks sent.
    const write = (choices: unknown[]): Promise<void> =>
      new Promise((resolve) => {
        res.write(`data: ${JSON.stringify({ ...base, choices, ...(includeUsage ? { usage: null } : {}) })}\n\n`, () => resolve())
      })
    if (fault?.kind === 'emptyStream') {
      res.end('data: [DONE]\n\n')
      entry.finished = true
      return
    }
    await write([{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }])
    const pieces = p.refusal ? splitChunks(p.refusal, 8) : (p.step.chunks ?? splitChunks(p.content))
    for (let i = 0; i < pieces.length; i++) {
      if (res.destroyed) return
      if (fault?.kind === 'truncatedStream' && i >= fault.afterChunks) {
        res.socket?.destroy()
        return
      }
      if (fault?.kind === 'stall' && i >= fault.afterChunks) return // the client's timeout, or close(), ends it
      const delta = p.refusal ? { refusal: pieces[i] } : { content: pieces[i] }
      if (entry.firstChunkAt === null) entry.firstChunkAt = performance.timeOrigin + performance.now()
      await write([{ index: 0, delta, logprobs: null, finish_reason: null }])
      entry.chunksSent++
      if (p.step.chunkDelayMs) await this.wait(p.step.chunkDelayMs)
    }
    if (res.destroyed) return
    if (fault?.kind === 'truncatedStream' || fault?.kind === 'stall') {
      // Fewer chunks than the cut point: still cut before the finish.
      if (fault.kind === 'truncatedStream') res.socket?.destroy()
      return
    }
    await write([{ index: 0, delta: {}, logprobs: null, finish_reason: p.finishReason }])
    if (includeUsage) res.write(`data: ${JSON.stringify({ ...base, choices: [], usage: usageObject(p.prompt, p.completion) })}\n\n`)
    res.end('data: [DONE]\n\n')
    entry.finished = true
  }

  private sendJson(res: ServerResponse, entry: FakeRequest, status: number, value: unknown, headers: Record<string, string> = {}): void {
    this.send(res, entry, status, JSON.stringify(value), headers)
  }

  private sendError(res: ServerResponse, entry: FakeRequest, status: number, message: string, type: string, code: string | null, headers: Record<string, string> = {}): void {
    this.send(res, entry, status, errorBody(message, type, code), headers)
  }

  private send(res: ServerResponse, entry: FakeRequest, status: number, body: string, headers: Record<string, string>): void {
    entry.status = status
    if (res.headersSent || res.destroyed) return
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), 'x-request-id': `req_${randomUUID().slice(0, 8)}`, ...headers })
    res.end(body)
    entry.finished = true
  }
}

class BodyTooLargeError extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new BodyTooLargeError(`body larger than ${MAX_BODY} bytes`)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const server = new FakeOpenAiServer(options)
  await server.listen()
  return server
}
