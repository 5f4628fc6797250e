import type { Settings } from '@shared/settings'
import type { Logger } from '../logging/logger'
import type { Clock } from '../ports/clock'
import type { SecretStore } from '../secrets/secret-store'
import type { AccountSummaryStore } from './account-summary-store'
import { resolveUpworkEndpoints, type UpworkEnv } from './endpoints'
import { GraphQLClient } from './graphql-client'
import type { OperationContext } from './operations/common'
import type { WriteContext } from './operations/writes/write-context'
import { RateLimiter } from './rate-limiter'
import { ReadOnlyUpworkClient } from './read-only-client'
import type { RetryPolicy } from './retry-policy'
import { TokenManager } from './token-manager'
import type { UsageCounterStore } from './usage-counter-store'

export interface UpworkClientStackDeps {
  secrets: SecretStore
  settings: () => Settings['upwork']
  env: UpworkEnv
  usageStore: UsageCounterStore
  /** Where the chosen organization is kept (the connection writes it; every request reads it). */
  accountStore: AccountSummaryStore
  clock: Clock
  logger: Logger
  fetch?: typeof fetch
  /** The wait between retries (default: a real timer). */
  sleep?: (ms: number) => Promise<void>
  /** The rate limiter's wait; it must move `clock` forward (default: a real timer, for a real clock). */
  limiterSleep?: (ms: number) => Promise<void>
  requestsPerSecond?: number
  retryPolicy?: Partial<RetryPolicy>
  random?: () => number
}

/**
 * The Upwork client stack, built once by the composition root: one rate limiter, one token
 * manager and one GraphQL client shared by everything that talks to Upwork (so the limits hold
 * across domains). The root hands out its parts by need:
 * - `reads` (a ReadOnlyUpworkClient: no mutate, mutations refused at run time) to the Upwork
 *   account/connection and every domain that only reads (discovery, message sync);
 * - `writes` (the write-capable client) to `outbox/` only;
 * - `tokens` and `limiter` to the Upwork connection (sign-in, sign-out, usage).
 */
export interface UpworkClientStack {
  readonly tokens: TokenManager
  readonly limiter: RateLimiter
  readonly reads: OperationContext
  readonly writes: WriteContext
}

/** The organization requests act for: the one picked in the app, else the setting, else the user's default. */
export async function currentTenantId(accountStore: AccountSummaryStore, settings: () => Settings['upwork']): Promise<string | null> {
  const chosen = (await accountStore.load())?.tenantId
  return chosen ?? settings().tenantId ?? null
}

export function createUpworkClientStack(deps: UpworkClientStackDeps): UpworkClientStack {
  const log = deps.logger
  const fetchFn = deps.fetch ?? globalThis.fetch.bind(globalThis)
  const endpoints = () => resolveUpworkEndpoints(deps.settings(), deps.env)
  const limiter = new RateLimiter({
    store: deps.usageStore,
    clock: deps.clock,
    hourlyBudget: () => deps.settings().hourlyRequestBudget,
    requestsPerSecond: deps.requestsPerSecond,
    sleep: deps.limiterSleep,
    logger: log
  })
  const tokens = new TokenManager({
    secrets: deps.secrets,
    clock: deps.clock,
    logger: log,
    fetch: fetchFn,
    tokenUrl: () => endpoints().tokenUrl
  })
  const client = new GraphQLClient({
    endpoint: () => endpoints().graphqlUrl,
    tenantId: () => currentTenantId(deps.accountStore, deps.settings),
    tokens,
    limiter,
    logger: log,
    clock: deps.clock,
    fetch: fetchFn,
    sleep: deps.sleep,
    random: deps.random,
    retryPolicy: deps.retryPolicy
  })
  return Object.freeze({
    tokens,
    limiter,
    reads: Object.freeze({ client: new ReadOnlyUpworkClient(client), logger: log }),
    writes: Object.freeze({ client, logger: log.child('outbox') })
  })
}
