import { inEnglish, text, type MessageKey, type UserText } from '@shared/i18n'
import { AppError } from '../core/app-error'

/**
 * Every failure the Upwork layer reports, with a stable `code` the UI and callers branch on and a
 * `message` in plain words for the user. Messages never contain tokens, codes or secrets.
 */
export type UpworkErrorCode =
  /** 401 "Authentication failed" that survived one refresh + retry. */
  | 'auth'
  | 'forbidden'
  | 'rate_limited'
  | 'server'
  | 'network'
  /** HTTP 200 with an `errors` array. */
  | 'graphql'
  /** HTTP 200, "doesn't have enough oauth2 permissions/scopes": the key lacks a scope. */
  | 'scope'
  /** Not JSON, or JSON that does not have the shape we asked for. */
  | 'malformed'
  | 'bad_request'
  | 'not_found'
  | 'budget_exhausted'
  | 'reconnect_needed'
  | 'not_connected'
  | 'not_configured'
  | 'invalid_input'
  /** The OAuth sign-in failed (refused, timed out, cancelled, bad token response…). */
  | 'oauth'
  /** The token endpoint answered invalid_client: the API key (client ID/secret) is wrong or revoked. */
  | 'key_rejected'
  | 'port_in_use'
  | 'timeout'
  | 'cancelled'

export interface UpworkErrorDetails {
  status?: number
  /** For rate_limited: how long Upwork asked us to wait. */
  retryAfterMs?: number
  /** GraphQL `data` that came back alongside `errors` (partial results are kept). */
  data?: unknown
  graphqlErrors?: GraphQLErrorItem[]
  /**
   * True when a write may or may not have been processed (e.g. the connection dropped after the
   * request was sent). Callers must read back before any resend; nothing here resends.
   */
  outcomeUnknown?: boolean
  /**
   * The authorization server's own words (error_description), sanitized with cleanServerText;
   * already appended to `message` as "Upwork said: …". Kept apart so a UI that replaces `message`
   * with a translated text per `code` can still show it.
   */
  serverText?: string
  cause?: unknown
}

export interface GraphQLErrorItem {
  message: string
  path?: ReadonlyArray<string | number>
  extensions?: Record<string, unknown>
}

export class UpworkError extends AppError {
  readonly status?: number
  readonly retryAfterMs?: number
  readonly data?: unknown
  readonly graphqlErrors?: GraphQLErrorItem[]
  readonly outcomeUnknown: boolean
  readonly serverText?: string

  constructor(
    override readonly code: UpworkErrorCode,
    message: UserText | MessageKey,
    details: UpworkErrorDetails = {}
  ) {
    super(code, message, details.cause === undefined ? undefined : { cause: details.cause })
    this.name = 'UpworkError'
    this.status = details.status
    this.retryAfterMs = details.retryAfterMs
    this.data = details.data
    this.graphqlErrors = details.graphqlErrors
    this.outcomeUnknown = details.outcomeUnknown ?? false
    if (details.serverText) this.serverText = details.serverText
  }
}

/** Appends the authorization server's own words (sanitized first) to one of our messages. */
export function withServerText(message: UserText, serverText: string | null): UserText {
  return serverText ? text('upwork.err.withServerText', { message, serverText }) : message
}

export const RECONNECT_TEXT = text('upwork.err.reconnect')
export const RECONNECT_MESSAGE = inEnglish(RECONNECT_TEXT)

/** The refresh token no longer works: only a new sign-in helps, so calls fail fast with this. */
export class ReconnectNeededError extends UpworkError {
  /** `serverText`: Upwork's error_description, already sanitized; appended as "Upwork said: …". */
  constructor(options: { cause?: unknown; serverText?: string | null } = {}) {
    super('reconnect_needed', withServerText(RECONNECT_TEXT, options.serverText ?? null), {
      cause: options.cause,
      serverText: options.serverText ?? undefined
    })
    this.name = 'ReconnectNeededError'
  }
}

export const KEY_REJECTED_TEXT = text('upwork.err.keyRejected')
export const KEY_REJECTED_MESSAGE = inEnglish(KEY_REJECTED_TEXT)

/**
 * invalid_client from the token endpoint: the key itself is refused, so signing in again cannot
 * help; the user has to fix (or re-create) the key. `message` may end with Upwork's own words.
 */
export class KeyRejectedError extends UpworkError {
  constructor(options: { message?: UserText; status?: number; serverText?: string; cause?: unknown } = {}) {
    super('key_rejected', options.message ?? KEY_REJECTED_TEXT, {
      status: options.status,
      serverText: options.serverText,
      cause: options.cause
    })
    this.name = 'KeyRejectedError'
  }
}

export function isUpworkError(e: unknown, code?: UpworkErrorCode): e is UpworkError {
  return e instanceof UpworkError && (code === undefined || e.code === code)
}
