import type { Translate } from '@shared/i18n'
import type { Settings } from '@shared/settings'
import type { Logger } from '../../logging/logger'
import type { Clock } from '../../ports/clock'
import type { OnlineStatus, PowerMonitor } from '../../ports/power-monitor'
import type { Scheduler } from '../../scheduler/scheduler'
import { NodeCronScheduler } from '../../scheduler/node-cron-scheduler'
import type { OperationContext } from '../../upwork/operations/common'
import type { DiscoveryPoller, JobSink, SearchStore } from '../ports'
import { PollingService, type AutomationSwitch, type ConnectionSwitch } from './polling-service'
import { SearchPoller, type SearchPollerDeps } from './search-poller'

export { PollingService, type PauseReason, type PollingEvents, type PollingServiceDeps, type AutomationSwitch, type ConnectionSwitch } from './polling-service'
export { SearchPoller, DEFAULT_PAGE_CAP, type SearchRunState } from './search-poller'
export { applyLocalFilters, localFilterReason } from './local-filters'
export { buildSearchExpression, toUpworkSearch } from './search-input'

/** settings.automationPaused (the tray's and Settings' one switch) as the poller's AutomationSwitch. */
export function automationSwitch(settings: {
  get(): Pick<Settings, 'automationPaused'>
  onChange(listener: (next: Settings, previous: Settings) => void): () => void
}): AutomationSwitch {
  return {
    isPaused: () => settings.get().automationPaused,
    onChange: (listener) =>
      settings.onChange((next, previous) => {
        if (next.automationPaused !== previous.automationPaused) listener(next.automationPaused)
      })
  }
}

/**
 * The Upwork connection as the poller's ConnectionSwitch: connected only in state 'connected'
 * (not configured, disconnected, connecting or reconnect needed: a search could not run). Asks
 * the connection once (awaited, so the poller starts knowing), then follows `accountChanged`.
 */
export async function connectionSwitch(connection: {
  getAccount(): Promise<{ state: string }>
  events: { on(event: 'accountChanged', listener: (account: { state: string }) => void): () => void }
}): Promise<ConnectionSwitch & { dispose(): void }> {
  let connected = (await connection.getAccount()).state === 'connected'
  const listeners = new Set<(connected: boolean) => void>()
  const off = connection.events.on('accountChanged', (account) => {
    const next = account.state === 'connected'
    if (next === connected) return
    connected = next
    for (const l of listeners) l(next)
  })
  return {
    isConnected: () => connected,
    onChange: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    dispose: off
  }
}

export interface PollerFactoryDeps {
  reads: OperationContext
  clock: Clock
  logger: Logger
  t: Translate
  automation: AutomationSwitch
  /** Upwork signed in or not (connectionSwitch); absent: always connected. */
  connection?: ConnectionSwitch
  /** Electron's powerMonitor (src/main/electron/power-monitor.ts); Node: none. */
  power?: PowerMonitor
  /** Electron's net.isOnline(); Node: always online. */
  online?: OnlineStatus
  /** Default node-cron. */
  scheduler?: Scheduler
  usage?: SearchPollerDeps['usage']
  random?: () => number
}

/** What the discovery module's `createPoller` takes: given its sink and search store, the running poller. */
export function pollerFactory(deps: PollerFactoryDeps): (ports: { sink: JobSink; searches: SearchStore }) => DiscoveryPoller & { service: PollingService } {
  return ({ sink, searches }) => {
    const logger = deps.logger.child('polling')
    const poller = new SearchPoller({ reads: deps.reads, sink, store: searches, clock: deps.clock, logger, translate: deps.t, usage: deps.usage })
    const service = new PollingService({
      poller,
      store: searches,
      scheduler: deps.scheduler ?? new NodeCronScheduler(),
      clock: deps.clock,
      random: deps.random,
      automation: deps.automation,
      connection: deps.connection,
      power: deps.power,
      online: deps.online,
      logger
    })
    return {
      service,
      start: () => service.start(),
      runNow: (id) => service.runNow(id),
      dispose: () => service.dispose(),
      pausedReasons: () => service.pausedReasons(),
      onPausedChange: (listener) => service.events.on('pausedChanged', () => listener())
    }
  }
}
