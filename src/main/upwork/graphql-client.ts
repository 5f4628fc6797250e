import { Kind, parse, type DocumentNode } from 'graphql'
import { text as userText } from '@shared/i18n'
import { z } from 'zod'
import { AppError } from '../core/app-error'
import type { Logger } from '../logging/logger'
import type { Clock } from '../ports/clock'
import { ReconnectNeededError, UpworkError, type GraphQLErrorItem, type UpworkErrorCode } from './errors'
import { realSleep } from './rate-limiter'
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, type RetryPolicy } from './retry-policy'
import { stripInvisible } from './sanitize'
import type { AccessTokenSource } from './token-manager'

/**
 * The one way GigPilot talks to Upwork's API: POST {query, variables} as JSON to the GraphQL URL
 * with `Authorization: Bearer` and, when the user picked an organization, `X-Upwork-API-TenantId`.
 *
 * Every request first passes the RateLimiter (per-second window + hourly/daily budgets). Failures
 * become an UpworkError with a stable code:
 *   401 → one token refresh and one retry (reads), then reconnect_needed;  403 → forbidden;
 *   429 → rate_limited;  5xx → server;  fetch failure / timeout → network;
 *   200 + errors → graphql (scope when the key lacks a permission; partial `data` is kept);
 *   unreadable body → malformed.
 * Reads (queries) retry network errors, 408, 429 and 5xx (retry-policy.ts). Writes (mutations)
 * are sent exactly once: once a request may have reached Upwork, resending could post a message
 * twice, so the error is surfaced (with `outcomeUnknown` when Upwork may have processed it) and the
 * caller reads back before any resend. A 401 on a write refreshes the token but does not resend.
 */

export type OperationKind = 'query' | 'mutation'

export interface GraphQLResponse<T = Record<string, unknown>> {
  data: T | null
  /** Errors that came with usable data (when there is no data at all, request() throws instead). */
  errors: GraphQLErrorItem[]
}

export interface RequestOptions {
  /** Sent as `operationName` and used in logs. */
  operationName?: string
  /** Defaults to what the document says; anything that looks like a mutation is treated as one. */
  kind?: OperationKind
  signal?: AbortSignal
}

/** What the client needs from the rate limiter. */
export interface RequestGate {
  acquire(): Promise<void>
}

export interface GraphQLClientDeps {
  endpoint: () => string
  /** The organization to act for (X-Upwork-API-TenantId); null = the user's default organization. */
  tenantId: () => string | null | Promise<string | null>
  tokens: AccessTokenSource
  limiter: RequestGate
  logger: Logger
  clock: Clock
  fetch?: typeof fetch
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  timeoutMs?: number
  retryPolicy?: Partial<RetryPolicy>
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000

const envelopeSchema = z.object({
  data: z.record(z.string(), z.unknown()).nullable().optional(),
  errors: z
    .array(
      z.looseObject({
        message: z.string(),
        path: z.array(z.union([z.string(), z.number()])).optional().nullable(),
        extensions: z.record(z.string(), z.unknown()).optional().nullable()
      })
    )
    .optional()
    .nullable()
})

const SCOPE_ERROR = /doesn't have enough oauth2 permissions\/scopes|does not have enough oauth2 permissions|oauth2 permissions\/scopes/i

/** One attempt's failure, before deciding whether to retry. */
interface AttemptFailure {
  error: UpworkError
  retryable: boolean
  retryAfterMs?: number
}

export class GraphQLClient {
  private readonly fetchFn: typeof fetch
  private readonly sleep: (ms: number) => Promise<void>
  private readonly policy: RetryPolicy
  private sent = 0

  constructor(private readonly deps: GraphQLClientDeps) {
    this.fetchFn = deps.fetch ?? globalThis.fetch.bind(globalThis)
    this.sleep = deps.sleep ?? realSleep
    this.policy = { ...DEFAULT_RETRY_POLICY, ...deps.retryPolicy }
  }

  /** HTTP requests sent so far (every attempt counts), for diagnostics and request budgeting. */
  get requestCount(): number {
    return this.sent
  }

  /** A read. A document containing a mutation is refused here, before anything is sent. */
  async query<T = Record<string, unknown>>(
    document: string,
    variables: Record<string, unknown> = {},
    options: Omit<RequestOptions, 'kind'> = {}
  ): Promise<GraphQLResponse<T>> {
    refuseWrite(document, options.operationName)
    return this.request<T>(document, variables, { ...options, kind: 'query' })
  }

  mutate<T = Record<string, unknown>>(
    document: string,
    variables: Record<string, unknown> = {},
    options: Omit<RequestOptions, 'kind'> = {}
  ): Promise<GraphQLResponse<T>> {
    return this.request<T>(document, variables, { ...options, kind: 'mutation' })
  }

  async request<T = Record<string, unknown>>(
    document: string,
    variables: Record<string, unknown> = {},
    options: RequestOptions = {}
  ): Promise<GraphQLResponse<T>> {
    // A document containing any mutation is a write, whatever the caller said.
    const kind: OperationKind = detectOperationKind(document) === 'mutation' ? 'mutation' : (options.kind ?? 'query')
    const name = options.operationName ?? 'anonymous'
    const log = this.deps.logger
    let refreshedAfter401 = false
    let retries = 0

    for (;;) {
      const token = await this.deps.tokens.getAccessToken()
      await this.deps.limiter.acquire()
      const result = await this.attempt(document, variables, options, kind, token)
      if (!('error' in result)) return result as GraphQLResponse<T>
      const failure = result

      if (failure.error.status === 401) {
        if (refreshedAfter401) {
          await this.deps.tokens.markReconnectNeeded(`${name}: 401 after a token refresh`)
          throw new ReconnectNeededError({ cause: failure.error })
        }
        refreshedAfter401 = true
        log.info('Upwork said 401; refreshing the token once', { operation: name })
        await this.deps.tokens.handleUnauthorized(token)
        if (kind === 'mutation') {
          throw new UpworkError(
            'auth',
            'upwork.err.authNotCarriedOut',
            { status: 401 }
          )
        }
        continue
      }

      const canRetry = kind === 'query' && failure.retryable && retries + 1 < this.policy.maxAttempts
      if (!canRetry || options.signal?.aborted) {
        log.warn('Upwork request failed', {
          operation: name,
          kind,
          code: failure.error.code,
          status: failure.error.status,
          attempts: retries + 1
        })
        throw failure.error
      }
      if (failure.retryAfterMs !== undefined && failure.retryAfterMs > this.policy.maxRetryAfterMs) {
        log.warn('Upwork asked to wait longer than GigPilot waits inside a call', {
          operation: name,
          retryAfterMs: failure.retryAfterMs
        })
        throw failure.error
      }
      const delay = Math.max(backoffDelay(retries, this.policy, this.deps.random), failure.retryAfterMs ?? 0)
      log.info('Retrying an Upwork read', { operation: name, code: failure.error.code, delayMs: delay, retry: retries + 1 })
      retries++
      await this.sleep(delay)
    }
  }

  private async attempt(
    document: string,
    variables: Record<string, unknown>,
    options: RequestOptions,
    kind: OperationKind,
    token: string
  ): Promise<GraphQLResponse<unknown> | AttemptFailure> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      Authorization: `Bearer ${token}`
    }
    const tenantId = await this.deps.tenantId()
    if (tenantId) headers['X-Upwork-API-TenantId'] = tenantId
    const timeoutMs = this.deps.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
    const timeout = AbortSignal.timeout(timeoutMs)
    const body: Record<string, unknown> = { query: document, variables }
    if (options.operationName) body.operationName = options.operationName

    let response: Response
    let text: string
    this.sent++
    try {
      response = await this.fetchFn(this.deps.endpoint(), {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
        redirect: 'error'
      })
      text = await response.text()
    } catch (cause) {
      if (options.signal?.aborted) {
        return { error: new UpworkError('cancelled', 'upwork.err.requestCancelled', { cause }), retryable: false }
      }
      const timedOut = timeout.aborted
      const notSent = !timedOut && wasNeverSent(cause)
      return {
        error: new UpworkError(
          'network',
          timedOut
            ? userText('upwork.err.noAnswerWithin', { seconds: Math.round(timeoutMs / 1000) })
            : userText('upwork.err.unreachable'),
          { cause, outcomeUnknown: kind === 'mutation' && !notSent }
        ),
        retryable: true
      }
    }

    const status = response.status
    if (status < 200 || status >= 300) return this.httpFailure(response, text, kind)

    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      return {
        error: new UpworkError('malformed', 'upwork.err.unreadable', { status }),
        retryable: false
      }
    }
    const envelope = envelopeSchema.safeParse(json)
    const data = envelope.success ? (envelope.data.data ?? null) : null
    const errors = envelope.success ? normaliseErrors(envelope.data.errors ?? []) : []
    if (!envelope.success || (data === null && errors.length === 0)) {
      return {
        error: new UpworkError('malformed', 'upwork.err.unreadable', { status }),
        retryable: false
      }
    }
    if (errors.length > 0) {
      const error = graphQLErrorsToUpworkError(errors, data)
      if (data === null || Object.values(data).every((v) => v === null || v === undefined)) {
        return { error, retryable: false }
      }
      this.deps.logger.warn('Upwork returned partial data with errors', {
        operation: options.operationName ?? 'anonymous',
        code: error.code,
        errors: errors.length
      })
    }
    return { data, errors }
  }

  private httpFailure(response: Response, text: string, kind: OperationKind): AttemptFailure {
    const status = response.status
    const maybeProcessed = kind === 'mutation'
    if (status === 401) {
      return { error: new UpworkError('auth', 'upwork.err.authRefused', { status }), retryable: false }
    }
    if (status === 403) {
      return {
        error: new UpworkError(
          'forbidden',
          'upwork.err.forbidden',
          { status }
        ),
        retryable: false
      }
    }
    if (status === 404) {
      return { error: new UpworkError('not_found', 'upwork.err.notFound', { status }), retryable: false }
    }
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.deps.clock.now()) ?? undefined
      return {
        error: new UpworkError('rate_limited', 'upwork.err.rateLimited', {
          status,
          retryAfterMs
        }),
        retryable: true,
        retryAfterMs
      }
    }
    if (status === 408 || status >= 500) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.deps.clock.now()) ?? undefined
      return {
        error: new UpworkError(
          status === 408 ? 'network' : 'server',
          userText('upwork.err.serverStatus', { status }),
          { status, retryAfterMs, outcomeUnknown: maybeProcessed }
        ),
        retryable: true,
        retryAfterMs
      }
    }
    // 400 and other 4xx: our request was wrong; repeating it will not help.
    let graphqlErrors: GraphQLErrorItem[] | undefined
    try {
      const parsed = envelopeSchema.safeParse(JSON.parse(text))
      if (parsed.success && parsed.data.errors) graphqlErrors = normaliseErrors(parsed.data.errors)
    } catch {
      // not JSON: nothing to add
    }
    return {
      error: new UpworkError('bad_request', userText('upwork.err.badRequest', { status }), { status, graphqlErrors }),
      retryable: false
    }
  }
}

/** Turns an `errors` array from an HTTP 200 into one UpworkError, keeping partial data. */
export function graphQLErrorsToUpworkError(errors: GraphQLErrorItem[], data: unknown): UpworkError {
  const scope = errors.find((e) => SCOPE_ERROR.test(e.message))
  const code: UpworkErrorCode = scope ? 'scope' : 'graphql'
  const message = scope ? userText('upwork.err.scope') : userText('upwork.err.graphql', { detail: summarise(errors[0]?.message ?? 'unknown error') })
  return new UpworkError(code, message, { data: data ?? undefined, graphqlErrors: errors })
}

export function isScopeMessage(message: string): boolean {
  return SCOPE_ERROR.test(message)
}

function summarise(message: string): string {
  const clean = stripInvisible(message).replace(/\s+/g, ' ').trim()
  return clean.length > 300 ? `${clean.slice(0, 300)}…` : clean
}

function normaliseErrors(errors: z.infer<typeof envelopeSchema>['errors'] & object): GraphQLErrorItem[] {
  return errors.map((e) => ({
    message: e.message,
    ...(e.path ? { path: e.path } : {}),
    ...(e.extensions ? { extensions: e.extensions } : {})
  }))
}

/** Connection refused / DNS failure: the request never left, so even a write is known not to have happened. */
function wasNeverSent(cause: unknown): boolean {
  const code = (cause as { cause?: { code?: unknown } })?.cause?.code
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN'
}

/**
 * Throws `write_refused` (nothing is sent) when `document` is a write: for the read paths. Reaching
 * it is a bug (only the outbox sends, after a click), so it is an AppError, not an Upwork failure.
 */
export function refuseWrite(document: string, operationName = 'anonymous'): void {
  if (detectOperationKind(document) === 'mutation') {
    throw new AppError(
      'write_refused',
      userText('upwork.err.writeRefused', { operation: operationName })
    )
  }
}

/**
 * 'mutation' unless the document is, by GraphQL's own parser, nothing but queries (and fragments).
 * A text search cannot be trusted here: GraphQL treats commas as white space and `#` inside a
 * string is not a comment, so `,mutation{…}` reads as a mutation to Upwork but not to a regex.
 * A document that does not parse, or holds a subscription, counts as a write too: the read path
 * refuses it and nothing is ever retried on a guess.
 */
export function detectOperationKind(document: string): OperationKind {
  let parsed: DocumentNode
  try {
    parsed = parse(document, { noLocation: true })
  } catch {
    return 'mutation'
  }
  return parsed.definitions.every((d) => d.kind === Kind.FRAGMENT_DEFINITION || (d.kind === Kind.OPERATION_DEFINITION && d.operation === 'query'))
    ? 'query'
    : 'mutation'
}
