import { join } from 'node:path'
import type { AppInfo, AppStatus, SecretStorageStatus } from '@shared/types'
import { createAppStatusModule } from '../app-status/module'
import { createAiModule } from '../ai/module'
import { createAnalyticsModule } from '../analytics/module'
import type { DomainModule, Handlers, HandlersFor } from '../core/domain-module'
import { EventBus } from '../core/event-bus'
import { openDatabase, type Database } from '../db/open-database'
import type { WorkerEntry } from '../db/worker/database-worker'
import { ApiUsageRepository } from '../db/repositories/api-usage-repository'
import type { DispatchOptions } from '../ipc/dispatch'
import type { Logger } from '../logging/logger'
import { createMainI18n } from '../i18n/main-translator'
import { createNotificationsModule } from '../notifications/module'
import { createDiscoveryModule } from '../discovery/module'
import { createDraftingModule } from '../drafting/module'
import { isStrategyId } from '../drafting/strategies'
import { createExperimentsModule } from '../experiments/module'
import { automationSwitch, connectionSwitch, pollerFactory } from '../discovery/polling'
import { localFilterReason } from '../discovery/polling/local-filters'
import type { OnlineStatus, PowerMonitor } from '../ports/power-monitor'
import type { Scheduler } from '../scheduler/scheduler'
import { createOutboxModule, type OutboxModule } from '../outbox/module'
import { createMessagingModule } from '../messaging/module'
import { createOutcomesModule } from '../outcomes/module'
import { createPredictionModule, type PredictionModule } from '../prediction/module'
import { createReviewModule } from '../review/module'
import { createRepliesModule, type RepliesModule } from '../replies/module'
import { NodeCronScheduler } from '../scheduler/node-cron-scheduler'
import type { Clock } from '../ports/clock'
import type { Notifier } from '../ports/notifier'
import type { SecretStore } from '../secrets/secret-store'
import { createSettingsModule } from '../settings/module'
import type { SettingsStore } from '../settings/settings-store'
import { createShellModule } from '../shell/module'
import { JsonFileAccountSummaryStore } from '../upwork/account-summary-store'
import { createUpworkClientStack } from '../upwork/client-stack'
import { createUpworkModule } from '../upwork/module'
import type { UpworkConnection } from '../upwork/upwork-connection'
import { composeStatus } from './compose-status'
import { accountFileOf, logsDirOf, databaseFileOf } from './data-dir'
import type { WorkspaceModule } from './workspace-module'

/**
 * The composition root shared by Electron's index.ts and the browser harness (so the services
 * under test are the services users run). It builds adapters from what the caller passes in,
 * calls each domain's factory, and merges what they return; it holds no policy of its own.
 *
 * A new domain: a folder under src/main/ with `module.ts` (its factory), a contract file in
 * src/shared/contract/, and one line in `modules` below. Upwork reads go to readers
 * (`upworkStack.reads`); the write-capable client goes to the outbox alone.
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
  /** The secret store, or its choice still in progress (the keychain probe, ~30 ms): it runs while the database opens. */
  secrets: CoreSecrets | Promise<CoreSecrets>
  /** Where the database worker's script is (default: beside the code; the bench passes the built one, as the app runs). */
  databaseWorker?: WorkerEntry
  notifier: Notifier
  /** Opens a URL in the system browser: used for the Upwork sign-in page. */
  openBrowser: (url: string) => Promise<void>
  /** Opens a link the shell domain has vetted (see security/external-url.ts) in the system browser. */
  openExternal: (url: string) => Promise<void>
  /** The OS's preferred languages, for the 'system' language setting (default: Node's locale). */
  systemLanguages?: () => readonly string[]
  /** Sleep/wake (Electron's powerMonitor): polling pauses while asleep. Default: none (Node). */
  power?: PowerMonitor
  /** Online or not (Electron's net.isOnline()): polling pauses while offline. Default: always online (Node). */
  online?: OnlineStatus
  /** The workspace channels, answered by the workspace host (workspace-host.ts). */
  workspace: WorkspaceModule
  /** Upwork's HTTP (default: the network). The demo workspace answers it in-process (demo/demo-upwork.ts). */
  upworkFetch?: typeof fetch
  /** The poller's heartbeat (default: node-cron). */
  scheduler?: Scheduler
  /** Where analytics' CSV exports are written (Electron: the Downloads folder; default: <dataDir>/exports). */
  exportDir?: string
  /** Shows a file in the system's file manager (Electron: shell.showItemInFolder): the CSV export. Default: nothing. */
  revealFile?: (path: string) => void
}

export type CoreSecrets = { store: SecretStore; status: SecretStorageStatus }

export interface Core {
  bus: EventBus
  db: Database
  settings: SettingsStore
  upwork: UpworkConnection
  outbox: OutboxModule
  /** Success prediction: `retrain()` after history is written outside the outcome flow (the demo's sample history). */
  prediction: Pick<PredictionModule, 'retrain' | 'idle'>
  logger: Logger
  info: AppInfo
  dispatchOptions: DispatchOptions
  status(): AppStatus
  close(): Promise<void>
}

export async function createCore(opts: CoreOptions): Promise<Core> {
  const logger = opts.logger
  // The keychain probe and the database open wait on different things (D-Bus, the worker thread): together.
  const secretsChosen = Promise.resolve(opts.secrets)
  secretsChosen.catch(() => undefined) // awaited below; a failed open must not leave it unhandled
  const db = await openDatabase({
    file: databaseFileOf(opts.dataDir),
    migrationsDir: opts.migrationsDir,
    appVersion: opts.appVersion,
    logger: logger.child('db'),
    ...(opts.databaseWorker ? { workerEntry: opts.databaseWorker } : {})
  })
  const secrets = await secretsChosen.catch(async (e: unknown) => {
    await db.close()
    throw e
  })
  const bus = new EventBus((event, error) => logger.error('An event listener failed', { event, error: String(error) }))
  const info: AppInfo = {
    name: 'GigPilot',
    version: opts.appVersion,
    platform: opts.platform,
    dataDir: opts.dataDir,
    logsDir: logsDirOf(opts.dataDir),
    runtime: opts.runtime
  }

  // ---- adapters shared by domains ----
  const upworkSettings = () => opts.settings.get().upwork
  const accountStore = new JsonFileAccountSummaryStore(accountFileOf(opts.dataDir))
  const upworkStack = createUpworkClientStack({
    secrets: secrets.store,
    settings: upworkSettings,
    env: opts.env,
    usageStore: new ApiUsageRepository(db),
    accountStore,
    clock: opts.clock,
    logger: logger.child('upwork'),
    ...(opts.upworkFetch ? { fetch: opts.upworkFetch } : {})
  })

  const i18n = createMainI18n(opts.settings, opts.systemLanguages)
  const { t } = i18n

  // ---- domains ----
  const settings = createSettingsModule({ store: opts.settings, t })
  const notifications = createNotificationsModule({
    settings: () => opts.settings.get().notifications,
    notifier: opts.notifier,
    clock: opts.clock,
    t
  })
  const shell = createShellModule({ openExternal: opts.openExternal })
  const upwork = createUpworkModule({
    settingsStore: opts.settings,
    t,
    language: i18n.language,
    secrets: secrets.store,
    secretBackend: secrets.status.backend,
    env: opts.env,
    stack: { tokens: upworkStack.tokens, limiter: upworkStack.limiter, reads: upworkStack.reads },
    accountStore,
    clock: opts.clock,
    logger,
    openBrowser: opts.openBrowser,
    ...(opts.upworkFetch ? { fetch: opts.upworkFetch } : {})
  })
  const outbox = createOutboxModule({
    db,
    writes: upworkStack.writes,
    reads: upworkStack.reads,
    logger,
    clock: opts.clock,
    t,
    online: opts.online,
    canSubmitProposals: async () => (await upwork.connection.getAccount()).capabilities?.proposalSubmit.available === true
  })
  const app = createAppStatusModule({ info, settings: opts.settings, secretStorage: secrets.status, status: () => status() })

  // One view of the Upwork connection for the job poller and the message sync: one account read at start, not two.
  const upworkConnected = await connectionSwitch(upwork.connection)
  const createPoller = pollerFactory({
    reads: upworkStack.reads,
    clock: opts.clock,
    logger,
    t,
    automation: automationSwitch(opts.settings),
    connection: upworkConnected,
    power: opts.power,
    online: opts.online,
    usage: () => upworkStack.limiter.usage(),
    ...(opts.scheduler ? { scheduler: opts.scheduler } : {})
  })
  const discovery = createDiscoveryModule({ db, reads: upworkStack.reads, clock: opts.clock, logger, t, settings: () => opts.settings.get().notifications, watchSettings: (l) => opts.settings.onChange(l), notify: notifications.notify, createPoller, analysisOf: (id) => ai.analysis.cached(id) })
  const ai = createAiModule({ db, settings: () => opts.settings.get().ai, env: opts.env, secrets: secrets.store, clock: opts.clock, logger, t, jobs: discovery.jobs, profile: discovery.profile, onIngested: discovery.onIngested })
  const experiments = createExperimentsModule({ db, clock: opts.clock, logger, t, isStrategyId })
  const drafting = createDraftingModule({ db, clock: opts.clock, logger, sources: { job: (id) => discovery.jobs.get(id), profile: () => discovery.profile.get() }, ai: ai.provider, language: i18n.language, variants: experiments.assigner, replyPrompt: (d, p) => replies.promptFor(d, p) })
  const outcomes = createOutcomesModule({ db, reads: upworkStack.reads, clock: opts.clock, logger, t, scheduler: opts.scheduler ?? new NodeCronScheduler(), canSyncOnSchedule: async () => !opts.settings.get().automationPaused && (await upwork.connection.getAccount()).state === 'connected' })
  const messaging = createMessagingModule({ db, reads: upworkStack.reads, clock: opts.clock, logger, t, settings: () => opts.settings.get(), watchSettings: (l) => opts.settings.onChange(l), notify: notifications.notify, account: () => upwork.connection.getAccount(), usage: () => upworkStack.limiter.usage(), recordReply: (id, at) => outcomes.recordReply(id, at), job: (id) => discovery.jobs.get(id), scheduler: opts.scheduler ?? new NodeCronScheduler(), automation: automationSwitch(opts.settings), connection: upworkConnected, power: opts.power, online: opts.online })

  const review = createReviewModule({ db, clock: opts.clock, logger, t, drafting, jobs: discovery.jobs, profile: () => discovery.profile.get(), outbox, canSubmitProposals: async () => (await upwork.connection.getAccount()).capabilities?.proposalSubmit.available === true, recordSubmission: (s) => outcomes.recordSubmission(s), settings: () => opts.settings.get().review.autopilot, watchSettings: (l) => opts.settings.onChange((next, prev) => JSON.stringify(next.review) !== JSON.stringify(prev.review) && l()), automation: automationSwitch(opts.settings), scheduler: opts.scheduler ?? new NodeCronScheduler() })
  const replies: RepliesModule = createRepliesModule({ db, clock: opts.clock, logger, t, language: i18n.language, drafting, outbox, messaging, profile: () => discovery.profile.get(), proposals: outcomes, followUpDays: () => opts.settings.get().messaging.followUpDays, scheduler: opts.scheduler ?? new NodeCronScheduler(), notify: notifications.notify, silent: () => !opts.settings.get().notifications.sound, watchFollowUpDays: (l) => opts.settings.onChange((next, prev) => next.messaging.followUpDays !== prev.messaging.followUpDays && l()) })
  const analytics = createAnalyticsModule({ db, clock: opts.clock, logger: logger.child('analytics'), t, language: i18n.language, exportDir: () => opts.exportDir ?? join(opts.dataDir, 'exports'), ...(opts.revealFile ? { reveal: opts.revealFile } : {}), threshold: () => opts.settings.get().notifications.minScore, filterReason: localFilterReason, moreRecommendations: () => experiments.recommendations() })
  const prediction = createPredictionModule({ db, clock: opts.clock, logger, scheduler: opts.scheduler ?? new NodeCronScheduler(), jobs: discovery.jobs, drafts: drafting.drafts, templates: drafting.templates, onOutcomesChanged: (l) => outcomes.onChange(() => l()) })
  const modules = [app, settings, notifications, shell, upwork, outbox, discovery, ai, drafting, outcomes, review, analytics, experiments, messaging, replies, prediction, opts.workspace] as const
  const status = (): AppStatus => composeStatus(modules, secrets.status)
  const handlers: Handlers = mergeHandlers(modules)
  const unwire = modules.map((m) => m.wireEvents?.({ bus, statusChanged: () => bus.emit('app:status', status()) }) ?? (() => undefined))
  // Stateful texts are rendered when read, in the language in force: when it changes, send them again.
  unwire.push(
    i18n.onLanguageChange(() => {
      bus.emit('app:status', status())
      void upwork.connection
        .getAccount()
        .then((account) => bus.emit('upwork:account', account))
        .catch((e: unknown) => logger.warn('Could not re-send the account after a language change', { error: String(e) }))
    })
  )

  logger.info('Services ready', { runtime: opts.runtime, secrets: secrets.status.backend, domains: modules.map((m) => m.name) })
  return {
    bus,
    db,
    settings: opts.settings,
    upwork: upwork.connection,
    outbox,
    prediction,
    logger,
    info,
    dispatchOptions: { handlers, logger: logger.child('ipc'), redact: opts.redact, logsDir: info.logsDir, t },
    status,
    close: async () => {
      for (const off of unwire) off()
      for (const m of [...modules].reverse()) await m.dispose?.()
      await db.close()
    }
  }
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never
type HandlersOf<M> = M extends DomainModule<infer C> ? HandlersFor<C> : never

/**
 * One handler map from the domains' slices. The return type is the intersection of the slices,
 * so assigning it to `Handlers` fails to compile when a channel has no domain; at run time a
 * channel claimed by two domains fails the start.
 */
function mergeHandlers<const M extends readonly DomainModule<never>[]>(modules: M): UnionToIntersection<HandlersOf<M[number]>> {
  const out: Record<string, unknown> = {}
  for (const m of modules) {
    for (const [name, handler] of Object.entries(m.handlers as Record<string, unknown>)) {
      if (name in out) throw new Error(`Two domains handle ${name} (the second is ${m.name})`)
      out[name] = handler
    }
  }
  return out as UnionToIntersection<HandlersOf<M[number]>>
}
