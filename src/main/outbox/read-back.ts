import type { MessagePayload, ProposalPayload } from '@shared/outbox'
import { PROPOSAL_STATUSES } from '@shared/types'
import type { OperationContext } from '../upwork/operations/common'
import { listStories } from '../upwork/operations/messages'
import { listProposals, MAX_PROPOSALS_PAGE } from '../upwork/operations/proposals'
import { cleanLongText } from '../upwork/sanitize'

/**
 * Settling an `unknown` outcome by reading Upwork back (reads only: this file cannot send).
 * - A proposal: the freelancer's `vendorProposals`, matched by job id and cover-letter text
 *   (tolerant of white space: Upwork may trim or re-wrap it). A just-submitted proposal is
 *   Pending, but a client can act fast, so every status is read (newest 40 of each).
 * - A message: the room's newest stories, matched by text within a time window around the send.
 * Ids already matched to another item are skipped, so two identical sends are told apart.
 * Returns the Upwork id found, or null when it is not there. A failed read throws (still unknown).
 */

/** The same text, as Upwork's copy would compare: invisible characters stripped, white space collapsed. */
export function comparableText(value: string): string {
  return cleanLongText(value).text.replace(/\s+/g, ' ').trim()
}

export async function findSubmittedProposal(reads: OperationContext, payload: ProposalPayload, claimed: ReadonlySet<string>): Promise<string | null> {
  const wanted = comparableText(payload.coverLetter)
  for (const status of PROPOSAL_STATUSES) {
    const page = await listProposals(reads, status, { first: MAX_PROPOSALS_PAGE })
    const match = page.proposals.find(
      (p) => p.jobId === payload.jobId && !claimed.has(p.id) && p.coverLetter !== null && comparableText(p.coverLetter) === wanted
    )
    if (match) return match.id
  }
  return null
}

/** How far from the moment the request left a story may be dated (clock skew, server queueing). */
export const MESSAGE_MATCH_WINDOW_MS = 10 * 60_000

export async function findPostedMessage(
  reads: OperationContext,
  payload: MessagePayload,
  sentAt: number,
  claimed: ReadonlySet<string>
): Promise<string | null> {
  const wanted = comparableText(payload.text)
  const page = await listStories(reads, payload.roomId, { first: 50 })
  const match = page.messages.find((m) => {
    const at = Date.parse(m.createdAt)
    return !claimed.has(m.id) && Number.isFinite(at) && Math.abs(at - sentAt) <= MESSAGE_MATCH_WINDOW_MS && comparableText(m.text) === wanted
  })
  return match?.id ?? null
}
