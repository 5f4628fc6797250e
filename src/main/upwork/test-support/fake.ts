import { createServer } from 'node:net'

/** A port that was free a moment ago (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen({ host: '127.0.0.1', port: 0 }, () => r()))
  const port = (server.address() as { port: number }).port
  await new Promise((r) => server.close(r))
  return port
}

/**
 * Plays the system browser against the fake with autoApprove: GET the authorize URL, then follow
 * its redirect to our loopback callback. Returns the callback page status and body.
 */
export async function browse(authorizeUrl: string): Promise<{ status: number; body: string; callback: string }> {
  const authorize = await fetch(authorizeUrl, { redirect: 'manual' })
  await authorize.text()
  const callback = authorize.headers.get('location')
  if (!callback) throw new Error(`authorize did not redirect (HTTP ${authorize.status})`)
  const res = await fetch(callback)
  return { status: res.status, body: await res.text(), callback }
}

/** Captures the URL the app asked to open, without following it. */
export function capturingBrowser(): { open: (url: string) => Promise<void>; opened: Promise<string> } {
  let resolve!: (url: string) => void
  const opened = new Promise<string>((r) => (resolve = r))
  return {
    open: async (url: string) => resolve(url),
    opened
  }
}

export const FAKE_CLIENT = { clientId: 'fake-client-id', clientSecret: 'fake-client-secret' } as const
