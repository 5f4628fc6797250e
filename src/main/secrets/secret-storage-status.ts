/**
 * What the UI is told about where secrets live: the DTO in src/shared/types.ts (one definition),
 * re-exported here for the secrets layer.
 */
export type { SecretBackend, SecretStorageStatus } from '@shared/types'
