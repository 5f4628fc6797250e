import type { Capabilities, CapabilityStatus } from '@shared/types'
import { isUpworkError } from './errors'
import type { OperationContext } from './operations/common'
import { listMutationNames } from './operations/introspection'
import { getJob, searchJobs } from './operations/jobs'
import { listRooms } from './operations/messages'
import { listCategories } from './operations/ontology'
import { getTalentProfile } from './operations/profile'
import { listProposals } from './operations/proposals'
import { redact } from '../logging/redact'

/**
 * What this API key can do, found at connect time with the smallest read of each kind (scopes are
 * set per key in Upwork's API Center and introspection differs per key). Every "no" carries a
 * reason in plain words. Writes are never probed: the only way to test sending is to send.
 *
 * Requests: search(first:1), job details (of that job), talent profile, categories,
 * roomList(first:1), vendorProposals(first:1) and one introspection = 7. The user and
 * companySelector come from connect()'s own account query and are not asked again here.
 */

export const PROPOSAL_SUBMIT_MUTATION = 'createJobProposal'

export const MESSAGES_WRITE_REASON =
  'GigPilot cannot test sending without posting a real message, so it finds out the first time you send one. Sending needs the “Messaging - R+W” permission on your key.'

export const PROPOSAL_SUBMIT_REASON =
  'The Upwork API schema this key sees has no proposal submission mutation; GigPilot opens the job on upwork.com instead.'

/** The key-form labels Upwork shows (upwork-api.md §1), so the user knows what to tick. */
const PERMISSION_LABEL: Record<string, string> = {
  jobsRead: 'Read marketplace Job Postings',
  jobDetails: 'Job Details - Read-Only',
  profileRead: 'Talent Profile',
  ontologyRead: 'Ontology - Read-Only',
  messagesRead: 'Messaging - Read',
  proposalsRead: 'the permission to read your proposals'
}

const WHAT: Record<string, string> = {
  jobsRead: 'search jobs',
  jobDetails: 'read job details',
  profileRead: 'read your freelancer profile',
  ontologyRead: 'read Upwork’s categories and skills',
  messagesRead: 'read your messages',
  proposalsRead: 'read your proposals'
}

type ProbeName = keyof typeof PERMISSION_LABEL

export interface CapabilityReport {
  capabilities: Capabilities
  /** HTTP requests the probes sent (retries included). */
  requests: number
}

export async function detectCapabilities(
  ctx: OperationContext,
  now: () => number
): Promise<CapabilityReport> {
  const before = ctx.client.requestCount

  const jobs = (async (): Promise<[CapabilityStatus, CapabilityStatus]> => {
    let firstJobId: string | undefined
    try {
      const page = await searchJobs(ctx, { first: 1 })
      firstJobId = page.jobs[0]?.id
    } catch (e) {
      return [reasonFor('jobsRead', e), { available: 'unknown', reason: 'Not checked, because job search did not work.' }]
    }
    if (!firstJobId) {
      return [{ available: true }, { available: 'unknown', reason: 'No job was available to check job details with.' }]
    }
    return [{ available: true }, await probe('jobDetails', () => getJob(ctx, firstJobId))]
  })()

  const proposalSubmit = (async (): Promise<CapabilityStatus> => {
    try {
      const names = await listMutationNames(ctx)
      return names.includes(PROPOSAL_SUBMIT_MUTATION) ? { available: true } : { available: false, reason: PROPOSAL_SUBMIT_REASON }
    } catch {
      return {
        available: false,
        reason: 'GigPilot could not check whether this key can submit proposals (the API description was not available); it opens the job on upwork.com instead.'
      }
    }
  })()

  const [[jobsRead, jobDetails], profileRead, ontologyRead, messagesRead, proposalsRead, submit] = await Promise.all([
    jobs,
    probe('profileRead', () => getTalentProfile(ctx)),
    probe('ontologyRead', () => listCategories(ctx)),
    probe('messagesRead', () => listRooms(ctx, { first: 1 })),
    probe('proposalsRead', () => listProposals(ctx, 'Pending', { first: 1 })),
    proposalSubmit
  ])

  return {
    capabilities: {
      jobsRead,
      jobDetails,
      profileRead,
      ontologyRead,
      messagesRead,
      messagesWrite: { available: 'unknown', reason: MESSAGES_WRITE_REASON },
      proposalsRead,
      proposalSubmit: submit,
      checkedAt: now()
    },
    requests: ctx.client.requestCount - before
  }
}

async function probe(name: ProbeName, call: () => Promise<unknown>): Promise<CapabilityStatus> {
  try {
    await call()
    return { available: true }
  } catch (e) {
    return reasonFor(name, e)
  }
}

/** A refusal means "no"; a failure to ask (network, limits, odd reply) means "unknown". */
function reasonFor(name: ProbeName, e: unknown): CapabilityStatus {
  const what = WHAT[name]
  if (isUpworkError(e)) {
    switch (e.code) {
      case 'scope':
        return {
          available: false,
          reason: `Your API key is missing the “${PERMISSION_LABEL[name]}” permission needed to ${what}. Add it to the key in Upwork’s API Center, then reconnect.`
        }
      case 'forbidden':
      case 'auth':
        return { available: false, reason: `Upwork does not let this key or account ${what} (access refused).` }
      case 'graphql':
      case 'bad_request':
      case 'not_found':
        return { available: false, reason: `Upwork returned an error when GigPilot tried to ${what}.` }
      default:
        return { available: 'unknown', reason: `GigPilot could not check whether it can ${what}: ${redact(e.message)}` }
    }
  }
  return { available: 'unknown', reason: `GigPilot could not check whether it can ${what}.` }
}
