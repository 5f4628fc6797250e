import { describe, expect, it } from 'vitest'
import { AppError } from '../core/app-error'
import { KeytarSecretStore } from './keytar-secret-store'
import { SlowKeytar } from './test-support/slow-keytar'

// Ordering and failure behaviour with an in-process keytar-like; the round trip through the real
// OS keychain is in keytar-secret-store.keychain.test.ts.
describe('KeytarSecretStore (ordering and errors)', () => {
  it('does not let a get overtake an earlier set or delete of the same key', async () => {
    // set is slow, get is fast: without per-key serialisation the get would read the old value.
    const keytar = new SlowKeytar((op) => (op === 'set' ? 40 : op === 'delete' ? 20 : 1))
    const store = new KeytarSecretStore({ keytar, serviceName: 'svc', onSecretValue: () => {} })
    await store.set('openai.apiKey', 'old-value')
    const [, afterSet, , afterDelete] = await Promise.all([
      store.set('openai.apiKey', 'new-value'),
      store.get('openai.apiKey'),
      store.delete('openai.apiKey'),
      store.get('openai.apiKey')
    ])
    expect(afterSet).toBe('new-value')
    expect(afterDelete).toBeNull()
  })

  it('lets different keys proceed in parallel', async () => {
    const keytar = new SlowKeytar(() => 20)
    const store = new KeytarSecretStore({ keytar, serviceName: 'svc', onSecretValue: () => {} })
    await Promise.all([store.set('upwork.accessToken', 'a-token'), store.set('upwork.refreshToken', 'r-token')])
    expect(keytar.maxInFlight).toBe(2)
  })

  it('uses the key as the account and the service name given', async () => {
    const keytar = new SlowKeytar(() => 0)
    const store = new KeytarSecretStore({ keytar, serviceName: 'GigPilot-x', onSecretValue: () => {} })
    await store.set('upwork.clientId', 'client-id-1')
    expect([...keytar.entries.keys()]).toEqual(['GigPilot-x/upwork.clientId'])
    expect(new KeytarSecretStore({ keytar }).serviceName).toBe('GigPilot')
  })

  it('registers values it reads and writes for redaction', async () => {
    const seen: string[] = []
    const keytar = new SlowKeytar(() => 0)
    keytar.entries.set('svc/upwork.refreshToken', 'stored-refresh-token')
    const store = new KeytarSecretStore({ keytar, serviceName: 'svc', onSecretValue: (v) => seen.push(v) })
    await store.set('openai.apiKey', 'written-key')
    await store.get('upwork.refreshToken')
    expect(seen).toEqual(['written-key', 'stored-refresh-token'])
  })

  it('turns a keychain failure or hang into a user-facing AppError and frees the key', async () => {
    let hang = true
    const keytar = new SlowKeytar((op) => (op === 'get' && hang ? Infinity : 0))
    const store = new KeytarSecretStore({ keytar, serviceName: 'svc', operationTimeoutMs: 50, onSecretValue: () => {} })
    const error = await store.get('openai.apiKey').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('secrets_unavailable')
    expect((error as AppError).message).toMatch(/did not answer within 50 ms/)
    hang = false
    await store.set('openai.apiKey', 'value-1')
    await expect(store.get('openai.apiKey')).resolves.toBe('value-1')
  })

  it('refuses keys that are not secret keys', async () => {
    const store = new KeytarSecretStore({ keytar: new SlowKeytar(), onSecretValue: () => {} })
    await expect(store.get('nope' as never)).rejects.toThrow(/Unknown secret key/)
  })
})
