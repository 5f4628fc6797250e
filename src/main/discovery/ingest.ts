import type { Translate } from '@shared/i18n'
import type { Database } from '../db/open-database'
import type { Clock } from '../ports/clock'
import type { AppNotification } from '../ports/notifier'
import type { JobSummary } from '../upwork/types'
import type { NotificationDecision } from '../notifications/notification-policy'
import { normalizeBatch } from './normalize'
import type { IngestResult, JobSink } from './ports'
import { compileProfile, scoreJob, type CompiledProfile } from './scoring'
import { upsertJobs } from './job-store'

export interface JobIngestDeps {
  db: Pick<Database, 'bulkWrite'>
  clock: Clock
  /** The profile compiled for scoring (cached by the module until the profile changes). */
  compiledProfile: () => Promise<CompiledProfile>
  /** settings.notifications: threshold, sound. */
  notificationSettings: () => { minScore: number; sound: boolean }
  /** The notifications module's notify(): on/off and quiet hours are decided there. */
  notify: (n: AppNotification) => NotificationDecision
  searchName: (searchId: number) => Promise<string | null>
  t: Translate
  /** After each ingest: new-job counts for discovery:jobsAdded, and a click to open a job/search. */
  onJobsAdded?: (e: { searchId: number; added: number; notified: number }) => void
  onOpen?: (target: { jobId?: number; searchId?: number }) => void
  onNotified?: (e: { searchId: number; jobIds: number[] }) => void
  /** After every ingest, the notification step done: what was stored (new jobs' ids included). */
  onIngested?: (e: { searchId: number | null; result: IngestResult }) => void
}

/**
 * The ingest (issue 7 item 4): a search's jobs → normalized (bad ones skipped with a count),
 * deduped by Upwork id (newest snapshot), scored on arrival with the profile compiled once per
 * batch, stored through the worker's bulk path ('refetchable'), the search hit and first-seen time
 * recorded; then one grouped notification for the jobs at or above the threshold never notified.
 */
export class JobIngest implements JobSink {
  constructor(private readonly deps: JobIngestDeps) {}

  async ingest(searchId: number | null, jobs: readonly JobSummary[]): Promise<IngestResult> {
    const now = this.deps.clock.now()
    const { rows, skipped, duplicates } = normalizeBatch(jobs, now)
    const profile = await this.deps.compiledProfile()
    // A search's jobs at or above the threshold that no notification named yet are marked as they are stored.
    const { minScore, sound } = this.deps.notificationSettings()
    // Asked first: a query waits for at most one bulk transaction, and after the last one the
    // worker may checkpoint (db-worker.ts), which a query then would wait for.
    const searchName = searchId === null ? null : this.deps.searchName(searchId).catch(() => null)
    const stored = await upsertJobs(this.deps.db, rows, (i) => scoreJob(rows[i]!, profile, now), { now, searchId, notifyMinScore: searchId === null ? null : minScore })
    const result: IngestResult = {
      stored: stored.stored,
      newUpworkIds: stored.newUpworkIds,
      newJobIds: stored.newJobIds,
      updated: stored.updated,
      duplicates,
      skipped,
      notified: 0
    }
    if (searchId !== null) result.notified = await this.notifyFor(searchId, stored.marked, sound, searchName!)
    this.deps.onJobsAdded?.({ searchId: searchId ?? 0, added: result.newJobIds.length, notified: result.notified })
    this.deps.onIngested?.({ searchId, result })
    return result
  }

  /**
   * One grouped notification for this search's jobs at or above the threshold that no
   * notification named yet (`jobs`: marked by the same writes that stored them, best first). A job
   * held back by quiet hours or notifications being off is marked too (it stays in the list and the
   * badge, and no burst follows when quiet time ends).
   */
  private async notifyFor(searchId: number, jobs: ReadonlyArray<{ id: number; title: string; score: number }>, sound: boolean, searchName: Promise<string | null>): Promise<number> {
    if (jobs.length === 0) return 0
    const { t } = this.deps
    const best = jobs[0]!
    const bestTitle = best.title || t('discovery.untitledJob')
    const single = jobs.length === 1
    const name = (await searchName) ?? ''
    const decision = this.deps.notify({
      title: single ? t('discovery.notify.one.title', { score: best.score }) : t('discovery.notify.many.title', { count: jobs.length, search: name }),
      body: single ? t('discovery.notify.one.body', { title: bestTitle }) : t('discovery.notify.many.body', { title: bestTitle, score: best.score }),
      silent: !sound,
      onClick: () => this.deps.onOpen?.(single ? { jobId: best.id, searchId } : { searchId, jobId: best.id })
    })
    this.deps.onNotified?.({ searchId, jobIds: jobs.map((j) => j.id) })
    return decision.show ? jobs.length : 0
  }
}

export { compileProfile }
