import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startFakeUpwork, type FakeUpwork } from '../../../tools/fake-upwork/index'
import { FAILURE_PAGE_TEXT, SUCCESS_PAGE_TEXT } from './loopback-server'
import { buildAuthorizeUrl, OAuthFlow, type SignInRequest } from './oauth-flow'
import { browse, capturingBrowser, FAKE_CLIENT } from '../test-support/fake-upwork'
import { freePort } from '../test-support/free-port'
import { probePort, settledWithin } from '../test-support/net'
import { createMemoryLogger } from '../test-support/memory-logger'

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

function newFlow(openBrowser: (url: string) => Promise<void>, timeoutMs = 20_000): OAuthFlow {
  const logger = createMemoryLogger()
  const flow = new OAuthFlow({ openBrowser, fetch, now: () => Date.now(), logger, timeoutMs })
  flows.push(flow)
  return flow
}

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
    const flow = newFlow(async (url) => {
      listeningWhenOpened = await probePort('127.0.0.1', req.port)
      const page = await browse(url)
      expect(page.body).toContain(SUCCESS_PAGE_TEXT)
    })
    fake.clearRequests()
    const tokens = await flow.signIn(req)
    expect(listeningWhenOpened).toBe('connected')
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

  it('a second callback (while the code is being exchanged) gets the static page and does nothing', async () => {
    const req = await request()
    const browser = capturingBrowser()
    const flow = newFlow(browser.open)
    fake.faults.next({ kind: 'delay', ms: 600 }, { path: 'token' })
    fake.clearRequests()
    const signIn = flow.signIn(req)
    const { callback } = await browse(await browser.opened)
    const again = await fetch(callback)
    expect(again.status).toBe(200)
    expect(await again.text()).toContain(SUCCESS_PAGE_TEXT)
    await signIn
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
    const flow = newFlow(browser.open, 300)
    const signIn = flow.signIn(req)
    signIn.catch(() => undefined)
    const authorizeUrl = await browser.opened
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
    await new Promise((r) => setTimeout(r, 100))
    const second = flow.signIn(req) // same fixed port: only possible because the first was closed
    await expect(first).rejects.toMatchObject({ code: 'cancelled', message: 'A new sign-in was started.' })
    await new Promise((r) => setTimeout(r, 100))
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

  it('a malformed token response is a clear error', async () => {
    for (const fault of [
      { kind: 'malformedJson' as const },
      { kind: 'missingFields' as const, fields: ['access_token'] },
      { kind: 'wrongTypes' as const }
    ]) {
      const req = await request()
      const flow = newFlow(async (url) => void (await browse(url)))
      fake.faults.next(fault, { path: 'token' })
      await expect(flow.signIn(req), fault.kind).rejects.toMatchObject({
        code: 'malformed',
        message: expect.stringMatching(/could not read, so nothing was saved/)
      })
    }
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
