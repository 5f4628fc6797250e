/**
 * Follow-up reminders (issue 9 item 5). A silence is the client not answering:
 * - in a thread whose newest message is the user's: it began at that message;
 * - after a proposal the client viewed and did not answer (no conversation): it began at the submission.
 * When it has lasted `messaging.followUpDays` days, ONE reminder is raised for it: the row is
 * unique on (subject, silenceSince), so a restart, a second check or a dismissal never raises
 * another for the same silence. A client message ends it (`ended`); the user writing again starts
 * a new silence (the old reminder ends, a new one comes after N more days). Silences that began
 * more than FOLLOW_UP_MAX_AGE_DAYS ago (or twice the setting, if longer: old history, a backfill)
 * are not reminded of; ones already due at GigPilot's first check are listed, not notified.
 * Reminders are never sent: at most a suggested draft (the module's `followUps:draft`).
 */
import type { Translate } from '@shared/i18n'
import { previewOf, type ThreadSummaryDto } from '@shared/messaging'
import type { ProposalDto } from '@shared/proposals'
import type { Logger } from '../logging/logger'
import type { OwnMessageDto, ThreadReader } from '../messaging/api'
import type { Clock } from '../ports/clock'
import { proposalSubject, roomSubject, type FollowUpRow, type NewFollowUp, type ReplyStore } from './reply-store'

export const DAY_MS = 86_400_000
/** Older silences are history, not something to chase. */
export const FOLLOW_UP_MAX_AGE_DAYS = 30
/** Threads read per check (newest activity first). */
export const FOLLOW_UP_THREADS = 1000
/**
 * A proposal is followed up only once the client has viewed it and said nothing, and only while it
 * is timely (submitted between N and 2N days ago): most proposals are
 * never answered, so a reminder for each unanswered one would be most of them (and Upwork lets a
 * freelancer write only once the client has). Still submitted: nothing to follow up yet.
 */
const FOLLOW_UP_STAGES = new Set(['viewed'])
const WAITING_STAGES = new Set(['submitted', 'viewed'])

export interface FollowUpCheckerDeps {
  store: ReplyStore
  threads: Pick<ThreadReader, 'list'>
  proposals: () => Promise<ProposalDto[]>
  days: () => number
  clock: Clock
  logger: Logger
  changed: (f: FollowUpRow) => void
  /** The reminders one check raised that came due while GigPilot watched (one notification for them all). */
  raised?: (rows: FollowUpRow[]) => void
}

/** The reminders one check wants, from the threads and proposals as they are (pure). */
export function silences(
  threads: readonly ThreadSummaryDto[],
  proposals: readonly ProposalDto[],
  opts: { now: number; days: number }
): { raise: NewFollowUp[]; over: string[] } {
  const due = opts.days * DAY_MS
  // At least twice the setting (it may be up to 60 days), so a long setting still gets its reminders.
  const oldest = opts.now - Math.max(FOLLOW_UP_MAX_AGE_DAYS, 2 * opts.days) * DAY_MS
  const raise: NewFollowUp[] = []
  const over: string[] = []
  const withThread = new Set<number>()
  for (const th of threads) {
    if (th.proposalId !== null) withThread.add(th.proposalId)
    const last = th.lastMessage
    if (!last || th.gone) continue
    if (!last.fromMe) {
      over.push(roomSubject(th.roomId))
      if (th.proposalId !== null) over.push(proposalSubject(th.proposalId))
      continue
    }
    if (opts.now - last.sentAt >= due && last.sentAt >= oldest) {
      raise.push({ kind: 'thread', subject: roomSubject(th.roomId), roomId: th.roomId, proposalId: th.proposalId, title: th.title, clientName: th.clientName, silenceSince: last.sentAt, days: opts.days })
    }
  }
  for (const p of proposals) {
    // A proposal with a conversation: the thread decides.
    if (withThread.has(p.id)) continue
    if (!p.stage || !WAITING_STAGES.has(p.stage)) {
      over.push(proposalSubject(p.id))
      continue
    }
    if (!FOLLOW_UP_STAGES.has(p.stage)) continue
    const since = p.submittedAt ? Date.parse(p.submittedAt) : NaN
    // Timely only: submitted between N and 2N days ago (a proposal left unanswered longer is history).
    if (Number.isFinite(since) && opts.now - since >= due && opts.now - since < 2 * due) {
      raise.push({ kind: 'proposal', subject: proposalSubject(p.id), roomId: null, proposalId: p.id, title: p.jobTitle ?? '', clientName: null, silenceSince: since, days: opts.days })
    }
  }
  return { raise, over }
}

/**
 * One notification for the reminders a check raised: one names the client (or the job) and the
 * days; several are counted. A click opens the newest one's thread (none for a proposal).
 */
export function followUpNotification(rows: readonly FollowUpRow[], t: Translate): { title: string; body: string; roomId: string | null } | null {
  const newest = [...rows].sort((a, b) => b.silenceSince - a.silenceSince)[0]
  if (!newest) return null
  if (rows.length === 1) {
    // A client's name or a job title (up to 1,000 characters from Upwork): one short line in the title.
    const who = previewOf(newest.clientName ?? newest.title, 40)
    return {
      title: who ? t('followUps.notify.one.title', { who }) : t('followUps.notify.one.titleNoName'),
      body: t('followUps.notify.one.body', { days: newest.days }),
      roomId: newest.roomId
    }
  }
  return { title: t('followUps.notify.many.title', { count: rows.length }), body: t('followUps.notify.many.body'), roomId: newest.roomId }
}

export class FollowUpChecker {
  private running: Promise<void> | null = null

  constructor(private readonly deps: FollowUpCheckerDeps) {}

  /** One check at a time; a check asked for while one runs shares it. */
  check(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = null
    })
    return this.running
  }

  private async run(): Promise<void> {
    await this.deps.store.watchingSince()
    const [threads, proposals] = await Promise.all([this.deps.threads.list({ filter: 'all', limit: FOLLOW_UP_THREADS }), this.deps.proposals()])
    const { raise, over } = silences(threads, proposals, { now: this.deps.clock.now(), days: this.deps.days() })
    await this.end(over, () => true)
    const raised: FollowUpRow[] = []
    for (const f of raise) {
      // A newer silence of the same subject replaces an older one's reminder.
      await this.end([f.subject], (row) => row.silenceSince < f.silenceSince)
      const row = await this.deps.store.raise(f)
      if (row) {
        this.deps.logger.info('A follow-up reminder is due', { kind: row.kind, id: row.id, days: row.days })
        this.deps.changed(row)
        raised.push(row)
      }
    }
    // Notified: reminders that came due while GigPilot watched. Ones already due at its first check
    // (the history a first sync brings in) are listed quietly, never a burst of notifications.
    const since = raised.length ? await this.deps.store.watchingSince() : 0
    const news = raised.filter((r) => r.silenceSince + r.days * DAY_MS >= since)
    if (news.length) this.deps.raised?.(news)
  }

  /** A client wrote in this room: its silence (and its proposal's) is over. */
  async silenceEnded(roomId: string, proposalIds: readonly number[]): Promise<void> {
    await this.end([roomSubject(roomId), ...proposalIds.map(proposalSubject)], () => true)
  }

  /** The user wrote (here or on upwork.com): reminders of the earlier silence in that room end; the new one starts now. */
  async userWrote(messages: readonly OwnMessageDto[]): Promise<void> {
    const latest = new Map<string, number>()
    for (const m of messages) latest.set(m.roomId, Math.max(latest.get(m.roomId) ?? 0, m.sentAt))
    for (const [roomId, at] of latest) await this.end([roomSubject(roomId)], (row) => row.silenceSince < at)
  }

  private async end(subjects: readonly string[], which: (row: FollowUpRow) => boolean): Promise<void> {
    for (const row of await this.deps.store.activeFollowUps(subjects)) {
      if (!which(row)) continue
      const ended = await this.deps.store.moveFollowUp(row.id, ['open', 'drafted'], 'ended')
      if (ended) this.deps.changed(ended)
    }
  }
}
