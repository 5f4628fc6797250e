/**
 * UpworkConnection: the facade main wires to IPC for everything about the Upwork account.
 *
 * Architecture of src/main/upwork (no `electron` import anywhere; the browser opener is injected):
 *
 *   module.ts ── createUpworkModule: the domain's IPC handlers, events, status notices
 *   UpworkConnection ── saveCredentials / connect / disconnect / getAccount / usage / events
 *     ├─ OAuthFlow (oauth-flow.ts) ─ LoopbackServer (loopback-server.ts, 127.0.0.1 only, one-shot;
 *     │     the tab's answer waits for connect()'s outcome; a redirect-URI hint after 20 s)
 *     │     └─ token-client.ts: code exchange + refresh at the token URL (form POST, secret in body;
 *     │           odd fields defaulted, Bearer only, error_description passed on sanitized)
 *     ├─ capabilities.ts: small probes at connect time → what this key can do, with reasons
 *     └─ the client stack it is given (client-stack.ts, built by the composition root):
 *        ├─ TokenManager (token-manager.ts): tokens in the SecretStore, refresh 5 min before
 *        │     expiry, single-flight refresh, invalid_grant → reconnect_needed,
 *        │     invalid_client → key_rejected (the key is refused; tokens kept until it is fixed)
 *        ├─ GraphQLClient (graphql-client.ts): Bearer + tenant header, error classification,
 *        │     retries for reads only (retry-policy.ts), every attempt through the RateLimiter
 *        ├─ ReadOnlyUpworkClient (read-only-client.ts): what readers get; refuses any mutation
 *        └─ RateLimiter (rate-limiter.ts): ≤ 8 req/s (Upwork allows 10), 40,000/day per key,
 *              the user's hourly budget; counters in a UsageCounterStore (the DB repository)
 *   operations/*.ts: one GraphQL document + zod schema per read, mapping into types.ts; lists are
 *     validated record by record (bad ones skipped and counted). operations/writes/: the
 *     writes (send a message; a proposal next), importable only by src/main/outbox/ (lint).
 *
 * The connection never hands out a client: it reads through the read-only client it was given,
 * and the write-capable client goes from the composition root to the outbox alone.
 *
 * State (AccountSummary.state): not_configured (no key) → disconnected → connecting →
 * connected ⇄ reconnect_needed. The non-secret account facts are persisted through an
 * AccountSummaryStore; tokens and the client secret only ever live in the SecretStore, and
 * nothing this class returns or emits contains them.
 *
 * Secrets: `upwork.clientId` / `upwork.clientSecret` (the user's own key), `upwork.refreshToken`
 * (plain), `upwork.accessToken` (JSON `{ token, expiresAt }`, so the expiry travels with its token).
 * One sign-in at a time: a second connect() cancels the pending one (its promise rejects with
 * code 'cancelled') and starts afresh on the same fixed callback port.
 *
 * Organization (tenant): the one picked with selectOrganization() is persisted with the account
 * and wins; otherwise settings.upwork.tenantId; otherwise none (Upwork uses the default org).
 * Main may pass `saveTenantId` to mirror the choice into settings.
 */
import { credentialsSchema, type Credentials } from '@shared/contract/upwork'
import type { Settings } from '@shared/settings'
import type { AccountSummary, Capabilities, CapabilityStatus, ApiUsage, SecretBackend } from '@shared/types'
import type { Logger } from '../logging/logger'
import type { Clock } from '../ports/clock'
import type { SecretStore } from '../secrets/secret-store'
import type { AccountSummaryStore, PersistedAccount } from './account-summary-store'
import { detectCapabilities } from './capabilities'
import { currentTenantId, type UpworkClientStack } from './client-stack'
import { callbackUrl, resolveUpworkEndpoints, type UpworkEnv } from './endpoints'
import { inEnglish, renderText, text, translator, type Language, type Translate, type UserText } from '@shared/i18n'
import { isUserFacingError, textOf } from '../core/app-error'
import type { ProbedCapabilities } from './capabilities'
import { stillWaitingHintText } from './oauth-flow'
import { isUpworkError, KEY_REJECTED_TEXT, RECONNECT_MESSAGE, RECONNECT_TEXT, ReconnectNeededError, UpworkError } from './errors'

const ENGLISH = translator('en')
import type { Timers } from './loopback-server'
import { OAuthFlow } from './oauth-flow'
import { getAccountInfo } from './operations/account'
import type { OperationContext } from './operations/common'
import type { RateLimiter } from './rate-limiter'
import type { TokenManager } from './token-manager'
import { redact } from '../logging/redact'
import { TypedEmitter } from '../core/typed-emitter'

export interface UpworkConnectionDeps {
  secrets: SecretStore
  settings: () => Settings['upwork']
  env: UpworkEnv
  /** The composition root's client stack, without its write-capable client (see client-stack.ts). */
  stack: Pick<UpworkClientStack, 'tokens' | 'limiter' | 'reads'>
  accountStore: AccountSummaryStore
  /** Where secrets really live, so messages about a lost sign-in say the truth. Default: keychain. */
  secretBackend?: SecretBackend
  clock: Clock
  logger: Logger
  /** Opens a URL in the system browser (shell.openExternal in main). */
  openBrowser: (url: string) => Promise<void>
  fetch?: typeof fetch
  /** Optional: mirror the chosen organization into settings. */
  saveTenantId?: (tenantId: string | null) => Promise<void>
  /** Tests: a shorter sign-in timeout. */
  signInTimeoutMs?: number
  /** Tests: the sign-in's timers (the 20-s redirect-URI hint, the timeout), moved by hand. */
  signInTimers?: Timers
  /** Main's translator and language: the summary's texts and the sign-in tab are in the language in force (default English). */
  t?: Translate
  language?: () => Language
}

/** Said when the app was connected last time but its saved sign-in is gone; where it was kept depends on the backend. */
export function tokensLostText(backend: SecretBackend): UserText {
  return text(backend === 'keychain' ? 'upwork.err.tokensLost.keychain' : backend === 'safe-storage' ? 'upwork.err.tokensLost.safeStorage' : 'upwork.err.tokensLost.memory')
}
export const tokensLostMessage = (backend: SecretBackend): string => inEnglish(tokensLostText(backend))

export interface UpworkConnectionEvents extends Record<string, unknown> {
  accountChanged: AccountSummary
  usageChanged: ApiUsage
}

export type { Credentials }

export class UpworkConnection {
  readonly events = new TypedEmitter<UpworkConnectionEvents>()
  private readonly tokens: TokenManager
  private readonly limiter: RateLimiter
  /** Reads only: the connection never needs, and is never given, the write-capable client. */
  private readonly reads: OperationContext
  private readonly flow: OAuthFlow
  private readonly log: Logger
  private readonly fetchFn: typeof fetch
  private account: PersistedAccount = { state: 'disconnected' }
  private loaded: Promise<void> | null = null
  /** Sign-ins in progress (a second connect() supersedes the first, which then winds down). */
  private connecting = 0

  constructor(private readonly deps: UpworkConnectionDeps) {
    this.log = deps.logger.child('upwork')
    this.fetchFn = deps.fetch ?? globalThis.fetch.bind(globalThis)
    this.tokens = deps.stack.tokens
    this.limiter = deps.stack.limiter
    this.reads = deps.stack.reads
    this.flow = new OAuthFlow({
      openBrowser: deps.openBrowser,
      fetch: this.fetchFn,
      now: () => deps.clock.now(),
      logger: this.log,
      timeoutMs: deps.signInTimeoutMs,
      timers: deps.signInTimers,
      language: deps.language
    })
    this.limiter.events.on('usageChanged', (u) => this.events.emit('usageChanged', u))
    this.tokens.events.on('stateChanged', (state) => {
      if (state === 'reconnect_needed') void this.onReconnectNeeded()
      if (state === 'key_rejected') void this.emitAccount().catch(() => undefined)
    })
    // The redirect-URI hint appears in the summary while connecting.
    this.flow.events.on('pendingChanged', () => {
      if (this.connecting > 0) void this.emitAccount().catch(() => undefined)
    })
  }

  async saveCredentials(input: Credentials): Promise<AccountSummary> {
    const parsed = credentialsSchema.safeParse(input)
    if (!parsed.success) {
      throw new UpworkError('invalid_input', 'upwork.err.checkKey')
    }
    await this.ensureLoaded()
    const previousId = await this.deps.secrets.get('upwork.clientId')
    await this.deps.secrets.set('upwork.clientId', parsed.data.clientId)
    await this.deps.secrets.set('upwork.clientSecret', parsed.data.clientSecret)
    if (previousId !== null && previousId !== parsed.data.clientId) {
      // Tokens belong to the key that issued them; with a different key they cannot be refreshed.
      this.log.info('Upwork API key changed; signing out of the previous key')
      await this.tokens.clear()
      await this.saveAccount({ state: 'disconnected' })
    }
    return this.emitAccount()
  }

  async hasCredentials(): Promise<boolean> {
    const [id, secret] = await Promise.all([
      this.deps.secrets.get('upwork.clientId'),
      this.deps.secrets.get('upwork.clientSecret')
    ])
    return !!id && !!secret
  }

  /**
   * Signs in through the system browser and reads the account. All or nothing: if the account
   * cannot be read after the token exchange, the new tokens are discarded and the error thrown.
   */
  async connect(): Promise<AccountSummary> {
    await this.ensureLoaded()
    const [clientId, clientSecret] = await Promise.all([
      this.deps.secrets.get('upwork.clientId'),
      this.deps.secrets.get('upwork.clientSecret')
    ])
    if (!clientId || !clientSecret) {
      throw new UpworkError('not_configured', 'upwork.err.enterKeyFirst')
    }
    const settings = this.deps.settings()
    const endpoints = resolveUpworkEndpoints(settings, this.deps.env)
    this.connecting++
    await this.emitAccount()
    const requestsBefore = this.reads.client.requestCount
    try {
      const request = {
        authorizeUrl: endpoints.authorizeUrl,
        tokenUrl: endpoints.tokenUrl,
        clientId,
        clientSecret,
        port: settings.callbackPort,
        usePkce: settings.usePkce
      }
      // Runs while the browser tab waits, so the tab says "connected" only if this succeeds too.
      const info = await this.flow.signIn(request, async (tokens) => {
        await this.tokens.storeTokens(tokens)
        try {
          return await getAccountInfo(this.reads)
        } catch (e) {
          await this.tokens.clear()
          throw new UpworkError(
            isUpworkError(e) ? e.code : 'malformed',
            isUserFacingError(e) || e instanceof Error
              ? text('upwork.err.accountUnreadable', { detail: isUserFacingError(e) ? textOf(e) : text('error.plain', { message: e.message }) })
              : text('upwork.err.accountUnreadableShort'),
            { cause: e }
          )
        }
      })
      const organizations =
        info.organizations.length > 0
          ? info.organizations.map((o) => ({ id: o.organizationId, name: o.title }))
          : info.organization
            ? [{ id: info.organization.id, name: info.organization.name ?? info.organization.id }]
            : []
      // Keep a previously chosen organization only if this account still has it.
      const keptTenant =
        this.account.tenantId && organizations.some((o) => o.id === this.account.tenantId) ? this.account.tenantId : null
      await this.saveAccount({
        state: 'connected',
        userName: info.user.name ?? info.user.nid,
        userId: info.user.id,
        organizations,
        tenantId: keptTenant,
        connectedAt: this.deps.clock.now()
      })
      const report = await detectCapabilities(this.reads, () => this.deps.clock.now())
      await this.saveAccount({ ...this.account, capabilities: report.capabilities })
      this.log.info('Connected to Upwork', {
        graphqlRequests: this.reads.client.requestCount - requestsBefore,
        tokenRequests: 1
      })
    } catch (e) {
      this.log.warn('Upwork connect failed', { code: isUpworkError(e) ? e.code : 'internal' })
      try {
        // A sign-in superseded by a newer connect() leaves the record to the newer one.
        const superseded = this.connecting > 1 && isUpworkError(e, 'cancelled')
        if (!superseded) {
          const tokenState = await this.tokens.state()
          const state: PersistedAccount['state'] =
            tokenState === 'connected' ? 'connected' : tokenState === 'reconnect_needed' ? 'reconnect_needed' : 'disconnected'
          const failure = isUserFacingError(e) ? textOf(e) : text('upwork.err.signInFailed')
          // Upwork's own error text can echo request data: redact before it is stored or shown.
          await this.saveAccount({ ...this.account, state, lastError: redact(inEnglish(failure)), lastErrorText: failure })
        }
      } finally {
        this.connecting--
      }
      await this.emitAccount().catch(() => undefined)
      throw e
    }
    this.connecting--
    return this.emitAccount()
  }

  /** Runs the capability probes again, e.g. after the user changed the key's scopes on Upwork. */
  async refreshCapabilities(): Promise<AccountSummary> {
    await this.ensureLoaded()
    if (this.account.state !== 'connected') {
      throw new UpworkError('not_connected', 'upwork.err.connectFirst')
    }
    const report = await detectCapabilities(this.reads, () => this.deps.clock.now())
    // The probes swallow their own errors; a sign-in that died meanwhile must not be reported as
    // "this key cannot do anything", but as what it is.
    if ((await this.tokens.state()) === 'reconnect_needed') throw new ReconnectNeededError()
    await this.saveAccount({ ...this.account, capabilities: report.capabilities })
    return this.emitAccount()
  }

  /** Stops a pending sign-in; resolves when the callback port is free again. */
  async cancelConnect(): Promise<void> {
    await this.flow.cancel()
  }

  /** Forgets the tokens (and the API key with forgetKey). Never touches other local data. */
  async disconnect(options: { forgetKey?: boolean } = {}): Promise<AccountSummary> {
    await this.ensureLoaded()
    await this.flow.cancel()
    await this.tokens.clear()
    if (options.forgetKey) {
      await this.deps.secrets.delete('upwork.clientId')
      await this.deps.secrets.delete('upwork.clientSecret')
    }
    await this.saveAccount({ state: 'disconnected' })
    return this.emitAccount()
  }

  async getAccount(): Promise<AccountSummary> {
    await this.ensureLoaded()
    return this.summary()
  }

  async selectOrganization(tenantId: string | null): Promise<AccountSummary> {
    await this.ensureLoaded()
    if (tenantId !== null) {
      const known = this.account.organizations ?? []
      if (!known.some((o) => o.id === tenantId)) {
        throw new UpworkError('invalid_input', 'upwork.err.unknownOrganization')
      }
    }
    await this.saveAccount({ ...this.account, tenantId })
    await this.deps.saveTenantId?.(tenantId)
    return this.emitAccount()
  }

  usage(): Promise<ApiUsage> {
    return this.limiter.usage()
  }

  /** Shorthand for events.on('usageChanged'); returns the unsubscribe function. */
  onUsageChanged(listener: (usage: ApiUsage) => void): () => void {
    return this.events.on('usageChanged', listener)
  }

  /** App quit: closes any loopback listener. */
  async dispose(): Promise<void> {
    await this.flow.dispose()
  }

  private async tenantId(): Promise<string | null> {
    await this.ensureLoaded()
    return currentTenantId(this.deps.accountStore, this.deps.settings)
  }

  private ensureLoaded(): Promise<void> {
    this.loaded ??= (async () => {
      const saved = await this.deps.accountStore.load()
      if (saved) this.account = saved
      if (saved?.state === 'reconnect_needed') {
        this.tokens.assumeReconnectNeeded()
      } else if (saved?.state === 'connected' && (await this.tokens.state()) === 'disconnected') {
        // Connected last time, but the tokens are gone (keychain reset, undecryptable, memory-only
        // store): ask for a new sign-in instead of silently showing "disconnected".
        this.tokens.assumeReconnectNeeded()
        const lost = tokensLostText(this.deps.secretBackend ?? 'keychain')
        this.account = { ...saved, state: 'reconnect_needed', lastError: inEnglish(lost), lastErrorText: lost }
        await this.deps.accountStore.save(this.account)
      }
    })().catch((e: unknown) => {
      this.loaded = null
      throw e
    })
    return this.loaded
  }

  private async onReconnectNeeded(): Promise<void> {
    try {
      await this.ensureLoaded()
      await this.saveAccount({
        ...this.account,
        state: 'reconnect_needed',
        lastError: RECONNECT_MESSAGE,
        lastErrorText: RECONNECT_TEXT
      })
      await this.emitAccount()
    } catch (e) {
      this.log.error('Could not record the reconnect-needed state', { error: (e as Error).message })
    }
  }

  private async saveAccount(next: PersistedAccount): Promise<void> {
    this.account = next
    await this.deps.accountStore.save(next)
  }

  private async emitAccount(): Promise<AccountSummary> {
    const summary = await this.summary()
    this.events.emit('accountChanged', summary)
    return summary
  }

  private async summary(): Promise<AccountSummary> {
    const settings = this.deps.settings()
    const hasCredentials = await this.hasCredentials()
    const tokenState = await this.tokens.state()
    const state: AccountSummary['state'] =
      this.connecting > 0
      ? 'connecting'
      : !hasCredentials
        ? 'not_configured'
        : tokenState === 'reconnect_needed' || this.account.state === 'reconnect_needed'
          ? 'reconnect_needed'
          : tokenState === 'connected'
            ? 'connected'
            : 'disconnected'
    const summary: AccountSummary = { state, hasCredentials, callbackUrl: callbackUrl(settings.callbackPort) }
    if (state === 'connected' || state === 'reconnect_needed' || state === 'connecting') {
      if (this.account.userName) summary.userName = this.account.userName
      if (this.account.userId) summary.userId = this.account.userId
      if (this.account.organizations) summary.organizations = this.account.organizations
      if (this.account.capabilities) summary.capabilities = this.capabilitiesIn(this.account.capabilities)
    }
    summary.tenantId = (await this.tenantId()) ?? null
    if (state === 'connected') {
      const expiresAt = await this.tokens.expiresAt()
      if (expiresAt !== null) summary.tokenExpiresAt = expiresAt
    }
    if (this.account.lastErrorText) summary.lastError = redact(renderText(this.t, this.account.lastErrorText))
    else if (this.account.lastError) summary.lastError = this.account.lastError
    if (tokenState === 'key_rejected') {
      // Not persisted: the next refresh finds out again, and a corrected key clears it at once.
      summary.lastError = renderText(this.t, KEY_REJECTED_TEXT)
      summary.lastErrorCode = 'key_rejected'
    }
    const pending = state === 'connecting' ? this.flow.pendingSignIn : undefined
    if (pending?.hint) summary.signInHint = renderText(this.t, stillWaitingHintText(pending.callbackUrl))
    return summary
  }

  /** The capability table for the summary: each reason in the language in force. */
  private capabilitiesIn(saved: ProbedCapabilities): Capabilities {
    const out = { checkedAt: saved.checkedAt } as Capabilities
    for (const [name, status] of Object.entries(saved)) {
      if (name === 'checkedAt' || typeof status !== 'object') continue
      const { reasonText, ...rest } = status
      ;(out as unknown as Record<string, CapabilityStatus>)[name] = reasonText ? { ...rest, reason: redact(renderText(this.t, reasonText)) } : rest
    }
    return out
  }

  /** The translator in force (English when none was given). */
  private get t(): Translate {
    return this.deps.t ?? ENGLISH
  }
}
