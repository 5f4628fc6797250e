import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeUpwork, type FakeUpwork } from '../../../tools/fake-upwork/index'
import { createHarnessCore, type HarnessCore } from '../../../tools/harness/harness-core'
import { createServer, type Server } from 'node:net'
import { en, uk } from '@shared/i18n'
import type { AccountSummary } from '@shared/types'
import { dispatch } from '../ipc/dispatch'
import { freePort } from '../test-support/free-port'

/** The composed services against a real data folder, keychain (or its fallback) and the fake Upwork. */
let fake: FakeUpwork
let dataDir: string
let core: HarnessCore

/** Stands in for the user's browser: follows the authorize redirect to the loopback callback. */
async function browser(url: string): Promise<void> {
  const authorize = await fetch(url, { redirect: 'manual' })
  const location = authorize.headers.get('location')
  if (location) await fetch(location)
}

beforeEach(async () => {
  fake = await startFakeUpwork({ autoApprove: true })
  dataDir = mkdtempSync(join(tmpdir(), 'gigpilot-core-'))
  core = await createHarnessCore({
    dataDir,
    env: { UPWORK_AUTH_URL: fake.authorizeUrl, UPWORK_TOKEN_URL: fake.tokenUrl, UPWORK_GRAPHQL_URL: fake.graphqlUrl },
    verbose: false,
    openBrowser: async (url) => void browser(url)
  })
  core.settings.update({ upwork: { callbackPort: await freePort() } })
})

afterEach(async () => {
  await core.close()
  await fake.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('core services', () => {
  it('connects to Upwork and keeps every token out of settings, the account file, the database and the logs', async () => {
    await core.upwork.saveCredentials({ clientId: 'fake-client-id', clientSecret: 'fake-client-secret' })
    const account = await core.upwork.connect()
    expect(account.state).toBe('connected')
    expect(account.userName).toBe('Dana Kowalski')

    await core.close()
    core = await createHarnessCore({ dataDir, env: {}, verbose: false, openBrowser: browser })
    const files = readdirSync(dataDir, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile() && !f.name.endsWith('-shm'))
      .map((f) => join(f.parentPath, f.name))
    for (const file of files) {
      const text = readFileSync(file).toString('latin1')
      expect(text, file).not.toMatch(/oauth2v2_/)
      expect(text, file).not.toContain('fake-client-secret')
    }
  })

  it('signs out when an Upwork endpoint setting changes, keeping the API key', async () => {
    await core.upwork.saveCredentials({ clientId: 'fake-client-id', clientSecret: 'fake-client-secret' })
    await core.upwork.connect()
    core.settings.update({ upwork: { graphqlUrl: 'https://proxy.example.com/graphql' } })
    await expect.poll(async () => (await core.upwork.getAccount()).state).toBe('disconnected')
    expect((await core.upwork.getAccount()).hasCredentials).toBe(true)
    await expect.poll(() => core.status().notices.join(' ')).toMatch(/signed out of Upwork/)
  })

  it('says nothing about signing out when nobody was signed in', async () => {
    await core.upwork.saveCredentials({ clientId: 'fake-client-id', clientSecret: 'fake-client-secret' })
    const signedOut = new Promise<void>((resolve) => core.bus.on('upwork:account', () => resolve()))
    core.settings.update({ upwork: { graphqlUrl: 'https://proxy.example.com/graphql' } })
    await signedOut // the sign-out after the change has run…
    await core.upwork.getAccount() // …and what follows it (a keychain round trip later)
    expect(core.status().notices).toEqual([])
  })

  it('drops the sign-out notice when the user connects again', async () => {
    await core.upwork.saveCredentials({ clientId: 'fake-client-id', clientSecret: 'fake-client-secret' })
    await core.upwork.connect()
    const statuses: string[][] = []
    core.bus.on('app:status', (s) => statuses.push(s.notices))
    core.settings.update({ upwork: { graphqlUrl: 'https://proxy.example.com/graphql' } })
    await expect.poll(() => core.status().notices).toHaveLength(1)
    core.settings.update({ upwork: { graphqlUrl: fake.graphqlUrl } })
    await expect.poll(async () => (await core.upwork.getAccount()).state).toBe('disconnected')
    await core.upwork.connect()
    expect(core.status().notices).toEqual([])
    // The renderer heard it too (the banner goes away without a reload).
    expect(statuses.at(-1)).toEqual([])
  })

  it('shows the sign-out notice in the user\'s language', async () => {
    await core.upwork.saveCredentials({ clientId: 'fake-client-id', clientSecret: 'fake-client-secret' })
    await core.upwork.connect()
    core.settings.update({ language: 'uk', upwork: { graphqlUrl: 'https://proxy.example.com/graphql' } })
    await expect.poll(() => core.status().notices.join(' ')).toMatch(/вийшов з облікового запису Upwork/)
    core.settings.update({ language: 'en' })
    expect(core.status().notices.join(' ')).toMatch(/signed out of Upwork/)
  })

  it('merges every domain: one handler per contract channel', async () => {
    const { channelNames } = await import('@shared/contract')
    expect(Object.keys(core.dispatchOptions.handlers).sort()).toEqual([...channelNames].sort())
  })
})

// ---- words for the user: main renders them in the language in force (src/main/README.md) ----

const call = (name: string, input?: unknown) => dispatch(core.dispatchOptions, name, input)

describe('errors raised in main', () => {
  it('reach the renderer in Ukrainian when the language is uk, in English otherwise', async () => {
    core.settings.update({ language: 'uk' })
    expect(await call('upwork:connect')).toEqual({ ok: false, error: { code: 'not_configured', message: uk['upwork.err.enterKeyFirst'] } })
    core.settings.update({ language: 'en' })
    expect(await call('upwork:connect')).toEqual({ ok: false, error: { code: 'not_configured', message: en['upwork.err.enterKeyFirst'] } })
  })

  it('keep their specifics (the port) in both languages', async () => {
    const port = await freePort()
    const blocker: Server = createServer()
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve))
    try {
      core.settings.update({ language: 'uk', upwork: { callbackPort: port } })
      await core.upwork.saveCredentials({ clientId: 'fake-client-id', clientSecret: 'fake-client-secret' })
      const result = await call('upwork:connect')
      expect(result).toMatchObject({ ok: false, error: { code: 'port_in_use' } })
      expect(!result.ok && result.error.message).toBe(uk['upwork.err.portInUse'].replace('{port}', String(port)))
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })
})

describe('the account card', () => {
  it('shows the last error and the capability reasons in the language in force, and is sent again when it changes', async () => {
    await core.upwork.saveCredentials({ clientId: 'fake-client-id', clientSecret: 'fake-client-secret' })
    const connected = await core.upwork.connect()
    expect(connected.capabilities?.messagesWrite.reason).toBe(en['cap.reason.messagesWrite'])

    // A failed connect leaves a last error on the card.
    const port = await freePort()
    const blocker: Server = createServer()
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve))
    try {
      core.settings.update({ upwork: { callbackPort: port } })
      await expect(core.upwork.connect()).rejects.toMatchObject({ code: 'port_in_use' })
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
    const english = await core.upwork.getAccount()
    expect(english.lastError).toBe(en['upwork.err.portInUse'].replace('{port}', String(port)))

    const sent: AccountSummary[] = []
    core.bus.on('upwork:account', (a) => sent.push(a))
    core.settings.update({ language: 'uk' })
    await expect.poll(() => sent.length).toBeGreaterThan(0)
    expect(sent.at(-1)!.lastError).toBe(uk['upwork.err.portInUse'].replace('{port}', String(port)))
    expect(sent.at(-1)!.capabilities?.messagesWrite.reason).toBe(uk['cap.reason.messagesWrite'])

    core.settings.update({ language: 'en' })
    const back = await core.upwork.getAccount()
    expect(back.lastError).toBe(english.lastError)
    expect(back.capabilities?.messagesWrite.reason).toBe(en['cap.reason.messagesWrite'])
  })
})
