import { afterEach, describe, expect, it, vi } from 'vitest'
import { startFakeUpwork, type FakeUpwork } from '../../../tools/fake-upwork/index'
import { ManualClock } from '../test-support/clocks'
import { FAKE_CLIENT, useFakeUpwork } from '../test-support/fake-upwork'
import { KEY_REJECTED_MESSAGE, KeyRejectedError } from './errors'
import { FAILURE_PAGE_TEXT, SUCCESS_PAGE_TEXT } from './loopback-server'
import { stillWaitingHint } from './oauth-flow'
import { getCurrentUser } from './operations'
import { createHarness, type Harness } from './test-support/connection-harness'
import type { AccountSummary } from './types'

/**
 * The OAuth fixes as the user meets them through UpworkConnection (real HTTP to the fake Upwork
 * and to the loopback callback): what the browser tab says, and what the account summary says.
 */

const upwork = useFakeUpwork({ autoApprove: true })

const harnesses: Harness[] = []
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.cleanup()))
})

/** A harness whose "browser" follows the sign-in to the callback and keeps the tab's page. */
async function withTab(overrides: Parameters<typeof createHarness>[1] = {}, server: FakeUpwork = upwork.fake) {
  let tab: Promise<{ status: number; body: string }> | null = null
  const h = await createHarness(server, {
    openBrowser: async (url) => {
      tab = (async () => {
        const authorize = await fetch(url, { redirect: 'manual' })
        const body = await authorize.text()
        const callback = authorize.headers.get('location')
        if (!callback) return { status: authorize.status, body } // the server's own error page
        const res = await fetch(callback)
        return { status: res.status, body: await res.text() }
      })()
      tab.catch(() => undefined)
    },
    ...overrides
  })
  harnesses.push(h)
  await h.connection.saveCredentials(FAKE_CLIENT)
  return { h, tab: () => vi.waitFor(() => tab ?? Promise.reject(new Error('browser not opened yet'))) }
}

describe('the browser tab tells the truth about connect()', () => {
  it('the account cannot be read after the code exchange: the tab says the sign-in was not completed', async () => {
    const { h, tab } = await withTab()
    upwork.fake.faults.next({ kind: 'forbidden' }, { path: 'graphql', count: 10 })
    await expect(h.connection.connect()).rejects.toMatchObject({ message: expect.stringMatching(/could not read your Upwork account/) })
    const page = await (await tab())
    expect(page.body).toContain(FAILURE_PAGE_TEXT)
    expect(page.body).not.toContain(SUCCESS_PAGE_TEXT)
  })

  it('the token endpoint fails (wrong client secret): the tab does not say connected; the error says the key was refused', async () => {
    const { h, tab } = await withTab()
    await h.secrets.set('upwork.clientSecret', 'not-the-secret')
    await expect(h.connection.connect()).rejects.toMatchObject({ code: 'key_rejected', message: KEY_REJECTED_MESSAGE })
    expect((await tab()).body).toContain(FAILURE_PAGE_TEXT)
    expect((await h.connection.getAccount()).state).toBe('disconnected')
  })

  it('a good sign-in: the tab says connected once the account is read', async () => {
    const { h, tab } = await withTab()
    const account = await h.connection.connect()
    expect(account.state).toBe('connected')
    expect((await tab()).body).toContain(SUCCESS_PAGE_TEXT)
  })
})

describe('the account summary', () => {
  it('invalid_client on refresh: "Upwork refused your API key" with code key_rejected, not "sign-in expired"', async () => {
    const { h } = await withTab()
    await h.connection.connect()
    const seen: AccountSummary[] = []
    h.connection.events.on('accountChanged', (a) => seen.push(a))
    await h.secrets.set('upwork.clientSecret', 'revoked-secret')
    h.clock.offset += 2 * 86_400_000 // the access token is due
    const err = await getCurrentUser(h.connection.operations).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(KeyRejectedError)
    await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ lastErrorCode: 'key_rejected' }))
    const account = await h.connection.getAccount()
    expect(account).toMatchObject({ lastErrorCode: 'key_rejected', lastError: KEY_REJECTED_MESSAGE })
    expect(account.state).not.toBe('reconnect_needed')
    expect(account.lastError).not.toMatch(/expired|Reconnect|sign in again/i)

    // The user saves the right secret (same client ID): the kept sign-in works again.
    await h.connection.saveCredentials(FAKE_CLIENT)
    await expect(getCurrentUser(h.connection.operations)).resolves.toMatchObject({ id: expect.any(String) })
    const fixed = await h.connection.getAccount()
    expect(fixed.state).toBe('connected')
    expect(fixed.lastErrorCode).toBeUndefined()
  })

  it('redirect URI mismatch: the browser never comes back; after 20 s the summary says what to check, with the exact URL', async () => {
    const strict = await startFakeUpwork({ autoApprove: true, strictRedirectUris: true })
    try {
      const timers = new ManualClock()
      const { h, tab } = await withTab({ signInTimers: timers }, strict)
      const seen: AccountSummary[] = []
      h.connection.events.on('accountChanged', (a) => seen.push(a))
      const connecting = h.connection.connect()
      connecting.catch(() => undefined)
      const page = await tab()
      expect(page.status).toBe(400) // the authorization server's own error page
      expect((await h.connection.getAccount()).signInHint).toBeUndefined()
      timers.advance(20_000)
      const expected = stillWaitingHint(`http://127.0.0.1:${h.settings.callbackPort}/upwork/callback`)
      expect(expected).toBe(
        `Still waiting for Upwork. If Upwork shows an error about the redirect URI, make sure your key’s callback URL is exactly http://127.0.0.1:${h.settings.callbackPort}/upwork/callback.`
      )
      await vi.waitFor(() => expect(seen.at(-1)).toMatchObject({ state: 'connecting', signInHint: expected }))
      expect(await h.connection.getAccount()).toMatchObject({ state: 'connecting', signInHint: expected })
      await h.connection.cancelConnect()
      await expect(connecting).rejects.toMatchObject({ code: 'cancelled' })
      expect((await h.connection.getAccount()).signInHint).toBeUndefined()
    } finally {
      await strict.close()
    }
  })
})
