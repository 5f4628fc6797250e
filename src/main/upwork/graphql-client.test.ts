import { describe, expect, it } from 'vitest'
import { isUpworkError, ReconnectNeededError, type UpworkError } from './errors'
import { detectOperationKind, GraphQLClient } from './graphql-client'
import { ManualClock } from '../test-support/clocks'
import { scriptedFetch, type ScriptStep } from '../test-support/scripted-fetch'
import { createMemoryLogger } from '../test-support/memory-logger'
import type { AccessTokenSource } from './token-manager'

/** Unit tests of the client's decisions with a scripted fetch; see upwork.integration.test.ts for real HTTP. */

class StubTokens implements AccessTokenSource {
  token = 'tok-1'
  refreshes = 0
  reconnect = false
  async getAccessToken(): Promise<string> {
    if (this.reconnect) throw new ReconnectNeededError()
    return this.token
  }
  async handleUnauthorized(rejected: string): Promise<string> {
    if (rejected === this.token) {
      this.refreshes++
      this.token = `tok-${this.refreshes + 1}`
    }
    return this.token
  }
  async markReconnectNeeded(): Promise<void> {
    this.reconnect = true
  }
}

function setup(steps: ScriptStep[], opts: { random?: () => number; tenant?: string | null } = {}) {
  const clock = new ManualClock(Date.parse('2026-09-01T12:00:00Z'))
  const script = scriptedFetch(steps)
  const tokens = new StubTokens()
  let acquired = 0
  const client = new GraphQLClient({
    endpoint: () => 'http://127.0.0.1:1/graphql',
    tenantId: () => opts.tenant ?? null,
    tokens,
    limiter: { acquire: async () => void acquired++ },
    logger: createMemoryLogger(),
    clock,
    fetch: script.fetch,
    sleep: clock.sleep,
    random: opts.random ?? (() => 1)
  })
  return { client, clock, calls: script.calls, tokens, acquired: () => acquired }
}

const ok = { json: { data: { user: { id: '1' } } } }
const QUERY = 'query Q { user { id } }'
const MUTATION = 'mutation M($input: RoomStoryCreateInputV2!) { createRoomStoryV2(input: $input) { id } }'

describe('GraphQLClient', () => {
  it('posts {query, variables} as JSON with Bearer and the tenant header', async () => {
    const { client, calls } = setup([ok], { tenant: 'org-42' })
    const res = await client.query(QUERY, { a: 1 }, { operationName: 'Q' })
    expect(res).toEqual({ data: { user: { id: '1' } }, errors: [] })
    expect(calls[0]!.method).toBe('POST')
    expect(calls[0]!.headers['authorization']).toBe('Bearer tok-1')
    expect(calls[0]!.headers['x-upwork-api-tenantid']).toBe('org-42')
    expect(calls[0]!.headers['content-type']).toBe('application/json')
    expect(JSON.parse(calls[0]!.body)).toEqual({ query: QUERY, variables: { a: 1 }, operationName: 'Q' })
  })

  it('leaves the tenant header out when no organization is chosen', async () => {
    const { client, calls } = setup([ok])
    await client.query(QUERY)
    expect(calls[0]!.headers['x-upwork-api-tenantid']).toBeUndefined()
  })

  it('retries a 503 with growing delays up to the cap, 4 attempts in all, each through the limiter', async () => {
    const { client, clock, calls, acquired } = setup([{ status: 503, json: {} }])
    const err = (await client.query(QUERY).catch((e: unknown) => e)) as UpworkError
    expect(err.code).toBe('server')
    expect(calls).toHaveLength(4)
    expect(acquired()).toBe(4)
    expect(clock.sleeps).toEqual([500, 1000, 2000]) // random() = 1 → the ceiling each time
  })

  it('caps the backoff at 30 s', async () => {
    const clock = new ManualClock(0)
    const script = scriptedFetch([{ status: 500, json: {} }])
    const client = new GraphQLClient({
      endpoint: () => 'http://x/graphql',
      tenantId: () => null,
      tokens: new StubTokens(),
      limiter: { acquire: async () => undefined },
      logger: createMemoryLogger(),
      clock,
      fetch: script.fetch,
      sleep: clock.sleep,
      random: () => 1,
      retryPolicy: { maxAttempts: 9 }
    })
    await client.query(QUERY).catch(() => undefined)
    expect(clock.sleeps).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000])
  })

  it('recovers when a retry succeeds', async () => {
    const { client, calls } = setup([{ status: 502, json: {} }, { networkError: 'ECONNRESET' }, ok])
    await expect(client.query(QUERY)).resolves.toMatchObject({ data: { user: { id: '1' } } })
    expect(calls).toHaveLength(3)
  })

  it('waits at least Retry-After (seconds and HTTP-date) on 429', async () => {
    const a = setup([{ status: 429, headers: { 'retry-after': '3' }, json: {} }, ok], { random: () => 0 })
    await a.client.query(QUERY)
    expect(a.clock.sleeps).toEqual([3000])

    const b = setup([{ status: 429, headers: { 'retry-after': 'Tue, 01 Sep 2026 12:00:07 GMT' }, json: {} }, ok], {
      random: () => 0
    })
    await b.client.query(QUERY)
    expect(b.clock.sleeps).toEqual([7000])
  })

  it('surfaces a Retry-After longer than a minute instead of sleeping through it', async () => {
    const { client, calls, clock } = setup([{ status: 429, headers: { 'retry-after': '3600' }, json: {} }])
    const err = (await client.query(QUERY).catch((e: unknown) => e)) as UpworkError
    expect(err.code).toBe('rate_limited')
    expect(err.retryAfterMs).toBe(3_600_000)
    expect(calls).toHaveLength(1)
    expect(clock.sleeps).toEqual([])
  })

  it.each([
    [400, 'bad_request'],
    [403, 'forbidden'],
    [404, 'not_found']
  ])('does not retry HTTP %i', async (status, code) => {
    const { client, calls } = setup([{ status, json: { message: 'no' } }])
    await expect(client.query(QUERY)).rejects.toMatchObject({ code })
    expect(calls).toHaveLength(1)
  })

  it('on 401 refreshes once and retries once, then asks for a reconnect', async () => {
    const a = setup([{ status: 401, json: { message: 'Authentication failed' } }, ok])
    await a.client.query(QUERY)
    expect(a.tokens.refreshes).toBe(1)
    expect(a.calls.map((c) => c.headers['authorization'])).toEqual(['Bearer tok-1', 'Bearer tok-2'])

    const b = setup([{ status: 401, json: { message: 'Authentication failed' } }])
    const err = await b.client.query(QUERY).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ReconnectNeededError)
    expect(b.calls).toHaveLength(2)
    expect(b.tokens.reconnect).toBe(true)
    await expect(b.client.query(QUERY)).rejects.toBeInstanceOf(ReconnectNeededError)
    expect(b.calls).toHaveLength(2) // fails fast
  })

  it('never resends a mutation: 500, 429, network drop and 401 each mean exactly one POST', async () => {
    for (const step of [
      { status: 500, json: {} },
      { status: 503, json: {}, headers: { 'retry-after': '1' } },
      { status: 429, json: {}, headers: { 'retry-after': '1' } },
      { networkError: 'ECONNRESET' },
      { status: 401, json: { message: 'Authentication failed' } }
    ] satisfies ScriptStep[]) {
      const { client, calls, clock } = setup([step, ok])
      const err = (await client.mutate(MUTATION, { input: {} }).catch((e: unknown) => e)) as UpworkError
      expect(isUpworkError(err), JSON.stringify(step)).toBe(true)
      expect(calls, JSON.stringify(step)).toHaveLength(1)
      expect(clock.sleeps).toEqual([])
    }
  })

  it('flags an ambiguous write outcome, but not a refused connection', async () => {
    const dropped = setup([{ networkError: 'ECONNRESET' }])
    await expect(dropped.client.mutate(MUTATION)).rejects.toMatchObject({ code: 'network', outcomeUnknown: true })
    const refused = setup([{ networkError: 'ECONNREFUSED' }])
    await expect(refused.client.mutate(MUTATION)).rejects.toMatchObject({ code: 'network', outcomeUnknown: false })
    const server = setup([{ status: 500, json: {} }])
    await expect(server.client.mutate(MUTATION)).rejects.toMatchObject({ code: 'server', outcomeUnknown: true })
  })

  it('treats any document containing a mutation as a write, whatever the caller says', async () => {
    const { client, calls } = setup([{ status: 500, json: {} }])
    await client.request(MUTATION, {}, { kind: 'query' }).catch(() => undefined)
    expect(calls).toHaveLength(1)
    expect(detectOperationKind(MUTATION)).toBe('mutation')
    expect(detectOperationKind('mutation { a }')).toBe('mutation')
    expect(detectOperationKind('# mutation { x }\nquery { user { id } }')).toBe('query')
    expect(detectOperationKind('query { __schema { mutationType { name } } }')).toBe('query')
    // GraphQL reads commas as white space and `#` inside a string is not a comment: these are writes.
    expect(detectOperationKind(',mutation{createRoomStoryV2(input:{}){id}}')).toBe('mutation')
    expect(detectOperationKind('mutation,{a}')).toBe('mutation')
    expect(detectOperationKind('query A{a(x:"#")} mutation B{b}')).toBe('mutation')
    expect(detectOperationKind('subscription { a }')).toBe('mutation')
    expect(detectOperationKind('this is not GraphQL {')).toBe('mutation')
    expect(detectOperationKind('query A { a(x: "mutation { b }") } fragment F on T { c }')).toBe('query')
  })

  it('classifies replies it cannot read as malformed, without retrying', async () => {
    for (const step of [
      { body: 'not json <html>' },
      { json: [1, 2, 3] },
      { json: { nothing: true } },
      { json: { data: 'text' } }
    ] satisfies ScriptStep[]) {
      const { client, calls } = setup([step, ok])
      await expect(client.query(QUERY), JSON.stringify(step)).rejects.toMatchObject({ code: 'malformed' })
      expect(calls).toHaveLength(1)
    }
  })

  it('turns HTTP 200 + errors into graphql / scope errors and keeps partial data', async () => {
    const scopeMsg =
      "The client or authentication token doesn't have enough oauth2 permissions/scopes to access: [Money.rawValue]."
    const a = setup([{ json: { data: { marketplaceJobPostingsSearch: null }, errors: [{ message: scopeMsg }] } }])
    const scope = (await a.client.query(QUERY).catch((e: unknown) => e)) as UpworkError
    expect(scope.code).toBe('scope')
    expect(scope.message).toMatch(/permission \(scope\)/)

    const b = setup([{ json: { errors: [{ message: 'Validation error of type MissingFieldArgument' }] } }])
    await expect(b.client.query(QUERY)).rejects.toMatchObject({ code: 'graphql', message: expect.stringMatching(/MissingFieldArgument/) })

    const partial = { user: { id: '1' }, organization: null }
    const c = setup([{ json: { data: partial, errors: [{ message: 'Authorization failed', path: ['organization'] }] } }])
    const res = await c.client.query(QUERY)
    expect(res.data).toEqual(partial)
    expect(res.errors).toEqual([{ message: 'Authorization failed', path: ['organization'] }])
  })
})
