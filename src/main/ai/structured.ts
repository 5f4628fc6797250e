/**
 * Ask for JSON, check it against a zod schema, and retry once with the validation error fed back.
 * A second bad answer is an LlmError('invalid_output'): "The AI's answer was not in the expected
 * form twice; nothing was saved." Both calls' usage is reported (they were paid for), on success
 * in `calls` and on failure in the error's `calls`.
 *
 * This is the deterministic check security.md §6 asks for: whatever the model (or an injected
 * instruction in a job post) produces, only a value that passes the schema reaches the app.
 */
import { z } from 'zod'
import type { CallOptions, ChatMessage, CompletionResult, LlmClient, TokenUsage } from './llm-client'
import { LlmError } from './llm-errors'

export interface StructuredRequest<T> {
  messages: ChatMessage[]
  schema: z.ZodType<T>
  /** Add the JSON Schema to the system message: "Reply with one JSON object matching this JSON Schema: …" (default true). */
  describeSchema?: boolean
  model?: string
  temperature?: number
  maxTokens?: number
}

export interface StructuredResult<T> {
  value: T
  /** 1, or 2 when the first answer was rejected. */
  attempts: number
  /** Every completed call, for the AiCall log. */
  calls: CompletionResult[]
  /** The calls' usage added up; null if the provider reported none. */
  usage: TokenUsage | null
}

/** How much of a validation error is fed back (a huge bad answer must not blow up the retry prompt). */
const MAX_FEEDBACK_CHARS = 1_500

export async function structured<T>(client: LlmClient, request: StructuredRequest<T>, options: CallOptions = {}): Promise<StructuredResult<T>> {
  const messages = withSchemaHint(request.messages, request.describeSchema === false ? null : request.schema)
  const calls: CompletionResult[] = []
  let problem = ''
  for (let attempt = 1; attempt <= 2; attempt++) {
    let result: CompletionResult
    try {
      result = await client.complete({ messages, json: true, model: request.model, temperature: request.temperature, maxTokens: request.maxTokens }, options)
    } catch (err) {
      if (err instanceof LlmError) {
        // An empty or cut-off answer is a bad answer like any other: it gets the one retry.
        if (attempt === 1 && (err.code === 'empty' || err.code === 'truncated')) {
          problem = err.code === 'empty' ? 'The answer was empty.' : 'The answer was cut off.'
          messages.push({ role: 'user', content: retryPrompt(problem) })
          continue
        }
        throw new LlmError(err.code, { status: err.status, retryAfterMs: err.retryAfterMs, partialText: err.partialText, model: err.model, detail: err.detail, calls, cause: err })
      }
      throw err
    }
    calls.push(result)
    const parsed = parseAnswer(result.text, request.schema, result.truncated)
    if (parsed.ok) return { value: parsed.value, attempts: attempt, calls, usage: sumUsage(calls) }
    problem = parsed.problem
    messages.push({ role: 'assistant', content: result.text.slice(0, 20_000) }, { role: 'user', content: retryPrompt(problem) })
  }
  throw new LlmError('invalid_output', { detail: problem, calls })
}

function retryPrompt(problem: string): string {
  return `Your previous answer could not be used: ${problem}\nReply again with only one JSON object that matches the schema. No explanations, no code fences.`
}

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string }

/** JSON.parse (tolerating a ```json fence some models add) then the schema. */
export function parseAnswer<T>(text: string, schema: z.ZodType<T>, truncated = false): Parsed<T> {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(text)
  const body = (fenced ? fenced[1]! : text).trim()
  let data: unknown
  try {
    data = JSON.parse(body)
  } catch (err) {
    const why = truncated ? 'the answer was cut off by the token limit, so it is not complete JSON.' : `it is not valid JSON (${(err as Error).message}).`
    return { ok: false, problem: why.slice(0, MAX_FEEDBACK_CHARS) }
  }
  const checked = schema.safeParse(data)
  if (checked.success) return { ok: true, value: checked.data }
  const issues = checked.error.issues
    .slice(0, 10)
    .map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`)
    .join('; ')
  return { ok: false, problem: `it does not match the schema (${issues}).`.slice(0, MAX_FEEDBACK_CHARS) }
}

/**
 * Adds the schema (or, without one, just "Reply with one JSON object.") to the system message.
 * OpenAI refuses JSON mode (400) unless a message mentions JSON, so without a schema the short
 * hint is still added when no message says "JSON".
 */
function withSchemaHint(messages: readonly ChatMessage[], schema: z.ZodType | null): ChatMessage[] {
  let described = ''
  if (schema) {
    try {
      described = JSON.stringify(z.toJSONSchema(schema))
    } catch {
      described = ''
    }
  } else if (messages.some((m) => /json/i.test(m.content))) {
    return [...messages]
  }
  const hint = described ? `Reply with one JSON object matching this JSON Schema: ${described}` : 'Reply with one JSON object.'
  const out = [...messages]
  const i = out.findIndex((m) => m.role === 'system')
  if (i >= 0) out[i] = { role: 'system', content: `${out[i]!.content}\n\n${hint}` }
  else out.unshift({ role: 'system', content: hint })
  return out
}

export function sumUsage(calls: readonly CompletionResult[]): TokenUsage | null {
  const known = calls.filter((c) => c.usage !== null)
  if (known.length === 0) return null
  return known.reduce<TokenUsage>(
    (a, c) => ({
      promptTokens: a.promptTokens + c.usage!.promptTokens,
      completionTokens: a.completionTokens + c.usage!.completionTokens,
      totalTokens: a.totalTokens + c.usage!.totalTokens,
      cachedPromptTokens: a.cachedPromptTokens + c.usage!.cachedPromptTokens
    }),
    { promptTokens: 0, completionTokens: 0, totalTokens: 0, cachedPromptTokens: 0 }
  )
}
