/**
 * Every operation that changes something on Upwork. Only `src/main/outbox/` may import this
 * folder (eslint.config.js, tested by src/main/outbox/send-guard.lint.test.ts): a send is an
 * outbox entry created by the user's click, never something a scheduler, poller or model reaches.
 * `createJobProposal` is here too, used only when the key can submit (capabilities.proposalSubmit).
 */
import type { OperationDocument } from '../common'
import { CREATE_JOB_PROPOSAL } from './create-job-proposal'
import { SEND_ROOM_MESSAGE } from './send-room-message'

export {
  CREATE_JOB_PROPOSAL,
  createJobProposal,
  MAX_COVER_LETTER_CHARS,
  type JobProposalInput,
  type SubmittedProposal
} from './create-job-proposal'
export { MAX_MESSAGE_CHARS, SEND_ROOM_MESSAGE, sendRoomMessage } from './send-room-message'
export { runWrite, type WriteContext } from './write-context'

/** The writes in Upwork's reference schema (operations.schema.test.ts validates each against it). */
export const WRITE_OPERATIONS: readonly OperationDocument[] = [SEND_ROOM_MESSAGE]

/**
 * Writes the reference schema does not have (yet): shaped as documented in create-job-proposal.ts,
 * validated against tools/fake-upwork's opt-in extension (outbox/proposal-write.test.ts).
 */
export const UNPUBLISHED_WRITE_OPERATIONS: readonly OperationDocument[] = [CREATE_JOB_PROPOSAL]
