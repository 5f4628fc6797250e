import { text as userText } from '@shared/i18n'
import { z } from 'zod'
import { jobUrl } from '@shared/upwork-links'
import { UpworkError } from '../errors'
import { cleanLongText, cleanShortText } from '../sanitize'
import type { ContractType, JobDetails, JobSearchFilters, JobSearchPage, JobSummary } from '../types'
import {
  connectionSchema,
  defineOperation,
  MONEY_FIELDS,
  moneySchema,
  nullableBool,
  nullableInt,
  nullableNumber,
  nullableString,
  parseEach,
  parseOrThrow,
  rootField,
  run,
  text,
  toMoney,
  type OperationContext
} from './common'

/**
 * Job search (`marketplaceJobPostingsSearch`) and one job's details (`marketplaceJobPosting`).
 * Only filters Upwork applies server-side are sent (upwork-api.md §2.1); the fields asked for are
 * the ones GigPilot shows or scores (Upwork's terms ask for the minimum data).
 */

export const SEARCH_JOBS = defineOperation(
  'query',
  'SearchJobs',
  `query SearchJobs($filter: MarketplaceJobPostingsSearchFilter, $sort: [MarketplaceJobPostingSearchSortAttribute]) {
  marketplaceJobPostingsSearch(marketPlaceJobFilter: $filter, searchType: USER_JOBS_SEARCH, sortAttributes: $sort) {
    totalCount
    edges {
      cursor
      node {
        id
        ciphertext
        title
        description
        createdDateTime
        publishedDateTime
        renewedDateTime
        experienceLevel
        duration
        durationLabel
        engagement
        category
        subcategory
        amount { ${MONEY_FIELDS} }
        hourlyBudgetMin { ${MONEY_FIELDS} }
        hourlyBudgetMax { ${MONEY_FIELDS} }
        weeklyBudget { ${MONEY_FIELDS} }
        skills { name prettyName }
        totalApplicants
        applied
        enterprise
        premium
        preferredFreelancerLocation
        job { contractTerms { contractType } }
        client {
          totalHires
          totalPostedJobs
          totalReviews
          totalFeedback
          verificationStatus
          totalSpent { ${MONEY_FIELDS} }
          location { country city state timezone }
        }
      }
    }
    pageInfo { endCursor hasNextPage }
  }
}`
)

export const GET_JOB = defineOperation(
  'query',
  'GetJob',
  `query GetJob($id: ID!) {
  marketplaceJobPosting(id: $id) {
    id
    content { title description }
    contractTerms {
      contractType
      experienceLevel
      personsToHire
      fixedPriceContractTerms {
        amount { ${MONEY_FIELDS} }
        maxAmount { ${MONEY_FIELDS} }
        engagementDuration { label }
      }
      hourlyContractTerms { engagementType hourlyBudgetMin hourlyBudgetMax engagementDuration { label } }
    }
    contractorSelection {
      proposalRequirement {
        coverLetterRequired
        freelancerMilestonesAllowed
        screeningQuestions { question sequenceNumber }
      }
    }
    classification {
      category { preferredLabel }
      subCategory { preferredLabel }
      skills { preferredLabel prettyName }
    }
    activityStat {
      jobActivity {
        lastClientActivity
        invitesSent
        totalInvitedToInterview
        totalHired
        totalUnansweredInvites
        totalOffered
      }
    }
    clientCompanyPublic {
      city
      state
      timezone
      country { name }
      paymentVerification { paymentVerified }
    }
  }
}`
)

const contractTypeSchema = z.enum(['HOURLY', 'FIXED'])

const jobNodeSchema = z.object({
  id: z.string().min(1),
  ciphertext: z.string().min(1),
  title: z.string(),
  description: z.string(),
  createdDateTime: nullableString,
  publishedDateTime: nullableString,
  renewedDateTime: nullableString,
  experienceLevel: nullableString,
  duration: nullableString,
  durationLabel: nullableString,
  engagement: nullableString,
  category: nullableString,
  subcategory: nullableString,
  amount: moneySchema.nullish(),
  hourlyBudgetMin: moneySchema.nullish(),
  hourlyBudgetMax: moneySchema.nullish(),
  weeklyBudget: moneySchema.nullish(),
  skills: z.array(z.object({ name: z.string(), prettyName: z.string() }).nullable()).nullish(),
  totalApplicants: nullableInt,
  applied: nullableBool,
  enterprise: nullableBool,
  premium: nullableBool,
  preferredFreelancerLocation: z.array(z.string().nullable()).nullish(),
  job: z.object({ contractTerms: z.object({ contractType: contractTypeSchema.nullish() }).nullish() }).nullish(),
  client: z
    .object({
      totalHires: nullableInt,
      totalPostedJobs: nullableInt,
      totalReviews: nullableInt,
      totalFeedback: nullableNumber,
      verificationStatus: nullableString,
      totalSpent: moneySchema.nullish(),
      location: z
        .object({ country: nullableString, city: nullableString, state: nullableString, timezone: nullableString })
        .nullish()
    })
    .nullish()
})

/** Without these a job cannot be shown or opened; everything else may be dropped if unreadable. */
const JOB_REQUIRED_FIELDS = ['id', 'ciphertext', 'title', 'description'] as const

export { jobUrl }

function toJobSummary(n: z.infer<typeof jobNodeSchema>): JobSummary {
  const description = cleanLongText(n.description)
  const contractType: ContractType | null =
    n.job?.contractTerms?.contractType ??
    (n.hourlyBudgetMin || n.hourlyBudgetMax ? 'HOURLY' : null)
  const verification = n.client?.verificationStatus ?? null
  return {
    id: n.id,
    ciphertext: n.ciphertext,
    url: jobUrl(n.ciphertext),
    title: cleanShortText(n.title, 500),
    description: description.text,
    descriptionTruncated: description.truncated,
    contractType,
    experienceLevel: text(n.experienceLevel, 50),
    duration: text(n.duration, 50),
    durationLabel: text(n.durationLabel, 100),
    engagement: text(n.engagement, 100),
    category: text(n.category, 200),
    subcategory: text(n.subcategory, 200),
    fixedBudget: contractType === 'HOURLY' ? null : toMoney(n.amount),
    hourlyBudgetMin: toMoney(n.hourlyBudgetMin),
    hourlyBudgetMax: toMoney(n.hourlyBudgetMax),
    weeklyBudget: toMoney(n.weeklyBudget),
    skills: (n.skills ?? [])
      .filter((s): s is { name: string; prettyName: string } => s !== null)
      .map((s) => ({ name: cleanShortText(s.name, 200), prettyName: cleanShortText(s.prettyName, 200) })),
    totalApplicants: n.totalApplicants ?? null,
    applied: n.applied ?? false,
    enterprise: n.enterprise ?? false,
    premium: n.premium ?? false,
    preferredLocations: (n.preferredFreelancerLocation ?? [])
      .filter((l): l is string => typeof l === 'string')
      .map((l) => cleanShortText(l, 200)),
    createdAt: n.createdDateTime ?? null,
    publishedAt: n.publishedDateTime ?? null,
    renewedAt: n.renewedDateTime ?? null,
    client: n.client
      ? {
          totalHires: n.client.totalHires ?? null,
          totalPostedJobs: n.client.totalPostedJobs ?? null,
          totalSpent: toMoney(n.client.totalSpent),
          verificationStatus: text(verification, 50),
          paymentVerified: verification === null ? null : verification === 'VERIFIED',
          country: text(n.client.location?.country, 200),
          city: text(n.client.location?.city, 200),
          state: text(n.client.location?.state, 200),
          timezone: text(n.client.location?.timezone, 100),
          totalReviews: n.client.totalReviews ?? null,
          totalFeedback: n.client.totalFeedback ?? null
        }
      : null
  }
}

/** Upwork caps a page at 50 (upwork-api.md §2.1). */
export const MAX_SEARCH_PAGE_SIZE = 50
export const DEFAULT_SEARCH_PAGE_SIZE = 10

export function searchJobsVariables(filters: JobSearchFilters): Record<string, unknown> {
  const first = filters.first ?? DEFAULT_SEARCH_PAGE_SIZE
  if (!Number.isInteger(first) || first < 1 || first > MAX_SEARCH_PAGE_SIZE) {
    throw new UpworkError('invalid_input', userText('upwork.err.pageSizeBetween', { max: MAX_SEARCH_PAGE_SIZE }))
  }
  const filter: Record<string, unknown> = {
    pagination_eq: { first, ...(filters.after ? { after: filters.after } : {}) }
  }
  const query = filters.query?.trim()
  if (query) filter.searchExpression_eq = query
  // Ontology ids are numeric; names silently return nothing (upwork-api.md §2.1), so refuse them early.
  const ids = (list: string[] | undefined, what: string): string[] | undefined => {
    if (!list || list.length === 0) return undefined
    for (const id of list) {
      if (!/^\d+$/.test(id)) throw new UpworkError('invalid_input', userText('upwork.err.numericIds', { what }))
    }
    return list
  }
  const categoryIds = ids(filters.categoryIds, 'Category ids')
  if (categoryIds) filter.categoryIds_any = categoryIds
  const skillIds = ids(filters.skillIds, 'Skill ids')
  if (skillIds) filter.ontologySkillIds_all = skillIds
  if (filters.jobType) filter.jobType_eq = filters.jobType
  if (filters.experienceLevel) filter.experienceLevel_eq = filters.experienceLevel
  if (filters.verifiedPaymentOnly) filter.verifiedPaymentOnly_eq = true
  return { filter, sort: [{ field: 'RECENCY' }] }
}

export async function searchJobs(ctx: OperationContext, filters: JobSearchFilters = {}): Promise<JobSearchPage> {
  const res = await run(ctx, SEARCH_JOBS, searchJobsVariables(filters))
  const conn = parseOrThrow(connectionSchema, rootField(res, 'marketplaceJobPostingsSearch'), 'the job search results')
  // Edges are {cursor, node}; the node is what is validated (a null edge or node is skipped).
  const nodes = (conn.edges ?? []).map((e) => (e !== null && typeof e === 'object' ? (e as { node?: unknown }).node : e))
  const { items, skipped, repaired } = parseEach(nodes, jobNodeSchema, toJobSummary, {
    logger: ctx.logger,
    operation: SEARCH_JOBS.name,
    required: JOB_REQUIRED_FIELDS
  })
  if (skipped > 0 || repaired > 0) {
    ctx.logger.warn('Some job search records were incomplete', { skipped, repaired, kept: items.length })
  }
  return {
    jobs: items,
    totalCount: conn.totalCount ?? items.length,
    endCursor: conn.pageInfo?.endCursor ?? null,
    hasNextPage: conn.pageInfo?.hasNextPage ?? false,
    skipped
  }
}

const moneyOrNull = moneySchema.nullish()
const labelled = z.object({ preferredLabel: z.string() }).nullish()

const jobDetailsSchema = z.object({
  id: z.string().min(1),
  content: z.object({ title: z.string(), description: z.string() }),
  contractTerms: z
    .object({
      contractType: contractTypeSchema.nullish(),
      experienceLevel: nullableString,
      personsToHire: nullableInt,
      fixedPriceContractTerms: z
        .object({
          amount: moneyOrNull,
          maxAmount: moneyOrNull,
          engagementDuration: z.object({ label: z.string() }).nullish()
        })
        .nullish(),
      hourlyContractTerms: z
        .object({
          engagementType: nullableString,
          hourlyBudgetMin: nullableNumber,
          hourlyBudgetMax: nullableNumber,
          engagementDuration: z.object({ label: z.string() }).nullish()
        })
        .nullish()
    })
    .nullish(),
  contractorSelection: z
    .object({
      proposalRequirement: z
        .object({
          coverLetterRequired: nullableBool,
          freelancerMilestonesAllowed: nullableBool,
          screeningQuestions: z
            .array(z.object({ question: nullableString, sequenceNumber: nullableInt }))
            .nullish()
        })
        .nullish()
    })
    .nullish(),
  classification: z
    .object({
      category: labelled,
      subCategory: labelled,
      skills: z.array(z.object({ preferredLabel: z.string(), prettyName: nullableString })).nullish()
    })
    .nullish(),
  activityStat: z
    .object({
      jobActivity: z
        .object({
          lastClientActivity: nullableString,
          invitesSent: nullableInt,
          totalInvitedToInterview: nullableInt,
          totalHired: nullableInt,
          totalUnansweredInvites: nullableInt,
          totalOffered: nullableInt
        })
        .nullish()
    })
    .nullish(),
  clientCompanyPublic: z
    .object({
      city: nullableString,
      state: nullableString,
      timezone: nullableString,
      country: z.object({ name: nullableString }).nullish(),
      paymentVerification: z.object({ paymentVerified: nullableBool }).nullish()
    })
    .nullish()
})

/** One job by its NUMERIC id (a ciphertext returns 404, upwork-api.md §2.2). */
export async function getJob(ctx: OperationContext, id: string): Promise<JobDetails> {
  if (!/^\d+$/.test(id)) throw new UpworkError('invalid_input', 'upwork.err.jobId')
  const res = await run(ctx, GET_JOB, { id })
  const j = parseOrThrow(jobDetailsSchema, rootField(res, 'marketplaceJobPosting'), 'the job details')
  const description = cleanLongText(j.content.description)
  const terms = j.contractTerms
  const req = j.contractorSelection?.proposalRequirement
  const activity = j.activityStat?.jobActivity
  const company = j.clientCompanyPublic
  return {
    id: j.id,
    title: cleanShortText(j.content.title, 500),
    description: description.text,
    descriptionTruncated: description.truncated,
    contractType: terms?.contractType ?? null,
    experienceLevel: text(terms?.experienceLevel, 50),
    personsToHire: terms?.personsToHire ?? null,
    fixedAmount: toMoney(terms?.fixedPriceContractTerms?.amount),
    fixedMaxAmount: toMoney(terms?.fixedPriceContractTerms?.maxAmount),
    durationLabel: text(
      terms?.fixedPriceContractTerms?.engagementDuration?.label ?? terms?.hourlyContractTerms?.engagementDuration?.label,
      100
    ),
    hourlyEngagementType: text(terms?.hourlyContractTerms?.engagementType, 50),
    hourlyBudgetMin: terms?.hourlyContractTerms?.hourlyBudgetMin ?? null,
    hourlyBudgetMax: terms?.hourlyContractTerms?.hourlyBudgetMax ?? null,
    coverLetterRequired: req?.coverLetterRequired ?? null,
    milestonesAllowed: req?.freelancerMilestonesAllowed ?? null,
    screeningQuestions: (req?.screeningQuestions ?? [])
      .filter((q) => typeof q.question === 'string' && q.question.trim() !== '')
      .map((q) => ({ question: cleanShortText(q.question!, 5_000), sequenceNumber: q.sequenceNumber ?? null })),
    category: text(j.classification?.category?.preferredLabel, 200),
    subcategory: text(j.classification?.subCategory?.preferredLabel, 200),
    skills: (j.classification?.skills ?? []).map((s) => cleanShortText(s.prettyName ?? s.preferredLabel, 200)),
    activity: activity
      ? {
          lastClientActivity: activity.lastClientActivity ?? null,
          invitesSent: activity.invitesSent ?? null,
          totalInvitedToInterview: activity.totalInvitedToInterview ?? null,
          totalHired: activity.totalHired ?? null,
          totalUnansweredInvites: activity.totalUnansweredInvites ?? null,
          totalOffered: activity.totalOffered ?? null
        }
      : null,
    client: company
      ? {
          country: text(company.country?.name, 200),
          city: text(company.city, 200),
          state: text(company.state, 200),
          timezone: text(company.timezone, 100),
          paymentVerified: company.paymentVerification?.paymentVerified ?? null
        }
      : null
  }
}
