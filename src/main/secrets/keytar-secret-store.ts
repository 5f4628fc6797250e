import { text } from '@shared/i18n'
import { AppError } from '../core/app-error'
import { registerSecretForRedaction } from '../logging/redact'
import { KeyedSequencer } from './keyed-sequencer'
import { DEFAULT_SERVICE_NAME, type KeytarLike } from './keytar-like'
import { isSecretKey, type SecretKey, type SecretStore } from './secret-store'
import { withTimeout } from './with-timeout'

export interface KeytarSecretStoreOptions {
  keytar: KeytarLike
  /** Keychain "service" (the entry's label). Tests pass a unique one. */
  serviceName?: string
  /**
   * Upper bound for one keychain call. Generous, because a locked keyring may show an unlock
   * prompt the user has to type into; without a bound a hung call would block its key forever.
   */
  operationTimeoutMs?: number
  /** Called with every value read or written, so it is scrubbed from logs. */
  onSecretValue?: (value: string) => void
}

/** Secrets in the OS keychain (macOS Keychain, Windows Credential Manager, libsecret) via keytar. */

const KEYCHAIN_FAILURE = { read: 'secrets.err.keychain.read', save: 'secrets.err.keychain.save', delete: 'secrets.err.keychain.delete' } as const
export class KeytarSecretStore implements SecretStore {
  readonly backend = 'keychain' as const
  readonly serviceName: string
  private readonly keytar: KeytarLike
  private readonly timeoutMs: number
  private readonly onSecretValue: (value: string) => void
  private readonly sequencer = new KeyedSequencer<SecretKey>()

  constructor(options: KeytarSecretStoreOptions) {
    this.keytar = options.keytar
    this.serviceName = options.serviceName ?? DEFAULT_SERVICE_NAME
    this.timeoutMs = options.operationTimeoutMs ?? 60_000
    this.onSecretValue = options.onSecretValue ?? registerSecretForRedaction
  }

  get(key: SecretKey): Promise<string | null> {
    return this.run(key, 'read', async () => {
      const value = await this.keytar.getPassword(this.serviceName, key)
      if (value !== null) this.onSecretValue(value)
      return value
    })
  }

  set(key: SecretKey, value: string): Promise<void> {
    // Registered before the call: if the keychain fails, the error path must still not log it.
    this.onSecretValue(value)
    return this.run(key, 'save', () => this.keytar.setPassword(this.serviceName, key, value))
  }

  delete(key: SecretKey): Promise<void> {
    return this.run(key, 'delete', async () => {
      await this.keytar.deletePassword(this.serviceName, key)
    })
  }

  private run<T>(key: SecretKey, verb: 'read' | 'save' | 'delete', op: () => Promise<T>): Promise<T> {
    if (!isSecretKey(key)) return Promise.reject(new TypeError(`Unknown secret key: ${String(key)}`))
    return this.sequencer.run(key, async () => {
      try {
        return await withTimeout(op(), this.timeoutMs, `The system keychain (${verb} ${key})`)
      } catch (e) {
        throw new AppError(
          'secrets_unavailable',
          text(KEYCHAIN_FAILURE[verb], { key, detail: e instanceof Error ? e.message : String(e) }),
          { cause: e }
        )
      }
    })
  }
}
