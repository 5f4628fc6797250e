import { renderText, text, type Translate, type UserText } from '@shared/i18n'
import {
  idempotencyKeySchema,
  messagePayloadSchema,
  proposalPayloadSchema,
  SENDABLE_STATES,
  type MessagePayload,
  type OutboxItemDto,
  type OutboxKind,
  type OutboxState,
  type ProposalPayload
} from '@shared/outbox'
import { z } from 'zod'
import { AppError, isUserFacingError } from '../core/app-error'
import type { DomainModule } from '../core/domain-module'
import type { Database } from '../db/open-database'
import type { Logger } from '../logging/logger'
import type { Clock } from '../ports/clock'
import { alwaysOnline, type OnlineStatus } from '../ports/power-monitor'
import { isUpworkError } from '../upwork/errors'
import type { OperationContext } from '../upwork/operations/common'
import { createJobProposal, sendRoomMessage, type WriteContext } from '../upwork/operations/writes'
import { OutboxStore, type OutboxEventRow, type OutboxRow } from './outbox-store'
import { findPostedMessage, findSubmittedProposal } from './read-back'

/**
 * The outbox: the only place that can send anything to Upwork (eslint.config.js refuses an import
 * of `upwork/operations/writes` anywhere else, and only this module is given the write-capable
 * client). Every send is an item created by one user click, persisted (OutboxItem + its history
 * in OutboxEvent), and sent at most once:
 * - `queued → sending` is on disk (synchronous=FULL) before the request leaves, as a
 *   compare-and-set, so two sends of one item make one request;
 * - an unclear outcome (the request left, no answer) is `unknown` and is settled by reading
 *   Upwork back (read-back.ts), never by sending again; an item left `sending` by a crash becomes
 *   `unknown` at the next start;
 * - offline, items stay `queued` and are sent when the machine is back online (only items the
 *   user already clicked: nothing here creates one);
 * - a proposal is submitted only when the key can (capabilities.proposalSubmit); otherwise it is
 *   refused in plain words ("submit it on upwork.com") and the review queue offers that path.
 * README.md beside this file has the API the review queue and messaging call.
 */
export interface OutboxDeps {
  db: Pick<Database, 'client' | 'bulkWrite'>
  writes: WriteContext
  /** For reading back an unknown outcome (proposals, room stories). */
  reads: OperationContext
  logger: Logger
  clock: Clock
  /** Renders error texts in the language in force. */
  t: Translate
  /** Default: always online (Node). */
  online?: OnlineStatus
  /** Whether this key can submit proposals through the API (capabilities.proposalSubmit, found at connect). */
  canSubmitProposals: () => Promise<boolean>
}

export interface EnqueueProposal {
  /** The approved draft (null when there is none). */
  draftId: number | null
  /** One per user click (e.g. a UUID made when the Approve button was pressed). */
  idempotencyKey: string
  payload: ProposalPayload
}

export interface EnqueueMessage {
  draftId?: number | null
  idempotencyKey: string
  payload: MessagePayload
}

export type OutboxChannels = 'outbox:list' | 'outbox:get' | 'outbox:retry' | 'outbox:cancel'

export interface OutboxModule extends DomainModule<OutboxChannels> {
  /**
   * The user approved a proposal: creates its item (or returns the one this key already made) and,
   * when online, submits it and resolves with the outcome (sent / failed / unknown / reconciled).
   * Offline it resolves `queued`. Throws `submit_unavailable` (nothing created) when the key cannot
   * submit proposals, and `invalid_input` for a payload that cannot be sent.
   */
  enqueueProposal(input: EnqueueProposal): Promise<OutboxItemDto>
  /** The user clicked Send on a message: the same, for a room message. */
  enqueueMessage(input: EnqueueMessage): Promise<OutboxItemDto>
  /** Sends a `failed` item again (a user click); offline it becomes `queued`. */
  retry(id: number): Promise<OutboxItemDto>
  /** Cancels a `queued` item (it becomes `failed`, code "cancelled"). */
  cancel(id: number): Promise<OutboxItemDto>
  /** Reads Upwork back for an `unknown` item (never sends). Other states are returned as they are. */
  reconcile(id: number): Promise<OutboxItemDto>
  get(id: number): Promise<OutboxItemDto>
  list(): Promise<OutboxItemDto[]>
  /** Called with every item that was created or changed. Returns the unsubscribe. */
  onChange(listener: (item: OutboxItemDto) => void): () => void
  /** Start-up work (wireEvents calls it): interrupted sends → unknown, read back unknowns, send queued when online. */
  start(): Promise<void>
  /** Resolves when no send, read-back or flush is in progress (tests, shutdown). */
  idle(): Promise<void>
}

const enqueueProposalSchema = z
  .object({ draftId: z.number().int().positive().nullable(), idempotencyKey: idempotencyKeySchema, payload: proposalPayloadSchema })
  .strict()
const enqueueMessageSchema = z
  .object({ draftId: z.number().int().positive().nullable().optional(), idempotencyKey: idempotencyKeySchema, payload: messagePayloadSchema })
  .strict()

const INTERRUPTED = { code: 'interrupted', text: text('outbox.err.interrupted') }
const NOT_ARRIVED = { code: 'not_arrived', text: text('outbox.err.notArrived') }
const CANCELLED = { code: 'cancelled', text: text('outbox.err.cancelled') }
const SUBMIT_UNAVAILABLE = { code: 'submit_unavailable', text: text('outbox.err.submitUnavailable') }
const UNREADABLE = { code: 'invalid_input', text: text('outbox.err.invalidPayload') }

/** Why an item in this state cannot be sent by a click now. */
function refusal(state: OutboxState): AppError {
  switch (state) {
    case 'sending':
      return new AppError('outbox_busy', 'outbox.err.sending')
    case 'unknown':
      return new AppError('already_sent', 'outbox.err.outcomeUnknown')
    case 'queued':
      return new AppError('outbox_queued', 'outbox.err.alreadyQueued')
    default:
      return new AppError('already_sent', 'outbox.err.alreadySent')
  }
}

export function createOutboxModule(deps: OutboxDeps): OutboxModule {
  const log = deps.logger.child('outbox')
  const store = new OutboxStore(deps.db)
  const online = deps.online ?? alwaysOnline
  const listeners = new Set<(item: OutboxItemDto) => void>()
  /** Sends and read-backs in progress in this process, by item id. */
  const inFlight = new Map<number, Promise<unknown>>()
  /** The online flush / start-up work, one at a time. */
  let background: Promise<void> = Promise.resolve()
  let disposed = false
  const now = () => deps.clock.now()
  /** Items waiting (queued) or being settled (unknown), for the status bar; refreshed after every change. */
  let pending = { queued: 0, unknown: 0 }
  let statusChanged: (() => void) | null = null
  const refreshPending = async (): Promise<void> => {
    const next = await store.countByState(['queued', 'unknown'])
    const counts = { queued: next.get('queued') ?? 0, unknown: next.get('unknown') ?? 0 }
    if (counts.queued === pending.queued && counts.unknown === pending.unknown) return
    pending = counts
    statusChanged?.()
  }

  /** The stored payload, checked against its kind's schema (null: unreadable, never sent as it is). */
  const payloadOf = (row: OutboxRow): { kind: 'proposal'; payload: ProposalPayload } | { kind: 'message'; payload: MessagePayload } | null => {
    let json: unknown
    try {
      json = JSON.parse(row.payload)
    } catch {
      return null
    }
    if (row.kind === 'proposal') {
      const p = proposalPayloadSchema.safeParse(json)
      return p.success ? { kind: 'proposal', payload: p.data } : null
    }
    const m = messagePayloadSchema.safeParse(json)
    return m.success ? { kind: 'message', payload: m.data } : null
  }

  const toDto = (row: OutboxRow, history: OutboxEventRow[]): OutboxItemDto | null => {
    const payload = payloadOf(row)
    if (!payload) {
      log.error('An outbox item has a payload this version cannot read; it is left out of the list', { itemId: row.id, kind: row.kind })
      return null
    }
    const base = {
      id: row.id,
      state: row.state,
      idempotencyKey: row.idempotencyKey,
      draftId: row.draftId,
      attempts: row.attempts,
      lastError: row.lastErrorCode
        ? { code: row.lastErrorCode, message: row.lastErrorText ? renderText(deps.t, row.lastErrorText) : row.lastErrorCode }
        : null,
      remoteId: row.remoteId,
      createdAt: new Date(row.createdAt).toISOString(),
      updatedAt: new Date(row.updatedAt).toISOString(),
      sentAt: row.sentAt === null ? null : new Date(row.sentAt).toISOString(),
      history: history.map((e) => ({ from: e.from, to: e.to, at: new Date(e.at).toISOString(), detail: e.detail }))
    }
    return payload.kind === 'proposal' ? { ...base, ...payload } : { ...base, ...payload }
  }

  const load = async (id: number): Promise<OutboxItemDto> => {
    const row = await store.get(id)
    const dto = row ? toDto(row, (await store.events([id])).get(id) ?? []) : null
    if (!dto) throw new AppError('not_found', 'outbox.err.notFound')
    return dto
  }

  const changed = async (id: number): Promise<OutboxItemDto> => {
    const dto = await load(id)
    await refreshPending().catch((e: unknown) => log.warn('Could not count the outbox', { error: String(e) }))
    for (const l of [...listeners]) {
      try {
        l(dto)
      } catch (e) {
        log.error('An outbox listener failed', { error: String(e) })
      }
    }
    return dto
  }

  /** One operation per item at a time in this process (the database's compare-and-set covers the rest). */
  const exclusive = async <T>(id: number, work: () => Promise<T>): Promise<T> => {
    if (inFlight.has(id)) throw new AppError('outbox_busy', 'outbox.err.sending')
    const p = work()
    inFlight.set(id, p)
    try {
      return await p
    } finally {
      inFlight.delete(id)
    }
  }

  const errorOf = (e: unknown): { code: string; text: UserText } =>
    isUserFacingError(e) ? { code: e.code, text: e.text ?? text('error.plain', { message: e.message }) } : { code: 'internal', text: text('outbox.err.internal') }

  /** The one request for an item, from `queued`/`failed`; the state is on disk before it leaves. */
  const sendNow = async (row: OutboxRow): Promise<void> => {
    const payload = payloadOf(row)
    if (!payload) {
      // A row this version cannot read (never sent as it is): known not sent.
      await store.transition(row.id, SENDABLE_STATES, 'failed', { error: UNREADABLE }, 'payload unreadable', now())
      return
    }
    if (payload.kind === 'proposal' && !(await deps.canSubmitProposals())) {
      // Never left this computer: known not sent.
      await store.transition(row.id, SENDABLE_STATES, 'failed', { error: SUBMIT_UNAVAILABLE }, 'submit unavailable', now())
      return
    }
    const started = await store.transition(row.id, SENDABLE_STATES, 'sending', { attempt: true, error: null }, 'send', now())
    if (!started) throw refusal((await store.get(row.id))?.state ?? 'sent')
    await changed(row.id)
    let outcome: { to: 'sent'; remoteId: string } | { to: 'failed' | 'unknown'; error: { code: string; text: UserText } }
    try {
      if (payload.kind === 'proposal') {
        const p = payload.payload
        const submitted = await createJobProposal(deps.writes, {
          jobId: p.jobId,
          coverLetter: p.coverLetter,
          chargedAmount: p.chargedAmount,
          estimatedDurationId: p.estimatedDurationId ?? null,
          questions: p.questions
        })
        outcome = { to: 'sent', remoteId: submitted.proposalId }
      } else {
        const m = payload.payload
        outcome = { to: 'sent', remoteId: (await sendRoomMessage(deps.writes, m.roomId, m.text)).id }
      }
    } catch (e) {
      // Only an error that says so is "not sent"; anything else (a bug included) may have reached Upwork.
      const known = isUpworkError(e) && !e.outcomeUnknown
      if (!isUserFacingError(e)) log.error('Outbox send crashed', { itemId: row.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) })
      outcome = { to: known ? 'failed' : 'unknown', error: errorOf(e) }
    }
    if (outcome.to === 'sent') {
      await store.transition(row.id, ['sending'], 'sent', { remoteId: outcome.remoteId, sentAt: now() }, 'answered', now())
      log.info('Sent', { itemId: row.id, kind: row.kind })
    } else {
      await store.transition(row.id, ['sending'], outcome.to, { error: outcome.error }, outcome.to === 'unknown' ? 'no clear answer' : 'refused', now())
      log.warn('Not sent', { itemId: row.id, kind: row.kind, code: outcome.error.code, state: outcome.to })
      if (outcome.to === 'unknown') {
        await changed(row.id)
        await readBack(row.id)
      }
    }
  }

  /** Reads Upwork back for an `unknown` item: found → reconciled, not there → failed. A failed read leaves it unknown. */
  const readBack = async (id: number): Promise<void> => {
    const row = await store.get(id)
    if (!row || row.state !== 'unknown') return
    // Unreadable (only a row from another version could be): nothing to match it by; it stays unknown.
    const payload = payloadOf(row)
    if (!payload) return
    const claimed = await store.claimedRemoteIds(row.kind)
    let found: string | null
    try {
      if (payload.kind === 'proposal') {
        found = await findSubmittedProposal(deps.reads, payload.payload, claimed)
      } else {
        const events = (await store.events([id])).get(id) ?? []
        const sentAt = [...events].reverse().find((e) => e.to === 'sending')?.at ?? row.updatedAt
        found = await findPostedMessage(deps.reads, payload.payload, sentAt, claimed)
      }
    } catch (e) {
      log.warn('Read-back failed; the item stays unknown', { itemId: id, error: isUserFacingError(e) ? e.code : String(e) })
      return
    }
    if (found) {
      await store.transition(id, ['unknown'], 'reconciled', { remoteId: found, sentAt: now(), error: null }, 'read back: found', now())
      log.info('Read back: it arrived', { itemId: id })
    } else {
      await store.transition(id, ['unknown'], 'failed', { error: NOT_ARRIVED }, 'read back: not found', now())
      log.info('Read back: it did not arrive', { itemId: id })
    }
  }

  /** A user click on an item: send it now, or keep it queued while offline. */
  const clickSend = (id: number, from: readonly OutboxState[]): Promise<OutboxItemDto> =>
    exclusive(id, async () => {
      const row = await store.get(id)
      if (!row) throw new AppError('not_found', 'outbox.err.notFound')
      if (!from.includes(row.state)) throw refusal(row.state)
      if (!online.isOnline()) {
        if (row.state !== 'queued' && !(await store.transition(id, from, 'queued', { error: null }, 'queued offline', now()))) throw refusal('sending')
        return changed(id)
      }
      await sendNow(row)
      return changed(id)
    })

  const enqueue = async (kind: OutboxKind, payload: unknown, idempotencyKey: string, draftId: number | null): Promise<OutboxItemDto> => {
    const { row, created } = await store.create({ kind, payload: JSON.stringify(payload), idempotencyKey, draftId }, now())
    if (!created) {
      log.info('Same click again: the existing item', { itemId: row.id, state: row.state })
      return load(row.id)
    }
    await changed(row.id)
    if (!online.isOnline()) return load(row.id)
    return clickSend(row.id, ['queued']).catch(async (e: unknown) => {
      // A flush that came online at the same moment took it: that one sends it; wait for its outcome.
      if (!(e instanceof AppError && e.code === 'outbox_busy')) throw e
      await Promise.allSettled([inFlight.get(row.id)])
      return load(row.id)
    })
  }

  const invalid = (error: z.ZodError): AppError => {
    log.warn('Outbox input refused', { issues: error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).join('; ') })
    return new AppError('invalid_input', 'outbox.err.invalidPayload')
  }

  /** Back online (or at start): send what the user already clicked, oldest first; read back unknowns. */
  const flushNow = async (): Promise<void> => {
    if (disposed || !online.isOnline()) return
    for (const row of await store.list(['unknown'])) {
      if (disposed) return
      if (inFlight.has(row.id)) continue
      await exclusive(row.id, () => readBack(row.id))
        .then(() => changed(row.id))
        .catch((e: unknown) => log.warn('Read-back at flush failed', { itemId: row.id, error: String(e) }))
    }
    for (const row of await store.list(['queued'])) {
      if (disposed || !online.isOnline()) return
      if (inFlight.has(row.id)) continue
      await clickSend(row.id, ['queued']).catch((e: unknown) => log.warn('Queued send at flush refused', { itemId: row.id, error: String(e) }))
    }
  }
  /** One flush at a time, in order (idle() waits for the chain). */
  const later = (work: () => Promise<void>): Promise<void> => {
    const run = background.then(work, work)
    background = run.catch(() => undefined)
    return run
  }
  const flush = (): Promise<void> => later(flushNow)

  const start = (): Promise<void> =>
    later(async () => {
      const interrupted = await store.markInterrupted(INTERRUPTED, now())
      if (interrupted > 0) log.warn('Sends interrupted by the last stop are now unknown (read back before anything else)', { count: interrupted })
      await flushNow()
    })

  const module: OutboxModule = {
    name: 'outbox',
    handlers: {
      'outbox:list': () => module.list(),
      'outbox:get': ({ id }) => module.get(id),
      'outbox:retry': ({ id }) => module.retry(id),
      'outbox:cancel': ({ id }) => module.cancel(id)
    },
    enqueueProposal: async (input) => {
      const parsed = enqueueProposalSchema.safeParse(input)
      if (!parsed.success) throw invalid(parsed.error)
      if (!(await deps.canSubmitProposals())) throw new AppError(SUBMIT_UNAVAILABLE.code, SUBMIT_UNAVAILABLE.text)
      return enqueue('proposal', parsed.data.payload, parsed.data.idempotencyKey, parsed.data.draftId)
    },
    enqueueMessage: async (input) => {
      const parsed = enqueueMessageSchema.safeParse(input)
      if (!parsed.success) throw invalid(parsed.error)
      return enqueue('message', parsed.data.payload, parsed.data.idempotencyKey, parsed.data.draftId ?? null)
    },
    retry: (id) => clickSend(id, ['failed']),
    cancel: (id) =>
      exclusive(id, async () => {
        const row = await store.get(id)
        if (!row) throw new AppError('not_found', 'outbox.err.notFound')
        if (row.state !== 'queued' || !(await store.transition(id, ['queued'], 'failed', { error: CANCELLED }, 'cancelled', now()))) {
          throw new AppError('outbox_not_queued', 'outbox.err.cancelOnlyQueued')
        }
        return changed(id)
      }),
    reconcile: (id) =>
      exclusive(id, async () => {
        await readBack(id)
        return changed(id)
      }),
    get: load,
    list: async () => {
      const rows = await store.list()
      const events = await store.events(rows.map((r) => r.id))
      return rows.flatMap((r) => toDto(r, events.get(r.id) ?? []) ?? [])
    },
    onChange: (listener) => {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    start,
    idle: async () => {
      await background
      while (inFlight.size > 0) await Promise.allSettled([...inFlight.values()])
      await background
    },
    status: () => {
      const notices: string[] = []
      if (pending.queued > 0 && !online.isOnline()) notices.push(deps.t('outbox.notice.queuedOffline', { n: pending.queued }))
      if (pending.unknown > 0) notices.push(deps.t('outbox.notice.unknown', { n: pending.unknown }))
      return { notices }
    },
    wireEvents: ({ bus, statusChanged: changedStatus }) => {
      statusChanged = changedStatus
      const forward = (item: OutboxItemDto): void => bus.emit('outbox:changed', item)
      listeners.add(forward)
      const offOnline = online.onChange((isOnline) => {
        if (pending.queued > 0) changedStatus()
        if (isOnline) flush().catch((e: unknown) => log.warn('Sending the queued items failed', { error: String(e) }))
      })
      void start()
        .then(refreshPending)
        .catch((e: unknown) => log.error('Outbox start-up failed', { error: String(e) }))
      return () => {
        statusChanged = null
        listeners.delete(forward)
        offOnline()
      }
    },
    dispose: async () => {
      disposed = true
      await module.idle()
    }
  }
  return module
}
