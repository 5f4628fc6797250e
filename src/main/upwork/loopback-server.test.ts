import { createServer } from 'node:net'
import { en, uk } from '@shared/i18n'
import { afterEach, describe, expect, it } from 'vitest'
import {
  CALLBACK_CSP,
  FAILURE_PAGE_TEXT,
  LoopbackServer,
  PENDING_PAGE_TEXT,
  SUCCESS_PAGE_TEXT,
  type LoopbackServerOptions
} from './loopback-server'
import { ManualClock } from '../test-support/clocks'
import { nonLoopbackIPv4, probePort, settledWithin } from '../test-support/net'
import { createMemoryLogger } from '../test-support/memory-logger'

const STATE = 'expected-state-0123456789abcdefghijklmnopqrstuvwxyz'
const servers: LoopbackServer[] = []

async function start(timeoutMs = 10_000, options: Partial<LoopbackServerOptions> = {}): Promise<LoopbackServer> {
  // Port 0 lets the OS choose, so tests never collide with each other or the real 47615.
  const server = await LoopbackServer.start({ port: 0, expectedState: STATE, timeoutMs, logger: createMemoryLogger(), ...options })
  servers.push(server)
  return server
}

function url(server: LoopbackServer, pathAndQuery: string): string {
  return `http://127.0.0.1:${server.port}${pathAndQuery}`
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

describe('LoopbackServer', () => {
  it('binds 127.0.0.1 only; the machine’s other addresses refuse connections', async () => {
    const server = await start()
    expect(server.address()?.address).toBe('127.0.0.1')
    expect(await probePort('127.0.0.1', server.port)).toBe('connected')
    const lan = nonLoopbackIPv4()
    if (lan) {
      expect(await probePort(lan, server.port)).toBe('ECONNREFUSED')
    } else {
      console.info('No non-loopback IPv4 address on this machine; LAN refusal not checked')
    }
  })

  it('answers other paths and methods with 404 and no side effect', async () => {
    const server = await start()
    for (const p of ['/favicon.ico', '/', '/upwork/callback/extra', '/upwork/callbackx?code=a&state=' + STATE]) {
      const res = await fetch(url(server, p))
      expect(res.status, p).toBe(404)
      await res.text()
    }
    const post = await fetch(url(server, `/upwork/callback?code=a&state=${STATE}`), { method: 'POST' })
    expect(post.status).toBe(404)
    await post.text()
    expect(await settledWithin(server.result)).toBe('pending')
  })

  it('ignores a wrong or missing state, including on ?error=, and keeps waiting', async () => {
    const server = await start()
    for (const q of [
      '?code=abc&state=wrong',
      '?code=abc',
      '?error=access_denied&state=wrong',
      '?error=access_denied',
      `?code=abc&state=${STATE}x`,
      `?code=abc&state=${STATE.slice(0, -1)}`
    ]) {
      const res = await fetch(url(server, `/upwork/callback${q}`))
      expect(res.status).toBe(200)
      expect(await res.text()).toContain(FAILURE_PAGE_TEXT)
    }
    expect(await settledWithin(server.result)).toBe('pending')
    // The real callback still works afterwards.
    const ok = fetch(url(server, `/upwork/callback?code=the-code&state=${STATE}`))
    await expect(server.result).resolves.toEqual({ code: 'the-code' })
    server.finish('success')
    expect(await (await ok).text()).toContain(SUCCESS_PAGE_TEXT)
  })

  it('serves static pages with a CSP and reflects nothing from the request', async () => {
    const server = await start()
    const attack = encodeURIComponent('<script>alert(1)</script>')
    const res = await fetch(url(server, `/upwork/callback?error=access_denied&error_description=${attack}&state=${STATE}`))
    const body = await res.text()
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toBe(CALLBACK_CSP)
    expect(CALLBACK_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'")
    expect(body).toContain(FAILURE_PAGE_TEXT)
    expect(body).not.toContain('<script')
    expect(body).not.toContain('alert(1)')
    expect(body).not.toContain('access_denied')
    await expect(server.result).rejects.toMatchObject({ code: 'oauth' })
  })

  it('settles once: a second callback gets the static page and changes nothing', async () => {
    const server = await start()
    const first = fetch(url(server, `/upwork/callback?code=first&state=${STATE}`))
    await expect(server.result).resolves.toEqual({ code: 'first' })
    server.finish('success')
    expect(await (await first).text()).toContain(SUCCESS_PAGE_TEXT)
    const second = await fetch(url(server, `/upwork/callback?code=second&state=${STATE}`))
    expect(await second.text()).toContain(SUCCESS_PAGE_TEXT)
    server.finish('failure') // only the first outcome counts
    expect(await (await fetch(url(server, `/upwork/callback?code=third&state=${STATE}`))).text()).toContain(SUCCESS_PAGE_TEXT)
    await expect(server.result).resolves.toEqual({ code: 'first' })
  })

  describe('the tab says "connected" only once the owner says so', () => {
    it('holds the valid callback until finish(): failure → the failure page, never the success page', async () => {
      const server = await start()
      let answered = false
      const tab = fetch(url(server, `/upwork/callback?code=c&state=${STATE}`)).then(async (r) => {
        answered = true
        return r.text()
      })
      await server.result
      // The exchange is "running": a reload of the same URL is held as well.
      const reload = fetch(url(server, `/upwork/callback?code=c&state=${STATE}`)).then((r) => r.text())
      await expect.poll(() => server.heldCount).toBe(2)
      expect(answered).toBe(false)
      server.finish('failure')
      for (const body of [await tab, await reload]) {
        expect(body).toContain(FAILURE_PAGE_TEXT)
        expect(body).not.toContain(SUCCESS_PAGE_TEXT)
        expect(body).not.toContain('connected')
      }
    })

    it('while the exchange runs, only a reload with the right state is held, and only a few (security review)', async () => {
      const server = await start()
      const tab = fetch(url(server, `/upwork/callback?code=c&state=${STATE}`)).then((r) => r.text())
      await server.result
      await expect.poll(() => server.heldCount).toBe(1)
      // Another local page probing the listener: no state, or a wrong one → a plain 404, not held.
      for (const probe of ['/upwork/callback', '/upwork/callback?state=nope', `/upwork/callback?code=x&state=${STATE}x`]) {
        const r = await fetch(url(server, probe))
        expect(r.status, probe).toBe(404)
        expect(await r.text()).not.toMatch(/sign-in|GigPilot/i)
      }
      expect(server.heldCount).toBe(1)
      // Reloads with the right state are held up to the cap; beyond it they get the neutral page at once.
      const reloads = [1, 2, 3].map(() => fetch(url(server, `/upwork/callback?code=c&state=${STATE}`)).then((r) => r.text()))
      await expect.poll(() => server.heldCount).toBe(4)
      const extra = await (await fetch(url(server, `/upwork/callback?code=c&state=${STATE}`))).text()
      expect(extra).not.toContain(SUCCESS_PAGE_TEXT)
      expect(server.heldCount).toBe(4)
      server.finish('success')
      for (const body of [await tab, ...(await Promise.all(reloads))]) expect(body).toContain(SUCCESS_PAGE_TEXT)
    })

    it('closing without an outcome answers with the failure page', async () => {
      const server = await start()
      const tab = fetch(url(server, `/upwork/callback?code=c&state=${STATE}`)).then((r) => r.text())
      await server.result
      await expect.poll(() => server.heldCount).toBe(1)
      await server.close()
      expect(await tab).toContain(FAILURE_PAGE_TEXT)
    })

    it('after holdTimeoutMs the tab gets a neutral "finishing" page, then reloads get the outcome', async () => {
      const timers = new ManualClock()
      const server = await start(10_000, { timers, holdTimeoutMs: 45_000 })
      const tab = fetch(url(server, `/upwork/callback?code=c&state=${STATE}`)).then((r) => r.text())
      await server.result
      await expect.poll(() => server.heldCount).toBe(1)
      timers.advance(44_999)
      expect(server.heldCount).toBe(1)
      timers.advance(1)
      const body = await tab
      expect(body).toContain(PENDING_PAGE_TEXT)
      expect(body).not.toContain(SUCCESS_PAGE_TEXT)
      expect(await (await fetch(url(server, `/upwork/callback?code=c&state=${STATE}`))).text()).toContain(PENDING_PAGE_TEXT)
      server.finish('success')
      expect(await (await fetch(url(server, `/upwork/callback?code=c&state=${STATE}`))).text()).toContain(SUCCESS_PAGE_TEXT)
    })
  })

  it('a timeout with no callback at all names the exact callback URL to check', async () => {
    const timers = new ManualClock()
    const silent = await start(300_000, { timers })
    timers.advance(300_000)
    await expect(silent.result).rejects.toMatchObject({
      code: 'timeout',
      message: `Sign-in timed out after 5 minutes. If Upwork shows an error about the redirect URI, make sure your key’s callback URL is exactly http://127.0.0.1:${silent.port}/upwork/callback, then click Connect to try again.`
    })

    // The browser did come back (with a wrong state): the redirect URI is fine, no such hint.
    const visited = await start(300_000, { timers })
    await (await fetch(url(visited, `/upwork/callback?code=x&state=wrong`))).text()
    timers.advance(300_000)
    await expect(visited.result).rejects.toMatchObject({
      code: 'timeout',
      message: 'Sign-in timed out after 5 minutes. Click Connect to try again.'
    })
  })

  it('?error= with the right state passes error_description on as sanitized text in the error, never on the page', async () => {
    const server = await start()
    const description = encodeURIComponent('The user\u202E denied <b>access</b>\u0007')
    const res = await fetch(url(server, `/upwork/callback?error=access_denied&error_description=${description}&state=${STATE}`))
    const body = await res.text()
    expect(body).not.toContain('denied')
    expect(body).not.toContain('<b>')
    await expect(server.result).rejects.toMatchObject({
      code: 'oauth',
      message:
        'Upwork sign-in was cancelled or access was not granted. Click Connect to try again. Upwork said: “The user denied <b>access</b>”',
      serverText: 'The user denied <b>access</b>'
    })
  })

  it('times out, and then the port is closed', async () => {
    const server = await start(200)
    await expect(server.result).rejects.toMatchObject({ code: 'timeout' })
    await server.close()
    expect(await probePort('127.0.0.1', server.port)).toBe('ECONNREFUSED')
  })

  it('frees the port after success, error and cancel', async () => {
    const ok = await start()
    const tab = fetch(url(ok, `/upwork/callback?code=c&state=${STATE}`))
    await ok.result
    ok.finish('success')
    await (await tab).text()
    await ok.close()
    expect(await probePort('127.0.0.1', ok.port)).toBe('ECONNREFUSED')

    const denied = await start()
    await (await fetch(url(denied, `/upwork/callback?error=access_denied&state=${STATE}`))).text()
    await expect(denied.result).rejects.toMatchObject({ code: 'oauth' })
    await denied.close()
    expect(await probePort('127.0.0.1', denied.port)).toBe('ECONNREFUSED')

    const cancelled = await start()
    await cancelled.cancel()
    await expect(cancelled.result).rejects.toMatchObject({ code: 'cancelled' })
    expect(await probePort('127.0.0.1', cancelled.port)).toBe('ECONNREFUSED')
  })

  it('explains a port already in use', async () => {
    const blocker = createServer()
    await new Promise<void>((r) => blocker.listen({ host: '127.0.0.1', port: 0 }, () => r()))
    const port = (blocker.address() as { port: number }).port
    try {
      await expect(
        LoopbackServer.start({ port, expectedState: STATE, timeoutMs: 1000 })
      ).rejects.toMatchObject({
        code: 'port_in_use',
        message: `Port ${port} is in use by another program. Close it or choose another callback port in Settings → Upwork account, and update your key's callback URL to match.`
      })
    } finally {
      await new Promise((r) => blocker.close(r))
    }
  })
})

describe('the browser tab in the user’s language', () => {
  it('is Ukrainian when the language is uk (read when each page is sent), English by default', async () => {
    let language: 'en' | 'uk' = 'uk'
    const server = await start(10_000, { language: () => language })
    const wrong = await (await fetch(url(server, '/upwork/callback?code=c&state=wrong'))).text()
    expect(wrong).toContain('<html lang="uk">')
    expect(wrong).toContain(uk['upwork.page.failureText'])
    expect(wrong).toContain(`<title>${uk['upwork.page.failureTitle']}</title>`)
    language = 'en'
    const again = await (await fetch(url(server, '/upwork/callback?code=c&state=wrong'))).text()
    expect(again).toContain('<html lang="en">')
    expect(again).toContain(FAILURE_PAGE_TEXT)
  })

  it('has no markup in the catalog words it shows', () => {
    for (const catalog of [en, uk]) {
      for (const kind of ['success', 'failure', 'pending'] as const) {
        expect(catalog[`upwork.page.${kind}Title`] + catalog[`upwork.page.${kind}Text`]).not.toMatch(/[<>&"]/)
      }
    }
  })
})
