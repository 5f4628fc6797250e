import { describe, expect, it } from 'vitest'
import { RECONNECT_MESSAGE, ReconnectNeededError } from './errors'
import { ManualClock } from '../test-support/clocks'
import { scriptedFetch, type ScriptStep } from '../test-support/scripted-fetch'
import { SlowSecretStore } from '../secrets/test-support/slow-secret-store'
import { createMemoryLogger } from '../test-support/memory-logger'
import { TokenManager } from './token-manager'

const T0 = Date.parse('2026-09-01T12:00:00Z')

async function setup(steps: ScriptStep[] | Parameters<typeof scriptedFetch>[0], writeDelayMs = 0) {
  const clock = new ManualClock(T0)
  const secrets = new SlowSecretStore(writeDelayMs)
  await secrets.set('upwork.clientId', 'cid')
  await secrets.set('upwork.clientSecret', 'csecret')
  const script = scriptedFetch(steps)
  const logger = createMemoryLogger()
  const tokens = new TokenManager({ secrets, clock, logger, fetch: script.fetch, tokenUrl: () => 'http://127.0.0.1:1/token' })
  return { clock, secrets, calls: script.calls, tokens, logger }
}

const tokenReply = (n: number, expiresIn = 86_400): ScriptStep => ({
  json: { access_token: `access-${n}`, refresh_token: `refresh-${n}`, token_type: 'Bearer', expires_in: expiresIn }
})

describe('TokenManager', () => {
  it('stores tokens with their expiry and serves the access token until 5 minutes before expiry', async () => {
    const { tokens, secrets, clock, calls } = await setup([tokenReply(2)])
    await tokens.storeTokens({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: T0 + 3_600_000 })
    expect(JSON.parse((await secrets.get('upwork.accessToken'))!)).toEqual({ token: 'access-1', expiresAt: T0 + 3_600_000 })
    expect(await secrets.get('upwork.refreshToken')).toBe('refresh-1')
    expect(await tokens.getAccessToken()).toBe('access-1')

    clock.advance(3_600_000 - 5 * 60_000 + 1) // inside the 5-minute margin
    expect(await tokens.getAccessToken()).toBe('access-2')
    expect(calls).toHaveLength(1)
    const form = new URLSearchParams(calls[0]!.body)
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-1',
      client_id: 'cid',
      client_secret: 'csecret'
    })
    expect(calls[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded')
  })

  it('refreshes once for many concurrent callers and persists the rotated token before they resume', async () => {
    let served = 0
    const { tokens, secrets, calls } = await setup(() => tokenReply(++served + 1), 30)
    await tokens.storeTokens({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: T0 - 1 })
    secrets.ops.length = 0
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        tokens.getAccessToken().then(async (t) => ({ t, storedRefresh: await secrets.get('upwork.refreshToken') }))
      )
    )
    expect(calls).toHaveLength(1)
    expect(new Set(results.map((r) => r.t))).toEqual(new Set(['access-2']))
    // Every waiter saw the rotated refresh token already stored.
    expect(results.every((r) => r.storedRefresh === 'refresh-2')).toBe(true)
    expect(secrets.ops).toEqual(['set upwork.refreshToken', 'set upwork.accessToken'])
  })

  it('does not refresh again for a 401 on a token that was already replaced', async () => {
    const { tokens, calls } = await setup([tokenReply(2), tokenReply(3)])
    await tokens.storeTokens({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: T0 + 86_400_000 })
    expect(await tokens.handleUnauthorized('access-1')).toBe('access-2')
    expect(await tokens.handleUnauthorized('access-1')).toBe('access-2')
    expect(calls).toHaveLength(1)
  })

  it('on invalid_grant: reconnect_needed, tokens deleted, client key kept, later calls fail fast', async () => {
    const { tokens, secrets, calls, logger } = await setup([
      { status: 400, json: { error: 'invalid_grant', error_description: 'The refresh token is invalid' } }
    ])
    const states: string[] = []
    tokens.events.on('stateChanged', (s) => states.push(s))
    await tokens.storeTokens({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: T0 - 1 })
    const err = await tokens.getAccessToken().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ReconnectNeededError)
    expect((err as Error).message).toBe(RECONNECT_MESSAGE)
    expect(RECONNECT_MESSAGE).toBe('Your Upwork sign-in has expired. Open Settings → Upwork account and click Reconnect.')
    expect(await tokens.state()).toBe('reconnect_needed')
    expect(states).toEqual(['connected', 'reconnect_needed'])
    expect(await secrets.get('upwork.accessToken')).toBeNull()
    expect(await secrets.get('upwork.refreshToken')).toBeNull()
    expect(await secrets.get('upwork.clientId')).toBe('cid')
    expect(await secrets.get('upwork.clientSecret')).toBe('csecret')
    await expect(tokens.getAccessToken()).rejects.toBeInstanceOf(ReconnectNeededError)
    expect(calls).toHaveLength(1)
    expect(logger.dump()).not.toMatch(/refresh-1|access-1|csecret/)

    // A new sign-in clears the state.
    await tokens.storeTokens({ accessToken: 'access-9', refreshToken: 'refresh-9', expiresAt: T0 + 86_400_000 })
    expect(await tokens.getAccessToken()).toBe('access-9')
  })

  it('keeps the tokens when a refresh fails for a passing reason (network, 5xx, malformed)', async () => {
    for (const step of [{ networkError: 'ECONNRESET' }, { status: 503, json: {} }, { body: '<html>' }] satisfies ScriptStep[]) {
      const { tokens, secrets } = await setup([step])
      await tokens.storeTokens({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: T0 - 1 })
      await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: expect.stringMatching(/network|server|malformed/) })
      expect(await secrets.get('upwork.refreshToken')).toBe('refresh-1')
      expect(await tokens.state()).toBe('connected')
    }
  })

  it('keeps using a still-valid token when an early refresh fails for a passing reason', async () => {
    const { tokens, calls } = await setup([{ networkError: 'ECONNRESET' }])
    await tokens.storeTokens({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: T0 + 60_000 })
    expect(await tokens.getAccessToken()).toBe('access-1') // inside the 5-minute margin, refresh failed
    expect(calls).toHaveLength(1)
  })

  it('rejects a malformed token response and stores nothing', async () => {
    for (const json of [
      { refresh_token: 'r', expires_in: 10 },
      { access_token: 123, refresh_token: 'r' },
      { access_token: 'a', refresh_token: 'r', expires_in: 'soon' }
    ]) {
      const { tokens, secrets } = await setup([{ json }])
      await tokens.storeTokens({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: T0 - 1 })
      await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'malformed' })
      expect(await secrets.get('upwork.refreshToken')).toBe('refresh-1')
    }
  })

  it('says "not connected" when there is nothing stored', async () => {
    const { tokens } = await setup([])
    expect(await tokens.state()).toBe('disconnected')
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'not_connected' })
  })
})
