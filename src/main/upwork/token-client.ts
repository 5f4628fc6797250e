import { z } from 'zod'
import { UpworkError } from './errors'

/**
 * The two calls to Upwork's token endpoint: exchanging an authorization code and refreshing.
 * Form-encoded POST with client_id + client_secret in the body (upwork-api.md §1, the SDKs'
 * `authorizationMethod: 'body'`). Replies are validated; anything odd becomes a clear error and
 * nothing is stored by the callers. Neither call is retried here: a refresh that reached Upwork
 * may already have rotated the refresh token.
 */

export interface TokenSet {
  accessToken: string
  /** Null only if Upwork sent none (then the session ends when the access token expires). */
  refreshToken: string | null
  /** Epoch ms. */
  expiresAt: number
}

/** A refusal from the token endpoint with an OAuth `error` value (e.g. invalid_grant). */
export class OAuthTokenError extends UpworkError {
  constructor(
    readonly oauthError: string,
    message: string,
    status: number
  ) {
    super('oauth', message, { status })
    this.name = 'OAuthTokenError'
  }
}

/** Upwork documents a 24 h access token; used only when a reply leaves out expires_in. */
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 86_400

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional().nullable(),
  token_type: z.string().optional().nullable(),
  // Some servers send numbers as strings; both mean seconds.
  expires_in: z
    .union([z.number(), z.string().regex(/^\d+$/).transform(Number)])
    .pipe(z.number().int().positive())
    .optional()
    .nullable()
})

const oauthErrorSchema = z.object({ error: z.string().min(1).max(100) })

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
    if (signal?.aborted) throw new UpworkError('cancelled', 'Sign-in was cancelled.', { cause })
    throw new UpworkError(
      'network',
      'GigPilot could not reach Upwork’s sign-in server. Check your internet connection and try again.',
      { cause }
    )
  }

  const text = await response.text().catch(() => '')
  const json = safeJson(text)

  if (!response.ok) {
    const oauth = oauthErrorSchema.safeParse(json)
    if (oauth.success && (response.status === 400 || response.status === 401)) {
      // Only the OAuth error code is kept: error_description is free text from the server.
      throw new OAuthTokenError(oauth.data.error, describeOAuthError(oauth.data.error), response.status)
    }
    if (response.status === 429) {
      throw new UpworkError('rate_limited', 'Upwork is limiting requests right now. Wait a minute and try again.', {
        status: 429
      })
    }
    if (response.status >= 500) {
      throw new UpworkError('server', `Upwork’s sign-in server had a problem (HTTP ${response.status}). Try again later.`, {
        status: response.status
      })
    }
    throw new UpworkError('oauth', `Upwork refused the sign-in request (HTTP ${response.status}).`, {
      status: response.status
    })
  }

  const parsed = tokenResponseSchema.safeParse(json)
  if (!parsed.success) {
    throw new UpworkError(
      'malformed',
      'Upwork’s sign-in server sent a reply GigPilot could not read, so nothing was saved. Try again later.',
      { status: response.status }
    )
  }
  const ttl = parsed.data.expires_in ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS
  return {
    accessToken: parsed.data.access_token,
    refreshToken: parsed.data.refresh_token ?? null,
    expiresAt: deps.now() + ttl * 1000
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function describeOAuthError(error: string): string {
  switch (error) {
    case 'invalid_grant':
      return 'Upwork no longer accepts this sign-in (invalid_grant).'
    case 'invalid_client':
      return 'Upwork did not accept the API key (invalid_client). Check the client ID and secret in Settings → Upwork account.'
    case 'redirect_uri_mismatch':
    case 'invalid_request':
      return `Upwork refused the sign-in request (${error}). Check that your key’s callback URL matches the one shown in Settings → Upwork account.`
    default:
      return /^[a-z_]{1,60}$/.test(error)
        ? `Upwork refused the sign-in request (${error}).`
        : 'Upwork refused the sign-in request.'
  }
}
