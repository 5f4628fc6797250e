import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { CALLBACK_CSP, FAILURE_PAGE_TEXT, LoopbackServer, SUCCESS_PAGE_TEXT } from './loopback-server'
import { nonLoopbackIPv4, probePort, settledWithin } from '../test-support/net'
import { createMemoryLogger } from '../test-support/memory-logger'

const STATE = 'expected-state-0123456789abcdefghijklmnopqrstuvwxyz'
const servers: LoopbackServer[] = []

async function start(timeoutMs = 10_000): Promise<LoopbackServer> {
  // Port 0 lets the OS choose, so tests never collide with each other or the real 47615.
  const server = await LoopbackServer.start({ port: 0, expectedState: STATE, timeoutMs, logger: createMemoryLogger() })
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
    const ok = await fetch(url(server, `/upwork/callback?code=the-code&state=${STATE}`))
    expect(await ok.text()).toContain(SUCCESS_PAGE_TEXT)
    await expect(server.result).resolves.toEqual({ code: 'the-code' })
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
    const first = await fetch(url(server, `/upwork/callback?code=first&state=${STATE}`))
    expect(await first.text()).toContain(SUCCESS_PAGE_TEXT)
    const second = await fetch(url(server, `/upwork/callback?code=second&state=${STATE}`))
    expect(await second.text()).toContain(SUCCESS_PAGE_TEXT)
    await expect(server.result).resolves.toEqual({ code: 'first' })
  })

  it('times out, and then the port is closed', async () => {
    const server = await start(200)
    await expect(server.result).rejects.toMatchObject({ code: 'timeout' })
    await server.close()
    expect(await probePort('127.0.0.1', server.port)).toBe('ECONNREFUSED')
  })

  it('frees the port after success, error and cancel', async () => {
    const ok = await start()
    await (await fetch(url(ok, `/upwork/callback?code=c&state=${STATE}`))).text()
    await ok.result
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
