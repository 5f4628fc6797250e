import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { SafeStorageLike } from '../safe-storage-like'

/**
 * A stand-in for Electron's `safeStorage`, used because the Electron binary cannot run in this
 * test environment. It is not a mock: it really encrypts (AES-256-GCM with a per-instance key,
 * like safeStorage's per-user key) and, like the real one, throws when asked to decrypt data that
 * was not encrypted with its key. Two instances with different keys model "the keyring was reset"
 * or "the Linux backend changed".
 */
export class AesSafeStorage implements SafeStorageLike {
  readonly key: Buffer
  private readonly available: boolean
  private readonly backend: string | undefined

  constructor(options: { key?: Buffer; available?: boolean; backend?: string } = {}) {
    this.key = options.key ?? randomBytes(32)
    this.available = options.available ?? true
    this.backend = options.backend
    // Without a backend name, behave like macOS/Windows, where the method does not exist.
    if (this.backend === undefined) Object.defineProperty(this, 'getSelectedStorageBackend', { value: undefined })
  }

  isEncryptionAvailable(): boolean {
    return this.available
  }

  encryptString(plainText: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.')
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()])
    // A version prefix, like Chromium's "v10"/"v11".
    return Buffer.concat([Buffer.from('t1'), iv, cipher.getAuthTag(), body])
  }

  decryptString(encrypted: Buffer): string {
    if (encrypted.length < 2 + 12 + 16 || encrypted.subarray(0, 2).toString() !== 't1') {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
    }
    const iv = encrypted.subarray(2, 14)
    const tag = encrypted.subarray(14, 30)
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv)
    decipher.setAuthTag(tag)
    try {
      return Buffer.concat([decipher.update(encrypted.subarray(30)), decipher.final()]).toString('utf8')
    } catch {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
    }
  }

  getSelectedStorageBackend(): string {
    return this.backend ?? 'unknown'
  }
}
