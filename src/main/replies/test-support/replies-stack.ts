import { translator, type Translate } from '@shared/i18n'
import type { Settings } from '@shared/settings'
import type { AiModule } from '../../ai/module'
import { createTestAiModule } from '../../ai/test-support/test-ai-module'
import { EventBus } from '../../core/event-bus'
import type { DomainModule } from '../../core/domain-module'
import { openDatabase, type Database } from '../../db/open-database'
import { MIGRATIONS_DIR } from '../../db/test-support/temp-files'
import { createDiscoveryModule, type DiscoveryModule } from '../../discovery/module'
import { createDraftingModule, type DraftingModule } from '../../drafting/module'
import type { Logger } from '../../logging/logger'
import { createOutboxModule, type OutboxModule } from '../../outbox/module'
import { createOutcomesModule, type OutcomesModule } from '../../outcomes/module'
import type { Clock } from '../../ports/clock'
import type { OnlineStatus } from '../../ports/power-monitor'
import { ManualScheduler } from '../../scheduler/manual-scheduler'
import type { SecretStore } from '../../secrets/secret-store'
import { createMemoryLogger } from '../../test-support/memory-logger'
import type { Harness } from '../../upwork/test-support/connection-harness'
import { createRepliesModule, type RepliesDeps, type RepliesModule } from '../module'

/**
 * The parts a replies test runs on, built as the root builds them: a SQLite file, discovery (the
 * profile, jobs), drafting (AI or templates only), the real outbox and outcomes on the fake Upwork's
 * connection harness, the thread source the test chooses, and the replies module, wired to one bus.
 */
export interface RepliesStackOptions {
  /** The database file (the same file again is a restart). */
  file: string
  /** The fake Upwork's connection: the outbox writes through it on its clock. */
  h: Harness
  /** Replies', drafting's, outcomes' and discovery's clock (default: the harness's). */
  clock?: Clock
  settings: Settings
  /** The user's profile, saved before the other modules start. */
  profile?: Parameters<DiscoveryModule['handlers']['profile:update']>[0]
  language?: 'en' | 'uk'
  /** The AI over `settings.ai`, its key in `secrets` (`key` saved there when none is stored yet); absent: no AI (templates). */
  ai?: { secrets: SecretStore; key?: string }
  online?: OnlineStatus
  /** The thread source: a stand-in, or the real messaging module over the stack's database (then also wired, idled and disposed). */
  messaging: (parts: { db: Database; outcomes: OutcomesModule; logger: Logger; t: Translate }) => RepliesDeps['messaging'] | (RepliesDeps['messaging'] & DomainModule<never>)
  /** More for the replies module (default: 3 follow-up days, a manual scheduler). */
  replies?: Partial<RepliesDeps>
  /** Called with the bus before anything is wired, to listen from the start. */
  listen?: (bus: EventBus) => void
}

export interface RepliesStack {
  db: Database
  discovery: DiscoveryModule
  ai: AiModule | null
  drafting: DraftingModule
  outbox: OutboxModule
  outcomes: OutcomesModule
  messaging: RepliesDeps['messaging']
  replies: RepliesModule
  bus: EventBus
  /** Unwires and disposes everything, the database last; a second call does nothing. */
  close(): Promise<void>
}

const isModule = (m: unknown): m is DomainModule<never> => typeof (m as { wireEvents?: unknown }).wireEvents === 'function'

export async function startRepliesStack(o: RepliesStackOptions): Promise<RepliesStack> {
  const language = o.language ?? 'en'
  const clock = o.clock ?? o.h.clock
  const t = translator(language)
  const logger = createMemoryLogger()
  const db = await openDatabase({ file: o.file, migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
  const settings = o.settings
  const discovery = createDiscoveryModule({ db, reads: {} as never, clock, logger, t, settings: () => settings.notifications, notify: () => ({ shown: false, reason: 'off' }) as never, pruneEveryMs: 0 })
  if (o.profile) await discovery.handlers['profile:update'](o.profile)
  const ai = o.ai ? createTestAiModule({ db, settings: () => settings.ai, secrets: o.ai.secrets, clock, t, discovery }) : null
  let replies: RepliesModule | null = null
  const drafting = createDraftingModule({
    db,
    clock,
    logger,
    sources: { job: (id) => discovery.jobs.get(id), profile: () => discovery.profile.get() },
    ai: ai?.provider ?? null,
    language: () => language,
    replyPrompt: (d, p) => replies!.promptFor(d, p)
  })
  await drafting.ready
  const outbox = createOutboxModule({ db, writes: o.h.connection.stack.writes, reads: o.h.connection.operations, logger, clock: o.h.clock, t, ...(o.online ? { online: o.online } : {}), canSubmitProposals: async () => false })
  const outcomes = createOutcomesModule({ db, reads: o.h.connection.operations, clock, logger, t })
  const messaging = o.messaging({ db, outcomes, logger, t })
  replies = createRepliesModule({
    db,
    clock,
    logger,
    t,
    language: () => language,
    drafting,
    outbox,
    messaging,
    profile: () => discovery.profile.get(),
    proposals: outcomes,
    followUpDays: () => 3,
    scheduler: new ManualScheduler(),
    ...o.replies
  })
  const bus = new EventBus(() => undefined)
  o.listen?.(bus)
  const wired: DomainModule<never>[] = [drafting, outbox, ...(isModule(messaging) ? [messaging] : []), replies] as DomainModule<never>[]
  const unwire = wired.map((m) => m.wireEvents!({ bus, statusChanged: () => undefined }))
  if (ai && o.ai?.key && !(await ai.handlers['ai:status'](undefined)).keyStored) await ai.handlers['ai:saveKey']({ apiKey: o.ai.key })
  await outbox.idle()
  await replies.ready
  let closed = false
  return {
    db,
    discovery,
    ai,
    drafting,
    outbox,
    outcomes,
    messaging,
    replies,
    bus,
    close: async () => {
      if (closed) return
      closed = true
      for (const u of unwire) u()
      for (const m of [...wired].reverse()) await m.dispose?.()
      await outcomes.dispose?.()
      await discovery.dispose?.()
      await db.close()
    }
  }
}
