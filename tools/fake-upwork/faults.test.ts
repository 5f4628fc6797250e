import { request } from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { JOB_SEARCH_IDS, ME } from './documents'
import { type FakeUpwork, KNOWN, startFakeUpwork } from './index'
import { gql, signIn, tokenRequest } from './test-helpers'

let fake: FakeUpwork
let token: string
let refresh: string

beforeAll(async () => {
  fake = await startFakeUpwork()
  const t = await signIn(fake)
  token = t.access_token
  refresh = t.refresh_token
})
afterEach(() => fake.faults.clear())
afterAll(async () => {
  await fake.close()
})

type Edges = { marketplaceJobPostingsSearch: { edges: Array<{ node: Record<string, unknown> }> } }

describe('transport faults', () => {
  it('rateLimit: 429 with Retry-After seconds, then back to normal', async () => {
    fake.faults.next({ kind: 'rateLimit', retryAfterSeconds: 7 })
    const r = await gql(fake, token, ME)
    expect(r.status).toBe(429)
    expect(r.headers.get('retry-after')).toBe('7')
    expect(r.json).toEqual({ message: 'Too Many Requests' })
    expect((await gql(fake, token, ME)).status).toBe(200)
  })

  it('rateLimit: HTTP-date Retry-After, or none at all', async () => {
    fake.faults.next({ kind: 'rateLimit', retryAfterSeconds: 30, retryAfterDate: true })
    const dated = await gql(fake, token, ME)
    const when = Date.parse(dated.headers.get('retry-after') ?? '')
    expect(when - Date.now()).toBeGreaterThan(25_000)
    expect(when - Date.now()).toBeLessThan(35_000)
    fake.faults.next({ kind: 'rateLimit', retryAfterSeconds: null })
    const bare = await gql(fake, token, ME)
    expect(bare.status).toBe(429)
    expect(bare.headers.get('retry-after')).toBeNull()
  })

  it('count and storms: the next N matching requests fail', async () => {
    fake.faults.next({ kind: 'rateLimit' }, { count: 3 })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await gql(fake, token, ME)).status)
    expect(statuses).toEqual([429, 429, 429, 200])
    fake.faults.next({ kind: 'rateLimit' }, { count: Infinity })
    for (let i = 0; i < 5; i++) expect((await gql(fake, token, ME)).status).toBe(429)
    fake.faults.clear()
    expect((await gql(fake, token, ME)).status).toBe(200)
  })

  it('operation filter: only the named operation is hit', async () => {
    fake.faults.next({ kind: 'serverError' }, { operation: 'JobSearchIds' })
    expect((await gql(fake, token, ME)).status).toBe(200)
    const r = await gql(fake, token, JOB_SEARCH_IDS, {})
    expect(r.status).toBe(500)
    expect(fake.faults.pending()).toHaveLength(0)
  })

  it('serverError 502/503 answer HTML, not JSON', async () => {
    fake.faults.next({ kind: 'serverError', status: 503 })
    const r = await gql(fake, token, ME)
    expect(r.status).toBe(503)
    expect(r.headers.get('content-type')).toContain('text/html')
  })

  it('expiredToken and forbidden', async () => {
    fake.faults.next({ kind: 'expiredToken' })
    const expired = await gql(fake, token, ME)
    expect(expired.status).toBe(401)
    expect(expired.json).toEqual({ message: 'Authentication failed' })
    fake.faults.next({ kind: 'forbidden' })
    expect((await gql(fake, token, ME)).status).toBe(403)
    expect((await gql(fake, token, ME)).status).toBe(200)
  })

  it('delay holds the response', async () => {
    fake.faults.next({ kind: 'delay', ms: 300 })
    const start = Date.now()
    const r = await gql(fake, token, ME)
    expect(r.status).toBe(200)
    expect(Date.now() - start).toBeGreaterThanOrEqual(280)
  })

  it('dropConnection: the request is read, then the socket dies without a response', async () => {
    fake.faults.next({ kind: 'dropConnection' })
    await expect(gql(fake, token, ME)).rejects.toThrow()
    const logged = fake.requests[fake.requests.length - 1]
    expect(logged).toMatchObject({ path: '/graphql', operationName: 'Me', status: 0 })
    // Same with a raw socket: the body went out, no status line came back.
    fake.faults.next({ kind: 'dropConnection' })
    const outcome = await new Promise<string>((resolve) => {
      const body = JSON.stringify({ query: ME })
      const req = request(fake.graphqlUrl, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Content-Length': Buffer.byteLength(body) } }, (res) =>
        resolve(`status ${res.statusCode}`)
      )
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message))
      req.end(body)
    })
    expect(outcome).toBe('ECONNRESET')
    expect((await gql(fake, token, ME)).status).toBe(200)
  })
})

describe('body faults', () => {
  it('malformedJson: 200 with a truncated body', async () => {
    fake.faults.next({ kind: 'malformedJson' })
    const r = await gql(fake, token, ME)
    expect(r.status).toBe(200)
    expect(() => JSON.parse(r.text)).toThrow()
    expect(r.text.startsWith('{"data":')).toBe(true)
  })

  it('missingFields removes keys from every node', async () => {
    fake.faults.next({ kind: 'missingFields', fields: ['title'] })
    const r = await gql(fake, token, JOB_SEARCH_IDS, {})
    const edges = (r.json.data as unknown as Edges).marketplaceJobPostingsSearch.edges
    expect(edges.length).toBe(10)
    for (const e of edges) {
      expect(e.node).not.toHaveProperty('title')
      expect(e.node).toHaveProperty('id')
    }
  })

  it('nullFields nulls keys', async () => {
    fake.faults.next({ kind: 'nullFields', fields: ['title', 'totalApplicants'] })
    const r = await gql(fake, token, JOB_SEARCH_IDS, {})
    for (const e of (r.json.data as unknown as Edges).marketplaceJobPostingsSearch.edges) {
      expect(e.node.title).toBeNull()
      expect(e.node.totalApplicants).toBeNull()
    }
  })

  it('wrongTypes gives some nodes mistyped values', async () => {
    fake.faults.next({ kind: 'wrongTypes' })
    const r = await gql(fake, token, JOB_SEARCH_IDS, {})
    const nodes = (r.json.data as unknown as Edges).marketplaceJobPostingsSearch.edges.map((e) => e.node)
    expect(nodes.some((n) => typeof n.totalApplicants === 'string')).toBe(true)
    expect(nodes.some((n) => typeof n.title === 'number')).toBe(true)
    expect(nodes.some((n) => typeof n.title === 'string')).toBe(true)
  })

  it('scopeError: the ExecutionAborted shape for the first root field (or the given one)', async () => {
    fake.faults.next({ kind: 'scopeError' })
    const r = await gql(fake, token, JOB_SEARCH_IDS, {})
    expect(r.status).toBe(200)
    expect(r.json.data).toEqual({ marketplaceJobPostingsSearch: null })
    expect(r.json.errors?.[0]).toEqual({
      message: "The client or authentication token doesn't have enough oauth2 permissions/scopes to access: [Query.marketplaceJobPostingsSearch].",
      extensions: { classification: 'ExecutionAborted' }
    })
    fake.faults.next({ kind: 'scopeError', field: 'Money.currency' })
    const custom = await gql(fake, token, JOB_SEARCH_IDS, {})
    expect(custom.json.errors?.[0]?.message).toContain('[Money.currency]')
  })
})

describe('token endpoint faults', () => {
  it('faults default to /graphql; path token targets the token endpoint', async () => {
    fake.faults.next({ kind: 'rateLimit' })
    const ok = await tokenRequest(fake, { grant_type: 'refresh_token', refresh_token: refresh })
    expect(ok.status).toBe(200)
    refresh = String(ok.json.refresh_token)
    expect((await gql(fake, token, ME)).status).toBe(429)

    fake.faults.next({ kind: 'serverError', status: 500 }, { path: 'token' })
    expect((await tokenRequest(fake, { grant_type: 'refresh_token', refresh_token: refresh })).status).toBe(500)
    // The failed request did not spend the refresh token.
    const after = await tokenRequest(fake, { grant_type: 'refresh_token', refresh_token: refresh })
    expect(after.status).toBe(200)
    refresh = String(after.json.refresh_token)
  })

  it('malformed token responses: truncated JSON, or no access_token', async () => {
    fake.faults.next({ kind: 'malformedJson' }, { path: 'token' })
    const res = await fetch(fake.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'fake-client-id', client_secret: 'fake-client-secret', grant_type: 'refresh_token', refresh_token: refresh })
    })
    expect(res.status).toBe(200)
    await expect(res.json()).rejects.toThrow()

    const t = await signIn(fake)
    fake.faults.next({ kind: 'missingFields', fields: ['access_token'] }, { path: 'token' })
    const missing = await tokenRequest(fake, { grant_type: 'refresh_token', refresh_token: t.refresh_token })
    expect(missing.status).toBe(200)
    expect(missing.json).not.toHaveProperty('access_token')
    expect(missing.json).toHaveProperty('refresh_token')
  })

  it('path any hits both endpoints', async () => {
    fake.faults.next({ kind: 'forbidden' }, { path: 'any', count: 2 })
    expect((await tokenRequest(fake, { grant_type: 'refresh_token', refresh_token: 'x' })).status).toBe(403)
    expect((await gql(fake, token, ME)).status).toBe(403)
    expect((await gql(fake, token, ME)).status).toBe(200)
  })
})

describe('request log', () => {
  it('records method, path, operation, variables, grant type and status, newest last', async () => {
    fake.clearRequests()
    expect(fake.requests).toHaveLength(0)
    await gql(fake, token, JOB_SEARCH_IDS, { filter: { searchExpression_eq: 'react' } })
    await gql(fake, null, ME)
    await tokenRequest(fake, { grant_type: 'refresh_token', refresh_token: 'nope' })
    await fetch(`${fake.url}/__control/state`)
    expect(fake.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['POST', '/graphql', 200],
      ['POST', '/graphql', 401],
      ['POST', '/api/v3/oauth2/token', 400]
    ])
    expect(fake.requests[0]).toMatchObject({ operationName: 'JobSearchIds', variables: { filter: { searchExpression_eq: 'react' } }, authorization: 'bearer' })
    expect(fake.requests[0]?.query).toContain('marketplaceJobPostingsSearch')
    expect(fake.requests[1]?.authorization).toBe('none')
    expect(fake.requests[2]?.grantType).toBe('refresh_token')
    expect(typeof fake.requests[0]?.at).toBe('number')
  })

  it('known ids are exported for tests', () => {
    expect(fake.data.jobs.some((j) => j.id === KNOWN.jobId)).toBe(true)
    expect(fake.data.rooms.some((r) => r.id === KNOWN.roomWithUnread)).toBe(true)
  })
})
