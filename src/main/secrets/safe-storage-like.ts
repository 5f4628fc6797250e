/**
 * The part of Electron's `safeStorage` this app uses, so the store can be built and tested
 * without importing `electron` (the composition root passes the real object).
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  /** Throws when the data was not encrypted with the current key (Electron's behaviour). */
  decryptString(encrypted: Buffer): string
  /**
   * Linux only: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown'.
   * 'basic_text' means a hard-coded password, i.e. no real protection.
   */
  getSelectedStorageBackend?(): string
}

/** The safeStorage backend name, or null where the platform has no such notion (macOS, Windows) or it throws. */
export function safeStorageBackendOf(safeStorage: SafeStorageLike): string | null {
  try {
    return typeof safeStorage.getSelectedStorageBackend === 'function' ? safeStorage.getSelectedStorageBackend() : null
  } catch {
    return null
  }
}
