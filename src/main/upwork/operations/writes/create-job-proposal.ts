import { text } from '@shared/i18n'
import { z } from 'zod'
import { UpworkError } from '../../errors'
import { cleanShortText } from '../../sanitize'
import { defineOperation, rootField } from '../common'
import { runWrite, type WriteContext } from './write-context'

/**
 * Upwork's `createJobProposal`: submits one proposal to a job. A write that spends Connects, sent
 * only from an outbox item the user approved, and only when the key can submit
 * (capabilities.proposalSubmit: the mutation is in this key's schema, found at connect).
 *
 * ASSUMPTION (upwork-api.md §2.6): the January 2026 reference schema has no such mutation; several
 * 2026 third-party clients call
 *   mutation($input: CreateJobProposalInput!) { createJobProposal(input: $input) { newProposalId status error } }
 * with `jobReference` (the job's numeric id), `coverLetter`, `chargedAmount`, and optionally
 * `selectedContractor`, `teamOrgId`, `questions`, `estimatedDuration`, `milestones`, … Upwork
 * publishes no types for them: this document sends the reported field names, with the types of
 * tools/fake-upwork's extension (schema.ts `proposalSubmitTypeDefs`): `chargedAmount` a number,
 * `estimatedDuration` an engagement-duration id, `questions` `[{question, answer}]`. The contractor
 * and the organization are left to Upwork's defaults (the token's user, the tenant header). Check
 * the key's GraphQL Explorer before relying on it against the real API.
 */
export const CREATE_JOB_PROPOSAL = defineOperation(
  'mutation',
  'SubmitProposal',
  `mutation SubmitProposal($input: CreateJobProposalInput!) {
  createJobProposal(input: $input) { newProposalId status error }
}`
)

export const MAX_COVER_LETTER_CHARS = 50_000

export interface JobProposalInput {
  /** Upwork's numeric job id (as text). */
  jobId: string
  coverLetter: string
  /** The bid: hourly rate or fixed price, in the job's currency (USD on Upwork). */
  chargedAmount: number
  estimatedDurationId?: string | null
  questions?: Array<{ question: string; answer: string }>
}

export interface SubmittedProposal {
  proposalId: string
  /** Upwork's own status word for the submission, as it came. */
  status: string | null
}

const replySchema = z.object({
  newProposalId: z.string().min(1).nullish(),
  status: z.string().nullish(),
  error: z.string().nullish()
})

/**
 * Submits one proposal. Exactly one POST, never retried here. Errors:
 * - `invalid_input` before anything is sent;
 * - `graphql` when Upwork answers with its `error` field (refused: not submitted);
 * - `malformed` with `outcomeUnknown` when the reply cannot be read (it may have been submitted);
 * - the client's errors (network/server with `outcomeUnknown` when it may have arrived).
 */
export async function createJobProposal(ctx: WriteContext, input: JobProposalInput): Promise<SubmittedProposal> {
  if (!/^\d{1,30}$/.test(input.jobId)) throw new UpworkError('invalid_input', 'outbox.err.jobIdRequired')
  if (!input.coverLetter.trim()) throw new UpworkError('invalid_input', 'outbox.err.coverLetterEmpty')
  if (input.coverLetter.length > MAX_COVER_LETTER_CHARS) {
    throw new UpworkError('invalid_input', text('outbox.err.coverLetterTooLong', { max: MAX_COVER_LETTER_CHARS.toLocaleString('en-US') }))
  }
  if (!Number.isFinite(input.chargedAmount) || input.chargedAmount <= 0) throw new UpworkError('invalid_input', 'outbox.err.bidRequired')
  const res = await runWrite(ctx, CREATE_JOB_PROPOSAL, {
    input: {
      jobReference: input.jobId,
      coverLetter: input.coverLetter,
      chargedAmount: input.chargedAmount,
      ...(input.estimatedDurationId ? { estimatedDuration: input.estimatedDurationId } : {}),
      ...(input.questions?.length ? { questions: input.questions } : {})
    }
  })
  const reply = replySchema.safeParse(rootField(res, 'createJobProposal'))
  if (!reply.success) throw new UpworkError('malformed', 'outbox.err.proposalReplyUnreadable', { outcomeUnknown: true })
  const { newProposalId, status, error } = reply.data
  if (error) {
    // Upwork's own words, cleaned: a parameter of our sentence, never the sentence.
    throw new UpworkError('graphql', text('outbox.err.proposalRefused', { detail: cleanShortText(error, 300) }))
  }
  if (!newProposalId) throw new UpworkError('malformed', 'outbox.err.proposalReplyUnreadable', { outcomeUnknown: true })
  return { proposalId: newProposalId, status: status ?? null }
}
