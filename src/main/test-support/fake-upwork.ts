import { afterAll, afterEach, beforeAll } from 'vitest'
import { DEFAULT_CLIENT, DEFAULT_SCOPES, startFakeUpwork, type FakeUpwork, type FakeUpworkOptions } from '../../../tools/fake-upwork/index'

export { startFakeUpwork, type FakeUpwork } from '../../../tools/fake-upwork/index'

/** The fake's registered key, as the app's credentials form would receive it. */
export const FAKE_CLIENT = { clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret } as const

/**
 * One fake Upwork (real HTTP on 127.0.0.1, a port the OS picks) for a test file: started before
 * the first test, faults and scopes reset after each, closed after the last. Returns a stand-in
 * that forwards to the running server, so tests write `fake.faults.next(…)` as usual; using it
 * outside a test or hook throws.
 */
export function useFakeUpwork(options: FakeUpworkOptions = {}): FakeUpwork {
  let fake: FakeUpwork | undefined
  beforeAll(async () => {
    fake = await startFakeUpwork(options)
  })
  afterEach(() => {
    fake?.faults.clear()
    fake?.setScopes([...DEFAULT_SCOPES])
  })
  afterAll(async () => {
    await fake?.close()
    fake = undefined
  })
  return new Proxy({} as FakeUpwork, {
    get: (_target, prop) => {
      if (!fake) throw new Error('useFakeUpwork(): the fake starts in beforeAll; use it inside a test or hook')
      const value: unknown = Reflect.get(fake, prop, fake)
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(fake) : value
    }
  })
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
