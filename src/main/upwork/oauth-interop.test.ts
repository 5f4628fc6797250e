import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { MemorySecretStore } from '../secrets/memory-secret-store'
import { OffsetClock } from '../test-support/clocks'
import { freePort } from '../test-support/free-port'
import { ManualClock } from '../test-support/clocks'
import { createMemoryLogger } from '../test-support/memory-logger'
import { probePort } from '../test-support/net'
import { callbackUrl } from './endpoints'
import { KEY_REJECTED_MESSAGE, KeyRejectedError, RECONNECT_MESSAGE, ReconnectNeededError } from './errors'
import { FAILURE_PAGE_TEXT, SUCCESS_PAGE_TEXT } from './loopback-server'
import { OAuthFlow, stillWaitingHint, type OAuthFlowDeps, type SignInRequest } from './oauth-flow'
import { TokenManager } from './token-manager'

/**
 * Interop: GigPilot's real OAuthFlow and TokenManager against oidc-provider, a certified
 * OpenID Provider / OAuth 2.0 authorization server (not our fake), over real HTTP on 127.0.0.1.
 * A client is registered for the loopback redirect with client_secret_post (as Upwork keys use);
 * the one concession to Upwork's model is a middleware that supplies the key's scope (see below).
 * The "browser" follows redirects with a cookie jar and completes oidc-provider's login and
 * consent interactions. Odd token replies (expires_in 0, 3599.5, refresh_token "", token_type
 * DPoP) come from a small proxy in front of the real token endpoint that edits its JSON; every
 * other reply (invalid_client, invalid_grant, access_denied, the redirect_uri error page) is
 * oidc-provider's own.
 */

const CLIENT_ID = 'gigpilot-interop'
const CLIENT_SECRET = 'interop-secret-4f1c9a7e2b'
const ACCOUNT_ID = 'freelancer-1'

type Json = Record<string, unknown>

interface AuthServer {
  issuer: string
  callbackPort: number
  provider: Provider
  /** Edits a successful reply of the proxied token endpoint (`proxyTokenUrl`); null: pass through. */
  editReply: ((reply: Json) => Json) | null
  /** Whether a refresh rotates the refresh token (oidc-provider's rotateRefreshToken). */
  rotate: boolean
  /** Set: the interaction ends with this error instead of login and consent. */
  deny: { error: string; error_description: string } | null
  close(): Promise<void>
}

let as: AuthServer
const authorizeUrl = (): string => `${as.issuer}/auth`
const tokenUrl = (): string => `${as.issuer}/token`
const proxyTokenUrl = (): string => `${as.issuer}/odd/token`

async function startAuthServer(): Promise<AuthServer> {
  const callbackPort = await freePort()
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end()
  const http: Server = createServer((req, res) => handler(req, res))
  await new Promise<void>((resolve) => http.listen({ host: '127.0.0.1', port: 0 }, resolve))
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  const state: AuthServer = {
    issuer,
    callbackPort,
    editReply: null,
    rotate: true,
    deny: null,
    provider: undefined as unknown as Provider,
    close: () => new Promise<void>((resolve) => {
      http.close(() => resolve())
      http.closeAllConnections()
    })
  }
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [callbackUrl(callbackPort)],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post'
      }
    ],
    // Upwork keys get a refresh token without asking for offline_access.
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(t: string): boolean }) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: () => state.rotate,
    ttl: { AccessToken: 3600, AuthorizationCode: 60, RefreshToken: 14 * 86_400, Grant: 14 * 86_400, Interaction: 600, Session: 3600 },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false }, introspection: { enabled: true } },
    findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub }) }),
    cookies: { keys: ['interop-cookie-key-0123456789'] }
  })
  // Upwork keeps the scopes on the key and refuses a scope= parameter, so GigPilot sends none;
  // oidc-provider refuses an authorization that grants no scope at all. This middleware plays the
  // key's scopes: a request without scope= is treated as asking for the client's (openid).
  provider.use(async (ctx, next) => {
    if (ctx.path === '/auth' && ctx.method === 'GET' && !ctx.query.scope) ctx.query = { ...ctx.query, scope: 'openid' }
    await next()
  })
  // Errors it answers with (invalid_client, invalid_grant…) are expected here; keep the output quiet.
  provider.on('server_error', () => undefined)
  state.provider = provider
  const providerHandler = provider.callback()

  handler = (req, res) => {
    const path = new URL(req.url ?? '/', issuer).pathname
    if (path.startsWith('/interaction/')) return void interact(state, req, res).catch((e: unknown) => res.writeHead(500).end(String(e)))
    if (path === '/odd/token') return void proxyToken(state, req, res).catch((e: unknown) => res.writeHead(502).end(String(e)))
    providerHandler(req, res)
  }
  return state
}

/** The user at oidc-provider's login and consent steps: signs in as ACCOUNT_ID and approves. */
async function interact(state: AuthServer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { provider } = state
  const details = await provider.interactionDetails(req, res)
  if (state.deny) return provider.interactionFinished(req, res, state.deny, { mergeWithLastSubmission: false })
  if (details.prompt.name === 'login') {
    return provider.interactionFinished(req, res, { login: { accountId: ACCOUNT_ID } }, { mergeWithLastSubmission: false })
  }
  const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
    new provider.Grant({ accountId: details.session?.accountId ?? ACCOUNT_ID, clientId: String(details.params.client_id) })
  const missingScope = details.prompt.details.missingOIDCScope
  if (Array.isArray(missingScope)) grant.addOIDCScope(missingScope.join(' '))
  const missingResource = details.prompt.details.missingResourceScopes
  if (missingResource && typeof missingResource === 'object') {
    for (const [resource, scopes] of Object.entries(missingResource)) grant.addResourceScope(resource, (scopes as string[]).join(' '))
  }
  const grantId = await grant.save()
  return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true })
}

/** The real token endpoint behind a proxy that can edit a successful reply. */
async function proxyToken(state: AuthServer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const upstream = await fetch(`${state.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': req.headers['content-type'] ?? '', accept: 'application/json' },
    body: Buffer.concat(chunks)
  })
  let body = await upstream.text()
  if (upstream.ok && state.editReply) body = JSON.stringify(state.editReply(JSON.parse(body) as Json))
  res.writeHead(upstream.status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body)
}

/**
 * The system browser: follows redirects with a cookie jar through oidc-provider's pages until it
 * is sent to GigPilot's loopback callback, then loads that page like a tab would. If the server
 * stops redirecting (its own error page), that page is the result and the callback never comes.
 */
async function browse(url: string): Promise<{ callback: string | null; status: number; body: string }> {
  const jar = new Map<string, string>()
  let current = new URL(url)
  for (let hop = 0; hop < 20; hop++) {
    if (current.origin === `http://127.0.0.1:${current.port}` && current.pathname === '/upwork/callback') {
      const res = await fetch(current)
      return { callback: current.href, status: res.status, body: await res.text() }
    }
    const res = await fetch(current, {
      redirect: 'manual',
      headers: jar.size ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {}
    })
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = cookie.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a))
      if (expired || value === '') jar.delete(name)
      else jar.set(name, value)
    }
    const location = res.headers.get('location')
    if (res.status < 300 || res.status >= 400 || !location) {
      return { callback: null, status: res.status, body: await res.text() }
    }
    await res.arrayBuffer()
    current = new URL(location, current)
  }
  throw new Error('too many redirects')
}

interface Session {
  flow: OAuthFlow
  tokens: TokenManager
  secrets: MemorySecretStore
  clock: OffsetClock
  logger: ReturnType<typeof createMemoryLogger>
  /** Where the TokenManager refreshes (the real endpoint or the editing proxy). */
  refreshUrl: string
  /** The browser tab of the last sign-in. */
  tab: Promise<{ callback: string | null; status: number; body: string }> | null
}

const flows: OAuthFlow[] = []

async function newSession(flowDeps: Partial<OAuthFlowDeps> = {}): Promise<Session> {
  const clock = new OffsetClock()
  const logger = createMemoryLogger()
  const secrets = new MemorySecretStore({ onSecretValue: () => undefined })
  await secrets.set('upwork.clientId', CLIENT_ID)
  await secrets.set('upwork.clientSecret', CLIENT_SECRET)
  const session: Session = {
    secrets,
    clock,
    logger,
    refreshUrl: tokenUrl(),
    tab: null,
    flow: undefined as unknown as OAuthFlow,
    tokens: undefined as unknown as TokenManager
  }
  session.flow = new OAuthFlow({
    openBrowser: async (url) => {
      session.tab = browse(url)
      session.tab.catch(() => undefined)
    },
    fetch,
    now: () => clock.now(),
    logger,
    ...flowDeps
  })
  flows.push(session.flow)
  session.tokens = new TokenManager({ secrets, clock, logger, fetch, tokenUrl: () => session.refreshUrl })
  return session
}

function signInRequest(overrides: Partial<SignInRequest> = {}): SignInRequest {
  return {
    authorizeUrl: authorizeUrl(),
    tokenUrl: tokenUrl(),
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    port: as.callbackPort,
    usePkce: true,
    ...overrides
  }
}

/** Signs in through the browser; the tokens are stored while the tab waits, as UpworkConnection does. */
async function signIn(session: Session, overrides: Partial<SignInRequest> = {}): Promise<void> {
  await session.flow.signIn(signInRequest(overrides), (tokens) => session.tokens.storeTokens(tokens))
  expect((await session.tab!).body).toContain(SUCCESS_PAGE_TEXT)
}

/** Moves GigPilot's clock past the access token's refresh point (oidc-provider keeps real time). */
async function makeDue(session: Session): Promise<void> {
  const expiresAt = await session.tokens.expiresAt()
  session.clock.offset += (expiresAt ?? Date.now()) - session.clock.now() + 1
}

async function introspect(token: string): Promise<Json> {
  const res = await fetch(`${as.issuer}/token/introspection`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, client_id: CLIENT_ID, client_secret: CLIENT_SECRET })
  })
  return (await res.json()) as Json
}

async function refreshDirectly(refreshToken: string): Promise<{ status: number; json: Json }> {
  const res = await fetch(tokenUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: CLIENT_ID, client_secret: CLIENT_SECRET })
  })
  return { status: res.status, json: (await res.json()) as Json }
}

beforeAll(async () => {
  as = await startAuthServer()
})
afterAll(async () => {
  await as.close()
})
afterEach(async () => {
  await Promise.all(flows.splice(0).map((f) => f.dispose()))
  as.editReply = null
  as.rotate = true
  as.deny = null
})

describe('OAuth interop with oidc-provider (a certified authorization server)', () => {
  it('authorization code with PKCE S256 → code exchange → tokens that the server says are active; the tab says connected', async () => {
    const s = await newSession()
    await signIn(s)
    const access = await s.tokens.getAccessToken()
    expect(await introspect(access)).toMatchObject({ active: true, client_id: CLIENT_ID, sub: ACCOUNT_ID, token_type: 'Bearer' })
    expect(await s.secrets.get('upwork.refreshToken')).toBeTruthy()
    expect((await s.tokens.expiresAt())! - s.clock.now()).toBeGreaterThan(3_590_000)
    expect(await probePort('127.0.0.1', as.callbackPort)).toBe('ECONNREFUSED')
  })

  it('also without PKCE (as Upwork keys sign in): a confidential client with client_secret_post', async () => {
    const s = await newSession()
    await signIn(s, { usePkce: false })
    expect(await introspect(await s.tokens.getAccessToken())).toMatchObject({ active: true })
  })

  it('refresh with rotation: the rotated refresh token is stored before use, the old one is spent', async () => {
    const s = await newSession()
    await signIn(s)
    const firstAccess = await s.tokens.getAccessToken()
    const firstRefresh = (await s.secrets.get('upwork.refreshToken'))!
    await makeDue(s)
    const secondAccess = await s.tokens.getAccessToken()
    const secondRefresh = (await s.secrets.get('upwork.refreshToken'))!
    expect(secondAccess).not.toBe(firstAccess)
    expect(secondRefresh).not.toBe(firstRefresh)
    expect(await introspect(secondAccess)).toMatchObject({ active: true })
    // A second rotation works with the stored token.
    await makeDue(s)
    const thirdAccess = await s.tokens.getAccessToken()
    expect(await introspect(thirdAccess)).toMatchObject({ active: true })
    // The server really rotates: the first refresh token no longer works.
    const reuse = await refreshDirectly(firstRefresh)
    expect(reuse).toMatchObject({ status: 400, json: { error: 'invalid_grant' } })
  })

  describe('odd refresh replies that still carry a new token pair are kept', () => {
    /** Signs in, then refreshes through the proxy that edits the reply; the stored lifetime in ms. */
    async function refreshEdited(s: Session, edit: (reply: Json) => Json): Promise<number> {
      await signIn(s)
      s.refreshUrl = proxyTokenUrl()
      as.editReply = edit
      await makeDue(s)
      const before = s.clock.now()
      expect(await introspect(await s.tokens.getAccessToken())).toMatchObject({ active: true })
      return (await s.tokens.expiresAt())! - before
    }

    it('expires_in: 0 → a 1-hour default; the rotated refresh token is stored and works', async () => {
      const s = await newSession()
      const ttl = await refreshEdited(s, (reply) => ({ ...reply, expires_in: 0 }))
      expect(Math.abs(ttl - 3_600_000)).toBeLessThanOrEqual(1000)
      const rotated = (await s.secrets.get('upwork.refreshToken'))!
      expect(await refreshDirectly(rotated)).toMatchObject({ status: 200 })
    })

    it('expires_in: 3599.5 → rounded down to 3599 s', async () => {
      const ttl = await refreshEdited(await newSession(), (reply) => ({ ...reply, expires_in: 3599.5 }))
      expect(Math.abs(ttl - 3_599_000)).toBeLessThanOrEqual(1000)
    })

    it('refresh_token: "" from a server that does not rotate → the previous refresh token is kept and keeps working', async () => {
      const s = await newSession()
      await signIn(s)
      const original = (await s.secrets.get('upwork.refreshToken'))!
      as.rotate = false
      s.refreshUrl = proxyTokenUrl()
      as.editReply = (reply) => ({ ...reply, refresh_token: '' })
      await makeDue(s)
      expect(await introspect(await s.tokens.getAccessToken())).toMatchObject({ active: true })
      expect(await s.secrets.get('upwork.refreshToken')).toBe(original)
      await makeDue(s)
      expect(await introspect(await s.tokens.getAccessToken())).toMatchObject({ active: true })
      expect(await s.tokens.state()).toBe('connected')
    })
  })

  it('token_type other than Bearer is refused with a clear error and nothing of that reply is stored', async () => {
    const s = await newSession()
    await signIn(s)
    const before = { access: await s.tokens.getAccessToken(), refresh: await s.secrets.get('upwork.refreshToken') }
    s.refreshUrl = proxyTokenUrl()
    as.editReply = (reply) => ({ ...reply, token_type: 'DPoP' })
    await makeDue(s)
    const err = await s.tokens.refresh().catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'oauth', message: expect.stringContaining('Upwork issued a “DPoP” token, but GigPilot only supports Bearer tokens') })
    expect(await s.secrets.get('upwork.refreshToken')).toBe(before.refresh)
    expect(JSON.parse((await s.secrets.get('upwork.accessToken'))!).token).toBe(before.access)
  })

  it('invalid_client on refresh (wrong secret): "Upwork refused your API key" with the server’s words; fixing the key resumes', async () => {
    const s = await newSession()
    await signIn(s)
    await s.secrets.set('upwork.clientSecret', 'a-revoked-or-mistyped-secret')
    await makeDue(s)
    const err = await s.tokens.getAccessToken().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(KeyRejectedError)
    expect((err as Error).message).toBe(`${KEY_REJECTED_MESSAGE} Upwork said: “client authentication failed”`)
    expect((err as Error).message).not.toMatch(/sign in again|Reconnect/i)
    expect(await s.tokens.state()).toBe('key_rejected')
    // The refresh token was not touched by the refused request: with the right key it works.
    await s.secrets.set('upwork.clientSecret', CLIENT_SECRET)
    expect(await introspect(await s.tokens.getAccessToken())).toMatchObject({ active: true })
    expect(await s.tokens.state()).toBe('connected')
  })

  it('invalid_grant on refresh (grant revoked): reconnect needed, with the server’s words', async () => {
    const s = await newSession()
    await signIn(s)
    const stored = await as.provider.RefreshToken.find((await s.secrets.get('upwork.refreshToken'))!)
    await stored!.destroy()
    await makeDue(s)
    const err = await s.tokens.getAccessToken().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ReconnectNeededError)
    expect((err as Error).message).toBe(`${RECONNECT_MESSAGE} Upwork said: “grant request is invalid”`)
    expect(await s.tokens.state()).toBe('reconnect_needed')
  })

  describe('a failed code exchange: the tab does not say connected', () => {
    it('wrong client secret at sign-in (invalid_client)', async () => {
      const s = await newSession()
      const err = await s.flow.signIn(signInRequest({ clientSecret: 'wrong-secret' }), (t) => s.tokens.storeTokens(t)).catch((e: unknown) => e)
      expect(err).toMatchObject({ code: 'key_rejected', message: `${KEY_REJECTED_MESSAGE} Upwork said: “client authentication failed”` })
      const tab = await s.tab!
      expect(tab.callback).toContain(`127.0.0.1:${as.callbackPort}/upwork/callback`)
      expect(tab.body).toContain(FAILURE_PAGE_TEXT)
      expect(tab.body).not.toContain(SUCCESS_PAGE_TEXT)
      expect(await s.tokens.state()).toBe('disconnected')
    })

    it('token endpoint unreachable', async () => {
      const s = await newSession()
      const err = await s.flow.signIn(signInRequest({ tokenUrl: `http://127.0.0.1:${await freePort()}/token` })).catch((e: unknown) => e)
      expect(err).toMatchObject({ code: 'network' })
      expect((await s.tab!).body).toContain(FAILURE_PAGE_TEXT)
    })

    it('a malformed token reply (no access_token)', async () => {
      const s = await newSession()
      as.editReply = ({ access_token: _dropped, ...rest }) => rest
      const err = await s.flow.signIn(signInRequest({ tokenUrl: proxyTokenUrl() })).catch((e: unknown) => e)
      expect(err).toMatchObject({ code: 'malformed' })
      expect((await s.tab!).body).toContain(FAILURE_PAGE_TEXT)
    })
  })

  it('access_denied at the server: the error_description reaches the message as text, never the page', async () => {
    const s = await newSession()
    as.deny = { error: 'access_denied', error_description: 'End-User <b>aborted</b> interaction\u202E' }
    const err = await s.flow.signIn(signInRequest()).catch((e: unknown) => e)
    expect(err).toMatchObject({
      code: 'oauth',
      message: 'Upwork sign-in was cancelled or access was not granted. Click Connect to try again. Upwork said: “End-User <b>aborted</b> interaction”'
    })
    const tab = await s.tab!
    expect(tab.body).toContain(FAILURE_PAGE_TEXT)
    expect(tab.body).not.toContain('aborted')
  })

  it('redirect URI mismatch: the server shows its own error page; after 20 s the pending sign-in names the exact callback URL', async () => {
    const timers = new ManualClock()
    const s = await newSession({ timers })
    const otherPort = await freePort() // not the port registered on the client
    const signing = s.flow.signIn(signInRequest({ port: otherPort }))
    signing.catch(() => undefined)
    const tab = await vi.waitFor(() => {
      if (!s.tab) throw new Error('browser not opened yet')
      return s.tab
    })
    const page = await tab
    expect(page.callback).toBeNull() // the browser never comes back
    expect(page.status).toBe(400)
    expect(page.body).toMatch(/redirect_uri/)
    expect(s.flow.pendingSignIn?.hint).toBeUndefined()
    timers.advance(20_000)
    const expected = callbackUrl(otherPort)
    expect(s.flow.pendingSignIn).toMatchObject({ callbackUrl: expected, hint: stillWaitingHint(expected) })
    expect(s.flow.pendingSignIn?.hint).toContain(`make sure your key’s callback URL is exactly ${expected}`)
    await s.flow.cancel()
    await expect(signing).rejects.toMatchObject({ code: 'cancelled' })
  })
})
