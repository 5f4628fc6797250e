import type { Capabilities, CapabilityStatus } from '@shared/types'
import { isUpworkError } from './errors'
import type { OperationContext } from './operations/common'
import { listMutationNames } from './operations/introspection'
import { getJob, searchJobs } from './operations/jobs'
import { listRooms } from './operations/messages'
import { listCategories } from './operations/ontology'
import { getTalentProfile } from './operations/profile'
import { listProposals } from './operations/proposals'
import { inEnglish, text, type MessageKey, type UserText } from '@shared/i18n'

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

export const MESSAGES_WRITE_REASON = inEnglish(text('cap.reason.messagesWrite'))
export const PROPOSAL_SUBMIT_REASON = inEnglish(text('cap.reason.proposalSubmit'))

/**
 * A probed capability as main keeps it: the reason as a text (rendered in the language in force
 * when the account summary is read) and, for the file and the log, in English.
 */
export type ProbedCapability = CapabilityStatus & { reasonText?: UserText }
export type ProbedCapabilities = { [K in keyof Capabilities]: K extends 'checkedAt' ? number : ProbedCapability }

const because = (available: CapabilityStatus['available'], reasonText: UserText): ProbedCapability => ({
  available,
  reason: inEnglish(reasonText),
  reasonText
})

/** The key-form labels Upwork shows (upwork-api.md §1), so the user knows what to tick. */
const PERMISSION_LABEL: Record<string, string> = {
  jobsRead: 'Read marketplace Job Postings',
  jobDetails: 'Job Details - Read-Only',
  profileRead: 'Talent Profile',
  ontologyRead: 'Ontology - Read-Only',
  messagesRead: 'Messaging - Read'
}

/** What each probe tries to do, as the words after "to …" (a catalog key per probe). */
const WHAT: Record<string, MessageKey> = {
  jobsRead: 'cap.what.jobsRead',
  jobDetails: 'cap.what.jobDetails',
  profileRead: 'cap.what.profileRead',
  ontologyRead: 'cap.what.ontologyRead',
  messagesRead: 'cap.what.messagesRead',
  proposalsRead: 'cap.what.proposalsRead'
}

type ProbeName = keyof typeof WHAT

export interface CapabilityReport {
  capabilities: ProbedCapabilities
  /** HTTP requests the probes sent (retries included). */
  requests: number
}

export async function detectCapabilities(
  ctx: OperationContext,
  now: () => number
): Promise<CapabilityReport> {
  const before = ctx.client.requestCount

  const jobs = (async (): Promise<[ProbedCapability, ProbedCapability]> => {
    let firstJobId: string | undefined
    try {
      const page = await searchJobs(ctx, { first: 1 })
      firstJobId = page.jobs[0]?.id
    } catch (e) {
      return [reasonFor('jobsRead', e), because('unknown', text('cap.reason.notCheckedJobSearch'))]
    }
    if (!firstJobId) {
      return [{ available: true }, because('unknown', text('cap.reason.noJob'))]
    }
    return [{ available: true }, await probe('jobDetails', () => getJob(ctx, firstJobId))]
  })()

  const proposalSubmit = (async (): Promise<ProbedCapability> => {
    try {
      const names = await listMutationNames(ctx)
      return names.includes(PROPOSAL_SUBMIT_MUTATION) ? { available: true } : because(false, text('cap.reason.proposalSubmit'))
    } catch {
      return because(false, text('cap.reason.proposalSubmitUnknown'))
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
      messagesWrite: because('unknown', text('cap.reason.messagesWrite')),
      proposalsRead,
      proposalSubmit: submit,
      checkedAt: now()
    },
    requests: ctx.client.requestCount - before
  }
}

async function probe(name: ProbeName, call: () => Promise<unknown>): Promise<ProbedCapability> {
  try {
    await call()
    return { available: true }
  } catch (e) {
    return reasonFor(name, e)
  }
}

/** A refusal means "no"; a failure to ask (network, limits, odd reply) means "unknown". */
function reasonFor(name: ProbeName, e: unknown): ProbedCapability {
  const what = text(WHAT[name]!)
  if (isUpworkError(e)) {
    switch (e.code) {
      case 'scope': {
        const label = PERMISSION_LABEL[name]
        return because(false, text('cap.reason.missingPermission', { permission: label ?? text('cap.permission.proposalsRead'), what }))
      }
      case 'forbidden':
      case 'auth':
        return because(false, text('cap.reason.refused', { what }))
      case 'graphql':
      case 'bad_request':
      case 'not_found':
        return because(false, text('cap.reason.error', { what }))
      default:
        // The error's own words, redacted when the reason is read (they may echo request data).
        return because('unknown', text('cap.reason.couldNotCheckDetail', { what, detail: e.text }))
    }
  }
  return because('unknown', text('cap.reason.couldNotCheck', { what }))
}
