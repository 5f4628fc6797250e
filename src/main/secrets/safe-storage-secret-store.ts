import { text } from '@shared/i18n'
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { AppError } from '../core/app-error'
import type { Logger } from '../logging/logger'
import { registerSecretForRedaction } from '../logging/redact'
import { atomicWriteFileSync } from '../core/atomic-write-file'
import { KeyedSequencer } from './keyed-sequencer'
import { safeStorageBackendOf, type SafeStorageLike } from './safe-storage-like'
import { isSecretKey, type SecretKey, type SecretStore } from './secret-store'

export const SECRETS_FILE_NAME = 'secrets.json'

/** On-disk shape. Only ciphertext is stored; key names are not secret. */
interface SecretsFile {
  version: 1
  /** The Linux safeStorage backend that encrypted the entries (Signal records it too): a change explains decrypt failures. */
  backend: string | null
  entries: Record<string, string>
}

export interface SafeStorageSecretStoreOptions {
  safeStorage: SafeStorageLike
  /** Usually `<dataDir>/secrets.json`. */
  filePath: string
  logger: Logger
  /** Told when a stored secret could not be decrypted and was dropped, so the UI can ask to reconnect. */
  onUnreadableSecret?: (key: SecretKey) => void
  onSecretValue?: (value: string) => void
  now?: () => Date
}

/**
 * Secrets encrypted with Electron `safeStorage` (Keychain on macOS, DPAPI on Windows,
 * libsecret/KWallet on Linux), kept as base64 ciphertext in one JSON file (mode 0600) in the data
 * folder. This is the fallback when keytar does not answer and the model VS Code moved to.
 *
 * All operations go through one queue, not one per key: every write rewrites the whole file, so
 * two keys written at once must not race on read-modify-write.
 */
export class SafeStorageSecretStore implements SecretStore {
  readonly backend = 'safe-storage' as const
  readonly filePath: string
  private readonly safeStorage: SafeStorageLike
  private readonly logger: Logger
  private readonly onUnreadableSecret: (key: SecretKey) => void
  private readonly onSecretValue: (value: string) => void
  private readonly now: () => Date
  private readonly queue = new KeyedSequencer<'file'>()
  private entries: Map<SecretKey, string> | null = null

  constructor(options: SafeStorageSecretStoreOptions) {
    this.safeStorage = options.safeStorage
    this.filePath = options.filePath
    this.logger = options.logger
    this.onUnreadableSecret = options.onUnreadableSecret ?? (() => {})
    this.onSecretValue = options.onSecretValue ?? registerSecretForRedaction
    this.now = options.now ?? (() => new Date())
  }

  get(key: SecretKey): Promise<string | null> {
    return this.serial(key, async () => {
      const entries = this.load()
      const cipherText = entries.get(key)
      if (cipherText === undefined) return null
      const value = this.decrypt(key, cipherText)
      if (value !== null) {
        this.onSecretValue(value)
        return value
      }
      // Undecryptable (keyring reset, backend changed, file edited): drop it so the app asks the
      // user to reconnect once, instead of failing on the same entry at every start.
      entries.delete(key)
      try {
        this.persist(entries)
      } catch (e) {
        this.logger.error('Could not remove an unreadable secret from the secrets file', { key, error: e })
      }
      this.logger.warn('A stored secret could not be decrypted and was removed: reconnect needed', { key })
      this.onUnreadableSecret(key)
      return null
    })
  }

  set(key: SecretKey, value: string): Promise<void> {
    this.onSecretValue(value)
    return this.serial(key, async () => {
      if (!this.safeStorage.isEncryptionAvailable()) {
        throw new AppError('secrets_unavailable', 'secrets.err.encryptionUnavailable')
      }
      const entries = this.load()
      const cipherText = this.safeStorage.encryptString(JSON.stringify({ k: key, v: value })).toString('base64')
      const previous = entries.get(key)
      entries.set(key, cipherText)
      try {
        this.persist(entries)
      } catch (e) {
        if (previous === undefined) entries.delete(key)
        else entries.set(key, previous)
        throw new AppError('secrets_not_saved', text('secrets.err.notWritten', { file: this.filePath }), { cause: e })
      }
    })
  }

  delete(key: SecretKey): Promise<void> {
    return this.serial(key, async () => {
      const entries = this.load()
      const previous = entries.get(key)
      if (previous === undefined) return
      entries.delete(key)
      try {
        this.persist(entries)
      } catch (e) {
        entries.set(key, previous)
        throw new AppError('secrets_not_saved', text('secrets.err.notRemoved', { file: this.filePath }), { cause: e })
      }
    })
  }

  private serial<T>(key: SecretKey, op: () => Promise<T>): Promise<T> {
    if (!isSecretKey(key)) return Promise.reject(new TypeError(`Unknown secret key: ${String(key)}`))
    return this.queue.run('file', op)
  }

  /** Decrypts one entry; null when it cannot be decrypted or is not what this store wrote for `key`. */
  private decrypt(key: SecretKey, cipherText: string): string | null {
    try {
      const plain = this.safeStorage.decryptString(Buffer.from(cipherText, 'base64'))
      // The key name is sealed inside the ciphertext, so a value moved to another entry is refused.
      const parsed = JSON.parse(plain) as { k?: unknown; v?: unknown }
      return parsed.k === key && typeof parsed.v === 'string' ? parsed.v : null
    } catch {
      return null
    }
  }

  /** Reads the file once; a broken file is moved aside (never deleted) and the store starts empty. */
  private load(): Map<SecretKey, string> {
    if (this.entries) return this.entries
    const entries = new Map<SecretKey, string>()
    let raw: string | null = null
    try {
      raw = readFileSync(this.filePath, 'utf8')
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new AppError('secrets_unavailable', text('secrets.err.fileUnreadable', { file: this.filePath }), { cause: e })
      }
    }
    if (raw !== null) {
      const parsed = parseSecretsFile(raw)
      if (parsed) {
        const current = safeStorageBackendOf(this.safeStorage)
        if (parsed.backend && current && current !== 'unknown' && parsed.backend !== current) {
          this.logger.warn('The safeStorage backend changed since secrets were saved; they may need to be entered again', {
            savedWith: parsed.backend,
            now: current
          })
        }
        for (const [key, cipherText] of Object.entries(parsed.entries)) {
          if (isSecretKey(key) && typeof cipherText === 'string') entries.set(key, cipherText)
        }
      } else {
        const keptAt = this.moveAside()
        this.logger.warn('The secrets file could not be read; it was kept aside and secrets must be entered again', {
          keptAt
        })
      }
    }
    this.entries = entries
    return entries
  }

  private moveAside(): string | null {
    const stamp = this.now().toISOString().replace(/[:.]/g, '-')
    let target = join(dirname(this.filePath), `secrets.broken-${stamp}.json`)
    for (let n = 1; existsSync(target); n++) target = join(dirname(this.filePath), `secrets.broken-${stamp}-${n}.json`)
    try {
      renameSync(this.filePath, target)
      return target
    } catch (e) {
      this.logger.error('Could not move the unreadable secrets file aside', { error: e })
      return null
    }
  }

  private persist(entries: Map<SecretKey, string>): void {
    const file: SecretsFile = {
      version: 1,
      backend: safeStorageBackendOf(this.safeStorage),
      entries: Object.fromEntries(entries)
    }
    mkdirSync(dirname(this.filePath), { recursive: true })
    atomicWriteFileSync(this.filePath, `${JSON.stringify(file, null, 2)}\n`, 0o600)
  }
}

function parseSecretsFile(raw: string): SecretsFile | null {
  try {
    const data = JSON.parse(raw) as Partial<SecretsFile> | null
    if (!data || typeof data !== 'object' || data.version !== 1) return null
    if (!data.entries || typeof data.entries !== 'object' || Array.isArray(data.entries)) return null
    return { version: 1, backend: typeof data.backend === 'string' ? data.backend : null, entries: data.entries }
  } catch {
    return null
  }
}
