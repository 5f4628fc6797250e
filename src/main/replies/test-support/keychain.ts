import { randomUUID } from 'node:crypto'
import type * as KeytarModule from 'keytar'
import { KeytarSecretStore } from '../../secrets/keytar-secret-store'
import { loadKeytar } from '../../secrets/keytar-like'
import { probeKeychain } from '../../secrets/probe-keychain'
import { KEYCHAIN_HOWTO, keychainRequired } from '../../secrets/test-support/keychain-env'

/**
 * The real keychain for a replies test file: a service name of its own, whether to skip (no
 * keychain here and none required), a store on it, and the clean-up of the AI key it saves.
 */
export async function repliesKeychain(label: string): Promise<{ skip: boolean; store(): KeytarSecretStore; cleanup(): Promise<void> }> {
  const serviceName = `GigPilot-${label}-${randomUUID()}`
  const loaded = await loadKeytar()
  const keytar = loaded.keytar as typeof KeytarModule | null
  const probe = keytar ? await probeKeychain(keytar, { serviceName, timeoutMs: 5_000 }) : ({ ok: false, reason: `keytar did not load: ${loaded.error}` } as const)
  const skip = !probe.ok && !keychainRequired()
  if (skip) console.warn(`\n[${label} keychain tests SKIPPED] ${probe.ok ? '' : probe.reason}\n${KEYCHAIN_HOWTO}\n`)
  return {
    skip,
    store: () => new KeytarSecretStore({ keytar: keytar!, serviceName }),
    cleanup: async () => {
      if (keytar) await keytar.deletePassword(serviceName, 'openai.apiKey').catch(() => false)
    }
  }
}
