import { DEFAULT_CLIENT, DEFAULT_SCOPES, startFakeUpwork, type FakeUpwork, type FakeUpworkOptions } from '../../../tools/fake-upwork/index'
import { useFakeServer } from './use-fake-server'

export { startFakeUpwork, type FakeUpwork } from '../../../tools/fake-upwork/index'

/** The fake's registered key, as the app's credentials form would receive it. */
export const FAKE_CLIENT = { clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret } as const

/** One fake Upwork per test file, its faults and scopes reset before each test. */
export function useFakeUpwork(options: FakeUpworkOptions = {}): { readonly fake: FakeUpwork } {
  return useFakeServer(
    () => startFakeUpwork(options),
    (fake) => {
      fake.faults.clear()
      fake.setScopes([...DEFAULT_SCOPES])
    }
  )
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
