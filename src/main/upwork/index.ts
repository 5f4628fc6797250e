/**
 * Public surface of the Upwork layer for main's composition root and feature services.
 * (Implementation notes: the comment at the top of upwork-connection.ts.) The write operations
 * are deliberately not here: they are in operations/writes/, which only the outbox may import.
 */
export { createUpworkModule, SIGNED_OUT_AFTER_ENDPOINT_CHANGE, type UpworkModule, type UpworkModuleDeps } from './module'
export { currentTenantId, type UpworkClientStack, type UpworkClientStackDeps } from './client-stack'
export { ReadOnlyUpworkClient, type UpworkReader } from './read-only-client'
export { UpworkConnection, tokensLostMessage, type Credentials, type UpworkConnectionDeps, type UpworkConnectionEvents } from './upwork-connection'
export {
  JsonFileAccountSummaryStore,
  MemoryAccountSummaryStore,
  type AccountSummaryStore,
  type PersistedAccount
} from './account-summary-store'
export { JsonFileUsageStore } from './json-file-usage-store'
export { MemoryUsageStore, dayKey, hourKey, type UsageCounterStore } from './usage-counter-store'
export { callbackUrl, resolveUpworkEndpoints, DEFAULT_UPWORK_ENDPOINTS, type UpworkEndpoints } from './endpoints'
export { UpworkError, ReconnectNeededError, isUpworkError, RECONNECT_MESSAGE, type UpworkErrorCode } from './errors'
export type { GraphQLResponse, OperationKind } from './graphql-client'
export { RateLimiter, DEFAULT_REQUESTS_PER_SECOND, UPWORK_DAILY_LIMIT } from './rate-limiter'
export type { TokenState } from './token-manager'
export { detectCapabilities } from './capabilities'
export { stripInvisible, cleanLongText } from './sanitize'
export * from './operations'
export type * from './types'
