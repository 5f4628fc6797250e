import type { SecretBackend } from '@shared/types'

/**
 * Where secrets live. Only main-process code may hold a SecretStore; values never cross IPC,
 * never reach logs, electron-store or SQLite.
 */
export const SECRET_KEYS = [
  'upwork.clientId',
  'upwork.clientSecret',
  'upwork.accessToken',
  'upwork.refreshToken',
  'openai.apiKey'
] as const
export type SecretKey = (typeof SECRET_KEYS)[number]

/** keychain: the OS keychain via keytar; safe-storage: Electron safeStorage-encrypted file; memory: not persisted. */
export type { SecretBackend }

export interface SecretStore {
  readonly backend: SecretBackend
  get(key: SecretKey): Promise<string | null>
  set(key: SecretKey, value: string): Promise<void>
  delete(key: SecretKey): Promise<void>
}

export const isSecretKey = (value: unknown): value is SecretKey =>
  typeof value === 'string' && (SECRET_KEYS as readonly string[]).includes(value)
