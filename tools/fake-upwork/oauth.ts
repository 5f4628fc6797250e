/**
 * The OAuth 2.0 side: the authorize page (with Allow/Deny) and the token endpoint, following
 * upwork-api.md §1. Codes are single-use and expire in 10 minutes; refresh tokens rotate (each works
 * once) and live 2 weeks; access tokens live `accessTokenTtlSeconds`. PKCE (S256) is honoured when
 * the app sends a challenge, although Upwork itself does not document it for API keys.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { type Exchange, escapeHtml, redirect, sendHtml } from './http-util'
import type { OAuthClient } from './types'

export const AUTHORIZE_PATH = '/ab/account-security/oauth2/authorize'
export const DECISION_PATH = '/ab/account-security/oauth2/authorize/decision'
export const TOKEN_PATH = '/api/v3/oauth2/token'

const CODE_TTL_MS = 10 * 60_000
const REFRESH_TTL_MS = 14 * 86_400_000

interface PendingAuthorization {
  clientId: string
  redirectUri: string
  state: string | null
  codeChallenge: string | null
  expiresAt: number
}

interface IssuedCode {
  clientId: string
  redirectUri: string
  codeChallenge: string | null
  expiresAt: number
  used: boolean
}

interface AccessToken {
  clientId: string
  expiresAt: number
}

interface RefreshToken {
  clientId: string
  expiresAt: number
  used: boolean
  revoked: boolean
}

/** What the token endpoint answers, before any fault touches it. */
export interface TokenResult {
  status: number
  body: Record<string, unknown>
  grantType?: string
}

export type AuthCheck = { ok: true; clientId: string } | { ok: false; reason: 'missing' | 'unknown' | 'expired' }

export interface OAuthOptions {
  clients: OAuthClient[]
  accessTokenTtlSeconds: number
  autoApprove: boolean
  /** Accept any http://127.0.0.1:<port>/… redirect URI for every client (default true). */
  allowAnyLoopbackRedirect: boolean
  now: () => number
}

const token = (): string => `oauth2v2_${randomBytes(24).toString('hex')}`
const opaque = (): string => randomBytes(18).toString('base64url')

function sha256Base64Url(input: string): string {
  return createHash('sha256').update(input).digest('base64url')
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function oauthError(status: number, error: string, description?: string): TokenResult {
  return { status, body: description ? { error, error_description: description } : { error } }
}

export class OAuthServer {
  private readonly pending = new Map<string, PendingAuthorization>()
  private readonly codes = new Map<string, IssuedCode>()
  private readonly accessTokens = new Map<string, AccessToken>()
  private readonly refreshTokens = new Map<string, RefreshToken>()

  constructor(private readonly opts: OAuthOptions) {}

  /** Registered URI, or (the documented leniency) any plain-http loopback URI on 127.0.0.1. */
  isAllowedRedirect(client: OAuthClient, redirectUri: string): boolean {
    if (client.redirectUris.includes(redirectUri)) return true
    if (!this.opts.allowAnyLoopbackRedirect) return false
    try {
      const u = new URL(redirectUri)
      return u.protocol === 'http:' && u.hostname === '127.0.0.1' && u.username === '' && u.hash === ''
    } catch {
      return false
    }
  }

  private client(clientId: string | null): OAuthClient | undefined {
    return clientId ? this.opts.clients.find((c) => c.clientId === clientId) : undefined
  }

  // ------------------------------------------------------------------ authorize

  handleAuthorize(ex: Exchange): void {
    const q = ex.url.searchParams
    const client = this.client(q.get('client_id'))
    if (!client) return this.errorPage(ex, 'Unknown client_id. Check the key you configured.')
    const redirectUri = q.get('redirect_uri')
    // Never redirect to a URI the key does not know: show an error page instead (RFC 6749 §4.1.2.1).
    if (!redirectUri || !this.isAllowedRedirect(client, redirectUri)) {
      return this.errorPage(ex, 'The redirect_uri does not match the callback URL saved on this API key.')
    }
    const state = q.get('state')
    const back = (error: string, description: string): void => redirect(ex, withParams(redirectUri, { error, error_description: description, state }))
    if (q.get('response_type') !== 'code') return back('unsupported_response_type', 'Only response_type=code is supported.')
    // Field report: sending scope= makes Upwork answer invalid_scope (scopes live on the key).
    if (q.has('scope')) return back('invalid_scope', 'Scopes are configured on the API key, not requested here.')
    const codeChallenge = q.get('code_challenge')
    const method = q.get('code_challenge_method')
    if (codeChallenge !== null || method !== null) {
      if (method !== 'S256') return back('invalid_request', 'code_challenge_method must be S256.')
      if (!codeChallenge || !/^[A-Za-z0-9\-._~]{43,128}$/.test(codeChallenge)) return back('invalid_request', 'Malformed code_challenge.')
    }
    const request: PendingAuthorization = {
      clientId: client.clientId,
      redirectUri,
      state,
      codeChallenge,
      expiresAt: this.opts.now() + CODE_TTL_MS
    }
    if (this.opts.autoApprove) return this.approve(ex, request)
    const txn = opaque()
    this.pending.set(txn, request)
    sendHtml(ex, 200, consentPage(client.clientId, redirectUri, txn))
  }

  /** The Allow / Deny links of the consent page. Each pending request can be decided once. */
  handleDecision(ex: Exchange): void {
    const txn = ex.url.searchParams.get('txn') ?? ''
    const request = this.pending.get(txn)
    this.pending.delete(txn)
    if (!request || request.expiresAt < this.opts.now()) return this.errorPage(ex, 'This authorization request has expired. Start again from the app.')
    if (ex.url.searchParams.get('decision') === 'allow') return this.approve(ex, request)
    redirect(ex, withParams(request.redirectUri, { error: 'access_denied', error_description: 'The user denied access to the application.', state: request.state }))
  }

  private approve(ex: Exchange, request: PendingAuthorization): void {
    const code = opaque()
    this.codes.set(code, {
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      expiresAt: this.opts.now() + CODE_TTL_MS,
      used: false
    })
    redirect(ex, withParams(request.redirectUri, { code, state: request.state }))
  }

  private errorPage(ex: Exchange, message: string): void {
    sendHtml(ex, 400, page('Fake Upwork — authorization error', `<p class="err">${escapeHtml(message)}</p>`))
  }

  // ------------------------------------------------------------------ token

  /** `POST /api/v3/oauth2/token` with a form-encoded body; client credentials in the body (or Basic). */
  handleToken(contentType: string | undefined, authorization: string | undefined, rawBody: string): TokenResult {
    if (!contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded.')
    }
    const form = new URLSearchParams(rawBody)
    const grantType = form.get('grant_type') ?? undefined
    const withGrant = (r: TokenResult): TokenResult => ({ ...r, grantType })

    let clientId = form.get('client_id')
    let clientSecret = form.get('client_secret')
    if ((!clientId || !clientSecret) && authorization?.toLowerCase().startsWith('basic ')) {
      const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      if (colon > 0) {
        clientId = decodeURIComponent(decoded.slice(0, colon))
        clientSecret = decodeURIComponent(decoded.slice(colon + 1))
      }
    }
    const client = this.client(clientId)
    if (!client || !clientSecret || !safeEqual(client.clientSecret, clientSecret)) return withGrant(oauthError(401, 'invalid_client'))

    if (!grantType) return withGrant(oauthError(400, 'invalid_request', 'Missing grant_type.'))
    if (grantType === 'authorization_code') return withGrant(this.exchangeCode(client, form))
    if (grantType === 'refresh_token') return withGrant(this.refresh(client, form))
    return withGrant(oauthError(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported for this key.`))
  }

  private exchangeCode(client: OAuthClient, form: URLSearchParams): TokenResult {
    const code = form.get('code')
    const redirectUri = form.get('redirect_uri')
    if (!code) return oauthError(400, 'invalid_request', 'Missing code.')
    if (!redirectUri) return oauthError(400, 'invalid_request', 'Missing redirect_uri.')
    const issued = this.codes.get(code)
    if (!issued || issued.used || issued.expiresAt < this.opts.now() || issued.clientId !== client.clientId) {
      return oauthError(400, 'invalid_grant', 'The authorization code is invalid, expired or already used.')
    }
    // Spent even when the rest fails: a code is never worth a second try.
    issued.used = true
    if (issued.redirectUri !== redirectUri) return oauthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request.')
    if (issued.codeChallenge) {
      const verifier = form.get('code_verifier')
      if (!verifier) return oauthError(400, 'invalid_grant', 'Missing code_verifier.')
      if (!safeEqual(sha256Base64Url(verifier), issued.codeChallenge)) return oauthError(400, 'invalid_grant', 'code_verifier does not match code_challenge.')
    }
    return this.issue(client.clientId)
  }

  private refresh(client: OAuthClient, form: URLSearchParams): TokenResult {
    const value = form.get('refresh_token')
    if (!value) return oauthError(400, 'invalid_request', 'Missing refresh_token.')
    const record = this.refreshTokens.get(value)
    if (!record || record.clientId !== client.clientId || record.revoked || record.used || record.expiresAt < this.opts.now()) {
      return oauthError(400, 'invalid_grant', 'The refresh token is invalid, expired or revoked.')
    }
    // Rotation: this refresh token is spent; the response carries its successor.
    record.used = true
    return this.issue(client.clientId)
  }

  private issue(clientId: string): TokenResult {
    const now = this.opts.now()
    const accessToken = token()
    const refreshToken = token()
    this.accessTokens.set(accessToken, { clientId, expiresAt: now + this.opts.accessTokenTtlSeconds * 1000 })
    this.refreshTokens.set(refreshToken, { clientId, expiresAt: now + REFRESH_TTL_MS, used: false, revoked: false })
    return {
      status: 200,
      body: {
        access_token: accessToken,
        refresh_token: refreshToken,
        token_type: 'Bearer',
        expires_in: this.opts.accessTokenTtlSeconds
      }
    }
  }

  // ------------------------------------------------------------------ bearer checks and test controls

  checkBearer(authorization: string | undefined): AuthCheck {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
    if (!match?.[1]) return { ok: false, reason: 'missing' }
    const record = this.accessTokens.get(match[1])
    if (!record) return { ok: false, reason: 'unknown' }
    if (record.expiresAt <= this.opts.now()) return { ok: false, reason: 'expired' }
    return { ok: true, clientId: record.clientId }
  }

  expireAccessTokens(): void {
    for (const record of this.accessTokens.values()) record.expiresAt = 0
  }

  revokeRefreshTokens(): void {
    for (const record of this.refreshTokens.values()) record.revoked = true
  }
}

function withParams(base: string, params: Record<string, string | null>): string {
  const u = new URL(base)
  for (const [k, v] of Object.entries(params)) if (v !== null) u.searchParams.set(k, v)
  return u.toString()
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; color: #1f2937; }
  .banner { background: #fef3c7; border: 1px solid #f59e0b; padding: .5rem .75rem; border-radius: .375rem; font-size: .875rem; }
  .actions { display: flex; gap: .75rem; margin-top: 1.5rem; }
  .actions a { padding: .6rem 1.4rem; border-radius: 999px; text-decoration: none; font-weight: 600; }
  #allow { background: #14a800; color: white; }
  #deny { border: 1px solid #9ca3af; color: #1f2937; }
  .err { color: #b91c1c; }
  code { word-break: break-all; }
</style></head>
<body><p class="banner">Local fake Upwork for development and tests. Not upwork.com.</p><h1>${escapeHtml(title)}</h1>${body}</body></html>`
}

function consentPage(clientId: string, redirectUri: string, txn: string): string {
  const link = (decision: 'allow' | 'deny'): string => `${DECISION_PATH}?txn=${encodeURIComponent(txn)}&decision=${decision}`
  return page(
    'Fake Upwork — authorize GigPilot?',
    `<p>The application <code>${escapeHtml(clientId)}</code> wants to access your Upwork account.</p>
<p>You will be sent back to <code>${escapeHtml(redirectUri)}</code>.</p>
<div class="actions"><a id="allow" role="button" href="${escapeHtml(link('allow'))}">Allow</a><a id="deny" role="button" href="${escapeHtml(link('deny'))}">Deny</a></div>`
  )
}
