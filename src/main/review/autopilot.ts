/**
 * Autopilot (issue 8 item 6): on the user's schedule, drafts for the best new matches (top N a
 * local day, at least the minimum score, within the AI budget) are prepared through the drafting
 * module (AI when configured, else the default template) and queued (draft status `queued`). It
 * never approves: nothing here calls the outbox. A budget or rate-limit refusal stops the run and
 * is said plainly (never retried); the counts per day are rows (AutopilotRun), so a restart keeps
 * them. It does not run while automation is paused.
 */
import type { ProfileDto } from '@shared/discovery'
import { createDraftSchema, type DraftDto } from '@shared/drafting'
import { renderText, text, type MessageKey, type Translate, type UserText } from '@shared/i18n'
import type { AutopilotStatusDto, AutopilotStopReason } from '@shared/review'
import type { Settings } from '@shared/settings'
import { AppError, textOf } from '../core/app-error'
import type { AutomationSwitch } from '../discovery/polling'
import type { DraftingModule } from '../drafting/module'
import type { Logger } from '../logging/logger'
import type { Clock } from '../ports/clock'
import type { Scheduler } from '../scheduler/scheduler'
import type { ReviewStore, RunRow } from './review-store'

export type AutopilotSettings = Settings['review']['autopilot']

export interface AutopilotDeps {
  store: ReviewStore
  drafting: Pick<DraftingModule, 'handlers' | 'drafts' | 'generator'>
  profile: () => Promise<ProfileDto>
  /** Marks the job drafted (discovery's JobStore.setStatus). */
  markDrafted: (jobId: number) => Promise<void>
  settings: () => AutopilotSettings
  automation: AutomationSwitch
  scheduler: Scheduler
  clock: Clock
  logger: Logger
  t: Translate
  /** Minutes east of UTC for the local day and the daily time (default: the machine's). */
  utcOffsetMinutes?: () => number
  /** A draft was queued (review:changed). */
  queued: (draftId: number) => void
  /** The status changed (review:autopilotStatus). */
  statusChanged: () => void
  /** Heartbeat period (default one minute). */
  tickMs?: number
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** AI refusals that stop a run (said plainly, not retried). */
const STOPPING: Record<string, AutopilotStopReason> = { ai_budget_exceeded: 'budget', ai_hourly_limit: 'hourlyLimit' }

export class Autopilot {
  private running: Promise<void> | null = null
  private stopHeartbeat: (() => void) | null = null
  private readonly offset: () => number

  constructor(private readonly deps: AutopilotDeps) {
    this.offset = deps.utcOffsetMinutes ?? (() => -new Date(deps.clock.now()).getTimezoneOffset())
  }

  /** The local day (YYYY-MM-DD) of an instant. */
  dayOf(at: number): string {
    return new Date(at + this.offset() * 60_000).toISOString().slice(0, 10)
  }

  /**
   * When the schedule is due next, from the last run (null when off or paused). A run stopped by
   * the AI budget is not tried again that local day (the budget starts again tomorrow); one stopped
   * by the hourly request limit, not within the hour.
   */
  nextRunAt(last: Pick<RunRow, 'startedAt' | 'stopReason'> | null): number | null {
    const s = this.deps.settings()
    if (!s.enabled || this.deps.automation.isPaused()) return null
    const now = this.deps.clock.now()
    const offsetMs = this.offset() * 60_000
    const midnight = (at: number): number => Math.floor((at + offsetMs) / DAY) * DAY - offsetMs
    let earliest = now
    if (last?.stopReason === 'budget') earliest = Math.max(earliest, midnight(last.startedAt) + DAY)
    if (last?.stopReason === 'hourlyLimit') earliest = Math.max(earliest, last.startedAt + HOUR)
    if (s.schedule === 'interval') return last === null ? earliest : Math.max(earliest, last.startedAt + s.intervalHours * HOUR)
    const [h, m] = s.time.split(':').map(Number) as [number, number]
    const timeOfDay = (h * 60 + m) * 60_000
    let at = midnight(earliest) + timeOfDay
    if (last !== null && last.startedAt >= at) at += DAY
    return Math.max(at, earliest)
  }

  start(): void {
    this.stopHeartbeat ??= this.deps.scheduler.every(this.deps.tickMs ?? 60_000, () => void this.tick())
  }

  /** One heartbeat: runs when the schedule is due (resolves when that run has ended). */
  async tick(): Promise<void> {
    if (this.running) return
    const last = await this.deps.store.lastRun()
    const next = this.nextRunAt(last)
    if (next === null || next > this.deps.clock.now()) return
    await this.runNow()
  }

  isRunning(): boolean {
    return this.running !== null
  }

  /** Runs now (the schedule, or a user click); a run already going is joined, not doubled. */
  runNow(): Promise<void> {
    this.running ??= this.run()
      .catch((e: unknown) => this.deps.logger.error('autopilot: a run failed', { error: String(e) }))
      .finally(() => {
        this.running = null
        this.deps.statusChanged()
      })
    return this.running
  }

  async status(): Promise<AutopilotStatusDto> {
    const s = this.deps.settings()
    const last = await this.deps.store.lastRun()
    return {
      enabled: s.enabled,
      paused: this.deps.automation.isPaused(),
      running: this.running !== null,
      preparedToday: await this.deps.store.preparedOn(this.dayOf(this.deps.clock.now())),
      topN: s.topN,
      lastRun: last && {
        startedAt: last.startedAt,
        finishedAt: last.finishedAt,
        prepared: last.prepared,
        stopReason: last.stopReason,
        message: last.stopText ? renderText(this.deps.t, last.stopText) : null
      },
      nextRunAt: this.nextRunAt(last)
    }
  }

  dispose(): Promise<void> {
    this.stopHeartbeat?.()
    this.stopHeartbeat = null
    return this.running ?? Promise.resolve()
  }

  private async run(): Promise<void> {
    const s = this.deps.settings()
    const { store, clock } = this.deps
    const now = clock.now()
    const day = this.dayOf(now)
    const runId = await store.startRun(day, now)
    this.deps.statusChanged()
    const finish = (reason: AutopilotStopReason, why: UserText | null = null): Promise<void> =>
      store.finishRun(runId, clock.now(), reason, why ?? text(`review.autopilot.stop.${reason}` as MessageKey))
    try {
      await this.prepare(s, day, runId, finish)
    } catch (e) {
      // Anything unexpected (a job gone, the database): the run ends and says so; the log has why.
      this.deps.logger.error('autopilot: a run failed', { error: String(e) })
      await finish('error')
    }
  }

  private async prepare(s: AutopilotSettings, day: string, runId: number, finish: (reason: AutopilotStopReason, why?: UserText | null) => Promise<void>): Promise<void> {
    const { store, clock } = this.deps
    if (this.deps.automation.isPaused()) return finish('paused')
    const remaining = s.topN - (await store.preparedOn(day))
    if (remaining <= 0) return finish('dailyLimit')
    const candidates = await store.candidates(s.minScore, remaining)
    if (candidates.length === 0) return finish('noCandidates')
    const profile = await this.deps.profile()
    let useAi = true
    for (const jobId of candidates) {
      if (this.deps.automation.isPaused()) return finish('paused')
      const draft = await this.deps.drafting.handlers['drafts:create'](createDraftSchema.parse({ jobId, author: 'autopilot' }))
      if (useAi) {
        try {
          await this.deps.drafting.generator.start(draft, profile, { strategy: draft.strategy, templateId: draft.templateId, author: 'autopilot' })
        } catch (e) {
          const code = e instanceof AppError ? e.code : ''
          if (code === 'ai_not_configured') {
            useAi = false
          } else {
            if (!draft.text) await store.removeEmptyDraft(draft.id)
            if (STOPPING[code]) return finish(STOPPING[code], (e as AppError).text)
            this.deps.logger.warn('autopilot: AI drafting could not start', { draftId: draft.id, error: String(e) })
            return finish('aiFailed', e instanceof AppError ? textOf(e) : null)
          }
        }
        if (useAi) {
          await this.deps.drafting.generator.idle(draft.id)
          const done = await this.deps.drafting.drafts.get(draft.id)
          if (!done || done.generation !== 'done') {
            // The text so far stays with the draft (Drafts), but it is not queued as ready.
            return finish('aiFailed', done?.generationError ? text('review.autopilot.stop.aiFailedCode', { code: done.generationError }) : null)
          }
        }
      }
      if (!useAi && !draft.text) await this.fillFromDefaultTemplate(draft)
      if (await store.moveStatus(draft.id, ['draft'], 'queued', clock.now())) {
        await store.countPrepared(runId)
        await this.deps.markDrafted(jobId)
        this.deps.queued(draft.id)
      }
    }
    return finish(candidates.length < remaining ? 'noCandidates' : 'done')
  }

  /** No AI and no template chosen: the built-in default template, in the language in force. */
  private async fillFromDefaultTemplate(draft: DraftDto): Promise<void> {
    const body = this.deps.t('review.autopilot.defaultTemplate')
    const rendered = await this.deps.drafting.handlers['templates:preview']({ body, jobId: draft.jobId })
    await this.deps.drafting.drafts.saveVersion(draft.id, rendered.text, 'TEMPLATE', 'autopilot')
  }
}
