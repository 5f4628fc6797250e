import type { DomainModule } from '../core/domain-module'
import { AppError, isUserFacingError } from '../core/app-error'
import type { OutboxState } from '../db/types'
import type { Logger } from '../logging/logger'
import { isUpworkError } from '../upwork/errors'
import { sendRoomMessage, type WriteContext } from '../upwork/operations/writes'
import type { RoomMessage } from '../upwork/types'

/**
 * The outbox: the only place that can send anything to Upwork (eslint.config.js refuses an
 * import of `upwork/operations/writes` anywhere else, and only this module is given the
 * write-capable client by the composition root). A send is an item the user approved with a
 * click; it is sent once, and an unclear outcome is never resent: it waits for a read-back.
 *
 * Today: the send entry point for client messages, not yet called by any screen (the messaging
 * issue wires it to a "Send" button and persists items in the OutboxItem table). Proposals
 * (`createJobProposal`) get their entry point here too.
 */
export interface OutboxDeps {
  writes: WriteContext
  logger: Logger
}

export interface OutboxMessage {
  /** The outbox item's id: one item is sent at most once. */
  itemId: string
  roomId: string
  text: string
}

export type OutboxResult =
  | { state: Extract<OutboxState, 'sent'>; message: RoomMessage }
  /** Upwork may or may not have it: read the room back before anything else. */
  | { state: Extract<OutboxState, 'unknown'>; error: { code: string; message: string } }
  /** Known not to have been sent (refused, or never left this computer). */
  | { state: Extract<OutboxState, 'failed'>; error: { code: string; message: string } }

export interface OutboxModule extends DomainModule {
  /** Sends an approved message once. Throws `already_sent` for an item that was sent or may have been. */
  sendMessage(item: OutboxMessage): Promise<OutboxResult>
  /** What happened to an item this session (null: never sent). */
  stateOf(itemId: string): OutboxState | null
}

export function createOutboxModule(deps: OutboxDeps): OutboxModule {
  const log = deps.logger.child('outbox')
  const states = new Map<string, OutboxState>()

  return {
    name: 'outbox',
    handlers: {},
    stateOf: (itemId) => states.get(itemId) ?? null,
    sendMessage: async (item) => {
      const previous = states.get(item.itemId)
      // 'failed' may be tried again (it is known not to have been sent); anything else is final or in flight.
      if (previous !== undefined && previous !== 'failed') {
        throw new AppError(
          'already_sent',
          previous === 'sent' ? 'outbox.err.alreadySent' : 'outbox.err.outcomeUnknown'
        )
      }
      states.set(item.itemId, 'sending')
      try {
        const message = await sendRoomMessage(deps.writes, item.roomId, item.text)
        states.set(item.itemId, 'sent')
        log.info('Message sent', { itemId: item.itemId })
        return { state: 'sent', message }
      } catch (e) {
        const unknown = isUpworkError(e) && e.outcomeUnknown
        const error = isUserFacingError(e)
          ? { code: e.code, message: e.message }
          : { code: 'internal', message: 'GigPilot could not send the message because of an error of its own. Details are in the log.' }
        states.set(item.itemId, unknown ? 'unknown' : 'failed')
        log.warn('Message not sent', { itemId: item.itemId, code: error.code, outcomeUnknown: unknown })
        if (!isUserFacingError(e)) log.error('Outbox send crashed', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) })
        return unknown ? { state: 'unknown', error } : { state: 'failed', error }
      }
    }
  }
}
