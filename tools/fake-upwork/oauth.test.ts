import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ME } from './documents'
import { type FakeUpwork, startFakeUpwork } from './index'
import type { Exchange } from './http-util'
import { AUTHORIZE_PATH, OAuthServer } from './oauth'
import { CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, authorizeUrl, consent, gql, signIn, tokenRequest } from './test-helpers'

let fake: FakeUpwork

beforeAll(async () => {
  fake = await startFakeUpwork()
})
afterAll(async () => {
  await fake.close()
})

describe('authorize page', () => {
  it('binds 127.0.0.1 and exposes the documented URLs', () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(fake.authorizeUrl).toBe(`${fake.url}/ab/account-security/oauth2/authorize`)
    expect(fake.tokenUrl).toBe(`${fake.url}/api/v3/oauth2/token`)
    expect(fake.graphqlUrl).toBe(`${fake.url}/graphql`)
  })

  it('renders a consent page with Allow and Deny', async () => {
    const res = await fetch(authorizeUrl(fake))
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Fake Upwork — authorize GigPilot?')
    expect(html).toMatch(/id="allow"/)
    expect(html).toMatch(/id="deny"/)
  })

  it('Allow redirects with a code and the same state', async () => {
    const back = await consent(fake, 'allow', { state: 'abc/+= 123' })
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI)
    expect(back.searchParams.get('code')).toBeTruthy()
    expect(back.searchParams.get('state')).toBe('abc/+= 123')
  })

  it('Deny redirects with access_denied and the state', async () => {
    const back = await consent(fake, 'deny', { state: 'xyz' })
    expect(back.searchParams.get('error')).toBe('access_denied')
    expect(back.searchParams.get('error_description')).toBeTruthy()
    expect(back.searchParams.get('state')).toBe('xyz')
    expect(back.searchParams.get('code')).toBeNull()
  })

  it('a consent link works once', async () => {
    const html = await (await fetch(authorizeUrl(fake))).text()
    const href = (/id="allow"[^>]*href="([^"]+)"/.exec(html)?.[1] ?? '').replace(/&amp;/g, '&')
    const first = await fetch(new URL(href, fake.url), { redirect: 'manual' })
    expect(first.status).toBe(302)
    const second = await fetch(new URL(href, fake.url), { redirect: 'manual' })
    expect(second.status).toBe(400)
  })

  it('refuses an unknown client_id or an unregistered redirect_uri with an error page, never a redirect', async () => {
    for (const params of [{ client_id: 'nope' }, { redirect_uri: 'https://evil.example/cb' }, { redirect_uri: 'http://localhost:47615/upwork/callback' }, { redirect_uri: undefined }]) {
      const res = await fetch(authorizeUrl(fake, params), { redirect: 'manual' })
      expect(res.status).toBe(400)
      expect(res.headers.get('location')).toBeNull()
      expect(await res.text()).toContain('authorization error')
    }
  })

  it('accepts any 127.0.0.1 port (documented leniency) unless strictRedirectUris', async () => {
    const back = await consent(fake, 'allow', { redirect_uri: 'http://127.0.0.1:5555/cb' })
    expect(back.host).toBe('127.0.0.1:5555')
    const strict = await startFakeUpwork({ strictRedirectUris: true })
    try {
      const res = await fetch(authorizeUrl(strict, { redirect_uri: 'http://127.0.0.1:5555/cb' }), { redirect: 'manual' })
      expect(res.status).toBe(400)
      const ok = await fetch(authorizeUrl(strict), { redirect: 'manual' })
      expect(ok.status).toBe(200)
    } finally {
      await strict.close()
    }
  })

  it('redirects invalid_scope when scope= is sent, like the real key flow', async () => {
    const res = await fetch(authorizeUrl(fake, { scope: 'jobs' }), { redirect: 'manual' })
    expect(res.status).toBe(302)
    expect(new URL(res.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_scope')
  })

  it('autoApprove redirects at once', async () => {
    const auto = await startFakeUpwork({ autoApprove: true })
    try {
      const res = await fetch(authorizeUrl(auto, { state: 's1' }), { redirect: 'manual' })
      expect(res.status).toBe(302)
      const loc = new URL(res.headers.get('location') ?? '')
      expect(loc.searchParams.get('code')).toBeTruthy()
      expect(loc.searchParams.get('state')).toBe('s1')
    } finally {
      await auto.close()
    }
  })
})

describe('token endpoint', () => {
  it('round-trip: authorize → code → token → graphql', async () => {
    const tokens = await signIn(fake)
    expect(tokens.access_token).toMatch(/^oauth2v2_/)
    expect(tokens.refresh_token).toBeTruthy()
    expect(tokens.token_type).toBe('Bearer')
    expect(tokens.expires_in).toBe(86400)
    const r = await gql(fake, tokens.access_token, ME)
    expect(r.status).toBe(200)
    expect(r.json.errors).toBeUndefined()
    expect((r.json.data?.user as { name: string }).name).toBe('Dana Kowalski')
  })

  it('a code is single-use', async () => {
    const code = (await consent(fake, 'allow')).searchParams.get('code') ?? ''
    const first = await tokenRequest(fake, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI })
    expect(first.status).toBe(200)
    const second = await tokenRequest(fake, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI })
    expect(second.status).toBe(400)
    expect(second.json.error).toBe('invalid_grant')
  })

  it('refuses a code presented with a different redirect_uri', async () => {
    const code = (await consent(fake, 'allow')).searchParams.get('code') ?? ''
    const r = await tokenRequest(fake, { grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:9999/other' })
    expect(r.status).toBe(400)
    expect(r.json.error).toBe('invalid_grant')
  })

  it('checks the PKCE verifier when a challenge was sent', async () => {
    const verifier = randomBytes(32).toString('base64url')
    const challenge = createHash('sha256').update(verifier).digest('base64url')
    const pkce = { code_challenge: challenge, code_challenge_method: 'S256' }
    const code1 = (await consent(fake, 'allow', pkce)).searchParams.get('code') ?? ''
    const bad = await tokenRequest(fake, { grant_type: 'authorization_code', code: code1, redirect_uri: REDIRECT_URI, code_verifier: 'x'.repeat(43) })
    expect(bad.json.error).toBe('invalid_grant')
    const code2 = (await consent(fake, 'allow', pkce)).searchParams.get('code') ?? ''
    const missing = await tokenRequest(fake, { grant_type: 'authorization_code', code: code2, redirect_uri: REDIRECT_URI })
    expect(missing.json.error).toBe('invalid_grant')
    const code3 = (await consent(fake, 'allow', pkce)).searchParams.get('code') ?? ''
    const good = await tokenRequest(fake, { grant_type: 'authorization_code', code: code3, redirect_uri: REDIRECT_URI, code_verifier: verifier })
    expect(good.status).toBe(200)
    const plain = await fetch(authorizeUrl(fake, { code_challenge: challenge, code_challenge_method: 'plain' }), { redirect: 'manual' })
    expect(new URL(plain.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_request')
  })

  it('client authentication: 401 invalid_client', async () => {
    const res = await fetch(fake.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: CLIENT_ID, client_secret: 'wrong', grant_type: 'refresh_token', refresh_token: 'x' })
    })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ error: 'invalid_client' })
  })

  it('invalid_request for a missing grant_type, a missing code or a JSON body', async () => {
    expect((await tokenRequest(fake, {})).json.error).toBe('invalid_request')
    expect((await tokenRequest(fake, { grant_type: 'authorization_code', redirect_uri: REDIRECT_URI })).json.error).toBe('invalid_request')
    const json = await fetch(fake.tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    expect(json.status).toBe(400)
    expect(((await json.json()) as { error: string }).error).toBe('invalid_request')
    expect((await tokenRequest(fake, { grant_type: 'client_credentials' })).json.error).toBe('unsupported_grant_type')
  })

  it('refresh rotates: the new pair works, the old refresh token is invalid_grant', async () => {
    const first = await signIn(fake)
    const refreshed = await tokenRequest(fake, { grant_type: 'refresh_token', refresh_token: first.refresh_token })
    expect(refreshed.status).toBe(200)
    expect(refreshed.json.refresh_token).not.toBe(first.refresh_token)
    expect(refreshed.json.access_token).not.toBe(first.access_token)
    const again = await tokenRequest(fake, { grant_type: 'refresh_token', refresh_token: first.refresh_token })
    expect(again.status).toBe(400)
    expect(again.json.error).toBe('invalid_grant')
    const next = await tokenRequest(fake, { grant_type: 'refresh_token', refresh_token: String(refreshed.json.refresh_token) })
    expect(next.status).toBe(200)
  })

  it('revokeRefreshTokens: refresh is refused with invalid_grant', async () => {
    const t = await signIn(fake)
    fake.revokeRefreshTokens()
    const r = await tokenRequest(fake, { grant_type: 'refresh_token', refresh_token: t.refresh_token })
    expect(r.status).toBe(400)
    expect(r.json.error).toBe('invalid_grant')
  })
})

describe('bearer authentication on /graphql', () => {
  it('401 without a token, with an unknown token and with an expired token', async () => {
    const none = await gql(fake, null, ME)
    expect(none.status).toBe(401)
    expect(none.json).toEqual({ message: 'Authentication failed' })
    const unknown = await gql(fake, 'oauth2v2_notreal', ME)
    expect(unknown.status).toBe(401)
    const t = await signIn(fake)
    expect((await gql(fake, t.access_token, ME)).status).toBe(200)
    fake.expireAccessTokens()
    const expired = await gql(fake, t.access_token, ME)
    expect(expired.status).toBe(401)
    expect(expired.json).toEqual({ message: 'Authentication failed' })
    // A refresh gives a working token again.
    const fresh = await signIn(fake)
    expect((await gql(fake, fresh.access_token, ME)).status).toBe(200)
  })

  it('tokens expire after accessTokenTtlSeconds (on the server’s own clock)', () => {
    let now = Date.parse('2026-09-01T12:00:00Z')
    const server = new OAuthServer({
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI] }],
      accessTokenTtlSeconds: 60,
      autoApprove: true,
      allowAnyLoopbackRedirect: false,
      now: () => now
    })
    // The authorize step through a stand-in for the HTTP exchange: it only records the redirect.
    const headers: Record<string, string> = {}
    const ex = {
      url: new URL(`http://fake${AUTHORIZE_PATH}?${new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, state: 's' })}`),
      entry: {},
      res: { headersSent: false, destroyed: false, writeHead: (_s: number, h: Record<string, string>) => Object.assign(headers, h), end: () => undefined }
    } as unknown as Exchange
    server.handleAuthorize(ex)
    const code = new URL(headers.Location ?? '').searchParams.get('code') ?? ''
    const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: CLIENT_ID, client_secret: CLIENT_SECRET })
    const issued = server.handleToken('application/x-www-form-urlencoded', undefined, form.toString())
    expect(issued.status).toBe(200)
    expect(issued.body.expires_in).toBe(60)
    const bearer = `Bearer ${String(issued.body.access_token)}`
    now += 59_999
    expect(server.checkBearer(bearer)).toMatchObject({ ok: true })
    now += 1
    expect(server.checkBearer(bearer)).toEqual({ ok: false, reason: 'expired' })
  })

  it('the request log never holds token values', async () => {
    fake.clearRequests()
    const t = await signIn(fake)
    await gql(fake, t.access_token, ME)
    const log = JSON.stringify(fake.requests)
    expect(log).not.toContain(t.access_token)
    expect(log).not.toContain(t.refresh_token)
    const token = fake.requests.find((r) => r.path === '/api/v3/oauth2/token')
    expect(token).toMatchObject({ method: 'POST', grantType: 'authorization_code', status: 200 })
    const graphql = fake.requests.find((r) => r.path === '/graphql')
    expect(graphql).toMatchObject({ operationName: 'Me', status: 200, authorization: 'bearer' })
  })
})
