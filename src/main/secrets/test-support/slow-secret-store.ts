import { MemorySecretStore } from '../memory-secret-store'
import type { SecretKey } from '../secret-store'

/**
 * The real MemorySecretStore, with a delay on writes (a keychain is not instant) and a log of
 * operations, so tests can check ordering ("persisted before the waiters resumed").
 */
export class SlowSecretStore extends MemorySecretStore {
  readonly ops: string[] = []
  constructor(private readonly writeDelayMs = 0) {
    super({ onSecretValue: () => undefined })
  }

  override async set(key: SecretKey, value: string): Promise<void> {
    if (this.writeDelayMs > 0) await new Promise((r) => setTimeout(r, this.writeDelayMs))
    await super.set(key, value)
    this.ops.push(`set ${key}`)
  }

  override async delete(key: SecretKey): Promise<void> {
    await super.delete(key)
    this.ops.push(`delete ${key}`)
  }
}
