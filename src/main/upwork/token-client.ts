import { text as userText, type UserText } from '@shared/i18n'
import { z } from 'zod'
import { redact, REDACTED } from '../logging/redact'
import { KEY_REJECTED_TEXT, UpworkError, withServerText } from './errors'
import { stripInvisible } from './sanitize'

/**
 * The two calls to Upwork's token endpoint: exchanging an authorization code and refreshing.
 * Form-encoded POST with client_id + client_secret in the body (upwork-api.md §1, the SDKs'
 * `authorizationMethod: 'body'`). Replies are validated; anything odd becomes a clear error and
 * nothing is stored by the callers. Neither call is retried here: a refresh that reached Upwork
 * may already have rotated the refresh token.
 */

export interface TokenSet {
  accessToken: string
  /**
   * Null when the reply carried none (missing or ""). On refresh that means "keep the previous one"
   * (RFC 6749 §6: the server may choose not to rotate); after a sign-in, the session ends when the
   * access token expires.
   */
  refreshToken: string | null
  /** Epoch ms. */
  expiresAt: number
  /** What was defaulted or corrected in the reply (for the log; never token values). */
  adjustments?: string[]
}

/** A refusal from the token endpoint with an OAuth `error` value (e.g. invalid_grant). */
export class OAuthTokenError extends UpworkError {
  constructor(
    readonly oauthError: string,
    message: UserText,
    status: number,
    /** The server's error_description, sanitized (see `cleanServerText`); null if it sent none. */
    readonly description: string | null = null
  ) {
    // invalid_client is about the key, not the sign-in: its own code, so nobody says "sign in again".
    super(oauthError === 'invalid_client' ? 'key_rejected' : 'oauth', message, { status, serverText: description ?? undefined })
    this.name = 'OAuthTokenError'
  }
}

/**
 * Used when a reply's expires_in is missing or unusable (0, negative, not a number): short, so a
 * wrong guess costs one early refresh rather than a day of 401s.
 */
export const FALLBACK_ACCESS_TOKEN_TTL_SECONDS = 3_600
/** Upwork documents a 24 h access token; a longer claim is capped so we refresh at least daily. */
export const MAX_ACCESS_TOKEN_TTL_SECONDS = 86_400

/** RFC 6750 §2.1 b64token is narrower; this only refuses what could never go in a header. */
const USABLE_TOKEN = /^[\x21-\x7e]{1,8192}$/

/**
 * Only a usable access_token is required. Every other field is read leniently below, because a
 * refresh reply carries a rotated refresh token and dropping the whole reply loses it.
 */
const tokenResponseSchema = z.object({
  access_token: z.string().regex(USABLE_TOKEN),
  refresh_token: z.unknown().optional(),
  token_type: z.union([z.string(), z.null()]).optional(),
  expires_in: z.unknown().optional()
})

const oauthErrorSchema = z.object({ error: z.string().min(1).max(100), error_description: z.unknown().optional() })

/** The longest piece of server text (error_description) passed on to the user. */
export const MAX_SERVER_TEXT_CHARS = 300

/**
 * Text from the authorization server (error_description) made safe to show as plain text: control
 * and bidi/invisible characters removed, whitespace collapsed, credentials redacted (the exact
 * values of this request, then credential shapes), length capped. Null when nothing is left.
 * The result is text for the app's UI; it is never put into the loopback HTML page.
 */
/** C0, DEL and C1 controls and the line/paragraph separators become spaces: one line of text. */
function controlsToSpaces(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    out += c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 ? ' ' : text[i]
  }
  return out
}

export function cleanServerText(raw: unknown, secrets: readonly string[] = []): string | null {
  if (typeof raw !== 'string') return null
  // Collapse white space BEFORE cutting: padding must not pull text from past a cut into view.
  let text = controlsToSpaces(stripInvisible(raw.slice(0, 64 * 1024)))
    .replace(/\s+/g, ' ')
    .slice(0, 4 * MAX_SERVER_TEXT_CHARS)
  for (const secret of secrets) {
    if (secret.length < 4) continue
    text = text.split(secret).join(REDACTED)
    // A secret cut in two by a slice above leaves its beginning at the end of the text.
    for (let k = Math.min(secret.length - 1, text.length); k >= 4; k--) {
      if (text.endsWith(secret.slice(0, k))) {
        text = text.slice(0, text.length - k) + REDACTED
        break
      }
    }
  }
  text = redact(text).replace(/\s+/g, ' ').trim()
  if (!text) return null
  if (text.length > MAX_SERVER_TEXT_CHARS) {
    const code = text.charCodeAt(MAX_SERVER_TEXT_CHARS - 2)
    text = text.slice(0, code >= 0xd800 && code <= 0xdbff ? MAX_SERVER_TEXT_CHARS - 2 : MAX_SERVER_TEXT_CHARS - 1) + '…'
  }
  return text
}

export interface TokenClientDeps {
  fetch: typeof fetch
  now: () => number
  timeoutMs?: number
}

export interface ClientCredentials {
  clientId: string
  clientSecret: string
}

export function exchangeAuthorizationCode(
  deps: TokenClientDeps,
  tokenUrl: string,
  params: ClientCredentials & { code: string; redirectUri: string; codeVerifier?: string },
  signal?: AbortSignal
): Promise<TokenSet> {
  const form: Record<string, string> = {
    grant_type: 'authorization_code',
    code: params.code,
    redirect_uri: params.redirectUri,
    client_id: params.clientId,
    client_secret: params.clientSecret
  }
  if (params.codeVerifier) form.code_verifier = params.codeVerifier
  return postTokenRequest(deps, tokenUrl, form, signal)
}

export function refreshAccessToken(
  deps: TokenClientDeps,
  tokenUrl: string,
  params: ClientCredentials & { refreshToken: string },
  signal?: AbortSignal
): Promise<TokenSet> {
  return postTokenRequest(
    deps,
    tokenUrl,
    {
      grant_type: 'refresh_token',
      refresh_token: params.refreshToken,
      client_id: params.clientId,
      client_secret: params.clientSecret
    },
    signal
  )
}

async function postTokenRequest(
  deps: TokenClientDeps,
  tokenUrl: string,
  form: Record<string, string>,
  signal?: AbortSignal
): Promise<TokenSet> {
  const timeout = AbortSignal.timeout(deps.timeoutMs ?? 30_000)
  let response: Response
  try {
    response = await deps.fetch(tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      redirect: 'error'
    })
  } catch (cause) {
    if (signal?.aborted) throw new UpworkError('cancelled', 'upwork.err.signInCancelled', { cause })
    throw new UpworkError(
      'network',
      'upwork.err.signInUnreachable',
      { cause }
    )
  }

  const text = await response.text().catch(() => '')
  const json = safeJson(text)

  if (!response.ok) {
    const oauth = oauthErrorSchema.safeParse(json)
    if (oauth.success && (response.status === 400 || response.status === 401)) {
      const description = cleanServerText(oauth.data.error_description, Object.values(form))
      throw new OAuthTokenError(
        oauth.data.error,
        withServerText(describeOAuthError(oauth.data.error), description),
        response.status,
        description
      )
    }
    if (response.status === 429) {
      throw new UpworkError('rate_limited', 'upwork.err.signInRateLimited', {
        status: 429
      })
    }
    if (response.status >= 500) {
      throw new UpworkError('server', userText('upwork.err.signInServer', { status: response.status }), {
        status: response.status
      })
    }
    throw new UpworkError('oauth', userText('upwork.err.signInRefusedStatus', { status: response.status }), {
      status: response.status
    })
  }

  const parsed = tokenResponseSchema.safeParse(json)
  if (!parsed.success) {
    throw new UpworkError(
      'malformed',
      'upwork.err.signInUnreadable',
      { status: response.status }
    )
  }
  const reply = parsed.data
  const adjustments: string[] = []
  // RFC 6749 §7.1: the type is case-insensitive. Missing: Upwork only issues Bearer tokens.
  const tokenType = reply.token_type ?? ''
  if (tokenType === '') adjustments.push('token_type missing: assumed Bearer')
  else if (tokenType.toLowerCase() !== 'bearer') {
    const shown = /^[A-Za-z0-9_.-]{1,40}$/.test(tokenType) ? userText('upwork.err.tokenType', { type: tokenType }) : userText('upwork.err.tokenTypeUnknown')
    throw new UpworkError(
      'oauth',
      shown,
      { status: response.status }
    )
  }
  const refreshToken = typeof reply.refresh_token === 'string' && USABLE_TOKEN.test(reply.refresh_token) ? reply.refresh_token : null
  if (refreshToken === null && reply.refresh_token !== undefined && reply.refresh_token !== null) {
    adjustments.push(reply.refresh_token === '' ? 'refresh_token empty' : 'refresh_token unusable')
  }
  const ttl = accessTokenTtlSeconds(reply.expires_in, adjustments)
  return {
    accessToken: reply.access_token,
    refreshToken,
    expiresAt: deps.now() + ttl * 1000,
    ...(adjustments.length > 0 ? { adjustments } : {})
  }
}

/** Seconds: a number or a numeric string; fractions rounded down, out-of-range values defaulted or capped. */
function accessTokenTtlSeconds(raw: unknown, adjustments: string[]): number {
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN
  if (raw === undefined || raw === null) {
    adjustments.push('expires_in missing')
    return FALLBACK_ACCESS_TOKEN_TTL_SECONDS
  }
  if (!Number.isFinite(value) || value < 1) {
    adjustments.push('expires_in unusable')
    return FALLBACK_ACCESS_TOKEN_TTL_SECONDS
  }
  if (value > MAX_ACCESS_TOKEN_TTL_SECONDS) {
    adjustments.push('expires_in capped')
    return MAX_ACCESS_TOKEN_TTL_SECONDS
  }
  if (!Number.isInteger(value)) adjustments.push('expires_in rounded')
  return Math.floor(value)
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function describeOAuthError(error: string): UserText {
  switch (error) {
    case 'invalid_grant':
      return userText('upwork.err.invalidGrant')
    case 'invalid_client':
      return KEY_REJECTED_TEXT
    case 'redirect_uri_mismatch':
    case 'invalid_request':
      return userText('upwork.err.signInRefusedCheckCallback', { error })
    default:
      return /^[a-z_]{1,60}$/.test(error) ? userText('upwork.err.signInRefusedCode', { error }) : userText('upwork.err.signInRefused')
  }
}
