/**
 * The `LlmClient` port: what GigPilot's AI features (job analysis, drafting, replies) need from a
 * language model. One adapter implements it over the `openai` SDK (openai-client.ts), which with
 * a base URL serves OpenAI, Azure OpenAI (v1 API), Ollama, LM Studio and any OpenAI-compatible
 * server. Features depend on this interface, so tests and later providers can swap the adapter.
 *
 * The model only drafts text: nothing here gives it tools, and nothing it returns is executed.
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant'
  content: string
}

export interface CompletionRequest {
  messages: ChatMessage[]
  /**
   * Ask for a JSON object (`response_format: json_object`). OpenAI answers 400 unless some message
   * mentions JSON; `structured` takes care of that and validates the answer.
   */
  json?: boolean
  /** Overrides the client's model for this call. */
  model?: string
  temperature?: number
  /** Cap on the answer's tokens (bounds the cost of one call). */
  maxTokens?: number
}

export interface CallOptions {
  /** Cancels the call (and a stream mid-way). */
  signal?: AbortSignal
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number
}

export interface TokenUsage {
  promptTokens: number
  completionTokens: number
  totalTokens: number
  /** Prompt tokens the provider served from its cache (cheaper), when it says. */
  cachedPromptTokens: number
}

export interface CompletionResult {
  text: string
  /** null when the provider did not report usage (some local servers). */
  usage: TokenUsage | null
  /** The model that answered (as the provider names it). */
  model: string
  /** 'stop', 'length' (cut by maxTokens), … as the provider sent it. */
  finishReason: string | null
  /** The answer hit the token limit: it may be incomplete. */
  truncated: boolean
  durationMs: number
}

/**
 * A streamed answer: iterate for the text as it arrives; `result` settles when the stream ends
 * (with the whole text and the usage) or fails with the same LlmError the iteration throws
 * (`partialText` keeps what arrived). `cancel()` stops it, as does the call's AbortSignal.
 */
export interface LlmStream extends AsyncIterable<string> {
  readonly result: Promise<CompletionResult>
  cancel(): void
}

export interface LlmClient {
  /** The model calls use unless the request names another. */
  readonly model: string
  complete(request: CompletionRequest, options?: CallOptions): Promise<CompletionResult>
  stream(request: CompletionRequest, options?: CallOptions): LlmStream
  /** The model ids the provider offers: Settings → AI "Test connection". */
  listModels(options?: CallOptions): Promise<string[]>
}
