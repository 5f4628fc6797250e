import type { Logger } from '../logging/logger'
import { callbackUrl } from './endpoints'
import { UpworkError } from './errors'
import { LoopbackServer } from './loopback-server'
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
 */

export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000

export interface OAuthFlowDeps {
  /** Opens the URL in the user's default browser (Electron's shell.openExternal, injected). */
  openBrowser: (url: string) => Promise<void>
  fetch: typeof fetch
  now: () => number
  logger: Logger
  timeoutMs?: number
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
}

export class OAuthFlow {
  private pending: PendingSignIn | null = null
  private disposed = false

  constructor(private readonly deps: OAuthFlowDeps) {}

  get isPending(): boolean {
    return this.pending !== null
  }

  async signIn(request: SignInRequest): Promise<TokenSet> {
    if (this.disposed) throw new UpworkError('cancelled', 'GigPilot is closing.')
    // A loop, not an if: while we awaited one cancellation another call may have claimed the slot.
    while (this.pending) {
      await this.cancelPending(this.pending, 'A new sign-in was started.')
    }
    if (this.disposed) throw new UpworkError('cancelled', 'GigPilot is closing.')

    let markFinished!: () => void
    const current: PendingSignIn = {
      server: null,
      abort: new AbortController(),
      finished: new Promise<void>((r) => (markFinished = r))
    }
    this.pending = current
    const log = this.deps.logger
    try {
      const state = generateState()
      const codeVerifier = request.usePkce ? generateCodeVerifier() : undefined
      // Rule 6: listen BEFORE opening the browser, so a fast redirect cannot beat us to the port.
      current.server = await LoopbackServer.start({
        port: request.port,
        expectedState: state,
        timeoutMs: this.deps.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
        logger: log
      })
      if (current.abort.signal.aborted) throw new UpworkError('cancelled', 'Sign-in was cancelled.')
      const redirectUri = callbackUrl(current.server.port)
      const url = buildAuthorizeUrl(request.authorizeUrl, {
        clientId: request.clientId,
        redirectUri,
        state,
        codeChallenge: codeVerifier ? codeChallengeS256(codeVerifier) : undefined
      })
      log.info('Opening the system browser for Upwork sign-in', { port: current.server.port, pkce: !!codeVerifier })
      try {
        await this.deps.openBrowser(url)
      } catch (cause) {
        throw new UpworkError('oauth', 'GigPilot could not open your web browser for the Upwork sign-in.', { cause })
      }
      const { code } = await current.server.result
      log.info('Upwork sign-in callback received; exchanging the code')
      const tokens = await exchangeAuthorizationCode(
        { fetch: this.deps.fetch, now: this.deps.now },
        request.tokenUrl,
        { clientId: request.clientId, clientSecret: request.clientSecret, code, redirectUri, codeVerifier },
        current.abort.signal
      )
      if (current.abort.signal.aborted) throw new UpworkError('cancelled', 'Sign-in was cancelled.')
      return tokens
    } finally {
      await current.server?.close()
      if (this.pending === current) this.pending = null
      markFinished()
    }
  }

  /** Cancels a pending sign-in (its promise rejects with 'cancelled'); resolves when the port is free. */
  async cancel(): Promise<void> {
    if (this.pending) await this.cancelPending(this.pending, 'Sign-in was cancelled.')
  }

  /** App quit: cancel anything pending and refuse new sign-ins. */
  async dispose(): Promise<void> {
    this.disposed = true
    await this.cancel()
  }

  private async cancelPending(p: PendingSignIn, message: string): Promise<void> {
    // If the listener is still binding, the aborted signal makes signIn stop right after it binds.
    p.abort.abort()
    await p.server?.cancel(message)
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
