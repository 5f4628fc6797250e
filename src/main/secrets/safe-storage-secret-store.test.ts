import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../test-support/memory-logger'
import { SafeStorageSecretStore } from './safe-storage-secret-store'
import type { SecretKey } from './secret-store'
import { AesSafeStorage } from './test-support/aes-safe-storage'

// Electron cannot run here (no binary), so safeStorage is replaced by AesSafeStorage: a small
// class that really encrypts with AES-256-GCM via node:crypto and throws on foreign ciphertext,
// as safeStorage.decryptString does.

function setup(safeStorage = new AesSafeStorage({ backend: 'gnome_libsecret' })) {
  const dir = mkdtempSync(join(tmpdir(), 'gigpilot-ss-'))
  const filePath = join(dir, 'secrets.json')
  const logger = createMemoryLogger()
  const unreadable: SecretKey[] = []
  const make = (ss = safeStorage) =>
    new SafeStorageSecretStore({
      safeStorage: ss,
      filePath,
      logger,
      onSecretValue: () => {},
      onUnreadableSecret: (k) => unreadable.push(k)
    })
  return { dir, filePath, logger, unreadable, make, safeStorage }
}

const readFile = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as { version: number; backend: string; entries: Record<string, string> }

describe('SafeStorageSecretStore', () => {
  it('round-trips secrets through an encrypted 0600 file that holds no plaintext', async () => {
    const { filePath, make, dir } = setup()
    const store = make()
    expect(await store.get('openai.apiKey')).toBeNull()
    await store.set('openai.apiKey', 'sk-plaintext-must-not-appear')
    await store.set('upwork.refreshToken', 'oauth2v2_refresh-plaintext')
    expect(await store.get('openai.apiKey')).toBe('sk-plaintext-must-not-appear')

    const text = readFileSync(filePath, 'utf8')
    expect(text).not.toContain('plaintext')
    expect(readFile(filePath)).toMatchObject({ version: 1, backend: 'gnome_libsecret' })
    expect(Object.keys(readFile(filePath).entries).sort()).toEqual(['openai.apiKey', 'upwork.refreshToken'])
    if (process.platform !== 'win32') expect(statSync(filePath).mode & 0o777).toBe(0o600)
    // Atomic writes leave no temp files behind.
    expect(readdirSync(dir)).toEqual(['secrets.json'])

    // A new instance (a restart) reads the same file.
    expect(await make().get('upwork.refreshToken')).toBe('oauth2v2_refresh-plaintext')
    await store.delete('openai.apiKey')
    expect(await make().get('openai.apiKey')).toBeNull()
    expect(Object.keys(readFile(filePath).entries)).toEqual(['upwork.refreshToken'])
  })

  it('keeps concurrent writes to different keys (whole-file rewrites are queued)', async () => {
    const { make } = setup()
    const store = make()
    await Promise.all([
      store.set('upwork.clientId', 'id-1'),
      store.set('upwork.clientSecret', 'secret-1'),
      store.set('upwork.accessToken', 'access-1'),
      store.delete('upwork.clientId'),
      store.set('openai.apiKey', 'key-1')
    ])
    const fresh = make()
    expect(await fresh.get('upwork.clientId')).toBeNull()
    expect(await fresh.get('upwork.clientSecret')).toBe('secret-1')
    expect(await fresh.get('upwork.accessToken')).toBe('access-1')
    expect(await fresh.get('openai.apiKey')).toBe('key-1')
  })

  it('treats corrupt ciphertext as absent, removes it and logs "reconnect needed"', async () => {
    const { filePath, make, logger, unreadable } = setup()
    await make().set('upwork.accessToken', 'oauth2v2_good-token')
    await make().set('openai.apiKey', 'sk-keep-this-one-0123')
    const file = readFile(filePath)
    const bytes = Buffer.from(file.entries['upwork.accessToken']!, 'base64')
    bytes[bytes.length - 1]! ^= 0xff // flip bits in the ciphertext body: the GCM tag no longer matches
    file.entries['upwork.accessToken'] = bytes.toString('base64')
    writeFileSync(filePath, JSON.stringify(file))

    const store = make()
    expect(await store.get('upwork.accessToken')).toBeNull()
    expect(Object.keys(readFile(filePath).entries)).toEqual(['openai.apiKey'])
    expect(logger.lines('warn').join('\n')).toMatch(/could not be decrypted and was removed: reconnect needed.*upwork\.accessToken/)
    expect(unreadable).toEqual(['upwork.accessToken'])
    // Only once: the next start does not hit the same failure again.
    expect(await make().get('upwork.accessToken')).toBeNull()
    expect(unreadable).toEqual(['upwork.accessToken'])
    // The other secret is untouched.
    expect(await store.get('openai.apiKey')).toBe('sk-keep-this-one-0123')
  })

  it('drops secrets encrypted under another key (keyring reset / backend changed) and says why', async () => {
    const { make, logger, unreadable } = setup()
    await make().set('upwork.refreshToken', 'oauth2v2_old-keyring')
    const otherKeyring = new AesSafeStorage({ backend: 'kwallet5' })
    expect(await make(otherKeyring).get('upwork.refreshToken')).toBeNull()
    expect(unreadable).toEqual(['upwork.refreshToken'])
    expect(logger.lines('warn').join('\n')).toMatch(/backend changed.*gnome_libsecret.*kwallet5/)
  })

  it('refuses a ciphertext moved to another key', async () => {
    const { filePath, make } = setup()
    await make().set('upwork.clientSecret', 'the-client-secret')
    const file = readFile(filePath)
    file.entries['openai.apiKey'] = file.entries['upwork.clientSecret']!
    writeFileSync(filePath, JSON.stringify(file))
    const store = make()
    expect(await store.get('openai.apiKey')).toBeNull()
    expect(await store.get('upwork.clientSecret')).toBe('the-client-secret')
  })

  it('moves an unreadable secrets file aside instead of crashing or deleting it', async () => {
    const { dir, filePath, make, logger } = setup()
    writeFileSync(filePath, '{"version":1,"entries":{"upwork.accessToken":"AAAA"')
    const store = make()
    expect(await store.get('upwork.accessToken')).toBeNull()
    const kept = readdirSync(dir).filter((f) => f.startsWith('secrets.broken-'))
    expect(kept).toHaveLength(1)
    expect(readFileSync(join(dir, kept[0]!), 'utf8')).toContain('"version":1')
    expect(existsSync(filePath)).toBe(false)
    expect(logger.lines('warn').join('\n')).toMatch(/secrets file could not be read/)
    await store.set('upwork.accessToken', 'fresh')
    expect(await make().get('upwork.accessToken')).toBe('fresh')
  })

  it('refuses to save when encryption is unavailable, and writes nothing', async () => {
    const { dir, make } = setup()
    const store = make(new AesSafeStorage({ available: false }))
    await expect(store.set('openai.apiKey', 'x-value')).rejects.toMatchObject({ code: 'secrets_unavailable' })
    expect(readdirSync(dir)).toEqual([])
  })

  it('registers read and written values for log redaction', async () => {
    const { filePath } = setup()
    const seen: string[] = []
    const ss = new AesSafeStorage()
    const make = () => new SafeStorageSecretStore({ safeStorage: ss, filePath, logger: createMemoryLogger(), onSecretValue: (v) => seen.push(v) })
    await make().set('openai.apiKey', 'written-value')
    await make().get('openai.apiKey')
    expect(seen).toEqual(['written-value', 'written-value'])
  })
})
