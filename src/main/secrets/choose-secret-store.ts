import { join } from 'node:path'
import type { Logger } from '../logging/logger'
import { KeytarSecretStore } from './keytar-secret-store'
import { DEFAULT_SERVICE_NAME, type KeytarLike } from './keytar-like'
import { MemorySecretStore } from './memory-secret-store'
import { DEFAULT_PROBE_TIMEOUT_MS, probeKeychain } from './probe-keychain'
import { safeStorageBackendOf, type SafeStorageLike } from './safe-storage-like'
import { SafeStorageSecretStore, SECRETS_FILE_NAME } from './safe-storage-secret-store'
import type { SecretKey, SecretStore } from './secret-store'
import type { SecretStorageStatus } from './secret-storage-status'

export interface ChooseSecretStoreOptions {
  /** The real `keytar` module in production; absent when it failed to load. */
  keytar?: KeytarLike | null
  /** Electron's `safeStorage` (only usable after `app.whenReady()`); absent outside Electron. */
  safeStorage?: SafeStorageLike | null
  /** The app's data folder; the safeStorage fallback writes `secrets.json` here. */
  dataDir: string
  logger: Logger
  serviceName?: string
  probeTimeoutMs?: number
  /** Why keytar is absent, if it failed to load (shown as the status detail). */
  keytarLoadError?: string
  /** Passed to the safeStorage store: a stored secret could not be decrypted (reconnect needed). */
  onUnreadableSecret?: (key: SecretKey) => void
  platform?: NodeJS.Platform
}

export const SECRET_STATUS_MESSAGES = {
  keychain: 'Secrets are kept in your system keychain.',
  safeStorage:
    'No system keychain answered, so secrets are encrypted with Electron safeStorage in your data folder.',
  memoryLinux:
    'No secure storage is available on this system (Linux without a keyring): secrets are kept in memory only and ' +
    'you will need to enter them again after a restart. Install and unlock gnome-keyring or KWallet to keep them.',
  memory:
    'No secure storage is available on this system: secrets are kept in memory only and you will need to enter ' +
    'them again after a restart.'
} as const

/**
 * Picks where secrets live, best first:
 * 1. the OS keychain through keytar, if a real store/read/delete round trip answers in time;
 * 2. Electron safeStorage, if it can encrypt and on Linux is not `basic_text` (a hard-coded
 *    password is not encryption; writing tokens "encrypted" with it would only look safe);
 * 3. memory only, and the status says so in plain words (security requirement 11).
 */
export async function chooseSecretStore(
  options: ChooseSecretStoreOptions
): Promise<{ store: SecretStore; status: SecretStorageStatus }> {
  const logger = options.logger.child('secrets')
  const serviceName = options.serviceName ?? DEFAULT_SERVICE_NAME
  const reasons: string[] = []

  if (options.keytar) {
    const probe = await probeKeychain(options.keytar, {
      serviceName,
      timeoutMs: options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS
    })
    if (probe.ok) {
      logger.info('Secrets are stored in the system keychain', { serviceName })
      return {
        store: new KeytarSecretStore({ keytar: options.keytar, serviceName }),
        status: { backend: 'keychain', persistent: true, message: SECRET_STATUS_MESSAGES.keychain }
      }
    }
    reasons.push(`System keychain: ${probe.reason}`)
  } else {
    reasons.push(`System keychain: ${options.keytarLoadError ?? 'keytar is not available'}`)
  }

  if (options.safeStorage) {
    const safeStorage = options.safeStorage
    let available = false
    let failure: string | null = null
    try {
      available = safeStorage.isEncryptionAvailable()
    } catch (e) {
      failure = e instanceof Error ? e.message : String(e)
    }
    const backend = safeStorageBackendOf(safeStorage)
    if (available && backend !== 'basic_text') {
      const detail = reasons.join('; ')
      logger.warn('System keychain unavailable; secrets are encrypted with safeStorage', { detail, backend })
      return {
        store: new SafeStorageSecretStore({
          safeStorage,
          filePath: join(options.dataDir, SECRETS_FILE_NAME),
          logger,
          ...(options.onUnreadableSecret ? { onUnreadableSecret: options.onUnreadableSecret } : {})
        }),
        status: { backend: 'safe-storage', persistent: true, message: SECRET_STATUS_MESSAGES.safeStorage, detail }
      }
    }
    reasons.push(
      available
        ? 'safeStorage: only the basic_text backend is available (a hard-coded key, not real encryption)'
        : `safeStorage: ${failure ?? 'encryption is not available'}`
    )
  } else {
    reasons.push('safeStorage: not available outside Electron')
  }

  const detail = reasons.join('; ')
  logger.warn('No secure storage available; secrets are kept in memory only', { detail })
  const platform = options.platform ?? process.platform
  return {
    store: new MemorySecretStore(),
    status: {
      backend: 'memory',
      persistent: false,
      message: platform === 'linux' ? SECRET_STATUS_MESSAGES.memoryLinux : SECRET_STATUS_MESSAGES.memory,
      detail
    }
  }
}
