/**
 * The one `LlmClient` adapter: the official `openai` SDK (v6) pointed at any OpenAI-compatible
 * base URL (resolveAiBaseUrl). The caller passes the API key (read from the keychain; never
 * stored here or logged), the model, a timeout, and per call an AbortSignal.
 *
 * - Retries: the SDK's own (429 honouring Retry-After / retry-after-ms, 408/409/5xx, connection
 *   errors and timeouts, with backoff), `maxRetries` times; then the error is classified.
 * - Streams: usage is asked for (`stream_options.include_usage`), a stream that goes silent for
 *   `streamIdleTimeoutMs` is stopped (the SDK's timeout only covers the wait for headers), and a
 *   stream that ends without a finish reason is "truncated" with the partial text kept.
 * - The SDK's own logging is off (it could print request details); errors carry only the
 *   provider's message as `detail`.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, OpenAIError } from 'openai'
import type { ChatCompletionChunk, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions'
import type { CallOptions, CompletionRequest, CompletionResult, LlmClient, LlmStream, TokenUsage } from './llm-client'
import { LlmError, retryAfterMs } from './llm-errors'

export interface OpenAiClientConfig {
  /** e.g. https://api.openai.com/v1, http://127.0.0.1:11434/v1 (Ollama), http://127.0.0.1:1234/v1 (LM Studio), https://<res>.openai.azure.com/openai/v1 */
  baseUrl: string
  /** null/empty: allowed only for a server on this machine (Ollama, LM Studio need none). */
  apiKey: string | null
  model: string
  /** Per attempt, until the response starts (default 60 s). */
  timeoutMs?: number
  /** A started stream that sends nothing for this long is stopped (default: timeoutMs). */
  streamIdleTimeoutMs?: number
  /** SDK retries on 429/5xx/connection errors (default 2). */
  maxRetries?: number
  /** Ask streams for a final usage chunk (default true; turn off for a server that rejects stream_options). */
  streamUsage?: boolean
}

const DEFAULT_TIMEOUT_MS = 60_000

/** Loopback hosts: a local model server, where no API key is needed. */
export function isLocalAiEndpoint(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '')
    return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host)
  } catch {
    return false
  }
}

function isAzure(baseUrl: string): boolean {
  try {
    return new URL(baseUrl).hostname.endsWith('.openai.azure.com')
  } catch {
    return false
  }
}

export class OpenAiLlmClient implements LlmClient {
  readonly model: string
  private readonly sdk: OpenAI
  private readonly timeoutMs: number
  private readonly idleMs: number
  private readonly streamUsage: boolean
  private readonly hasKey: boolean
  /** OpenAI's own API wants max_completion_tokens (reasoning models reject max_tokens); other servers know max_tokens. */
  private readonly useMaxCompletionTokens: boolean

  constructor(private readonly config: OpenAiClientConfig) {
    const key = config.apiKey?.trim() ?? ''
    this.hasKey = key.length > 0 || isLocalAiEndpoint(config.baseUrl)
    this.model = config.model
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.idleMs = config.streamIdleTimeoutMs ?? this.timeoutMs
    this.streamUsage = config.streamUsage ?? true
    let host = ''
    try {
      host = new URL(config.baseUrl).hostname
    } catch {
      host = ''
    }
    this.useMaxCompletionTokens = host === 'api.openai.com' || isAzure(config.baseUrl)
    this.sdk = new OpenAI({
      baseURL: config.baseUrl,
      // The SDK refuses an empty key; a local server ignores this placeholder.
      apiKey: key || 'no-key-needed',
      // Explicit, so OPENAI_ORG_ID / OPENAI_PROJECT_ID in the environment are not picked up.
      organization: null,
      project: null,
      timeout: this.timeoutMs,
      maxRetries: config.maxRetries ?? 2,
      logLevel: 'off',
      ...(isAzure(config.baseUrl) && key ? { defaultHeaders: { 'api-key': key } } : {})
    })
  }

  async complete(request: CompletionRequest, options: CallOptions = {}): Promise<CompletionResult> {
    this.requireKey()
    const model = request.model ?? this.model
    const started = Date.now()
    let response
    try {
      response = await this.sdk.chat.completions.create(this.params(request, model), this.requestOptions(options))
    } catch (err) {
      throw classifyLlmError(err, { model, signal: options.signal })
    }
    const choice = response.choices?.[0]
    if (!choice) throw new LlmError('empty', { model, detail: 'no choices in the response' })
    const message = choice.message
    if (message?.refusal || choice.finish_reason === 'content_filter') {
      throw new LlmError('refused', { model, detail: message?.refusal ?? 'finish_reason: content_filter' })
    }
    const text = typeof message?.content === 'string' ? message.content : ''
    if (text.trim() === '') throw new LlmError('empty', { model })
    return {
      text,
      usage: toUsage(response.usage),
      model: response.model || model,
      finishReason: choice.finish_reason ?? null,
      truncated: choice.finish_reason === 'length',
      durationMs: Date.now() - started
    }
  }

  stream(request: CompletionRequest, options: CallOptions = {}): LlmStream {
    const controller = new AbortController()
    const external = options.signal
    const onAbort = (): void => controller.abort()
    if (external?.aborted) controller.abort()
    else external?.addEventListener('abort', onAbort, { once: true })

    let settled = false
    let settleResolve!: (r: CompletionResult) => void
    let settleReject!: (e: LlmError) => void
    const result = new Promise<CompletionResult>((resolve, reject) => {
      settleResolve = resolve
      settleReject = reject
    })
    const settle = {
      resolve: (r: CompletionResult): void => {
        if (settled) return
        settled = true
        settleResolve(r)
      },
      reject: (e: LlmError): void => {
        if (settled) return
        settled = true
        settleReject(e)
      }
    }
    // The caller may only iterate; a rejection nobody awaits must not crash the process.
    result.catch(() => undefined)

    const run = async function* (this: OpenAiLlmClient): AsyncGenerator<string, void, undefined> {
      const model = request.model ?? this.model
      const started = Date.now()
      let text = ''
      let refusal = ''
      let finishReason: string | null = null
      let usage: TokenUsage | null = null
      let answeredModel = model
      let idleTimedOut = false
      let idleTimer: NodeJS.Timeout | undefined
      const armIdle = (): void => {
        clearTimeout(idleTimer)
        idleTimer = setTimeout(() => {
          idleTimedOut = true
          controller.abort()
        }, this.idleMs)
      }
      const fail = (err: LlmError): LlmError => {
        settle.reject(err)
        return err
      }
      try {
        this.requireKey()
        const sdkStream = await this.sdk.chat.completions.create(
          {
            ...this.params(request, model),
            stream: true,
            ...(this.streamUsage ? { stream_options: { include_usage: true } } : {})
          },
          { ...this.requestOptions(options), signal: controller.signal }
        )
        armIdle()
        for await (const chunk of sdkStream as AsyncIterable<ChatCompletionChunk>) {
          armIdle()
          if (chunk.model) answeredModel = chunk.model
          if (chunk.usage) usage = toUsage(chunk.usage)
          const choice = chunk.choices?.[0]
          if (!choice) continue
          if (choice.finish_reason) finishReason = choice.finish_reason
          const delta = choice.delta
          if (delta?.refusal) refusal += delta.refusal
          if (delta?.content) {
            text += delta.content
            yield delta.content
          }
        }
        // The SDK ends the iteration quietly when it is aborted: say why.
        if (external?.aborted || (controller.signal.aborted && !idleTimedOut)) throw fail(new LlmError('cancelled', { model, partialText: text }))
        if (idleTimedOut) throw fail(new LlmError('timeout', { model, partialText: text, detail: `no data for ${this.idleMs} ms` }))
        if (refusal || finishReason === 'content_filter') throw fail(new LlmError('refused', { model, partialText: text, detail: refusal || 'content_filter' }))
        if (finishReason === null) {
          throw fail(text ? new LlmError('truncated', { model, partialText: text, detail: 'stream ended without a finish reason' }) : new LlmError('empty', { model }))
        }
        if (text.trim() === '') throw fail(new LlmError('empty', { model }))
        settle.resolve({ text, usage, model: answeredModel, finishReason, truncated: finishReason === 'length', durationMs: Date.now() - started })
      } catch (err) {
        if (err instanceof LlmError) {
          settle.reject(err)
          throw err
        }
        let classified: LlmError
        if (idleTimedOut) classified = new LlmError('timeout', { model, partialText: text, detail: `no data for ${this.idleMs} ms` })
        else {
          const base = classifyLlmError(err, { model, signal: external })
          // A connection lost after text arrived is a truncated answer, not a failed request.
          classified =
            text && (base.code === 'network' || base.code === 'bad_response' || base.code === 'unknown')
              ? new LlmError('truncated', { model, partialText: text, detail: base.detail, cause: err })
              : new LlmError(base.code, { model, partialText: text, status: base.status, retryAfterMs: base.retryAfterMs, detail: base.detail, cause: err })
        }
        settle.reject(classified)
        throw classified
      } finally {
        clearTimeout(idleTimer)
        external?.removeEventListener('abort', onAbort)
        // Leaving early (the consumer broke out of its loop) must also close the connection.
        controller.abort()
        settle.reject(new LlmError('cancelled', { model, partialText: text }))
      }
    }

    const iterator = run.call(this)
    let started = false
    return {
      result,
      cancel: () => {
        controller.abort()
        // Never read: nothing else would settle `result`.
        if (!started) settle.reject(new LlmError('cancelled', { model: request.model ?? this.model }))
      },
      [Symbol.asyncIterator]() {
        if (started) throw new LlmError('unknown', { detail: 'a stream can be read only once' })
        started = true
        return iterator
      }
    }
  }

  async listModels(options: CallOptions = {}): Promise<string[]> {
    this.requireKey()
    try {
      const ids: string[] = []
      for await (const m of this.sdk.models.list(this.requestOptions(options))) ids.push(m.id)
      return ids
    } catch (err) {
      throw classifyLlmError(err, { signal: options.signal })
    }
  }

  private requireKey(): void {
    if (!this.hasKey) throw new LlmError('no_key')
  }

  private params(request: CompletionRequest, model: string): ChatCompletionCreateParamsNonStreaming {
    return {
      model,
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      ...(request.json ? { response_format: { type: 'json_object' as const } } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.maxTokens !== undefined ? (this.useMaxCompletionTokens ? { max_completion_tokens: request.maxTokens } : { max_tokens: request.maxTokens }) : {})
    }
  }

  private requestOptions(options: CallOptions): { signal?: AbortSignal; timeout: number } {
    return { ...(options.signal ? { signal: options.signal } : {}), timeout: options.timeoutMs ?? this.timeoutMs }
  }
}

function toUsage(u: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } | null } | null | undefined): TokenUsage | null {
  if (!u) return null
  const promptTokens = u.prompt_tokens ?? 0
  const completionTokens = u.completion_tokens ?? 0
  return { promptTokens, completionTokens, totalTokens: u.total_tokens ?? promptTokens + completionTokens, cachedPromptTokens: u.prompt_tokens_details?.cached_tokens ?? 0 }
}

/** SDK, network and abort errors → one LlmError code (see llm-errors.ts). */
export function classifyLlmError(err: unknown, context: { model?: string; signal?: AbortSignal } = {}): LlmError {
  const { model } = context
  if (err instanceof LlmError) return err
  if (err instanceof APIUserAbortError || context.signal?.aborted) return new LlmError('cancelled', { model, cause: err })
  if (err instanceof APIConnectionTimeoutError) return new LlmError('timeout', { model, cause: err })
  if (err instanceof APIConnectionError) return new LlmError('network', { model, detail: String((err.cause as Error | undefined)?.message ?? err.message), cause: err })
  if (err instanceof APIError) {
    const status = err.status
    const body = (err.error ?? {}) as { code?: string | null; type?: string; message?: string }
    const detail = body.message ?? err.message
    if (status === undefined) return new LlmError('bad_response', { model, detail, cause: err })
    if (status === 401) return new LlmError('unauthorized', { model, status, detail, cause: err })
    if (status === 403) return new LlmError('forbidden', { model, status, detail, cause: err })
    if (status === 404) return new LlmError('model_not_found', { model, status, detail, cause: err })
    if (status === 429) {
      if (body.code === 'insufficient_quota' || body.type === 'insufficient_quota') return new LlmError('quota', { model, status, detail, cause: err })
      return new LlmError('rate_limited', { model, status, retryAfterMs: retryAfterMs(err.headers), detail, cause: err })
    }
    if (status === 408 || status === 409 || status >= 500) return new LlmError('server_error', { model, status, detail, cause: err })
    return new LlmError('bad_request', { model, status, detail, cause: err })
  }
  if (err instanceof SyntaxError) return new LlmError('bad_response', { model, detail: err.message, cause: err })
  if (err instanceof OpenAIError) return new LlmError('unknown', { model, detail: err.message, cause: err })
  // undici: "TypeError: terminated" / "fetch failed" when the connection drops.
  if (err instanceof TypeError) return new LlmError('network', { model, detail: err.message, cause: err })
  return new LlmError('unknown', { model, detail: err instanceof Error ? err.message : String(err), cause: err })
}
