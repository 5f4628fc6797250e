import { registerSecretForRedaction } from '../logging/redact'
import type { SecretKey, SecretStore } from './secret-store'

/**
 * Secrets held in this process only: the last resort when no keychain and no real encryption
 * are available (Linux without a keyring). Nothing touches the disk; the UI tells the user they
 * will have to enter secrets again after a restart.
 */
export class MemorySecretStore implements SecretStore {
  readonly backend = 'memory' as const
  private readonly values = new Map<SecretKey, string>()
  private readonly onSecretValue: (value: string) => void

  constructor(options: { onSecretValue?: (value: string) => void } = {}) {
    this.onSecretValue = options.onSecretValue ?? registerSecretForRedaction
  }

  async get(key: SecretKey): Promise<string | null> {
    return this.values.get(key) ?? null
  }

  async set(key: SecretKey, value: string): Promise<void> {
    this.onSecretValue(value)
    this.values.set(key, value)
  }

  async delete(key: SecretKey): Promise<void> {
    this.values.delete(key)
  }
}
