import { describe, expect, it } from 'vitest'
import { KEY_REJECTED_MESSAGE, KeyRejectedError, RECONNECT_MESSAGE, ReconnectNeededError } from './errors'
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
    expect(JSON.parse((await secrets.get('upwork.accessToken'))!)).toEqual({
      token: 'access-1',
      expiresAt: T0 + 3_600_000,
      refreshAt: T0 + 3_600_000 - 5 * 60_000
    })
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
    expect((err as Error).message).toBe(`${RECONNECT_MESSAGE} Upwork said: “The refresh token is invalid”`)
    expect(err).toMatchObject({ serverText: 'The refresh token is invalid' })
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
    const { tokens, calls, clock } = await setup([{ networkError: 'ECONNRESET' }])
    await tokens.storeTokens({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: T0 + 10 * 60_000 })
    clock.advance(6 * 60_000)
    expect(await tokens.getAccessToken()).toBe('access-1') // inside the 5-minute margin, refresh failed
    expect(calls).toHaveLength(1)
  })

  it('rejects a malformed token response and stores nothing', async () => {
    for (const json of [
      { refresh_token: 'r', expires_in: 10 },
      { access_token: 123, refresh_token: 'r' },
      { access_token: '', refresh_token: 'r', expires_in: 3600 },
      { access_token: 'has space', refresh_token: 'r', expires_in: 3600 },
      { access_token: 'a', refresh_token: 'r', token_type: 1 }
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

  describe('a refresh reply with a valid new pair and odd other fields is kept, not dropped', () => {
    const H = 3_600_000
    for (const [name, extra, expiresAt, adjusted] of [
      ['expires_in: 0 → the 1-hour fallback', { expires_in: 0 }, T0 + H, true],
      ['expires_in: 3599.5 → rounded down', { expires_in: 3599.5 }, T0 + 3_599_000, true],
      ['expires_in: "3600" (a string)', { expires_in: '3600' }, T0 + H, false],
      ['expires_in missing → the fallback', {}, T0 + H, true],
      ['expires_in: -5 → the fallback', { expires_in: -5 }, T0 + H, true],
      ['expires_in: "soon" → the fallback', { expires_in: 'soon' }, T0 + H, true],
      ['expires_in: 1e12 → capped at 24 h', { expires_in: 1e12 }, T0 + 24 * H, true],
      ['token_type: "bearer" (case-insensitive)', { expires_in: 7200, token_type: 'bearer' }, T0 + 2 * H, false],
      ['token_type missing → Bearer', { expires_in: 7200, token_type: undefined }, T0 + 2 * H, true]
    ] as const) {
      it(name, async () => {
        const { tokens, secrets, logger } = await setup([
          { json: { access_token: 'access-2', refresh_token: 'refresh-2', token_type: 'Bearer', ...extra } }
        ])
        await tokens.storeTokens({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: T0 - 1 })
        expect(await tokens.getAccessToken()).toBe('access-2')
        expect(await secrets.get('upwork.refreshToken')).toBe('refresh-2') // the rotated token is not lost
        expect(await tokens.expiresAt()).toBe(expiresAt)
        expect(await tokens.state()).toBe('connected')
        expect(/defaults used/.test(logger.dump())).toBe(adjusted)
      })
    }

    for (const [name, refresh] of [
      ['refresh_token: ""', ''],
      ['refresh_token missing', undefined],
      ['refresh_token: null', null]
    ] as const) {
      it(`${name} → the previous refresh token is kept (RFC 6749 §6)`, async () => {
        const { tokens, secrets, calls } = await setup([
          { json: { access_token: 'access-2', refresh_token: refresh, token_type: 'Bearer', expires_in: 0 } },
          { json: { access_token: 'access-3', refresh_token: 'refresh-3', token_type: 'Bearer', expires_in: 3600 } }
        ])
        await tokens.storeTokens({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: T0 - 1 })
        expect(await tokens.getAccessToken()).toBe('access-2')
        expect(await secrets.get('upwork.refreshToken')).toBe('refresh-1')
        expect(await tokens.handleUnauthorized('access-2')).toBe('access-3')
        expect(new URLSearchParams(calls[1]!.body).get('refresh_token')).toBe('refresh-1')
      })
    }

    it('a token issued for 60 s is refreshed after half its life, not on every call', async () => {
      let n = 1
      const { tokens, clock, calls } = await setup(() => ({
        json: { access_token: `access-${++n}`, refresh_token: `refresh-${n}`, token_type: 'Bearer', expires_in: 60 }
      }))
      await tokens.storeTokens({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: T0 - 1 })
      expect(await tokens.getAccessToken()).toBe('access-2')
      for (let i = 0; i < 5; i++) expect(await tokens.getAccessToken()).toBe('access-2')
      clock.advance(29_000)
      expect(await tokens.getAccessToken()).toBe('access-2')
      clock.advance(2_000)
      expect(await tokens.getAccessToken()).toBe('access-3')
      expect(calls).toHaveLength(2)
    })
  })

  it('refuses a token type other than Bearer and stores nothing from that reply', async () => {
    for (const type of ['DPoP', 'mac', 'N_A', '<b>x</b>']) {
      const { tokens, secrets } = await setup([
        { json: { access_token: 'access-2', refresh_token: 'refresh-2', token_type: type, expires_in: 3600 } }
      ])
      await tokens.storeTokens({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: T0 - 1 })
      const err = (await tokens.getAccessToken().catch((e: unknown) => e)) as { code: string; message: string }
      expect(err).toMatchObject({ code: 'oauth', message: expect.stringContaining('GigPilot only supports Bearer tokens') })
      if (type === 'DPoP') expect(err.message).toContain('a “DPoP” token')
      expect(err.message).not.toContain('<b>')
      expect(await secrets.get('upwork.refreshToken')).toBe('refresh-1')
      expect(JSON.parse((await secrets.get('upwork.accessToken'))!).token).toBe('access-1')
    }
  })

  it('invalid_client on refresh: "Upwork refused your API key", tokens kept, fail fast until the key changes', async () => {
    const { tokens, secrets, calls } = await setup([
      { status: 401, json: { error: 'invalid_client', error_description: 'client authentication failed' } },
      { json: { access_token: 'access-2', refresh_token: 'refresh-2', token_type: 'Bearer', expires_in: 3600 } }
    ])
    const states: string[] = []
    tokens.events.on('stateChanged', (s) => states.push(s))
    await tokens.storeTokens({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: T0 - 1 })
    const err = await tokens.getAccessToken().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(KeyRejectedError)
    expect(err).not.toBeInstanceOf(ReconnectNeededError)
    expect(err).toMatchObject({
      code: 'key_rejected',
      message: `${KEY_REJECTED_MESSAGE} Upwork said: “client authentication failed”`,
      // Kept apart too, for a UI that shows a translated text per code instead of the message.
      serverText: 'client authentication failed'
    })
    expect((err as Error).message).not.toMatch(/sign in again|Reconnect|expired/i)
    expect(await tokens.state()).toBe('key_rejected')
    expect(states).toEqual(['connected', 'key_rejected'])
    // The tokens were not what Upwork refused: kept for when the key is fixed.
    expect(await secrets.get('upwork.refreshToken')).toBe('refresh-1')
    // Fails fast: no second request with the same refused key.
    await expect(tokens.getAccessToken()).rejects.toBeInstanceOf(KeyRejectedError)
    await expect(tokens.handleUnauthorized('access-1')).rejects.toBeInstanceOf(KeyRejectedError)
    expect(calls).toHaveLength(1)

    // The user saves the corrected secret: the stored refresh token works with it.
    await secrets.set('upwork.clientSecret', 'csecret-fixed')
    expect(await tokens.state()).toBe('connected')
    expect(await tokens.getAccessToken()).toBe('access-2')
    expect(new URLSearchParams(calls[1]!.body).get('client_secret')).toBe('csecret-fixed')
    expect(await secrets.get('upwork.refreshToken')).toBe('refresh-2')
  })

  it('error_description reaches the message sanitized: no controls or bidi, credentials redacted, capped', async () => {
    const description =
      'Bad\u0000 grant\u001b[31m for refresh-1 \u202Eevil\u202C and csecret\u2066x\u2069 <script>alert(1)</script> ' + 'z'.repeat(600)
    const { tokens } = await setup([{ status: 400, json: { error: 'invalid_grant', error_description: description } }])
    await tokens.storeTokens({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresAt: T0 - 1 })
    const err = (await tokens.getAccessToken().catch((e: unknown) => e)) as Error
    const said = /Upwork said: “(.*)”$/.exec(err.message)?.[1] ?? ''
    expect(said.startsWith('Bad grant [31m for [REDACTED] evil and [REDACTED]x <script>alert(1)</script> zzz')).toBe(true)
    expect(said.length).toBeLessThanOrEqual(300)
    expect(said.endsWith('…')).toBe(true)
    const unsafe = [...err.message].filter((c) => {
      const cp = c.codePointAt(0)!
      return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)
    })
    expect(unsafe).toEqual([])
    expect(err.message).not.toContain('refresh-1')
    expect(err.message).not.toContain('csecret')
  })
})
