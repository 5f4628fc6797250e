import { describe, expect, it } from 'vitest'
import { ManualClock } from '../test-support/clocks'
import { createMemoryLogger } from '../test-support/memory-logger'
import { scriptedFetch } from '../test-support/scripted-fetch'
import { GraphQLClient } from './graphql-client'
import { ReadOnlyUpworkClient } from './read-only-client'

const MUTATION = 'mutation M($input: RoomStoryCreateInputV2!) { createRoomStoryV2(input: $input) { id } }'
const QUERY = 'query Q { user { id } }'

function setup() {
  const clock = new ManualClock(0)
  const script = scriptedFetch([{ json: { data: { user: { id: '1' } } } }, { json: { data: { createRoomStoryV2: { id: 's' } } } }])
  const inner = new GraphQLClient({
    endpoint: () => 'http://127.0.0.1:1/graphql',
    tenantId: () => null,
    tokens: { getAccessToken: async () => 't', handleUnauthorized: async () => 't', markReconnectNeeded: async () => undefined },
    limiter: { acquire: async () => undefined },
    logger: createMemoryLogger(),
    clock,
    fetch: script.fetch,
    sleep: clock.sleep
  })
  return { reader: new ReadOnlyUpworkClient(inner), inner, calls: script.calls }
}

describe('ReadOnlyUpworkClient', () => {
  it('reads', async () => {
    const { reader, calls } = setup()
    await expect(reader.query(QUERY)).resolves.toMatchObject({ data: { user: { id: '1' } } })
    expect(calls).toHaveLength(1)
    expect(reader.requestCount).toBe(1)
  })

  it('refuses a mutation document before anything is sent, whatever the caller claims', async () => {
    const { reader, calls } = setup()
    await expect(reader.query(MUTATION, { input: {} })).rejects.toMatchObject({ code: 'write_refused' })
    await expect(reader.request(MUTATION, { input: {} })).rejects.toMatchObject({ code: 'write_refused' })
    await expect(reader.request(MUTATION, {}, { kind: 'mutation' } as never)).rejects.toMatchObject({ code: 'write_refused' })
    await expect(reader.query(`# a comment\n  mutation {\n createRoomStoryV2(input: {}) { id } }`)).rejects.toMatchObject({ code: 'write_refused' })
    // Security review: a comma is white space in GraphQL, and a '#' inside a string is not a comment.
    await expect(reader.query(',mutation{createRoomStoryV2(input:{}){id}}')).rejects.toMatchObject({ code: 'write_refused' })
    await expect(reader.query('query A{a(x:"#")} mutation B{createRoomStoryV2(input:{}){id}}')).rejects.toMatchObject({ code: 'write_refused' })
    expect(calls).toHaveLength(0)
  })

  it('has no write method and no reachable inner client', () => {
    const { reader } = setup()
    // @ts-expect-error: a read-only client has no mutate, by type…
    expect(reader.mutate).toBeUndefined()
    // …and at run time: nothing enumerable, no inner client behind a property name.
    expect(Object.keys(reader)).toEqual([])
    expect(Object.getOwnPropertyNames(reader)).toEqual([])
    expect(Object.getOwnPropertyNames(Object.getPrototypeOf(reader)).sort()).toEqual(['constructor', 'query', 'request', 'requestCount'])
  })

  it('the full client also refuses a mutation through query(), so a misrouted write cannot pass as a read', async () => {
    const { inner, calls } = setup()
    await expect(inner.query(MUTATION)).rejects.toMatchObject({ code: 'write_refused' })
    expect(calls).toHaveLength(0)
  })
})
