import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { startFakeUpwork, type FakeUpwork } from '../../../tools/fake-upwork/index'
import { KEY_REJECTED_MESSAGE } from './errors'
import { FAILURE_PAGE_TEXT, PENDING_PAGE_TEXT, SUCCESS_PAGE_TEXT } from './loopback-server'
import { buildAuthorizeUrl, OAuthFlow, stillWaitingHint, type OAuthFlowDeps, type PendingSignInInfo, type SignInRequest } from './oauth-flow'
import { deferred } from '../test-support/deferred'
import { ManualClock } from '../test-support/clocks'
import { browse, capturingBrowser, FAKE_CLIENT } from '../test-support/fake-upwork'
import { freePort } from '../test-support/free-port'
import { probePort, settledWithin } from '../test-support/net'
import { createMemoryLogger, type MemoryLogger } from '../test-support/memory-logger'

/** The sign-in flow over real HTTP: our loopback listener on 127.0.0.1 and the fake Upwork server. */

let fake: FakeUpwork
beforeAll(async () => {
  fake = await startFakeUpwork({ autoApprove: true })
})
afterAll(async () => {
  await fake.close()
})

const flows: OAuthFlow[] = []
afterEach(async () => {
  await Promise.all(flows.splice(0).map((f) => f.dispose()))
  fake.faults.clear()
})

function newFlow(openBrowser: (url: string) => Promise<void>, timeoutMs = 20_000, deps: Partial<OAuthFlowDeps> = {}): OAuthFlow {
  const logger = createMemoryLogger()
  const flow = new OAuthFlow({ openBrowser, fetch, now: () => Date.now(), logger, timeoutMs, ...deps })
  flows.push(flow)
  return flow
}

/** The browser's first step only: the authorize URL's redirect to our callback (not followed). */
async function redirectTarget(authorizeUrl: string): Promise<string> {
  const res = await fetch(authorizeUrl, { redirect: 'manual' })
  await res.text()
  const location = res.headers.get('location')
  if (!location) throw new Error(`authorize did not redirect (HTTP ${res.status})`)
  return location
}

/** How many callback answers the loopback listener is holding (it logs each one it holds). */
const heldAnswers = (logger: MemoryLogger): number =>
  logger.entries.filter((e) => e.message.startsWith('OAuth callback answer held')).length



async function request(overrides: Partial<SignInRequest> = {}): Promise<SignInRequest> {
  return {
    authorizeUrl: fake.authorizeUrl,
    tokenUrl: fake.tokenUrl,
    ...FAKE_CLIENT,
    port: await freePort(),
    usePkce: false,
    ...overrides
  }
}

const tokenRequests = (): number => fake.requests.filter((r) => r.path === '/api/v3/oauth2/token').length

describe('OAuthFlow against the fake Upwork', () => {
  it('listens before opening the browser, exchanges the code, and frees the port', async () => {
    const req = await request()
    let listeningWhenOpened: string | null = null
    let page: Promise<{ body: string }> | null = null
    const flow = newFlow(async (url) => {
      listeningWhenOpened = await probePort('127.0.0.1', req.port)
      page = browse(url)
    })
    fake.clearRequests()
    const tokens = await flow.signIn(req)
    expect(listeningWhenOpened).toBe('connected')
    expect((await page!).body).toContain(SUCCESS_PAGE_TEXT)
    expect(tokens.accessToken).toMatch(/^oauth2v2_/)
    expect(tokens.refreshToken).toMatch(/^oauth2v2_/)
    expect(tokens.expiresAt).toBeGreaterThan(Date.now() + 86_000_000)
    const exchange = fake.requests.filter((r) => r.grantType === 'authorization_code')
    expect(exchange).toHaveLength(1)
    expect(await probePort('127.0.0.1', req.port)).toBe('ECONNREFUSED')
    expect(flow.isPending).toBe(false)
  })

  it('sends a PKCE S256 challenge when enabled (the fake checks the verifier)', async () => {
    const req = await request({ usePkce: true })
    let authorizeUrl = ''
    const flow = newFlow(async (url) => {
      authorizeUrl = url
      await browse(url)
    })
    await expect(flow.signIn(req)).resolves.toMatchObject({ accessToken: expect.any(String) })
    const u = new URL(authorizeUrl)
    expect(u.searchParams.get('code_challenge_method')).toBe('S256')
    expect(u.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(u.searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${req.port}/upwork/callback`)
    expect(u.searchParams.has('scope')).toBe(false)
    expect(Buffer.from(u.searchParams.get('state')!, 'base64url').length * 8).toBeGreaterThanOrEqual(128)
  })

  it('ignores wrong/missing state and ?error= with a wrong state: no token request, still waiting', async () => {
    const req = await request()
    const browser = capturingBrowser()
    const flow = newFlow(browser.open)
    fake.clearRequests()
    const signIn = flow.signIn(req)
    const authorizeUrl = await browser.opened
    const base = `http://127.0.0.1:${req.port}/upwork/callback`
    for (const q of ['?code=stolen&state=wrong', '?code=stolen', '?error=access_denied&state=wrong', '?error=access_denied']) {
      const res = await fetch(base + q)
      expect(await res.text()).toContain(FAILURE_PAGE_TEXT)
    }
    expect(await (await fetch(`http://127.0.0.1:${req.port}/favicon.ico`)).status).toBe(404)
    expect(tokenRequests()).toBe(0)
    expect(await settledWithin(signIn, 200)).toBe('pending')
    // The genuine redirect still completes the sign-in.
    await browse(authorizeUrl)
    await expect(signIn).resolves.toMatchObject({ accessToken: expect.any(String) })
    expect(tokenRequests()).toBe(1)
  })

  it('a second callback (while the code is being exchanged) waits for the same outcome and does nothing', async () => {
    const req = await request()
    const browser = capturingBrowser()
    const logger = createMemoryLogger()
    const flow = newFlow(browser.open, 20_000, { logger })
    const exchangeMayFinish = deferred<void>()
    fake.clearRequests()
    const signIn = flow.signIn(req, async (tokens) => {
      await exchangeMayFinish.promise
      return tokens
    })
    const callback = await redirectTarget(await browser.opened)
    const first = fetch(callback).then((r) => r.text())
    await vi.waitFor(() => expect(tokenRequests()).toBe(1))
    const again = fetch(callback).then((r) => r.text())
    await vi.waitFor(() => expect(heldAnswers(logger)).toBe(2))
    exchangeMayFinish.resolve()
    await signIn
    expect(await first).toContain(SUCCESS_PAGE_TEXT)
    expect(await again).toContain(SUCCESS_PAGE_TEXT)
    expect(tokenRequests()).toBe(1)
    expect(await probePort('127.0.0.1', req.port)).toBe('ECONNREFUSED')
  })

  it('?error=access_denied with the right state fails the sign-in (no token request) and frees the port', async () => {
    const req = await request()
    const browser = capturingBrowser()
    const flow = newFlow(browser.open)
    fake.clearRequests()
    const signIn = flow.signIn(req)
    signIn.catch(() => undefined) // it rejects before the assertion below attaches
    const state = new URL(await browser.opened).searchParams.get('state')!
    const attack = encodeURIComponent('<script>alert(1)</script>')
    const res = await fetch(
      `http://127.0.0.1:${req.port}/upwork/callback?error=access_denied&error_description=${attack}&state=${encodeURIComponent(state)}`
    )
    const body = await res.text()
    expect(body).not.toContain('<script>alert(1)</script>')
    expect(body).toContain(FAILURE_PAGE_TEXT)
    await expect(signIn).rejects.toMatchObject({ code: 'oauth', message: expect.stringMatching(/cancelled or access was not granted/) })
    expect(tokenRequests()).toBe(0)
    expect(await probePort('127.0.0.1', req.port)).toBe('ECONNREFUSED')
  })

  it('times out, frees the port, and a late callback is refused', async () => {
    const req = await request()
    const browser = capturingBrowser()
    const timers = new ManualClock()
    const flow = newFlow(browser.open, 300_000, { timers })
    const signIn = flow.signIn(req)
    signIn.catch(() => undefined)
    const authorizeUrl = await browser.opened
    timers.advance(300_000)
    await expect(signIn).rejects.toMatchObject({ code: 'timeout' })
    expect(await probePort('127.0.0.1', req.port)).toBe('ECONNREFUSED')
    const late = await fetch(authorizeUrl, { redirect: 'manual' })
    await expect(fetch(late.headers.get('location')!)).rejects.toThrow()
  })

  it('cancel and dispose stop the sign-in and free the port', async () => {
    const req = await request()
    const browser = capturingBrowser()
    const flow = newFlow(browser.open)
    const signIn = flow.signIn(req)
    signIn.catch(() => undefined)
    await browser.opened
    await flow.cancel()
    await expect(signIn).rejects.toMatchObject({ code: 'cancelled' })
    expect(await probePort('127.0.0.1', req.port)).toBe('ECONNREFUSED')

    const req2 = await request()
    const browser2 = capturingBrowser()
    const flow2 = newFlow(browser2.open)
    const signIn2 = flow2.signIn(req2)
    signIn2.catch(() => undefined)
    await browser2.opened
    expect(await probePort('127.0.0.1', req2.port)).toBe('connected')
    await flow2.dispose() // app quit
    await expect(signIn2).rejects.toMatchObject({ code: 'cancelled' })
    expect(await probePort('127.0.0.1', req2.port)).toBe('ECONNREFUSED')
    await expect(flow2.signIn(await request())).rejects.toMatchObject({ code: 'cancelled' })
  })

  it('a second signIn cancels the pending one (one sign-in at a time)', async () => {
    const req = await request()
    const urls: string[] = []
    const flow = newFlow(async (url) => void urls.push(url))
    const first = flow.signIn(req)
    first.catch(() => undefined)
    await vi.waitFor(() => expect(urls).toHaveLength(1))
    const second = flow.signIn(req) // same fixed port: only possible because the first was closed
    await expect(first).rejects.toMatchObject({ code: 'cancelled', message: 'A new sign-in was started.' })
    await vi.waitFor(() => expect(urls).toHaveLength(2))
    await browse(urls[1]!)
    await expect(second).resolves.toMatchObject({ accessToken: expect.any(String) })
  })

  it('reports a busy callback port in plain words, without opening the browser', async () => {
    const { createServer } = await import('node:net')
    const blocker = createServer()
    const port = await freePort()
    await new Promise<void>((r) => blocker.listen({ host: '127.0.0.1', port }, () => r()))
    let opened = false
    const flow = newFlow(async () => void (opened = true))
    try {
      await expect(flow.signIn(await request({ port }))).rejects.toMatchObject({
        code: 'port_in_use',
        message: expect.stringContaining(`Port ${port} is in use by another program.`)
      })
      expect(opened).toBe(false)
    } finally {
      await new Promise((r) => blocker.close(r))
    }
  })

  it('a malformed token response is a clear error, and the tab says the sign-in was not completed', async () => {
    for (const fault of [
      { kind: 'malformedJson' as const },
      { kind: 'missingFields' as const, fields: ['access_token'] },
      { kind: 'wrongTypes' as const }
    ]) {
      const req = await request()
      let page: Promise<{ body: string }> | null = null
      const flow = newFlow(async (url) => void (page = browse(url)))
      fake.faults.next(fault, { path: 'token' })
      await expect(flow.signIn(req), fault.kind).rejects.toMatchObject({
        code: 'malformed',
        message: expect.stringMatching(/could not read, so nothing was saved/)
      })
      const body = (await page!).body
      expect(body, fault.kind).toContain(FAILURE_PAGE_TEXT)
      expect(body, fault.kind).not.toContain(SUCCESS_PAGE_TEXT)
    }
  })

  describe('the browser tab tells the truth (real HTTP to the loopback callback)', () => {
    /** Runs a sign-in whose "browser" loads the callback like a real one; returns the tab's page and the outcome. */
    async function signInWithTab(
      overrides: Partial<SignInRequest>,
      complete?: () => Promise<unknown>
    ): Promise<{ body: string; outcome: unknown }> {
      const req = await request(overrides)
      let page: Promise<{ body: string }> | null = null
      const flow = newFlow(async (url) => void (page = browse(url)))
      const outcome = await (complete ? flow.signIn(req, complete) : flow.signIn(req)).then(
        () => 'resolved',
        (e: unknown) => e
      )
      return { body: (await page!).body, outcome }
    }

    it('wrong client secret (invalid_client): "Upwork refused your API key", and the tab does not say connected', async () => {
      const { body, outcome } = await signInWithTab({ clientSecret: 'not-the-secret' })
      expect(outcome).toMatchObject({ code: 'key_rejected', message: KEY_REJECTED_MESSAGE })
      expect(body).toContain(FAILURE_PAGE_TEXT)
      expect(body).not.toContain(SUCCESS_PAGE_TEXT)
      expect(body).not.toMatch(/connected/i)
    })

    it('token endpoint unreachable: a network error, and the failure page', async () => {
      const { body, outcome } = await signInWithTab({ tokenUrl: `http://127.0.0.1:${await freePort()}/token` })
      expect(outcome).toMatchObject({ code: 'network' })
      expect(body).toContain(FAILURE_PAGE_TEXT)
      expect(body).not.toContain(SUCCESS_PAGE_TEXT)
    })

    it('a step after the exchange fails (reading the account): the failure page', async () => {
      const { body, outcome } = await signInWithTab({}, async () => {
        throw new Error('could not read the account')
      })
      expect(outcome).toMatchObject({ message: 'could not read the account' })
      expect(body).toContain(FAILURE_PAGE_TEXT)
      expect(body).not.toContain(SUCCESS_PAGE_TEXT)
    })

    it('the success page comes only after the steps after the exchange have finished', async () => {
      const req = await request()
      const browser = capturingBrowser()
      const logger = createMemoryLogger()
      const flow = newFlow(browser.open, 20_000, { logger })
      const accountRead = deferred<string>()
      let tabAnswered = false
      fake.clearRequests()
      const signIn = flow.signIn(req, () => accountRead.promise)
      const tab = fetch(await redirectTarget(await browser.opened)).then(async (r) => {
        tabAnswered = true
        return r.text()
      })
      await vi.waitFor(() => expect(heldAnswers(logger)).toBe(1))
      await vi.waitFor(() => expect(tokenRequests()).toBe(1))
      expect(tabAnswered).toBe(false)
      accountRead.resolve('account')
      await expect(signIn).resolves.toBe('account')
      expect(await tab).toContain(SUCCESS_PAGE_TEXT)
    })

    it('if the steps take longer than the hold time, the tab gets a neutral page, never an early success', async () => {
      const req = await request()
      const browser = capturingBrowser()
      const timers = new ManualClock()
      const logger = createMemoryLogger()
      const flow = newFlow(browser.open, 300_000, { timers, holdTimeoutMs: 45_000, logger })
      const accountRead = deferred<void>()
      const signIn = flow.signIn(req, () => accountRead.promise)
      const tab = fetch(await redirectTarget(await browser.opened)).then((r) => r.text())
      await vi.waitFor(() => expect(heldAnswers(logger)).toBe(1))
      timers.advance(45_000)
      const body = await tab
      expect(body).toContain(PENDING_PAGE_TEXT)
      expect(body).not.toContain(SUCCESS_PAGE_TEXT)
      accountRead.resolve()
      await signIn
    })
  })

  it('a cancel during the code exchange stops it (failure page); during the caller’s steps it lets them finish', async () => {
    // During the exchange: the token request is aborted, nothing is returned, the tab says so.
    const req = await request()
    const browser = capturingBrowser()
    const logger = createMemoryLogger()
    const flow = newFlow(browser.open, 20_000, { logger })
    fake.faults.next({ kind: 'delay', ms: 5_000 }, { path: 'token' })
    fake.clearRequests()
    const stopped = flow.signIn(req)
    stopped.catch(() => undefined)
    const tab = fetch(await redirectTarget(await browser.opened)).then((r) => r.text())
    await vi.waitFor(() => expect(heldAnswers(logger)).toBe(1))
    await flow.cancel()
    await expect(stopped).rejects.toMatchObject({ code: 'cancelled' })
    expect(await tab).toContain(FAILURE_PAGE_TEXT)

    // During the caller's steps (tokens may already be stored): they finish, and all agree on success.
    const req2 = await request()
    const browser2 = capturingBrowser()
    const logger2 = createMemoryLogger()
    const flow2 = newFlow(browser2.open, 20_000, { logger: logger2 })
    const steps = deferred<string>()
    let stepsRunning = false
    const finishing = flow2.signIn(req2, () => {
      stepsRunning = true
      return steps.promise
    })
    const tab2 = fetch(await redirectTarget(await browser2.opened)).then((r) => r.text())
    await vi.waitFor(() => expect(stepsRunning).toBe(true))
    const cancel = flow2.cancel()
    expect(await settledWithin(cancel, 100)).toBe('pending') // waits for the steps
    steps.resolve('account')
    await expect(finishing).resolves.toBe('account')
    await cancel
    expect(await tab2).toContain(SUCCESS_PAGE_TEXT)
    expect(await probePort('127.0.0.1', req2.port)).toBe('ECONNREFUSED')
  })

  it('after 20 s without a callback, the pending sign-in carries the redirect URI hint with the exact callback URL', async () => {
    const req = await request()
    const browser = capturingBrowser()
    const timers = new ManualClock()
    const flow = newFlow(browser.open, 300_000, { timers })
    const seen: Array<PendingSignInInfo | null> = []
    flow.events.on('pendingChanged', (info) => seen.push(info))
    const signIn = flow.signIn(req)
    const authorizeUrl = await browser.opened
    const callbackUrl = `http://127.0.0.1:${req.port}/upwork/callback`
    expect(flow.pendingSignIn).toMatchObject({ callbackUrl })
    expect(flow.pendingSignIn?.hint).toBeUndefined()
    timers.advance(19_999)
    expect(flow.pendingSignIn?.hint).toBeUndefined()
    timers.advance(1)
    const hint = `Still waiting for Upwork. If Upwork shows an error about the redirect URI, make sure your key’s callback URL is exactly ${callbackUrl}.`
    expect(stillWaitingHint(callbackUrl)).toBe(hint)
    expect(flow.pendingSignIn).toMatchObject({ callbackUrl, hint })
    expect(seen.at(-1)).toMatchObject({ hint })
    // The browser comes back after all: the hint goes, and the end of the sign-in is announced.
    await browse(authorizeUrl)
    await signIn
    expect(seen.some((info) => info !== null && info.hint === undefined && seen.indexOf(info) > 1)).toBe(true)
    expect(seen.at(-1)).toBeNull()
    expect(flow.pendingSignIn).toBeNull()
  })

  it('a browser that cannot be opened fails the sign-in at once and frees the port', async () => {
    const req = await request()
    const flow = newFlow(async () => {
      throw new Error('no browser')
    })
    await expect(flow.signIn(req)).rejects.toMatchObject({ code: 'oauth', message: expect.stringMatching(/could not open your web browser/) })
    expect(await probePort('127.0.0.1', req.port)).toBe('ECONNREFUSED')
  })

  it('keeps the authorize URL’s own query and adds only the OAuth parameters', () => {
    const url = new URL(
      buildAuthorizeUrl('https://example.test/authorize?x=1', { clientId: 'id', redirectUri: 'http://127.0.0.1:1/upwork/callback', state: 's' })
    )
    expect(Object.fromEntries(url.searchParams)).toEqual({
      x: '1',
      response_type: 'code',
      client_id: 'id',
      redirect_uri: 'http://127.0.0.1:1/upwork/callback',
      state: 's'
    })
  })
})
