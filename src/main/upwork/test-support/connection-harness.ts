import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultSettings, type Settings } from '@shared/settings'
import type { FakeUpwork } from '../../../../tools/fake-upwork/index'
import { MemorySecretStore } from '../../secrets/memory-secret-store'
import { JsonFileAccountSummaryStore } from '../account-summary-store'
import { JsonFileUsageStore } from '../json-file-usage-store'
import { createUpworkClientStack, type UpworkClientStack, type UpworkClientStackDeps } from '../client-stack'
import type { OperationContext } from '../operations/common'
import { UpworkConnection, type UpworkConnectionDeps } from '../upwork-connection'
import { OffsetClock } from '../../test-support/clocks'
import { browse, FAKE_CLIENT } from '../../test-support/fake-upwork'
import { freePort } from '../../test-support/free-port'
import { createMemoryLogger, type MemoryLogger } from '../../test-support/memory-logger'

/** A connection plus, for tests only, its own client stack and read context (the app never exposes these). */
export type TestConnection = UpworkConnection & { operations: OperationContext; stack: UpworkClientStack }

type Overrides = Omit<Partial<UpworkConnectionDeps & UpworkClientStackDeps>, 'settings' | 'stack'>

export interface Harness {
  connection: TestConnection
  secrets: MemorySecretStore
  usageStore: JsonFileUsageStore
  accountStore: JsonFileAccountSummaryStore
  clock: OffsetClock
  logger: MemoryLogger
  settings: Settings['upwork']
  dir: string
  /** A second instance on the same stores, as after an app restart. */
  restart(): TestConnection
  cleanup(): Promise<void>
}

/** An UpworkConnection wired to the fake Upwork through env vars, with file-backed stores in a temp dir. */
export async function createHarness(
  fake: FakeUpwork,
  overrides: Overrides & { settings?: Partial<Settings['upwork']> } = {}
): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'gigpilot-upwork-'))
  const secrets = new MemorySecretStore({ onSecretValue: () => undefined })
  const usageStore = new JsonFileUsageStore(join(dir, 'usage.json'))
  const accountStore = new JsonFileAccountSummaryStore(join(dir, 'account.json'))
  const clock = new OffsetClock()
  const logger = createMemoryLogger()
  const settings: Settings['upwork'] = {
    ...defaultSettings().upwork,
    callbackPort: await freePort(),
    ...overrides.settings
  }
  const { settings: _ignored, ...depOverrides } = overrides
  const make = (): TestConnection => {
    const { fetch, sleep, limiterSleep, requestsPerSecond, retryPolicy, random, usageStore: usage, ...connectionOverrides } = depOverrides
    const base = {
      secrets,
      settings: () => settings,
      env: { UPWORK_AUTH_URL: fake.authorizeUrl, UPWORK_TOKEN_URL: fake.tokenUrl, UPWORK_GRAPHQL_URL: fake.graphqlUrl },
      accountStore,
      clock,
      logger
    }
    const stack = createUpworkClientStack({ ...base, usageStore: usage ?? usageStore, fetch, sleep, limiterSleep, requestsPerSecond, retryPolicy, random })
    const connection = new UpworkConnection({
      ...base,
      stack,
      fetch,
      openBrowser: async (url) => void (await browse(url)),
      ...connectionOverrides
    })
    return Object.assign(connection, { operations: stack.reads, stack })
  }
  const connection = make()
  const instances = [connection]
  return {
    connection,
    secrets,
    usageStore,
    accountStore,
    clock,
    logger,
    settings,
    dir,
    restart: () => {
      const c = make()
      instances.push(c)
      return c
    },
    cleanup: async () => {
      await Promise.all(instances.map((c) => c.dispose()))
      await rm(dir, { recursive: true, force: true })
    }
  }
}

export async function connectWithFakeKey(h: Harness): Promise<void> {
  await h.connection.saveCredentials(FAKE_CLIENT)
  await h.connection.connect()
}
