import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { KNOWN } from '../../../tools/fake-upwork/index'
import { PROPOSAL_SUBMIT_REASON } from './capabilities'
import { RECONNECT_MESSAGE, ReconnectNeededError } from './errors'
import { getCurrentUser, getOrganization } from './operations'
import { createHarness, connectWithFakeKey, type Harness } from './test-support/connection-harness'
import { deferred } from '../test-support/deferred'
import { FAKE_CLIENT, useFakeUpwork } from '../test-support/fake-upwork'
import { probePort } from '../test-support/net'
import type { AccountSummary } from './types'

/** The facade end to end against the fake Upwork server (real HTTP on 127.0.0.1). */

const upwork = useFakeUpwork({ autoApprove: true })

const harnesses: Harness[] = []
async function harness(...args: Parameters<typeof createHarness> extends [unknown, ...infer R] ? R : never): Promise<Harness> {
  const h = await createHarness(upwork.fake, ...args)
  harnesses.push(h)
  return h
}
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.cleanup()))
})

/** Every token and secret value the harness holds, to check nothing leaks. */
async function secretValues(h: Harness): Promise<string[]> {
  const values: string[] = [FAKE_CLIENT.clientSecret]
  const access = await h.secrets.get('upwork.accessToken')
  if (access) values.push(access, (JSON.parse(access) as { token: string }).token)
  const refresh = await h.secrets.get('upwork.refreshToken')
  if (refresh) values.push(refresh)
  return values
}

const tokenRequests = (grant: string): number => upwork.fake.requests.filter((r) => r.grantType === grant).length

describe('UpworkConnection', () => {
  it('walks not_configured → disconnected → connecting → connected in a full sign-in, returning no secrets', async () => {
    const h = await harness()
    const states: AccountSummary['state'][] = []
    const events: AccountSummary[] = []
    h.connection.events.on('accountChanged', (a) => {
      states.push(a.state)
      events.push(a)
    })
    expect((await h.connection.getAccount()).state).toBe('not_configured')
    await h.connection.saveCredentials({ clientId: '  fake-client-id ', clientSecret: 'fake-client-secret' })
    expect(await h.secrets.get('upwork.clientId')).toBe('fake-client-id')
    expect(await h.connection.hasCredentials()).toBe(true)
    expect((await h.connection.getAccount()).state).toBe('disconnected')

    upwork.fake.clearRequests()
    const summary = await h.connection.connect()
    const tokenCalls = upwork.fake.requests.filter((r) => r.path === '/api/v3/oauth2/token')
    const graphqlCalls = upwork.fake.requests.filter((r) => r.path === '/graphql')
    console.info(
      `One full sign-in took ${tokenCalls.length + graphqlCalls.length} requests: ${tokenCalls.length} token exchange + ${graphqlCalls.length} GraphQL (${graphqlCalls.map((r) => r.operationName).join(', ')})`
    )
    expect(tokenCalls).toHaveLength(1)
    expect(graphqlCalls).toHaveLength(8)

    expect(summary).toMatchObject({
      state: 'connected',
      hasCredentials: true,
      userName: KNOWN.userName,
      userId: KNOWN.userId,
      tenantId: null,
      callbackUrl: `http://127.0.0.1:${h.settings.callbackPort}/upwork/callback`
    })
    expect(summary.organizations?.map((o) => o.id)).toEqual(expect.arrayContaining([KNOWN.personalOrgId, KNOWN.agencyOrgId]))
    expect(summary.tokenExpiresAt).toBeGreaterThan(Date.now())
    const caps = summary.capabilities!
    expect(caps.jobsRead.available).toBe(true)
    expect(caps.jobDetails.available).toBe(true)
    expect(caps.profileRead.available).toBe(true)
    expect(caps.ontologyRead.available).toBe(true)
    expect(caps.messagesRead.available).toBe(true)
    expect(caps.proposalsRead.available).toBe(true)
    expect(caps.messagesWrite).toMatchObject({ available: 'unknown', reason: expect.stringMatching(/cannot test sending/) })
    expect(caps.proposalSubmit).toEqual({ available: false, reason: PROPOSAL_SUBMIT_REASON })
    expect(states).toContain('connecting')
    expect(states.at(-1)).toBe('connected')

    // Nothing returned, emitted, persisted or logged carries a token or the secret.
    const persisted = await readFile(join(h.dir, 'account.json'), 'utf8')
    const everything = JSON.stringify(summary) + JSON.stringify(events) + persisted + h.logger.dump()
    for (const secret of await secretValues(h)) expect(everything).not.toContain(secret)
    expect(everything).not.toMatch(/oauth2v2_/)
    expect(await probePort('127.0.0.1', h.settings.callbackPort)).toBe('ECONNREFUSED')
  })

  it('validates credentials', async () => {
    const h = await harness()
    for (const bad of [
      { clientId: '', clientSecret: 'x' },
      { clientId: 'id', clientSecret: '   ' },
      { clientId: 'x'.repeat(201), clientSecret: 'x' },
      { clientId: 'has space', clientSecret: 'x' },
      { clientId: 'id', clientSecret: 'line\nbreak' }
    ]) {
      await expect(h.connection.saveCredentials(bad)).rejects.toMatchObject({ code: 'invalid_input' })
    }
    expect(await h.connection.hasCredentials()).toBe(false)
    await expect(h.connection.connect()).rejects.toMatchObject({ code: 'not_configured' })
  })

  it('50 concurrent calls with an expired token make exactly one refresh, and the rotated token is the one stored', async () => {
    const h = await harness()
    await connectWithFakeKey(h)
    const before = await h.secrets.get('upwork.refreshToken')
    upwork.fake.clearRequests()
    h.clock.offset = 24 * 3_600_000 // the stored access token is now past its expiry
    const tokens = await Promise.all(Array.from({ length: 50 }, () => h.connection.stack.tokens.getAccessToken()))
    expect(tokenRequests('refresh_token')).toBe(1)
    expect(new Set(tokens).size).toBe(1)
    const rotated = await h.secrets.get('upwork.refreshToken')
    expect(rotated).not.toBe(before)
    // The fake refuses a spent refresh token, so a second refresh only works if we stored the new one.
    h.clock.offset = 48 * 3_600_000
    await h.connection.stack.tokens.getAccessToken()
    expect(tokenRequests('refresh_token')).toBe(2)
    expect(tokenRequests('refresh_token')).toBe(upwork.fake.requests.filter((r) => r.status === 200 && r.grantType === 'refresh_token').length)
  })

  it('a 401 on many concurrent reads triggers one refresh and one retry each', async () => {
    const h = await harness({ requestsPerSecond: 10 })
    await connectWithFakeKey(h)
    upwork.fake.expireAccessTokens()
    upwork.fake.clearRequests()
    const users = await Promise.all(Array.from({ length: 10 }, () => getCurrentUser(h.connection.operations)))
    expect(users.every((u) => u.id === KNOWN.userId)).toBe(true)
    expect(tokenRequests('refresh_token')).toBe(1)
    expect(upwork.fake.requests.filter((r) => r.path === '/graphql' && r.status === 401)).toHaveLength(10)
    expect(upwork.fake.requests.filter((r) => r.path === '/graphql' && r.status === 200)).toHaveLength(10)
  })

  it('invalid_grant → reconnect_needed; other data untouched; survives a restart; Reconnect fixes it', async () => {
    const h = await harness()
    await connectWithFakeKey(h)
    const usageBefore = await readFile(join(h.dir, 'usage.json'), 'utf8')
    const seen: AccountSummary['state'][] = []
    h.connection.events.on('accountChanged', (a) => seen.push(a.state))
    upwork.fake.revokeRefreshTokens()
    h.clock.offset = 24 * 3_600_000
    upwork.fake.clearRequests()

    const err = await getCurrentUser(h.connection.operations).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ReconnectNeededError)
    // Upwork's error_description is passed on (sanitized) after our own words.
    expect((err as Error).message).toBe(`${RECONNECT_MESSAGE} Upwork said: “The refresh token is invalid, expired or revoked.”`)
    // The state is recorded asynchronously; its event says when.
    await vi.waitFor(() => expect(seen).toContain('reconnect_needed'))
    const account = await h.connection.getAccount()
    expect(account).toMatchObject({ state: 'reconnect_needed', userName: KNOWN.userName, lastError: RECONNECT_MESSAGE })
    expect(seen).toContain('reconnect_needed')
    // Fails fast afterwards: no more requests to Upwork.
    await expect(getCurrentUser(h.connection.operations)).rejects.toBeInstanceOf(ReconnectNeededError)
    expect(upwork.fake.requests.filter((r) => r.path === '/graphql')).toHaveLength(0)
    expect(tokenRequests('refresh_token')).toBe(1)
    // Tokens gone, the key and every other piece of data kept.
    expect(await h.secrets.get('upwork.accessToken')).toBeNull()
    expect(await h.secrets.get('upwork.refreshToken')).toBeNull()
    expect(await h.secrets.get('upwork.clientId')).toBe(FAKE_CLIENT.clientId)
    expect(await readFile(join(h.dir, 'usage.json'), 'utf8')).toBe(usageBefore)

    const restarted = h.restart()
    expect((await restarted.getAccount()).state).toBe('reconnect_needed')
    await expect(getCurrentUser(restarted.operations)).rejects.toBeInstanceOf(ReconnectNeededError)

    h.clock.offset = 0
    const again = await restarted.connect()
    expect(again.state).toBe('connected')
    expect(again.lastError).toBeUndefined()
    await expect(getCurrentUser(restarted.operations)).resolves.toMatchObject({ id: KNOWN.userId })
  })

  it('asks for a reconnect when the tokens vanished between sessions (keychain reset)', async () => {
    const h = await harness()
    await connectWithFakeKey(h)
    await h.secrets.delete('upwork.accessToken')
    await h.secrets.delete('upwork.refreshToken')
    const restarted = h.restart()
    expect(await restarted.getAccount()).toMatchObject({
      state: 'reconnect_needed',
      userName: KNOWN.userName,
      lastError: expect.stringMatching(/could not find your saved Upwork sign-in/)
    })
    await expect(getCurrentUser(restarted.operations)).rejects.toBeInstanceOf(ReconnectNeededError)
  })

  it('reports usage and emits it after each request', async () => {
    const h = await harness()
    await connectWithFakeKey(h)
    const seen: number[] = []
    const off = h.connection.onUsageChanged((u) => seen.push(u.hour.used))
    await getCurrentUser(h.connection.operations)
    off()
    await getCurrentUser(h.connection.operations)
    expect(seen).toEqual([9])
    expect((await h.connection.usage()).hour.used).toBe(10)
  })

  it('fails fast with the budget message when this hour’s budget is used, and counts persist across restarts', async () => {
    const h = await harness({ settings: { hourlyRequestBudget: 10 } })
    await connectWithFakeKey(h) // 8 GraphQL requests
    const usage = await h.connection.usage()
    expect(usage.hour).toMatchObject({ used: 8, limit: 10 })
    expect(usage.day).toMatchObject({ used: 8, limit: 40_000 })
    await getCurrentUser(h.connection.operations)
    await getCurrentUser(h.connection.operations)
    upwork.fake.clearRequests()
    const err = await getCurrentUser(h.connection.operations).catch((e: unknown) => e)
    expect(err).toMatchObject({
      code: 'budget_exhausted',
      message: expect.stringMatching(
        /^GigPilot has used this hour's Upwork request budget \(10\)\. It resumes at \d\d:\d\d\. You can raise the budget in Settings → Upwork account\.$/
      )
    })
    expect(upwork.fake.requests).toHaveLength(0)
    const restarted = h.restart()
    expect((await restarted.usage()).hour.used).toBe(10)
    await expect(getCurrentUser(restarted.operations)).rejects.toMatchObject({ code: 'budget_exhausted' })
  })

  it('selectOrganization sends the tenant header', async () => {
    const h = await harness()
    await connectWithFakeKey(h)
    expect((await getOrganization(h.connection.operations)).id).toBe(KNOWN.personalOrgId)
    const summary = await h.connection.selectOrganization(KNOWN.agencyOrgId)
    expect(summary.tenantId).toBe(KNOWN.agencyOrgId)
    expect((await getOrganization(h.connection.operations)).id).toBe(KNOWN.agencyOrgId)
    await expect(h.connection.selectOrganization('not-mine')).rejects.toMatchObject({ code: 'invalid_input' })
    await h.connection.selectOrganization(null)
    expect((await getOrganization(h.connection.operations)).id).toBe(KNOWN.personalOrgId)
  })

  it('records plain reasons for what the key cannot do', async () => {
    upwork.fake.setScopes(['jobs:read', 'profile:read', 'ontology:read', 'proposals:read'])
    const h = await harness()
    await h.connection.saveCredentials(FAKE_CLIENT)
    const summary = await h.connection.connect()
    const caps = summary.capabilities!
    expect(caps.jobsRead.available).toBe(true)
    expect(caps.jobDetails).toMatchObject({ available: false, reason: expect.stringContaining('Job Details - Read-Only') })
    expect(caps.messagesRead).toMatchObject({ available: false, reason: expect.stringContaining('Messaging - Read') })
    expect(caps.proposalSubmit.available).toBe(false)
  })

  it('disconnect forgets tokens but keeps the key; forgetKey removes the key too', async () => {
    const h = await harness()
    await connectWithFakeKey(h)
    const after = await h.connection.disconnect()
    expect(after.state).toBe('disconnected')
    expect(after.userName).toBeUndefined()
    expect(await h.secrets.get('upwork.accessToken')).toBeNull()
    expect(await h.secrets.get('upwork.refreshToken')).toBeNull()
    expect(await h.connection.hasCredentials()).toBe(true)
    await expect(getCurrentUser(h.connection.operations)).rejects.toMatchObject({ code: 'not_connected' })
    expect((await h.connection.disconnect({ forgetKey: true })).state).toBe('not_configured')
    expect(await h.secrets.get('upwork.clientSecret')).toBeNull()
  })

  it('cancelConnect and dispose free the callback port and leave the account as it was', async () => {
    let opened!: () => void
    const browserOpened = new Promise<void>((r) => (opened = r))
    const h = await harness({ openBrowser: async () => opened() })
    await h.connection.saveCredentials(FAKE_CLIENT)
    const pending = h.connection.connect()
    pending.catch(() => undefined)
    await browserOpened
    expect((await h.connection.getAccount()).state).toBe('connecting')
    expect(await probePort('127.0.0.1', h.settings.callbackPort)).toBe('connected')
    await h.connection.cancelConnect()
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' })
    expect(await probePort('127.0.0.1', h.settings.callbackPort)).toBe('ECONNREFUSED')
    expect(await h.connection.getAccount()).toMatchObject({ state: 'disconnected', lastError: 'Sign-in was cancelled.' })

    const browserOpened2 = deferred()
    const h2 = await harness({ openBrowser: async () => browserOpened2.resolve() })
    await h2.connection.saveCredentials(FAKE_CLIENT)
    const pending2 = h2.connection.connect()
    pending2.catch(() => undefined)
    await browserOpened2.promise // the callback port is listening and the user is "in the browser"
    expect(await probePort('127.0.0.1', h2.settings.callbackPort)).toBe('connected')
    await h2.connection.dispose()
    await expect(pending2).rejects.toMatchObject({ code: 'cancelled' })
    expect(await probePort('127.0.0.1', h2.settings.callbackPort)).toBe('ECONNREFUSED')
  })

  it('a malformed token response during sign-in stores nothing', async () => {
    const h = await harness()
    await h.connection.saveCredentials(FAKE_CLIENT)
    upwork.fake.faults.next({ kind: 'missingFields', fields: ['access_token'] }, { path: 'token' })
    await expect(h.connection.connect()).rejects.toMatchObject({ code: 'malformed' })
    expect(await h.secrets.get('upwork.accessToken')).toBeNull()
    expect(await h.secrets.get('upwork.refreshToken')).toBeNull()
    expect((await h.connection.getAccount()).state).toBe('disconnected')
  })
})
