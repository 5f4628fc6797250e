import { describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../security/content-security-policy'

/** Only `electron` is replaced: protocol.handle records the handler, net.fetch records the files asked for. */
let handler: ((request: Request) => Promise<Response>) | null = null
const fetched: string[] = []
vi.mock('electron', () => ({
  protocol: {
    handle: (_scheme: string, fn: typeof handler) => (handler = fn),
    registerSchemesAsPrivileged: vi.fn()
  },
  net: {
    fetch: async (url: string) => {
      fetched.push(url)
      return new Response('<html></html>', { status: 200, headers: { 'Content-Type': 'text/html' } })
    }
  }
}))

describe('app:// protocol', async () => {
  const { handleAppScheme } = await import('./protocol')
  handleAppScheme('/opt/gigpilot/out/renderer')

  it('serves files under the renderer folder with the CSP header', async () => {
    const response = await handler!(new Request('app://gigpilot/assets/index.js'))
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(fetched.at(-1)).toBe('file:///opt/gigpilot/out/renderer/assets/index.js')
  })

  it('maps / to index.html', async () => {
    await handler!(new Request('app://gigpilot/'))
    expect(fetched.at(-1)).toBe('file:///opt/gigpilot/out/renderer/index.html')
  })

  it('keeps dot-segments inside the renderer folder (the URL parser resolves them first)', async () => {
    await handler!(new Request('app://gigpilot/%2e%2e/%2e%2e/%2e%2e/etc/passwd'))
    expect(fetched.at(-1)).toBe('file:///opt/gigpilot/out/renderer/etc/passwd')
  })

  it.each([
    'app://gigpilot/..%2f..%2f..%2fetc%2fpasswd',
    'app://gigpilot/index.html%00.js',
    'app://gigpilot/%E0%A4%A',
    'app://gigpilot/%2e%2e%5c%2e%2e%5cwindows%5cwin.ini',
    'app://other-host/index.html'
  ])('refuses %s without touching the disk', async (url) => {
    const before = fetched.length
    const response = await handler!(new Request(url))
    expect(response.status).toBe(404)
    expect(fetched.length).toBe(before)
  })
})
