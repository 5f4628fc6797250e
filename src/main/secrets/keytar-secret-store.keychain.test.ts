import { randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type * as KeytarModule from 'keytar'
import { afterAll, describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../test-support/memory-logger'
import { chooseSecretStore } from './choose-secret-store'
import { KeytarSecretStore } from './keytar-secret-store'
import { loadKeytar } from './keytar-like'
import { probeKeychain } from './probe-keychain'
import { SECRET_KEYS } from './secret-store'
import { AesSafeStorage } from './test-support/aes-safe-storage'
import { KEYCHAIN_HOWTO, keychainRequired } from './test-support/keychain-env'

/**
 * Against the REAL OS keychain (gnome-keyring over D-Bus on Linux). Every entry lives under a
 * service name unique to this run and is deleted afterwards.
 */
const serviceName = `GigPilot-test-${randomUUID()}`
const loaded = await loadKeytar()
const keytarModule = loaded.keytar as typeof KeytarModule | null
const probe = keytarModule
  ? await probeKeychain(keytarModule, { serviceName, timeoutMs: 5_000 })
  : ({ ok: false, reason: `keytar did not load: ${loaded.error}` } as const)
const required = keychainRequired()

if (!probe.ok && !required) {
  console.warn(
    `\n[keychain tests SKIPPED] No system keychain answered (${probe.reason}).\n${KEYCHAIN_HOWTO}\n` +
      'CI sets GIGPILOT_REQUIRE_KEYCHAIN=1 (or CI=true), where this is a failure, not a skip.\n'
  )
}

describe('system keychain', () => {
  if (!probe.ok && required) {
    it('is reachable (required because GIGPILOT_REQUIRE_KEYCHAIN=1 or CI is set)', () => {
      throw new Error(`No system keychain answered: ${probe.reason}\n${KEYCHAIN_HOWTO}`)
    })
    return
  }

  afterAll(async () => {
    if (!keytarModule) return
    for (const key of SECRET_KEYS) await keytarModule.deletePassword(serviceName, key).catch(() => false)
    // Nothing of this run may stay in the user's (or CI's) keychain, probe entries included.
    expect(await keytarModule.findCredentials(serviceName)).toEqual([])
  })

  // Skipped only when no keychain answers: then the 'is reachable' test above fails the run under
  // CI or GIGPILOT_REQUIRE_KEYCHAIN=1, and prints how to run it locally otherwise.
  describe.skipIf(!probe.ok)('KeytarSecretStore round trip', () => {
    const store = () => new KeytarSecretStore({ keytar: keytarModule!, serviceName })

    it('stores, reads back, overwrites and deletes every secret key', async () => {
      const s = store()
      for (const key of SECRET_KEYS) {
        expect(await s.get(key)).toBeNull()
        await s.set(key, `value of ${key} ${randomUUID()}`)
      }
      // A second instance sees the same entries: they are in the keychain, not in the object.
      const other = store()
      for (const key of SECRET_KEYS) expect(await other.get(key)).toMatch(new RegExp(`^value of ${key.replace('.', '\\.')} `))
      const found = await keytarModule!.findCredentials(serviceName)
      expect(found.map((c) => c.account).sort()).toEqual([...SECRET_KEYS].sort())

      await s.set('upwork.accessToken', 'oauth2v2_second-value ünïcödé')
      expect(await other.get('upwork.accessToken')).toBe('oauth2v2_second-value ünïcödé')

      for (const key of SECRET_KEYS) await s.delete(key)
      for (const key of SECRET_KEYS) expect(await other.get(key)).toBeNull()
      // Deleting what is not there is not an error.
      await expect(s.delete('openai.apiKey')).resolves.toBeUndefined()
    })

    it('keeps a burst of writes and reads on one key in order', async () => {
      const s = store()
      const ops: Promise<unknown>[] = []
      const reads: Array<Promise<string | null>> = []
      for (let i = 0; i < 5; i++) {
        ops.push(s.set('openai.apiKey', `burst-${i}`))
        reads.push(s.get('openai.apiKey'))
      }
      await Promise.all(ops)
      expect(await Promise.all(reads)).toEqual(['burst-0', 'burst-1', 'burst-2', 'burst-3', 'burst-4'])
      await s.delete('openai.apiKey')
    })

    it('is what chooseSecretStore picks when the keychain answers, and the probe leaves no entry', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'gigpilot-kc-'))
      const { store: chosen, status } = await chooseSecretStore({
        keytar: keytarModule!,
        // Present but must not be used: the keychain comes first.
        safeStorage: new AesSafeStorage({ backend: 'gnome_libsecret' }),
        dataDir,
        logger: createMemoryLogger(),
        serviceName
      })
      expect(status).toEqual({ backend: 'keychain', persistent: true, message: 'Secrets are kept in your system keychain.' })
      expect(chosen.backend).toBe('keychain')
      expect(await keytarModule!.findCredentials(serviceName)).toEqual([])
      expect(readdirSync(dataDir)).toEqual([])
    })
  })
})
