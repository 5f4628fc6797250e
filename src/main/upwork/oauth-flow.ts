import { TypedEmitter } from '../core/typed-emitter'
import type { Logger } from '../logging/logger'
import { callbackUrl } from './endpoints'
import { UpworkError } from './errors'
import { inEnglish, text, type Language, type MessageKey, type UserText } from '@shared/i18n'
import { LoopbackServer, realTimers, redirectUriHintText, type Timers } from './loopback-server'
import { codeChallengeS256, generateCodeVerifier, generateState } from './oauth-crypto'
import { exchangeAuthorizationCode, type ClientCredentials, type TokenSet } from './token-client'

/**
 * OAuth 2.0 authorization code flow through the system browser (RFC 8252): bind the loopback
 * listener, only then open the browser, wait for the one valid redirect, exchange the code in
 * main. The listener is closed in `finally` on every outcome.
 *
 * One sign-in at a time: calling `signIn` while one is pending CANCELS the pending one (its
 * promise rejects with code 'cancelled') and starts afresh. A user who clicks Connect again has
 * usually closed the first browser tab; refusing would leave them stuck until the timeout, and
 * the fixed port can only be bound by one listener anyway.
 *
 * The browser tab tells the truth: `signIn(request, complete)` runs `complete(tokens)` (the
 * caller's own steps after the exchange, e.g. storing the tokens and reading the account) while
 * the tab waits, and the tab says "connected" only if the exchange and `complete` both succeeded.
 *
 * A browser that never comes back usually means Upwork refused the redirect URI and showed its
 * own error page. After `stillWaitingAfterMs` (20 s) without a callback, `pendingSignIn.hint`
 * says what to check (the exact callback URL) and `events` emits `pendingChanged`.
 */

export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000
export const STILL_WAITING_AFTER_MS = 20_000

/** The sign-in in progress, for the account summary. */
export interface PendingSignInInfo {
  /** The exact redirect URI sent to Upwork. */
  callbackUrl: string
  startedAt: number
  /** Set once the browser has not come back for a while: what to check. */
  hint?: string
}

export interface OAuthFlowEvents extends Record<string, unknown> {
  pendingChanged: PendingSignInInfo | null
}

export const stillWaitingHintText = (callbackUrl: string): UserText => text('upwork.hint.stillWaiting', { hint: redirectUriHintText(callbackUrl) })
/** The hint in English (the account summary renders `stillWaitingHintText` in the language in force). */
export const stillWaitingHint = (callbackUrl: string): string => inEnglish(stillWaitingHintText(callbackUrl))

export interface OAuthFlowDeps {
  /** Opens the URL in the user's default browser (Electron's shell.openExternal, injected). */
  openBrowser: (url: string) => Promise<void>
  fetch: typeof fetch
  now: () => number
  logger: Logger
  timeoutMs?: number
  /** When to show the redirect-URI hint (default 20 s). */
  stillWaitingAfterMs?: number
  /** How long the tab waits for the outcome before a neutral page (default: the listener's). */
  holdTimeoutMs?: number
  timers?: Timers
  /** The language of the browser tab's pages (default English). */
  language?: () => Language
}

export interface SignInRequest extends ClientCredentials {
  authorizeUrl: string
  tokenUrl: string
  port: number
  usePkce: boolean
}

interface PendingSignIn {
  server: LoopbackServer | null
  abort: AbortController
  finished: Promise<void>
  info: PendingSignInInfo | null
  /** Set once the caller's `complete` runs: from then on a cancel lets it finish (see cancelPending). */
  completing: boolean
}

export class OAuthFlow {
  readonly events = new TypedEmitter<OAuthFlowEvents>()
  private pending: PendingSignIn | null = null
  private disposed = false

  constructor(private readonly deps: OAuthFlowDeps) {}

  get isPending(): boolean {
    return this.pending !== null
  }

  /** The sign-in waiting for the browser, if any (null while binding and after it ends). */
  get pendingSignIn(): PendingSignInInfo | null {
    return this.pending?.info ?? null
  }

  signIn(request: SignInRequest): Promise<TokenSet>
  /** `complete` runs after the code exchange, while the browser tab waits for the outcome. */
  signIn<T>(request: SignInRequest, complete: (tokens: TokenSet) => Promise<T>): Promise<T>
  async signIn<T>(request: SignInRequest, complete?: (tokens: TokenSet) => Promise<T>): Promise<T | TokenSet> {
    if (this.disposed) throw new UpworkError('cancelled', 'upwork.err.closing')
    // A loop, not an if: while we awaited one cancellation another call may have claimed the slot.
    while (this.pending) {
      await this.cancelPending(this.pending, 'upwork.err.newSignIn')
    }
    if (this.disposed) throw new UpworkError('cancelled', 'upwork.err.closing')

    let markFinished!: () => void
    const current: PendingSignIn = {
      server: null,
      abort: new AbortController(),
      finished: new Promise<void>((r) => (markFinished = r)),
      info: null,
      completing: false
    }
    this.pending = current
    const log = this.deps.logger
    const timers = this.deps.timers ?? realTimers
    let hintTimer: unknown = null
    const setInfo = (info: PendingSignInInfo | null): void => {
      current.info = info
      if (this.pending === current) this.events.emit('pendingChanged', info)
    }
    try {
      const state = generateState()
      const codeVerifier = request.usePkce ? generateCodeVerifier() : undefined
      // Rule 6: listen BEFORE opening the browser, so a fast redirect cannot beat us to the port.
      current.server = await LoopbackServer.start({
        port: request.port,
        expectedState: state,
        timeoutMs: this.deps.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
        holdTimeoutMs: this.deps.holdTimeoutMs,
        timers,
        logger: log,
        language: this.deps.language
      })
      const server = current.server
      if (current.abort.signal.aborted) throw new UpworkError('cancelled', 'upwork.err.signInCancelled')
      const redirectUri = callbackUrl(server.port)
      const url = buildAuthorizeUrl(request.authorizeUrl, {
        clientId: request.clientId,
        redirectUri,
        state,
        codeChallenge: codeVerifier ? codeChallengeS256(codeVerifier) : undefined
      })
      log.info('Opening the system browser for Upwork sign-in', { port: server.port, pkce: !!codeVerifier })
      const info: PendingSignInInfo = { callbackUrl: redirectUri, startedAt: this.deps.now() }
      setInfo(info)
      hintTimer = timers.setTimeout(() => {
        hintTimer = null
        log.info('No Upwork callback yet; showing the redirect URI hint')
        setInfo({ ...info, hint: stillWaitingHint(redirectUri) })
      }, this.deps.stillWaitingAfterMs ?? STILL_WAITING_AFTER_MS)
      // Not awaited before waiting for the callback: an opener may resolve only once the page has
      // loaded, and the page (our callback) is answered only after the exchange.
      const opened = this.deps.openBrowser(url).then(
        () => server.result,
        (cause: unknown) => {
          throw new UpworkError('oauth', 'upwork.err.browserNotOpened', { cause })
        }
      )
      const { code } = await Promise.race([server.result, opened])
      if (hintTimer !== null) timers.clearTimeout(hintTimer)
      hintTimer = null
      setInfo({ ...info })
      log.info('Upwork sign-in callback received; exchanging the code')
      try {
        const tokens = await exchangeAuthorizationCode(
          { fetch: this.deps.fetch, now: this.deps.now },
          request.tokenUrl,
          { clientId: request.clientId, clientSecret: request.clientSecret, code, redirectUri, codeVerifier },
          current.abort.signal
        )
        if (tokens.adjustments) log.warn('Upwork token reply had odd fields; defaults used', { adjustments: tokens.adjustments })
        if (current.abort.signal.aborted) throw new UpworkError('cancelled', 'upwork.err.signInCancelled')
        current.completing = true
        const result = complete ? await complete(tokens) : tokens
        server.finish('success')
        return result
      } catch (e) {
        server.finish('failure')
        throw e
      }
    } finally {
      if (hintTimer !== null) timers.clearTimeout(hintTimer)
      await current.server?.close()
      if (this.pending === current) {
        this.pending = null
        this.events.emit('pendingChanged', null)
      }
      markFinished()
    }
  }

  /** Cancels a pending sign-in (its promise rejects with 'cancelled'); resolves when the port is free. */
  async cancel(): Promise<void> {
    if (this.pending) await this.cancelPending(this.pending, 'upwork.err.signInCancelled')
  }

  /** App quit: cancel anything pending and refuse new sign-ins. */
  async dispose(): Promise<void> {
    this.disposed = true
    await this.cancel()
  }

  /**
   * Before the code exchange has finished, a cancel stops the sign-in (the exchange request is
   * aborted). Once the caller's `complete` runs (it may already have stored tokens), it is let
   * finish rather than cut off halfway, so the app's state, the promise and the tab all agree;
   * the cancel resolves when it is done, which also orders it before a disconnect's clean-up.
   */
  private async cancelPending(p: PendingSignIn, message: MessageKey): Promise<void> {
    // If the listener is still binding, the aborted signal makes signIn stop right after it binds.
    if (!p.completing) {
      p.abort.abort()
      await p.server?.cancel(message)
    }
    await p.finished
  }
}

export function buildAuthorizeUrl(
  authorizeUrl: string,
  p: { clientId: string; redirectUri: string; state: string; codeChallenge?: string }
): string {
  const url = new URL(authorizeUrl)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('client_id', p.clientId)
  url.searchParams.set('redirect_uri', p.redirectUri)
  url.searchParams.set('state', p.state)
  // No `scope`: scopes live on the key, and a scope parameter returned invalid_scope (upwork-api.md §1).
  if (p.codeChallenge) {
    url.searchParams.set('code_challenge', p.codeChallenge)
    url.searchParams.set('code_challenge_method', 'S256')
  }
  return url.toString()
}
