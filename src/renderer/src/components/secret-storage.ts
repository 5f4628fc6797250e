import type { AppInfo, SecretStorageStatus } from '@shared/types'
import type { MessageKey } from '../i18n'

/** Where secrets are kept, as a catalog message (main's status carries the backend; the words are ours). */
export function secretStorageKey(storage: SecretStorageStatus, info: AppInfo | null): MessageKey {
  if (storage.backend === 'keychain') return 'secrets.keychain'
  if (storage.backend === 'safe-storage') return 'secrets.safeStorage'
  return info?.platform === 'linux' ? 'secrets.memoryLinux' : 'secrets.memory'
}

/** The onboarding promise, true to where the keys really go. */
export function privacyKey(storage: SecretStorageStatus | undefined): MessageKey {
  if (!storage || storage.backend === 'keychain') return 'onboarding.privacy'
  return storage.backend === 'safe-storage' ? 'onboarding.privacySafeStorage' : 'onboarding.privacyMemory'
}
