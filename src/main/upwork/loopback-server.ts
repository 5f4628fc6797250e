import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from '../logging/logger'
import { CALLBACK_PATH, LOOPBACK_HOST } from './endpoints'
import { inEnglish, renderText, text, translator, type Language, type MessageKey, type Translate, type UserText } from '@shared/i18n'
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

/** The tab's words in English (the pages are rendered in the language in force: `language`). */
export const SUCCESS_PAGE_TEXT = inEnglish(text('upwork.page.successText'))
export const FAILURE_PAGE_TEXT = inEnglish(text('upwork.page.failureText'))
export const PENDING_PAGE_TEXT = inEnglish(text('upwork.page.pendingText'))
export const CALLBACK_CSP = "default-src 'none'; style-src 'unsafe-inline'"
/** How long the browser's callback request is held open waiting for the outcome. */
export /** The tab and a few reloads; more held answers would only be sockets and memory for nobody. */
const MAX_HELD_ANSWERS = 4
const DEFAULT_HOLD_TIMEOUT_MS = 45_000

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

type PageKind = 'success' | 'failure' | 'pending'
const SUCCESS_PAGE: PageKind = 'success'
const FAILURE_PAGE: PageKind = 'failure'
const PENDING_PAGE: PageKind = 'pending'

/** One of the tab's pages in `language`. The catalog's words contain no markup (checked by a test). */
export function callbackPage(kind: PageKind, language: Language): string {
  const t: Translate = translator(language)
  const title = t(`upwork.page.${kind}Title`)
  return (
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${title}</title>` +
    '<style>body{font-family:system-ui,sans-serif;margin:4rem auto;max-width:32rem;text-align:center;color:#222}</style>' +
    `</head><body><h1>${title}</h1><p>${t(`upwork.page.${kind}Text`)}</p></body></html>`
  )
}

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
  /** The language of the tab's pages, read when a page is sent (default English). */
  language?: () => Language
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
      this.fail(
        new UpworkError(
          'timeout',
          this.sawCallback
            ? text('upwork.err.timedOut', { minutes })
            : text('upwork.err.timedOutHint', { minutes, hint: redirectUriHintText(this.callbackUrl) })
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
  cancel(message: MessageKey = 'upwork.err.signInCancelled'): Promise<void> {
    this.fail(new UpworkError('cancelled', message))
    return this.close()
  }

  /** Idempotent; resolves once the listening socket is closed and the port is free. */
  close(): Promise<void> {
    if (!this.closing) {
      this.timers.clearTimeout(this.timer)
      if (!this.settled) this.fail(new UpworkError('cancelled', 'upwork.err.signInCancelled'))
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

    const state = url.searchParams.get('state')
    const stateMatches = state !== null && constantTimeEqual(state, this.options.expectedState)
    if (this.settled) {
      // A reload of the tab carries the same URL, so the same state. Anything else (another local
      // page or process) learns nothing: no page that tells whether a sign-in is under way.
      if (!stateMatches) return notFound(res)
      // A reload or a second redirect: static page (the outcome once known), no effect.
      if (this.codeReceived && this.outcome === null) return this.hold(res)
      return this.sendPage(res, this.outcome === 'success' ? SUCCESS_PAGE : FAILURE_PAGE)
    }

    if (!stateMatches) {
      // Not our flow's redirect (forged, stale, or from another tab): ignore it and keep waiting.
      this.options.logger?.warn('Ignored an OAuth callback with a missing or wrong state', {
        hasState: state !== null
      })
      return this.sendPage(res, FAILURE_PAGE)
    }

    const error = url.searchParams.get('error')
    if (error !== null) {
      this.sendPage(res, FAILURE_PAGE)
      // Only a known-shaped error code reaches the UI, and error_description only sanitized, as
      // text in the app: never on this page.
      const safe = /^[a-z_]{1,60}$/.test(error) ? error : 'unknown_error'
      const message: UserText =
        safe === 'access_denied' ? text('upwork.err.accessDenied') : text('upwork.err.signInNotCompleted', { error: safe })
      const serverText = cleanServerText(url.searchParams.get('error_description'))
      this.fail(new UpworkError('oauth', withServerText(message, serverText), { serverText: serverText ?? undefined }))
      return
    }

    const code = url.searchParams.get('code')
    if (!code) {
      this.sendPage(res, FAILURE_PAGE)
      this.fail(new UpworkError('oauth', 'upwork.err.noCode'))
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
    if (this.holdExpired || this.closing || this.held.length >= MAX_HELD_ANSWERS) {
      return this.sendPage(res, this.outcome === 'success' ? SUCCESS_PAGE : this.outcome === 'failure' ? FAILURE_PAGE : PENDING_PAGE)
    }
    this.held.push(res)
    this.options.logger?.debug('OAuth callback answer held until the sign-in finishes', { waiting: this.held.length })
    // A tab closed meanwhile: forget it.
    res.once('close', () => {
      this.held = this.held.filter((r) => r !== res)
    })
  }

  private sendPage(res: ServerResponse, kind: PageKind): void {
    sendHtml(res, callbackPage(kind, this.options.language?.() ?? 'en'))
  }

  private releaseHeld(body: PageKind): void {
    const held = this.held
    this.held = []
    for (const res of held) if (!res.writableEnded && !res.destroyed) this.sendPage(res, body)
  }

  private fail(error: Error): void {
    if (this.settled) return
    this.settled = true
    this.timers.clearTimeout(this.timer)
    this.rejectResult(error)
  }
}

/** What to check when the browser never comes back to GigPilot (a redirect URI mismatch). */
export const redirectUriHintText = (callbackUrl: string): UserText => text('upwork.hint.redirectUri', { callbackUrl })
export const redirectUriHint = (callbackUrl: string, t: Translate = translator('en')): string => renderText(t, redirectUriHintText(callbackUrl))

function baseHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CALLBACK_CSP)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  // The callback URL carries the code: never let it leak through a Referer.
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('Connection', 'close')
}

function sendHtml(res: ServerResponse, body: string): void {
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
      text('upwork.err.portInUse', { port }),
      { cause: err }
    )
  }
  if (err.code === 'EACCES') {
    return new UpworkError(
      'port_in_use',
      text('upwork.err.portNotAllowed', { port }),
      { cause: err }
    )
  }
  return new UpworkError('oauth', text('upwork.err.listenerFailed', { port }), { cause: err })
}
