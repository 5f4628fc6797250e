import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from '../logging/logger'
import { CALLBACK_PATH, LOOPBACK_HOST } from './endpoints'
import { UpworkError, withServerText } from './errors'
import { constantTimeEqual } from './oauth-crypto'
import { cleanServerText } from './token-client'

/**
 * The one-shot HTTP server that receives Upwork's OAuth redirect (RFC 8252 §7.3), following the
 * seven rules of security.md §2:
 * - binds 127.0.0.1 explicitly (never all interfaces: LAN peers must not reach it);
 * - answers only GET on the exact callback path; everything else is a 404 with no side effect;
 * - checks `state` in constant time before anything else, on every branch including `?error=`;
 *   a missing or wrong state is ignored (static page) and the flow keeps waiting;
 * - settles once: later callbacks get a static page and change nothing;
 * - pages are static (nothing from the request is reflected, error_description included) with a
 *   CSP header;
 * - times out, and `close()` frees the port; the owner calls it in `finally`.
 *
 * The tab tells the truth: the answer to the valid callback is HELD until the owner reports the
 * outcome of everything after it (code exchange, reading the account) with `finish()`, so it says
 * "connected" only once that is true. If that takes longer than `holdTimeoutMs`, the tab gets a
 * neutral "finishing" page instead, never a premature success; closing without `finish()`
 * answers with the failure page.
 */

export const SUCCESS_PAGE_TEXT = 'You can close this tab and return to GigPilot.'
export const FAILURE_PAGE_TEXT = 'Sign-in was not completed. Return to GigPilot to see why and try again.'
export const PENDING_PAGE_TEXT = 'GigPilot is finishing the sign-in. Return to GigPilot to see whether it worked.'
export const CALLBACK_CSP = "default-src 'none'; style-src 'unsafe-inline'"
/** How long the browser's callback request is held open waiting for the outcome. */
export const DEFAULT_HOLD_TIMEOUT_MS = 45_000

/** Timers, injectable so tests can move time by hand. Handles are opaque. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** Real timers that do not keep the process alive. */
export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout)
}

const page = (title: string, text: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
  '<style>body{font-family:system-ui,sans-serif;margin:4rem auto;max-width:32rem;text-align:center;color:#222}</style>' +
  `</head><body><h1>${title}</h1><p>${text}</p></body></html>`

const SUCCESS_PAGE = page('GigPilot is connected to Upwork', SUCCESS_PAGE_TEXT)
const FAILURE_PAGE = page('GigPilot sign-in', FAILURE_PAGE_TEXT)
const PENDING_PAGE = page('Finishing sign-in…', PENDING_PAGE_TEXT)

export type SignInOutcome = 'success' | 'failure'

export interface LoopbackServerOptions {
  /** The fixed port saved on the Upwork key as part of its callback URL. */
  port: number
  /** The state sent in the authorization request. */
  expectedState: string
  /** How long to wait for the browser to come back. */
  timeoutMs: number
  logger?: Logger
  path?: string
  /** How long to hold the valid callback's response for `finish()` (default 45 s). */
  holdTimeoutMs?: number
  timers?: Timers
}

export interface CallbackResult {
  code: string
}

export class LoopbackServer {
  /** Resolves with the authorization code from the first valid callback; rejects on error, timeout, cancel. */
  readonly result: Promise<CallbackResult>
  /** The bound port (kept after close, for messages and tests). */
  readonly port: number
  private settled = false
  /** A valid callback brought a code (settled successfully; the exchange is the owner's). */
  private codeReceived = false
  /** The outcome the owner reported with finish(); null while the exchange is still running. */
  private outcome: SignInOutcome | null = null
  /** Responses to the valid callback (and reloads of it) waiting for the outcome. */
  private held: ServerResponse[] = []
  private holdExpired = false
  private holdTimer: unknown = null
  /** Whether any request reached the callback path (if none did, the redirect never came back). */
  private sawCallback = false
  private closing: Promise<void> | null = null
  private readonly timers: Timers
  private readonly timer: unknown
  private resolveResult!: (r: CallbackResult) => void
  private rejectResult!: (e: Error) => void

  private constructor(
    private readonly server: Server,
    private readonly options: LoopbackServerOptions & { path: string }
  ) {
    this.result = new Promise<CallbackResult>((resolve, reject) => {
      this.resolveResult = resolve
      this.rejectResult = reject
    })
    // The owner awaits `result`; this only stops an unobserved rejection from crashing the process.
    this.result.catch(() => undefined)
    this.port = (server.address() as AddressInfo).port
    this.timers = options.timers ?? realTimers
    const minutes = Math.max(1, Math.round(options.timeoutMs / 60_000))
    this.timer = this.timers.setTimeout(() => {
      const base = `Sign-in timed out after ${minutes} minute${minutes === 1 ? '' : 's'}.`
      this.fail(
        new UpworkError(
          'timeout',
          this.sawCallback
            ? `${base} Click Connect to try again.`
            : `${base} ${redirectUriHint(this.callbackUrl)}, then click Connect to try again.`
        )
      )
      void this.close()
    }, options.timeoutMs)
  }

  /** The exact redirect URI this listener answers (what the key's callback URL must be). */
  get callbackUrl(): string {
    return `http://${LOOPBACK_HOST}:${this.port}${this.options.path}`
  }

  /**
   * The owner reports how the sign-in ended after the code: answers the held tab (and later
   * reloads) with the success or failure page. Only the first call counts.
   */
  finish(outcome: SignInOutcome): void {
    if (this.outcome !== null) return
    this.outcome = outcome
    if (this.holdTimer !== null) this.timers.clearTimeout(this.holdTimer)
    this.releaseHeld(outcome === 'success' ? SUCCESS_PAGE : FAILURE_PAGE)
  }

  /** Listens on 127.0.0.1:port. Resolves once the port is bound, so the browser can be opened safely. */
  static async start(options: LoopbackServerOptions): Promise<LoopbackServer> {
    const opts = { ...options, path: options.path ?? CALLBACK_PATH }
    let instance: LoopbackServer | null = null
    const server = createServer((req, res) => {
      if (instance) instance.handle(req, res)
      else notFound(res)
    })
    // A browser pre-connect that never sends a request must not hold the port open for long.
    server.requestTimeout = 30_000
    server.headersTimeout = 10_000
    server.keepAliveTimeout = 1_000
    await new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException): void => {
        server.close()
        reject(listenError(err, opts.port))
      }
      server.once('error', onError)
      server.listen({ host: LOOPBACK_HOST, port: opts.port, exclusive: true }, () => {
        server.off('error', onError)
        resolve()
      })
    })
    // Errors after listening (e.g. a client resetting) must not crash main.
    server.on('error', (err) => opts.logger?.warn('OAuth callback server error', { error: err.message }))
    server.on('clientError', (_err, socket) => socket.destroy())
    instance = new LoopbackServer(server, opts)
    return instance
  }


  /** The bound address, for tests that check nothing listens beyond loopback. */
  address(): AddressInfo | null {
    const a = this.server.address()
    return a && typeof a === 'object' ? a : null
  }

  /** How many tabs are waiting for the outcome (for tests). */
  get heldCount(): number {
    return this.held.length
  }

  get isClosed(): boolean {
    return this.closing !== null
  }

  /** Stops waiting: rejects `result` with a cancellation (if still pending) and frees the port. */
  cancel(message = 'Sign-in was cancelled.'): Promise<void> {
    this.fail(new UpworkError('cancelled', message))
    return this.close()
  }

  /** Idempotent; resolves once the listening socket is closed and the port is free. */
  close(): Promise<void> {
    if (!this.closing) {
      this.timers.clearTimeout(this.timer)
      if (!this.settled) this.fail(new UpworkError('cancelled', 'Sign-in was cancelled.'))
      // Closed without an outcome (cancelled or failed mid-exchange): the tab must not stay spinning.
      this.finish('failure')
      this.closing = new Promise<void>((resolve) => {
        this.server.close(() => resolve())
        this.server.closeIdleConnections()
        // Anything still open after a moment (a stalled browser socket) is cut so close completes.
        setTimeout(() => this.server.closeAllConnections(), 500).unref()
      })
    }
    return this.closing
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    let url: URL
    try {
      url = new URL(req.url ?? '/', `http://${LOOPBACK_HOST}`)
    } catch {
      return notFound(res)
    }
    if (req.method !== 'GET' || url.pathname !== this.options.path) return notFound(res)
    this.sawCallback = true

    if (this.settled) {
      // A reload or a second redirect: static page (the outcome once known), no effect.
      if (this.codeReceived && this.outcome === null) return this.hold(res)
      return sendPage(res, this.outcome === 'success' ? SUCCESS_PAGE : FAILURE_PAGE)
    }

    const state = url.searchParams.get('state')
    if (state === null || !constantTimeEqual(state, this.options.expectedState)) {
      // Not our flow's redirect (forged, stale, or from another tab): ignore it and keep waiting.
      this.options.logger?.warn('Ignored an OAuth callback with a missing or wrong state', {
        hasState: state !== null
      })
      return sendPage(res, FAILURE_PAGE)
    }

    const error = url.searchParams.get('error')
    if (error !== null) {
      sendPage(res, FAILURE_PAGE)
      // Only a known-shaped error code reaches the UI, and error_description only sanitized, as
      // text in the app: never on this page.
      const safe = /^[a-z_]{1,60}$/.test(error) ? error : 'unknown_error'
      const message =
        safe === 'access_denied'
          ? 'Upwork sign-in was cancelled or access was not granted. Click Connect to try again.'
          : `Upwork did not complete the sign-in (${safe}). Click Connect to try again.`
      const serverText = cleanServerText(url.searchParams.get('error_description'))
      this.fail(new UpworkError('oauth', withServerText(message, serverText), { serverText: serverText ?? undefined }))
      return
    }

    const code = url.searchParams.get('code')
    if (!code) {
      sendPage(res, FAILURE_PAGE)
      this.fail(new UpworkError('oauth', 'Upwork’s reply had no authorization code. Click Connect to try again.'))
      return
    }

    this.settled = true
    this.codeReceived = true
    this.timers.clearTimeout(this.timer)
    this.holdTimer = this.timers.setTimeout(() => {
      this.holdExpired = true
      this.releaseHeld(PENDING_PAGE)
    }, this.options.holdTimeoutMs ?? DEFAULT_HOLD_TIMEOUT_MS)
    this.hold(res)
    this.resolveResult({ code })
  }

  /** Keeps the tab's request open until finish() (or the hold timeout: then the neutral page). */
  private hold(res: ServerResponse): void {
    if (this.holdExpired || this.closing) {
      return sendPage(res, this.outcome === 'success' ? SUCCESS_PAGE : this.outcome === 'failure' ? FAILURE_PAGE : PENDING_PAGE)
    }
    this.held.push(res)
    this.options.logger?.debug('OAuth callback answer held until the sign-in finishes', { waiting: this.held.length })
    // A tab closed meanwhile: forget it.
    res.once('close', () => {
      this.held = this.held.filter((r) => r !== res)
    })
  }

  private releaseHeld(body: string): void {
    const held = this.held
    this.held = []
    for (const res of held) if (!res.writableEnded && !res.destroyed) sendPage(res, body)
  }

  private fail(error: Error): void {
    if (this.settled) return
    this.settled = true
    this.timers.clearTimeout(this.timer)
    this.rejectResult(error)
  }
}

/** What to check when the browser never comes back to GigPilot (a redirect URI mismatch). */
export function redirectUriHint(callbackUrl: string): string {
  return `If Upwork shows an error about the redirect URI, make sure your key’s callback URL is exactly ${callbackUrl}`
}

function baseHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CALLBACK_CSP)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  // The callback URL carries the code: never let it leak through a Referer.
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('Connection', 'close')
}

function sendPage(res: ServerResponse, body: string): void {
  baseHeaders(res)
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
  res.end(body)
}

function notFound(res: ServerResponse): void {
  baseHeaders(res)
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
  res.end('Not found')
}

function listenError(err: NodeJS.ErrnoException, port: number): UpworkError {
  if (err.code === 'EADDRINUSE') {
    return new UpworkError(
      'port_in_use',
      `Port ${port} is in use by another program. Close it or choose another callback port in Settings → Upwork account, and update your key's callback URL to match.`,
      { cause: err }
    )
  }
  if (err.code === 'EACCES') {
    return new UpworkError(
      'port_in_use',
      `GigPilot is not allowed to use port ${port}. Choose another callback port in Settings → Upwork account, and update your key's callback URL to match.`,
      { cause: err }
    )
  }
  return new UpworkError('oauth', `GigPilot could not start the sign-in listener on port ${port}.`, { cause: err })
}
