import { text } from '@shared/i18n'
import { z } from 'zod'
import { UpworkError } from '../errors'
import { cleanLongText } from '../sanitize'
import { PROPOSAL_STATUSES, type Proposal, type ProposalPage, type ProposalStatus } from '../types'
import {
  connectionSchema,
  defineOperation,
  MONEY_FIELDS,
  moneySchema,
  parseEach,
  parseOrThrow,
  rootField,
  run,
  toMoney,
  type OperationContext
} from './common'

/**
 * The freelancer's own proposals (`vendorProposals`). Reading only: the schema has no freelancer
 * submit mutation (upwork-api.md §2.6), so GigPilot opens the job on upwork.com for submitting.
 * `pagination.first` above 40 returns error VJCA-6, so it is capped here.
 */

export const LIST_PROPOSALS = defineOperation(
  'query',
  'ListProposals',
  `query ListProposals($filter: VendorProposalFilter!, $sort: VendorProposalSortAttribute!, $pagination: Pagination!) {
  vendorProposals(filter: $filter, sortAttribute: $sort, pagination: $pagination) {
    totalCount
    edges {
      cursor
      node {
        id
        marketplaceJobPosting { id }
        proposalCoverLetter
        terms { chargeRate { ${MONEY_FIELDS} } }
        auditDetails { createdDateTime { rawValue } modifiedDateTime { rawValue } }
        status { status }
      }
    }
    pageInfo { endCursor hasNextPage }
  }
}`
)

export const MAX_PROPOSALS_PAGE = 40

const proposalNodeSchema = z.object({
  id: z.string().min(1),
  marketplaceJobPosting: z.object({ id: z.string() }).nullish(),
  proposalCoverLetter: z.string().nullish(),
  terms: z.object({ chargeRate: moneySchema.nullish() }).nullish(),
  // An object here, not a scalar (upwork-api.md §2.6).
  auditDetails: z
    .object({
      createdDateTime: z.object({ rawValue: z.string() }).nullish(),
      modifiedDateTime: z.object({ rawValue: z.string() }).nullish()
    })
    .nullish(),
  status: z.object({ status: z.string().min(1) })
})

function toProposal(p: z.infer<typeof proposalNodeSchema>): Proposal {
  return {
    id: p.id,
    jobId: p.marketplaceJobPosting?.id ?? null,
    status: p.status.status,
    coverLetter: p.proposalCoverLetter == null ? null : cleanLongText(p.proposalCoverLetter).text,
    chargeRate: toMoney(p.terms?.chargeRate),
    createdAt: p.auditDetails?.createdDateTime?.rawValue ?? null,
    modifiedAt: p.auditDetails?.modifiedDateTime?.rawValue ?? null
  }
}

export async function listProposals(
  ctx: OperationContext,
  status: ProposalStatus,
  options: { first?: number; after?: string } = {}
): Promise<ProposalPage> {
  if (!PROPOSAL_STATUSES.includes(status)) throw new UpworkError('invalid_input', 'upwork.err.proposalStatus')
  const first = options.first ?? 20
  if (!Number.isInteger(first) || first < 1 || first > MAX_PROPOSALS_PAGE) {
    throw new UpworkError('invalid_input', text('upwork.err.proposalsPage', { max: MAX_PROPOSALS_PAGE }))
  }
  const res = await run(ctx, LIST_PROPOSALS, {
    filter: { status_eq: status },
    sort: { field: 'CREATEDDATETIME', sortOrder: 'DESC' },
    pagination: options.after ? { first, after: options.after } : { first }
  })
  const conn = parseOrThrow(connectionSchema, rootField(res, 'vendorProposals'), 'your proposals')
  const nodes = (conn.edges ?? []).map((e) => (e !== null && typeof e === 'object' ? (e as { node?: unknown }).node : e))
  const { items, skipped } = parseEach(nodes, proposalNodeSchema, toProposal, {
    logger: ctx.logger,
    operation: LIST_PROPOSALS.name,
    required: ['id', 'status']
  })
  return {
    proposals: items,
    totalCount: conn.totalCount ?? null,
    endCursor: conn.pageInfo?.endCursor ?? null,
    hasNextPage: conn.pageInfo?.hasNextPage ?? false,
    skipped
  }
}
