import { z } from 'zod'
import { USER_MARKS, type ProposalDetailDto, type ProposalDto, type ProposalSyncResult } from '../proposals'
import { channel, defineDomain, event, none } from './define'

const id = z.number().int().positive()

/**
 * Submitted proposals and their outcomes (the outcomes domain). Proposals are created by the review
 * queue through the outcomes module's `recordSubmission` (main side) and by the sync from Upwork,
 * not over IPC; these channels show them, record the user's marks, and sync on demand.
 */
export const proposalsContract = defineDomain({
  channels: {
    /** Every proposal, newest submission first, with its latest status (as given) and funnel stage. */
    'proposals:list': channel(none)<ProposalDto[]>(),
    /** One proposal with its cover letter and its whole status history, oldest first. */
    'proposals:get': channel(z.object({ id }).strict())<ProposalDetailDto>(),
    /** The user marks a proposal viewed, replied, interview, hired or lost (a history row, source 'user'). */
    'proposals:mark': channel(z.object({ id, status: z.enum(USER_MARKS) }).strict())<ProposalDetailDto>(),
    /** Reads the proposals from Upwork now (also run every 30 minutes). */
    'proposals:syncNow': channel(none)<ProposalSyncResult>()
  },
  events: {
    /** A proposal was created or changed (a sync, a mark, a submission). */
    'proposals:changed': event<ProposalDto>()
  }
})
