import { afterEach, describe, expect, it } from 'vitest'
import type { SecretBackend } from '@shared/types'
import { useFakeUpwork } from '../test-support/fake-upwork'
import { connectWithFakeKey, createHarness, type Harness } from './test-support/connection-harness'
import { tokensLostMessage } from './upwork-connection'

/** "Your sign-in is kept in the keychain" only when it really is. */
const server = useFakeUpwork({ autoApprove: true })
const harnesses: Harness[] = []
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.cleanup()))
})

describe('the lost sign-in message', () => {
  it.each([
    ['keychain', /system keychain/],
    ['safe-storage', /encrypted in your data folder/],
    ['memory', /in memory only/]
  ] as const)('names where %s keeps it', (backend, where) => {
    expect(tokensLostMessage(backend)).toMatch(where)
    if (backend !== 'keychain') expect(tokensLostMessage(backend)).not.toMatch(/keychain/i)
  })

  it.each(['memory', 'safe-storage'] as SecretBackend[])('does not promise the keychain after a restart with the %s store', async (backend) => {
    const h = await createHarness(server.fake, { secretBackend: backend })
    harnesses.push(h)
    await connectWithFakeKey(h)
    // A restart where the tokens did not survive (memory store, undecryptable file).
    await h.secrets.delete('upwork.accessToken')
    await h.secrets.delete('upwork.refreshToken')
    const account = await h.restart().getAccount()
    expect(account.state).toBe('reconnect_needed')
    expect(account.lastError).toBe(tokensLostMessage(backend))
    expect(account.lastError).not.toMatch(/keychain/i)
  })
})
