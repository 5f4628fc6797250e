/**
 * What the UI is told about where secrets live. A pure type (its only import is another pure
 * type), so the renderer-facing contract can re-export it without pulling in main-only code.
 */
import type { SecretBackend } from './secret-store'

export type { SecretBackend }

export interface SecretStorageStatus {
  backend: SecretBackend
  /** False for the memory store: secrets are gone after a restart. */
  persistent: boolean
  /** Plain words for the Settings/onboarding screen. */
  message: string
  /** Why a better backend was not used (the keychain's own error text), for the log and a "details" toggle. */
  detail?: string
}
