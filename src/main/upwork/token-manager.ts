import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { Logger } from '../logging/logger'
import type { Clock } from '../ports/clock'
import type { SecretStore } from '../secrets/secret-store'
import { KeyRejectedError, ReconnectNeededError, UpworkError } from './errors'
import { OAuthTokenError, refreshAccessToken, type TokenSet } from './token-client'
import { TypedEmitter } from '../core/typed-emitter'

/**
 * Owns the Upwork access and refresh tokens.
 *
 * Storage: `upwork.refreshToken` holds the refresh token as is; `upwork.accessToken` holds JSON
 * `{ token, expiresAt }` so the expiry is written and read atomically with the token it belongs
 * to (and both stay in the keychain, out of settings files). Values are cached in memory after
 * the first read so a burst of calls does not hit the keychain each time.
 *
 * Refresh: `getAccessToken()` refreshes when the token is within 5 minutes of expiry (or past half
 * its life, for a token issued for less than 10 minutes, so a short-lived token is not refreshed
 * on every call); the API
 * client calls `handleUnauthorized()` once on a 401. Refresh is single-flight: concurrent callers
 * share one in-flight promise, and that promise resolves only after the ROTATED refresh token
 * (Upwork rotates on every refresh) and the new access token are persisted; otherwise a waiter
 * could start a second refresh with the old, already-spent token and get invalid_grant.
 *
 * `invalid_grant` on refresh means only a new sign-in helps: both tokens are deleted (nothing is
 * kept that cannot work), the state becomes `reconnect_needed`, an event is emitted, and every
 * later call fails fast with ReconnectNeededError until new tokens are stored. Client id/secret
 * and all local data are left alone.
 *
 * `invalid_client` on refresh is different: Upwork refused the KEY (client ID/secret wrong or
 * revoked), before looking at the refresh token, so a new sign-in with the same key cannot help.
 * The state becomes `key_rejected` (event emitted) and calls fail fast with KeyRejectedError while
 * the stored key is the one refused; the tokens are kept, so once the user saves a corrected key
 * the next call simply refreshes with it. Only a fingerprint of the refused key is held, in memory.
 */

export type TokenState = 'disconnected' | 'connected' | 'reconnect_needed' | 'key_rejected'

export const REFRESH_MARGIN_MS = 5 * 60_000

const storedAccessSchema = z.object({
  token: z.string().min(1),
  expiresAt: z.number(),
  /** When to renew; absent in values written by older versions (then: expiresAt − margin). */
  refreshAt: z.number().optional()
})
type StoredAccess = z.infer<typeof storedAccessSchema>

/** What the GraphQL client needs from the token owner. */
export interface AccessTokenSource {
  getAccessToken(): Promise<string>
  /** Called once after a 401 with the token that was refused; returns a fresh token or throws. */
  handleUnauthorized(rejectedToken: string): Promise<string>
  /** Called when a fresh token is refused again: the sign-in is no longer usable. */
  markReconnectNeeded(reason: string): Promise<void>
}

export interface TokenManagerDeps {
  secrets: SecretStore
  clock: Clock
  logger: Logger
  fetch: typeof fetch
  tokenUrl: () => string
  refreshMarginMs?: number
}

export interface TokenManagerEvents extends Record<string, unknown> {
  stateChanged: TokenState
}

export class TokenManager implements AccessTokenSource {
  readonly events = new TypedEmitter<TokenManagerEvents>()
  private loaded: Promise<void> | null = null
  private access: StoredAccess | null = null
  private refreshToken: string | null = null
  private reconnectNeeded: boolean
  /** Set by invalid_client: the refused key's fingerprint and the error to fail fast with. */
  private keyRejected: { fingerprint: string; error: KeyRejectedError } | null = null
  private inflight: Promise<string> | null = null
  /** Bumped by store/clear so a refresh that raced a disconnect or a new sign-in does not write stale tokens. */
  private generation = 0

  constructor(private readonly deps: TokenManagerDeps) {
    this.reconnectNeeded = false
  }

  async state(): Promise<TokenState> {
    if (this.reconnectNeeded) return 'reconnect_needed'
    if (await this.stillKeyRejected()) return 'key_rejected'
    await this.load()
    return this.refreshToken || this.access ? 'connected' : 'disconnected'
  }

  async expiresAt(): Promise<number | null> {
    await this.load()
    return this.access?.expiresAt ?? null
  }

  /** After a sign-in: persist both tokens (refresh first, so a crash never leaves an orphan access token). */
  async storeTokens(tokens: TokenSet): Promise<void> {
    this.generation++
    await this.load()
    await this.persist(tokens)
    const changed = this.reconnectNeeded || this.keyRejected !== null
    this.reconnectNeeded = false
    this.keyRejected = null
    if (changed) this.deps.logger.info('Upwork sign-in restored')
    this.events.emit('stateChanged', 'connected')
  }

  /** Disconnect: forget both tokens. */
  async clear(): Promise<void> {
    this.generation++
    this.inflight = null
    this.access = null
    this.refreshToken = null
    this.reconnectNeeded = false
    this.keyRejected = null
    this.loaded = Promise.resolve()
    await this.deps.secrets.delete('upwork.accessToken')
    await this.deps.secrets.delete('upwork.refreshToken')
    this.events.emit('stateChanged', 'disconnected')
  }

  async getAccessToken(): Promise<string> {
    if (this.reconnectNeeded) throw new ReconnectNeededError()
    await this.failFastIfKeyRejected()
    await this.load()
    if (this.reconnectNeeded) throw new ReconnectNeededError()
    const access = this.access
    if (access && this.deps.clock.now() < this.refreshAt(access)) {
      return access.token
    }
    if (!this.refreshToken) {
      if (access && access.expiresAt > this.deps.clock.now()) return access.token
      if (access) {
        // Expired with nothing to renew it with.
        await this.enterReconnectNeeded('access token expired and no refresh token is stored')
        throw new ReconnectNeededError()
      }
      throw new UpworkError('not_connected', 'upwork.err.notConnected')
    }
    try {
      return await this.refresh()
    } catch (e) {
      // Refreshing early failed for a passing reason (network, 5xx): the old token still works
      // until it actually expires, so use it rather than failing the call.
      const current = this.access
      const final = e instanceof ReconnectNeededError || e instanceof KeyRejectedError
      if (!final && current && current.expiresAt > this.deps.clock.now()) {
        return current.token
      }
      throw e
    }
  }

  async handleUnauthorized(rejectedToken: string): Promise<string> {
    if (this.reconnectNeeded) throw new ReconnectNeededError()
    await this.failFastIfKeyRejected()
    await this.load()
    // Someone already refreshed after this token was sent: use the new one rather than refreshing again.
    if (this.inflight) return this.inflight
    if (this.access && this.access.token !== rejectedToken && this.access.expiresAt > this.deps.clock.now()) {
      return this.access.token
    }
    if (!this.refreshToken) {
      await this.enterReconnectNeeded('access token refused and no refresh token is stored')
      throw new ReconnectNeededError()
    }
    return this.refresh()
  }

  /** At start-up, when the last session ended in reconnect_needed (the facade persists that). No event. */
  assumeReconnectNeeded(): void {
    this.reconnectNeeded = true
  }

  async markReconnectNeeded(reason: string): Promise<void> {
    await this.enterReconnectNeeded(reason)
  }

  /** Single-flight refresh; see the class comment. */
  refresh(): Promise<string> {
    if (this.reconnectNeeded) return Promise.reject(new ReconnectNeededError())
    this.inflight ??= this.doRefresh().finally(() => {
      this.inflight = null
    })
    return this.inflight
  }

  private async doRefresh(): Promise<string> {
    const generation = this.generation
    await this.load()
    const refreshToken = this.refreshToken
    if (!refreshToken) throw new UpworkError('not_connected', 'upwork.err.notConnectedShort')
    const [clientId, clientSecret] = await Promise.all([
      this.deps.secrets.get('upwork.clientId'),
      this.deps.secrets.get('upwork.clientSecret')
    ])
    if (!clientId || !clientSecret) {
      throw new UpworkError(
        'not_configured',
        'upwork.err.keyMissing'
      )
    }
    let tokens: TokenSet
    try {
      this.deps.logger.info('Refreshing the Upwork access token')
      tokens = await refreshAccessToken(
        { fetch: this.deps.fetch, now: () => this.deps.clock.now() },
        this.deps.tokenUrl(),
        { clientId, clientSecret, refreshToken }
      )
    } catch (e) {
      if (e instanceof OAuthTokenError && e.oauthError === 'invalid_grant') {
        if (generation === this.generation) await this.enterReconnectNeeded(`refresh refused: ${e.oauthError}`)
        throw new ReconnectNeededError({ cause: e, serverText: e.description })
      }
      if (e instanceof OAuthTokenError && e.oauthError === 'invalid_client') {
        const error = new KeyRejectedError({ message: e.text, status: e.status, serverText: e.serverText, cause: e })
        if (generation === this.generation) this.enterKeyRejected(fingerprint(clientId, clientSecret), error)
        throw error
      }
      // Network, 5xx, malformed: the tokens may still be good; keep them and let the caller retry later.
      this.deps.logger.warn('Upwork token refresh failed', { code: (e as UpworkError).code })
      throw e
    }
    if (generation !== this.generation) {
      // Disconnected or signed in again meanwhile: drop this result rather than overwrite newer state.
      throw new UpworkError('cancelled', 'upwork.err.changedWhileRefreshing')
    }
    // Upwork rotates refresh tokens; a reply without one (or with "") means the old one stays valid
    // (RFC 6749 §6).
    await this.persist({ ...tokens, refreshToken: tokens.refreshToken ?? refreshToken })
    if (tokens.adjustments) this.deps.logger.warn('Upwork token reply had odd fields; defaults used', { adjustments: tokens.adjustments })
    this.deps.logger.info('Upwork access token refreshed', {
      expiresInSeconds: Math.round((tokens.expiresAt - this.deps.clock.now()) / 1000),
      rotated: tokens.refreshToken !== null
    })
    return tokens.accessToken
  }

  /**
   * Memory first, then the keychain. After a refresh the old refresh token is already spent, so
   * if the keychain write fails (locked, timed out) the new pair must still be kept in memory for
   * this session rather than lost; the failure is logged and the write is retried on the next
   * refresh. The keychain write is still awaited, so waiters resume only after it was attempted.
   */
  private async persist(tokens: TokenSet): Promise<void> {
    this.refreshToken = tokens.refreshToken ?? null
    const margin = this.deps.refreshMarginMs ?? REFRESH_MARGIN_MS
    const lifetime = tokens.expiresAt - this.deps.clock.now()
    const access: StoredAccess = {
      token: tokens.accessToken,
      expiresAt: tokens.expiresAt,
      refreshAt: tokens.expiresAt - Math.min(margin, Math.max(0, lifetime) / 2)
    }
    this.access = access
    try {
      if (tokens.refreshToken) await this.deps.secrets.set('upwork.refreshToken', tokens.refreshToken)
      else await this.deps.secrets.delete('upwork.refreshToken')
      await this.deps.secrets.set('upwork.accessToken', JSON.stringify(access))
    } catch (e) {
      this.deps.logger.error('Could not save the Upwork tokens to secure storage; keeping them for this session', {
        code: (e as { code?: unknown }).code ?? 'unknown'
      })
    }
  }

  private refreshAt(access: StoredAccess): number {
    return access.refreshAt ?? access.expiresAt - (this.deps.refreshMarginMs ?? REFRESH_MARGIN_MS)
  }

  private enterKeyRejected(keyFingerprint: string, error: KeyRejectedError): void {
    const wasAlready = this.keyRejected !== null
    this.keyRejected = { fingerprint: keyFingerprint, error }
    if (!wasAlready) {
      this.deps.logger.warn('Upwork refused the API key (invalid_client); tokens kept until the key is fixed')
      this.events.emit('stateChanged', 'key_rejected')
    }
  }

  /** True while the stored key is the one Upwork refused; a changed key clears the state. */
  private async stillKeyRejected(): Promise<boolean> {
    const rejected = this.keyRejected
    if (!rejected) return false
    const [clientId, clientSecret] = await Promise.all([
      this.deps.secrets.get('upwork.clientId'),
      this.deps.secrets.get('upwork.clientSecret')
    ])
    if (this.keyRejected !== rejected) return this.keyRejected !== null
    if (clientId && clientSecret && fingerprint(clientId, clientSecret) === rejected.fingerprint) return true
    this.keyRejected = null
    this.deps.logger.info('Upwork API key changed since it was refused; trying it')
    return false
  }

  private async failFastIfKeyRejected(): Promise<void> {
    const rejected = this.keyRejected
    if (rejected && (await this.stillKeyRejected())) throw rejected.error
  }

  private async enterReconnectNeeded(reason: string): Promise<void> {
    const wasAlready = this.reconnectNeeded
    this.keyRejected = null
    this.reconnectNeeded = true
    this.access = null
    this.refreshToken = null
    await this.deps.secrets.delete('upwork.accessToken')
    await this.deps.secrets.delete('upwork.refreshToken')
    if (!wasAlready) {
      this.deps.logger.warn('Upwork sign-in needs to be renewed', { reason })
      this.events.emit('stateChanged', 'reconnect_needed')
    }
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const [rawAccess, refresh] = await Promise.all([
        this.deps.secrets.get('upwork.accessToken'),
        this.deps.secrets.get('upwork.refreshToken')
      ])
      this.refreshToken = refresh || null
      this.access = null
      if (rawAccess) {
        try {
          const parsed = storedAccessSchema.safeParse(JSON.parse(rawAccess))
          if (parsed.success) this.access = parsed.data
        } catch {
          // Unreadable: treat as absent; a refresh (if possible) replaces it.
        }
        if (!this.access) this.deps.logger.warn('Stored Upwork access token was unreadable; it will be renewed')
      }
    })().catch((e: unknown) => {
      this.loaded = null
      throw e
    })
    return this.loaded
  }
}

/** Identifies a client ID + secret pair without keeping the secret itself. */
function fingerprint(clientId: string, clientSecret: string): string {
  return createHash('sha256').update(clientId).update('\0').update(clientSecret).digest('base64url')
}
