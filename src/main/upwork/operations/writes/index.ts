/**
 * Every operation that changes something on Upwork. Only `src/main/outbox/` may import this
 * folder (eslint.config.js, tested by src/main/outbox/send-guard.lint.test.ts): a send is an
 * outbox entry created by the user's click, never something a scheduler, poller or model reaches.
 * A future `createJobProposal` goes here too.
 */
import type { OperationDocument } from '../common'
import { SEND_ROOM_MESSAGE } from './send-room-message'

export { MAX_MESSAGE_CHARS, SEND_ROOM_MESSAGE, sendRoomMessage } from './send-room-message'
export { runWrite, type WriteContext } from './write-context'

export const WRITE_OPERATIONS: readonly OperationDocument[] = [SEND_ROOM_MESSAGE]
