import type { JobAnalysisDto } from '@shared/ai'
import type { Translate } from '@shared/i18n'
import type { Settings } from '@shared/settings'
import { AppError } from '../core/app-error'
import type { DomainModule } from '../core/domain-module'
import type { Database } from '../db/open-database'
import type { Logger } from '../logging/logger'
import type { NotificationDecision } from '../notifications/notification-policy'
import type { Clock } from '../ports/clock'
import type { AppNotification } from '../ports/notifier'
import type { OperationContext } from '../upwork/operations/common'
import { getTalentProfile } from '../upwork/operations/profile'
import { JobIngest } from './ingest'
import { JobStore } from './job-store'
import { ontologyHandlers } from './ontology'
import type { DiscoveryPoller, IngestResult, JobSink, SearchStore } from './ports'
import { ProfileStore, scoringProfile } from './profile-store'
import { compileProfile, fromStoredRow, scoreJob, type CompiledProfile } from './scoring-adapter'
import { SavedSearchStore } from './search-store'

export type DiscoveryChannel =
  | 'profile:get' | 'profile:update' | 'profile:importFromUpwork'
  | 'searches:list' | 'searches:create' | 'searches:update' | 'searches:delete' | 'searches:pause'
  | 'jobs:list' | 'jobs:search' | 'jobs:get' | 'jobs:setStatus' | 'jobs:rescoreAll' | 'jobs:badgeCount'
  | 'ontology:categories' | 'ontology:skills'

export interface DiscoveryDeps {
  db: Pick<Database, 'client' | 'bulkWrite'>
  /** The read-only Upwork client (upworkStack.reads): the talent profile for the import. */
  reads: OperationContext
  clock: Clock
  logger: Logger
  t: Translate
  settings: () => Settings['notifications']
  /** Settings changes (the settings store's onChange): the badge follows the threshold. Returns the unsubscribe. */
  watchSettings?: (listener: (next: Settings, previous: Settings) => void) => () => void
  /** The notifications module's notify() (quiet hours, on/off). */
  notify: (n: AppNotification) => NotificationDecision
  /** The poller (discovery/polling/), given the sink and the store; optional until it is wired. */
  createPoller?: (ports: { sink: JobSink; searches: SearchStore }) => DiscoveryPoller
  /** The AI domain's cached analysis of a job, joined into jobs:get (never calls the AI). */
  analysisOf?: (jobId: number) => Promise<JobAnalysisDto | null>
  /** How often the 24 h prune runs (default hourly); tests pass 0 to run it by hand. */
  pruneEveryMs?: number
  setInterval?: (fn: () => void, ms: number) => unknown
  clearInterval?: (handle: unknown) => void
}

export interface DiscoveryModule extends DomainModule<DiscoveryChannel> {
  ingest: JobIngest
  searches: SavedSearchStore
  jobs: JobStore
  profile: ProfileStore
  /** The tray badge count (new jobs at or above the notification threshold). Electron's tray shows it via discovery:badge. */
  badgeCount(): Promise<number>
  pruneExpired(): Promise<number>
  /**
   * After each ingest (the poller's pages, the demo's jobs), the notification step done: the search
   * and what was stored, the new jobs' ids included (e.g. the AI's top-K analysis of new jobs).
   * A listener's error is logged, never fails the ingest. Returns the unsubscribe.
   */
  onIngested(listener: IngestedListener): () => void
}

export type IngestedListener = (e: { searchId: number | null; result: IngestResult }) => void

const RESCORE_PAGE = 1000

/** Job discovery (issue 7, main side): profile, saved searches, ingest + score + notify, the jobs view's queries. */
export function createDiscoveryModule(deps: DiscoveryDeps): DiscoveryModule {
  const jobs = new JobStore(deps.db)
  const searches = new SavedSearchStore(deps.db, deps.clock)
  const profile = new ProfileStore(deps.db, deps.clock)
  const log = deps.logger.child('discovery')
  const ingestedListeners = new Set<IngestedListener>()
  let compiled: Promise<CompiledProfile> | null = null
  const compiledProfile = (): Promise<CompiledProfile> =>
    (compiled ??= profile.get().then((p) => compileProfile(scoringProfile(p), { weights: p.scoreWeights })))
  const emitters = {
    jobsAdded: (_e: { searchId: number; added: number; notified: number }): void => undefined,
    open: (_e: { jobId?: number; searchId?: number }): void => undefined,
    badge: (): void => undefined
  }
  const ingest = new JobIngest({
    db: deps.db,
    clock: deps.clock,
    compiledProfile,
    notificationSettings: () => deps.settings(),
    notify: deps.notify,
    searchName: (id) => searches.name(id),
    t: deps.t,
    onJobsAdded: (e) => {
      emitters.jobsAdded(e)
      if (e.added > 0) emitters.badge()
    },
    onOpen: (target) => emitters.open(target),
    onIngested: (e) => {
      for (const listener of ingestedListeners) {
        try {
          listener(e)
        } catch (error) {
          log.warn('ingest listener failed', { error: String(error) })
        }
      }
    }
  })
  const poller = deps.createPoller?.({ sink: ingest, searches })

  const notFound = (key: 'discovery.error.searchNotFound' | 'discovery.error.jobNotFound'): AppError =>
    new AppError(key === 'discovery.error.jobNotFound' ? 'JOB_NOT_FOUND' : 'SEARCH_NOT_FOUND', key)
  const offset = (cursor: string | null): number => (cursor === null ? 0 : Number(cursor))

  const rescoreAll = async (): Promise<number> => {
    compiled = null
    const p = await compiledProfile()
    const now = deps.clock.now()
    let after = 0
    let total = 0
    for (;;) {
      const rows = await jobs.contentPage(after, RESCORE_PAGE)
      if (rows.length === 0) break
      await jobs.writeScores(rows.map((r) => ({ id: Number(r.id), score: scoreJob(fromStoredRow(r), p, now) })), now)
      total += rows.length
      after = Number(rows[rows.length - 1]!.id)
    }
    emitters.badge()
    return total
  }

  const pruneExpired = async (): Promise<number> => {
    const n = await jobs.pruneExpired(deps.clock.now())
    if (n > 0) log.info('pruned expired job content (Upwork 24 h rule)', { jobs: n })
    return n
  }
  const pruneEvery = deps.pruneEveryMs ?? 60 * 60 * 1000
  const setI = deps.setInterval ?? ((fn, ms) => setInterval(fn, ms).unref())
  const clearI = deps.clearInterval ?? ((h) => clearInterval(h as ReturnType<typeof setInterval>))
  const pruneTimer = pruneEvery > 0 ? setI(() => void pruneExpired().catch((e: unknown) => log.warn('prune failed', { error: String(e) })), pruneEvery) : null

  return {
    name: 'discovery',
    ingest,
    searches,
    jobs,
    profile,
    badgeCount: () => jobs.badgeCount(deps.settings().minScore),
    pruneExpired,
    onIngested: (listener) => {
      ingestedListeners.add(listener)
      return () => void ingestedListeners.delete(listener)
    },
    handlers: {
      'profile:get': () => profile.get(),
      'profile:update': async (patch) => {
        const next = await profile.update(patch)
        compiled = null
        return next
      },
      'profile:importFromUpwork': async () => {
        let talent
        try {
          talent = await getTalentProfile(deps.reads)
        } catch (e) {
          if (e instanceof AppError) throw e
          throw new AppError('PROFILE_IMPORT_FAILED', { key: 'discovery.error.profileImportFailed', params: { detail: e instanceof Error ? e.message : String(e) } }, { cause: e })
        }
        const next = await profile.importFrom(talent)
        compiled = null
        return next
      },
      'searches:list': () => searches.list(),
      'searches:create': (input) => searches.create(input),
      'searches:update': async ({ id, patch }) => (await searches.update(id, patch)) ?? Promise.reject(notFound('discovery.error.searchNotFound')),
      'searches:delete': async ({ id }) => ({ deleted: await searches.delete(id) }),
      'searches:pause': async ({ id, paused }) => (await searches.update(id, { paused })) ?? Promise.reject(notFound('discovery.error.searchNotFound')),
      'jobs:list': (q) => jobs.list({ sort: q.sort, minScore: q.minScore, statuses: q.statuses, searchId: q.searchId, limit: q.limit, offset: offset(q.cursor) }),
      'jobs:search': (q) => jobs.search(q.text, q.limit, offset(q.cursor)),
      'jobs:get': async ({ id }) => {
        const job = await jobs.get(id)
        if (!job) throw notFound('discovery.error.jobNotFound')
        const analysis = deps.analysisOf
          ? await deps.analysisOf(id).catch((e: unknown) => {
              log.warn('job analysis could not be read', { error: String(e) })
              return null
            })
          : null
        return { ...job, analysis }
      },
      'jobs:setStatus': async ({ id, status }) => {
        if (!(await jobs.setStatus(id, status, deps.clock.now()))) throw notFound('discovery.error.jobNotFound')
        emitters.badge()
        return { id, status }
      },
      'jobs:rescoreAll': async () => ({ rescored: await rescoreAll() }),
      'jobs:badgeCount': async () => ({ count: await jobs.badgeCount(deps.settings().minScore) }),
      ...ontologyHandlers(deps)
    },
    wireEvents: ({ bus, statusChanged }) => {
      const offPaused = poller?.onPausedChange?.(statusChanged)
      emitters.jobsAdded = (e) => bus.emit('discovery:jobsAdded', e)
      emitters.open = (target) => {
        bus.emit('app:navigate', { area: 'jobs' })
        bus.emit('discovery:openJob', target)
      }
      emitters.badge = () => {
        void jobs.badgeCount(deps.settings().minScore).then(
          (count) => bus.emit('discovery:badge', { count }),
          (e: unknown) => log.warn('badge count failed', { error: String(e) })
        )
      }
      const offStatus = searches.onStatus((s) => bus.emit('discovery:searchStatus', s))
      emitters.badge() // the tray's first count
      const offSettings = deps.watchSettings?.((next, previous) => {
        if (next.notifications.minScore !== previous.notifications.minScore) emitters.badge()
      })
      poller?.start()
      return () => {
        offStatus()
        offPaused?.()
        offSettings?.()
        emitters.jobsAdded = () => undefined
        emitters.open = () => undefined
        emitters.badge = () => undefined
      }
    },
    status: () => ({ notices: [], pollingPaused: poller?.pausedReasons?.() ?? [] }),
    dispose: async () => {
      if (pruneTimer !== null) clearI(pruneTimer)
      await poller?.dispose()
    }
  }
}
