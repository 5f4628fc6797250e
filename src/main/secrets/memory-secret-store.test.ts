import { describe, expect, it } from 'vitest'
import { MemorySecretStore } from './memory-secret-store'

describe('MemorySecretStore', () => {
  it('keeps values in this instance only', async () => {
    const seen: string[] = []
    const store = new MemorySecretStore({ onSecretValue: (v) => seen.push(v) })
    expect(store.backend).toBe('memory')
    await store.set('openai.apiKey', 'in-memory')
    expect(await store.get('openai.apiKey')).toBe('in-memory')
    expect(await new MemorySecretStore().get('openai.apiKey')).toBeNull()
    await store.delete('openai.apiKey')
    expect(await store.get('openai.apiKey')).toBeNull()
    expect(seen).toEqual(['in-memory'])
  })
})
