import { afterEach, describe, expect, it } from 'vitest'
import { KNOWN } from '../../../tools/fake-upwork/index'
import { useFakeUpwork } from '../test-support/fake-upwork'
import { connectWithFakeKey, createHarness, type Harness } from '../upwork/test-support/connection-harness'
import { MAX_MESSAGE_CHARS } from '../upwork/operations/writes'
import { createOutboxModule } from './module'

/**
 * The outbox against the fake Upwork over real HTTP: a send is one POST whatever goes wrong, an
 * unclear outcome is never resent, and only a known failure may be tried again.
 */
const server = useFakeUpwork({ autoApprove: true })
const harnesses: Harness[] = []
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.cleanup()))
})

async function outbox() {
  const sleeps: number[] = []
  const h = await createHarness(server.fake, { random: () => 1, sleep: async (ms) => void sleeps.push(ms) })
  harnesses.push(h)
  await connectWithFakeKey(h)
  server.fake.clearRequests()
  return { outbox: createOutboxModule({ writes: h.connection.stack.writes, logger: h.logger }), sleeps }
}

const sends = () => server.fake.requests.filter((r) => r.path === '/graphql' && r.operationName === 'SendRoomMessage')

describe('outbox', () => {
  it('sends an approved message once and records it as sent', async () => {
    const { outbox: o } = await outbox()
    const result = await o.sendMessage({ itemId: 'm1', roomId: KNOWN.roomWithUnread, text: 'Hello' })
    expect(result).toMatchObject({ state: 'sent', message: { text: 'Hello' } })
    expect(sends()).toHaveLength(1)
    expect(o.stateOf('m1')).toBe('sent')
    await expect(o.sendMessage({ itemId: 'm1', roomId: KNOWN.roomWithUnread, text: 'Hello' })).rejects.toMatchObject({ code: 'already_sent' })
    expect(sends()).toHaveLength(1)
  })

  it.each([
    [{ kind: 'serverError', status: 500 }, 'server', 'unknown'],
    [{ kind: 'rateLimit', retryAfterSeconds: 1 }, 'rate_limited', 'failed'],
    [{ kind: 'dropConnection' }, 'network', 'unknown']
  ] as const)('makes exactly one POST on %j and never resends an unclear outcome', async (fault, code, state) => {
    const { outbox: o, sleeps } = await outbox()
    server.fake.faults.next(fault, { operation: 'SendRoomMessage' })
    const result = await o.sendMessage({ itemId: 'm2', roomId: KNOWN.roomWithUnread, text: 'Hello' })
    expect(result).toMatchObject({ state, error: { code } })
    expect(sends()).toHaveLength(1)
    expect(sleeps).toEqual([])
    if (state === 'unknown') {
      // Upwork may have posted it: only a read-back may decide, so a second send is refused.
      await expect(o.sendMessage({ itemId: 'm2', roomId: KNOWN.roomWithUnread, text: 'Hello' })).rejects.toMatchObject({ code: 'already_sent' })
      expect(sends()).toHaveLength(1)
    } else {
      // Known not to have been posted: the user may try again.
      await expect(o.sendMessage({ itemId: 'm2', roomId: KNOWN.roomWithUnread, text: 'Hello' })).resolves.toMatchObject({ state: 'sent' })
      expect(sends()).toHaveLength(2)
    }
  })

  it('refuses an empty or over-long message without sending', async () => {
    const { outbox: o } = await outbox()
    await expect(o.sendMessage({ itemId: 'a', roomId: KNOWN.roomWithUnread, text: '   ' })).resolves.toMatchObject({ state: 'failed', error: { code: 'invalid_input' } })
    await expect(o.sendMessage({ itemId: 'b', roomId: KNOWN.roomWithUnread, text: 'x'.repeat(MAX_MESSAGE_CHARS + 1) })).resolves.toMatchObject({ state: 'failed' })
    expect(sends()).toHaveLength(0)
  })
})
