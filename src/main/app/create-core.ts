import { join } from 'node:path'
import type { Settings } from '@shared/settings'
import type { AppInfo, SecretStorageStatus } from '@shared/types'
import { openDatabase, type Database } from '../db/open-database'
import { ApiUsageRepository } from '../db/repositories/api-usage-repository'
import type { DispatchOptions } from '../ipc/dispatch'
import type { Logger } from '../logging/logger'
import type { Clock } from '../ports/clock'
import type { Notifier } from '../ports/notifier'
import type { SecretStore } from '../secrets/secret-store'
import type { SettingsStore } from '../settings/settings-store'
import { JsonFileAccountSummaryStore } from '../upwork/account-summary-store'
import { UpworkConnection } from '../upwork/upwork-connection'
import { buildAppStatus } from './app-status'
import { logsDirOf, databaseFileOf } from './data-dir'
import { EventBus } from './event-bus'
import { createHandlers } from './handlers'

/**
 * Everything main runs, built from adapters the caller passes in. Electron's index.ts and the
 * browser harness both call this, so the services under test are the services users run.
 */
export interface CoreOptions {
  runtime: AppInfo['runtime']
  appVersion: string
  platform: string
  dataDir: string
  migrationsDir: string
  env: Record<string, string | undefined>
  logger: Logger
  redact: (text: string) => string
  clock: Clock
  settings: SettingsStore
  secrets: { store: SecretStore; status: SecretStorageStatus }
  notifier: Notifier
  /** Opens a URL in the system browser: used for the Upwork sign-in page. */
  openBrowser: (url: string) => Promise<void>
  /** Opens an already-vetted link (see security/external-url.ts) in the system browser. */
  openExternal: (url: string) => Promise<void>
}

export interface Core {
  bus: EventBus
  db: Database
  settings: SettingsStore
  upwork: UpworkConnection
  logger: Logger
  info: AppInfo
  dispatchOptions: DispatchOptions
  status(): ReturnType<typeof buildAppStatus>
  close(): Promise<void>
}

export async function createCore(opts: CoreOptions): Promise<Core> {
  const logger = opts.logger
  const notices: string[] = []
  const db = await openDatabase({
    file: databaseFileOf(opts.dataDir),
    migrationsDir: opts.migrationsDir,
    appVersion: opts.appVersion,
    logger: logger.child('db')
  })
  const bus = new EventBus()
  const status = (): ReturnType<typeof buildAppStatus> =>
    buildAppStatus(opts.settings.get(), opts.secrets.status, opts.settings.lastLoadProblem, notices)

  const upwork = new UpworkConnection({
    secrets: opts.secrets.store,
    settings: () => opts.settings.get().upwork,
    env: opts.env,
    usageStore: new ApiUsageRepository(db),
    accountStore: new JsonFileAccountSummaryStore(join(opts.dataDir, 'upwork-account.json')),
    clock: opts.clock,
    logger: logger.child('upwork'),
    openBrowser: opts.openBrowser
  })
  upwork.events.on('accountChanged', (account) => bus.emit('upwork:account', account))
  upwork.events.on('usageChanged', (usage) => bus.emit('upwork:usage', usage))

  const unsubscribeSettings = opts.settings.onChange((next: Settings, previous: Settings) => {
    bus.emit('settings:changed', next)
    if (upworkEndpointsChanged(previous, next)) {
      // Tokens must never follow a changed endpoint to a new host without the user signing in
      // there again: sign out (the API key stays) and say so.
      notices.push('The Upwork connection settings changed, so GigPilot signed out of Upwork. Click Connect to sign in again.')
      void upwork.disconnect().catch((e: unknown) => logger.error('Sign-out after endpoint change failed', { error: String(e) }))
      bus.emit('app:status', status())
    } else if (next.automationPaused !== previous.automationPaused) {
      bus.emit('app:status', status())
    }
  })

  const info: AppInfo = {
    name: 'GigPilot',
    version: opts.appVersion,
    platform: opts.platform,
    dataDir: opts.dataDir,
    logsDir: logsDirOf(opts.dataDir),
    runtime: opts.runtime
  }
  const handlers = createHandlers({
    info,
    settings: opts.settings,
    upwork,
    status,
    openExternal: opts.openExternal,
    notifier: opts.notifier,
    clock: opts.clock
  })

  logger.info('Services ready', { runtime: opts.runtime, secrets: opts.secrets.status.backend })
  return {
    bus,
    db,
    settings: opts.settings,
    upwork,
    logger,
    info,
    dispatchOptions: { handlers, logger: logger.child('ipc'), redact: opts.redact, logsDir: info.logsDir },
    status,
    close: async () => {
      unsubscribeSettings()
      await upwork.dispose()
      await db.close()
    }
  }
}

function upworkEndpointsChanged(a: Settings, b: Settings): boolean {
  return a.upwork.authUrl !== b.upwork.authUrl || a.upwork.tokenUrl !== b.upwork.tokenUrl || a.upwork.graphqlUrl !== b.upwork.graphqlUrl
}
