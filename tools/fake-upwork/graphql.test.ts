import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JOB_DETAILS, JOB_SEARCH, JOB_SEARCH_IDS, ME, MY_PROFILE, ONTOLOGY, PROFILE, PROPOSAL_ROOM, PROPOSALS, ROOMS, ROOM_STORIES, SEND_MESSAGE } from './documents'
import { type FakeUpwork, KNOWN, startFakeUpwork } from './index'
import { gql, gqlData, signIn } from './test-helpers'

interface SearchNode {
  id: string
  title: string
  description: string
  publishedDateTime: string
  totalApplicants: number
  experienceLevel: string
  skills: Array<{ name: string; prettyName: string; highlighted: boolean | null }>
  job: { contractTerms: { contractType: string } }
  client: { totalHires: number; verificationStatus: string | null; totalSpent: { rawValue: string } | null }
  amount: { rawValue: string; currency: string; displayValue: string }
  hourlyBudgetMin: { rawValue: string } | null
}
interface SearchResult {
  marketplaceJobPostingsSearch: { totalCount: number; edges: Array<{ cursor: string; node: SearchNode }>; pageInfo: { endCursor: string | null; hasNextPage: boolean } }
}

let fake: FakeUpwork
let token: string

async function search(filter: Record<string, unknown> | null, doc = JOB_SEARCH, sort?: unknown): Promise<SearchResult['marketplaceJobPostingsSearch']> {
  const data = await gqlData<SearchResult>(fake, token, doc, { filter, sort })
  return data.marketplaceJobPostingsSearch
}

/** Every id matching the filter, walking all pages. */
async function searchAll(filter: Record<string, unknown>): Promise<SearchNode[]> {
  const nodes: SearchNode[] = []
  let after: string | null = '0'
  for (let i = 0; i < 20 && after !== null; i++) {
    const page = await search({ ...filter, pagination_eq: { after, first: 50 } }, JOB_SEARCH)
    nodes.push(...page.edges.map((e) => e.node))
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null
  }
  return nodes
}

beforeAll(async () => {
  fake = await startFakeUpwork()
  token = (await signIn(fake)).access_token
})
afterAll(async () => {
  await fake.close()
})

describe('account', () => {
  it('user, organization and companySelector', async () => {
    const d = await gqlData<{ user: Record<string, unknown>; organization: Record<string, unknown>; companySelector: { items: Array<Record<string, unknown>> } }>(fake, token, ME)
    expect(d.user).toMatchObject({ id: KNOWN.userId, name: KNOWN.userName, nid: 'danakowalski', ciphertext: KNOWN.profileKey })
    expect(d.organization.id).toBe(KNOWN.personalOrgId)
    expect(d.companySelector.items.map((i) => i.organizationId)).toEqual([KNOWN.personalOrgId, KNOWN.agencyOrgId])
  })

  it('X-Upwork-API-TenantId selects an org; an unknown one is a GraphQL error in HTTP 200', async () => {
    const agency = await gql(fake, token, ME, undefined, { 'X-Upwork-API-TenantId': KNOWN.agencyOrgId })
    expect((agency.json.data?.organization as { id: string; type: string }).id).toBe(KNOWN.agencyOrgId)
    const bad = await gql(fake, token, ME, undefined, { 'X-Upwork-API-TenantId': '999' })
    expect(bad.status).toBe(200)
    expect(bad.json.data).toBeNull()
    expect(bad.json.errors?.[0]?.message).toMatch(/Tenant/)
  })

  it('talent and freelancer profile by profile key', async () => {
    const d = await gqlData<{ talentProfileByProfileKey: { personalData: { title: string; chargeRate: { rawValue: string } }; skills: unknown[] }; freelancerProfileByProfileKey: { fullName: string } }>(
      fake,
      token,
      PROFILE,
      { key: KNOWN.profileKey }
    )
    expect(d.talentProfileByProfileKey.personalData.title).toContain('Electron')
    expect(d.talentProfileByProfileKey.personalData.chargeRate.rawValue).toBe('75.0')
    expect(d.talentProfileByProfileKey.skills.length).toBeGreaterThan(3)
    expect(d.freelancerProfileByProfileKey.fullName).toBe(KNOWN.userName)
    const me = await gqlData<{ user: { freelancerProfile: { personalData: { title: string } } } }>(fake, token, MY_PROFILE)
    expect(me.user.freelancerProfile.personalData.title).toContain('TypeScript')
  })

  it('ontology categories (numeric ids, ≥6 categories) and skills by offset', async () => {
    const d = await gqlData<{ ontologyCategories: Array<{ id: string; slug: string; subcategories: unknown[] }>; ontologySkills: Array<{ id: string }> }>(fake, token, ONTOLOGY, { limit: 5, offset: 10 })
    expect(d.ontologyCategories.length).toBeGreaterThanOrEqual(6)
    for (const c of d.ontologyCategories) expect(c.id).toMatch(/^\d+$/)
    expect(d.ontologySkills).toHaveLength(5)
    expect(d.ontologySkills[0]?.id).toBe(fake.data.skills[10]?.id)
  })
})

describe('job search', () => {
  it('returns the §6 node shape, newest first, at most 10 per page', async () => {
    const page = await search(null)
    expect(page.totalCount).toBe(fake.data.jobs.length)
    expect(page.totalCount).toBeGreaterThanOrEqual(55)
    expect(page.edges).toHaveLength(10)
    const dates = page.edges.map((e) => e.node.publishedDateTime)
    expect([...dates].sort().reverse()).toEqual(dates)
    const known = page.edges.find((e) => e.node.id === KNOWN.jobId)?.node
    expect(known).toBeDefined()
    expect(known?.title).toBe('Electron app: add offline sync')
    expect(known?.amount).toEqual({ rawValue: '0.0', currency: 'USD', displayValue: '$0.00' })
    expect(known?.hourlyBudgetMin?.rawValue).toBe('40.0')
    expect(known?.job.contractTerms.contractType).toBe('HOURLY')
    expect(known?.client.totalSpent?.rawValue).toBe('18250.0')
  })

  it('pages with opaque cursors; first > 10 is capped; all jobs reachable exactly once', async () => {
    const p1 = await search({ pagination_eq: { after: '0', first: 50 } }, JOB_SEARCH_IDS)
    expect(p1.edges).toHaveLength(10)
    expect(p1.pageInfo.hasNextPage).toBe(true)
    expect(p1.edges[0]?.cursor).toBe('MQ==')
    const p2 = await search({ pagination_eq: { after: p1.pageInfo.endCursor, first: 50 } }, JOB_SEARCH_IDS)
    expect(p2.edges[0]?.node.id).not.toBe(p1.edges[0]?.node.id)
    const small = await search({ pagination_eq: { first: 3 } }, JOB_SEARCH_IDS)
    expect(small.edges).toHaveLength(3)
    const all = await searchAll({})
    expect(all).toHaveLength(fake.data.jobs.length)
    expect(new Set(all.map((n) => n.id)).size).toBe(all.length)
    const bad = await gql(fake, token, JOB_SEARCH_IDS, { filter: { pagination_eq: { after: 'not-a-cursor', first: 10 } } })
    expect(bad.json.errors?.[0]?.message).toMatch(/cursor/i)
  })

  it('searchExpression_eq matches whole words in title, description and skills, case-insensitively', async () => {
    const electron = await searchAll({ searchExpression_eq: 'ELECTRON' })
    expect(electron.some((n) => n.id === KNOWN.jobId)).toBe(true)
    for (const n of electron) expect(`${n.title} ${n.description} ${n.skills.map((s) => s.prettyName).join(' ')}`.toLowerCase()).toContain('electron')
    expect(electron.find((n) => n.id === KNOWN.jobId)?.skills.find((s) => s.name === 'electron')?.highlighted).toBe(true)
    const none = await search({ searchExpression_eq: 'xylophone' })
    expect(none.totalCount).toBe(0)
    const both = await searchAll({ searchExpression_eq: 'react typescript' })
    const either = await searchAll({ searchExpression_eq: 'react OR typescript' })
    expect(either.length).toBeGreaterThan(both.length)
  })

  it('titleExpression_eq and skillExpression_eq (comma = OR)', async () => {
    const title = await searchAll({ titleExpression_eq: 'developer' })
    expect(title.length).toBeGreaterThan(0)
    for (const n of title) expect(n.title.toLowerCase()).toMatch(/developer/)
    const figma = await searchAll({ skillExpression_eq: 'Figma' })
    const flutter = await searchAll({ skillExpression_eq: 'flutter' })
    const either = await searchAll({ skillExpression_eq: 'Figma, Flutter' })
    expect(either.length).toBe(new Set([...figma, ...flutter].map((n) => n.id)).size)
  })

  it('category ids filter; category names match nothing (like the real API)', async () => {
    const design = fake.data.categories.find((c) => c.slug === 'design-creative')
    const byId = await searchAll({ categoryIds_any: [design?.id] })
    expect(byId.length).toBeGreaterThan(0)
    const byName = await search({ categoryIds_any: ['Design & Creative'] })
    expect(byName.totalCount).toBe(0)
    const sub = design?.subcategories[0]
    const bySub = await searchAll({ subcategoryIds_any: [sub?.id] })
    expect(bySub.length).toBeGreaterThan(0)
    expect(bySub.length).toBeLessThanOrEqual(byId.length)
  })

  it('jobType, experience, verified payment, client hires and proposal ranges', async () => {
    const fixed = await searchAll({ jobType_eq: 'FIXED' })
    const hourly = await searchAll({ jobType_eq: 'HOURLY' })
    expect(fixed.length + hourly.length).toBe(fake.data.jobs.length)
    for (const n of fixed) expect(n.job.contractTerms.contractType).toBe('FIXED')
    const experts = await searchAll({ experienceLevel_eq: 'EXPERT' })
    for (const n of experts) expect(n.experienceLevel).toBe('EXPERT')
    const verified = await searchAll({ verifiedPaymentOnly_eq: true })
    expect(verified.length).toBeGreaterThan(0)
    for (const n of verified) expect(n.client.verificationStatus).toBe('VERIFIED')
    const hires = await searchAll({ clientHiresRange_eq: { rangeStart: 10, rangeEnd: 50 } })
    for (const n of hires) expect(n.client.totalHires).toBeGreaterThanOrEqual(10)
    const fresh = await searchAll({ proposalRange_eq: { rangeStart: 0, rangeEnd: 4 } })
    for (const n of fresh) expect(n.totalApplicants).toBeLessThanOrEqual(4)
  })

  it('ontologySkillIds_all requires every skill', async () => {
    const electron = fake.data.skills.find((s) => s.name === 'electron')
    const ts = fake.data.skills.find((s) => s.name === 'typescript')
    const both = await searchAll({ ontologySkillIds_all: [electron?.id, ts?.id] })
    expect(both.some((n) => n.id === KNOWN.jobId)).toBe(true)
    for (const n of both) expect(n.skills.map((s) => s.name)).toEqual(expect.arrayContaining(['electron', 'typescript']))
  })

  it('budget and hourly-rate filters are silently ignored; workload returns nothing (field reports)', async () => {
    const ignored = await search({ budgetRange_eq: { rangeStart: 100000, rangeEnd: 200000 }, hourlyRate_eq: { rangeStart: 500 } })
    expect(ignored.totalCount).toBe(fake.data.jobs.length)
    const workload = await search({ workload_eq: 'FULL_TIME' })
    expect(workload.totalCount).toBe(0)
  })

  it('sorts by client total charge when asked', async () => {
    const page = await search(null, JOB_SEARCH, [{ field: 'CLIENT_TOTAL_CHARGE' }])
    const spent = page.edges.map((e) => Number(e.node.client.totalSpent?.rawValue ?? 0))
    expect([...spent].sort((a, b) => b - a)).toEqual(spent)
  })

  it('publishJob puts a new job first', async () => {
    const job = fake.publishJob({ title: 'Brand-new Electron gig' })
    const page = await search(null, JOB_SEARCH_IDS)
    expect(page.edges[0]?.node.id).toBe(job.id)
    expect(page.edges[0]?.node.title).toBe('Brand-new Electron gig')
    const second = fake.publishJob()
    expect(BigInt(second.id)).toBeGreaterThan(BigInt(job.id))
    expect((await search(null, JOB_SEARCH_IDS)).edges[0]?.node.id).toBe(second.id)
  })

  it('carries the hostile jobs', async () => {
    const ids = Object.values(KNOWN.hostileJobIds)
    const all = await searchAll({})
    const byId = new Map(all.map((n) => [n.id, n]))
    for (const id of ids) expect(byId.has(id)).toBe(true)
    expect(byId.get(KNOWN.hostileJobIds.huge)?.description.length).toBeGreaterThan(200 * 1024)
    expect(byId.get(KNOWN.hostileJobIds.promptInjection)?.description).toContain('Ignore previous instructions')
    expect(byId.get(KNOWN.hostileJobIds.html)?.title).toContain('<script>')
    expect(byId.get(KNOWN.hostileJobIds.invisibleChars)?.title).toContain('\u200b')
    expect(byId.get(KNOWN.hostileJobIds.invisibleChars)?.description).toMatch(/[\u{E0000}-\u{E007F}]/u)
    const nulls = byId.get(KNOWN.hostileJobIds.nullFields) as unknown as Record<string, unknown>
    expect(nulls.duration).toBeNull()
    expect(nulls.category).toBeNull()
    expect(nulls.occupations).toBeNull()
    expect((nulls.client as Record<string, unknown>).totalSpent).toBeNull()
    expect((nulls.client as Record<string, unknown>).location).toBeNull()
  })

  it('is deterministic for a seed', async () => {
    const other = await startFakeUpwork({ seed: 1 })
    const different = await startFakeUpwork({ seed: 2 })
    try {
      const ids = (f: FakeUpwork): string[] => f.data.jobs.map((j) => `${j.id}:${j.title}`)
      expect(ids(other)).toEqual(ids(fake).filter((_, i) => i >= fake.data.jobs.length - other.data.jobs.length))
      expect(ids(different)).not.toEqual(ids(other))
      expect(different.data.jobs.find((j) => j.id === KNOWN.jobId)?.title).toBe('Electron app: add offline sync')
    } finally {
      await other.close()
      await different.close()
    }
  })
})

describe('job details', () => {
  it('by numeric id', async () => {
    interface Details {
      content: { title: string }
      contractTerms: { contractType: string; hourlyContractTerms: Record<string, unknown> | null }
      contractorSelection: { proposalRequirement: { coverLetterRequired: boolean; screeningQuestions: Array<{ question: string; sequenceNumber: number }> } }
      clientCompanyPublic: { city: string | null }
      classification: { skills: Array<{ prettyName: string }> }
    }
    const job = (await gqlData<{ marketplaceJobPosting: Details }>(fake, token, JOB_DETAILS, { id: KNOWN.jobId })).marketplaceJobPosting
    expect(job.content.title).toBe('Electron app: add offline sync')
    expect(job.contractTerms.contractType).toBe('HOURLY')
    expect(job.contractTerms.hourlyContractTerms).toMatchObject({ hourlyBudgetMin: 40, hourlyBudgetMax: 70 })
    expect(job.contractorSelection.proposalRequirement.coverLetterRequired).toBe(true)
    expect(job.contractorSelection.proposalRequirement.screeningQuestions[0]).toMatchObject({ sequenceNumber: 1 })
    expect(job.clientCompanyPublic.city).toBe('Austin')
    expect(job.classification.skills.map((s) => s.prettyName)).toContain('Electron')
  })

  it('a ciphertext or unknown id is a "not found" GraphQL error', async () => {
    const r = await gql(fake, token, JOB_DETAILS, { id: KNOWN.jobCiphertext })
    expect(r.status).toBe(200)
    expect(r.json.data?.marketplaceJobPosting).toBeNull()
    expect(r.json.errors?.[0]?.message).toMatch(/not found/i)
  })
})

describe('messaging', () => {
  it('lists rooms with unread counts and filters unread-only', async () => {
    const d = await gqlData<{ roomList: { totalCount: number; edges: Array<{ node: { id: string; numUnread: number; roomUsers: unknown[] } }> } }>(fake, token, ROOMS, {})
    expect(d.roomList.totalCount).toBe(5)
    const unreadRoom = d.roomList.edges.find((e) => e.node.id === KNOWN.roomWithUnread)?.node
    expect(unreadRoom?.numUnread).toBe(2)
    const unread = await gqlData<{ roomList: { edges: Array<{ node: { id: string; numUnread: number } }> } }>(fake, token, ROOMS, { filter: { unreadRoomsOnly_eq: true } })
    expect(unread.roomList.edges.length).toBeGreaterThan(0)
    for (const e of unread.roomList.edges) expect(e.node.numUnread).toBeGreaterThan(0)
  })

  it('reads stories, sends a message (marks read) and sees a client message arrive', async () => {
    const stories = await gqlData<{ roomStories: { totalCount: number; edges: Array<{ node: { message: string; user: { id: string } } }> } }>(fake, token, ROOM_STORIES, {
      filter: { roomId_eq: KNOWN.roomWithUnread }
    })
    expect(stories.roomStories.totalCount).toBe(4)
    const sent = await gqlData<{ createRoomStoryV2: { id: string; message: string; user: { id: string } } }>(fake, token, SEND_MESSAGE, {
      input: { roomId: KNOWN.roomWithUnread, message: 'Sure, 10:00 CET works.' }
    })
    expect(sent.createRoomStoryV2).toMatchObject({ message: 'Sure, 10:00 CET works.', user: { id: KNOWN.userId } })
    const after = await gqlData<{ roomList: { edges: Array<{ node: { id: string; numUnread: number } }> } }>(fake, token, ROOMS, {})
    expect(after.roomList.edges.find((e) => e.node.id === KNOWN.roomWithUnread)?.node.numUnread).toBe(0)

    const story = fake.postClientMessage(KNOWN.roomWithUnread, 'Great, talk tomorrow!')
    const latest = await gqlData<{ roomStories: { edges: Array<{ node: { id: string; message: string } }> } }>(fake, token, ROOM_STORIES, {
      filter: { roomId_eq: KNOWN.roomWithUnread, storyFilter: { pagination: { first: 1 } } }
    })
    expect(latest.roomStories.edges[0]?.node).toMatchObject({ id: story.id, message: 'Great, talk tomorrow!' })
    const list = await gqlData<{ roomList: { edges: Array<{ node: { id: string; numUnread: number } }> } }>(fake, token, ROOMS, {})
    expect(list.roomList.edges[0]?.node).toMatchObject({ id: KNOWN.roomWithUnread, numUnread: 1 })
  })

  it('proposalRoom finds the interview room of a proposal, with its hostile unread message', async () => {
    const activated = fake.data.proposals.find((p) => p.status === 'Activated')
    const d = await gqlData<{ proposalRoom: { id: string; numUnread: number; vendorProposal: { id: string }; stories: { totalCount: number; edges: Array<{ node: { message: string } }> } } }>(
      fake,
      token,
      PROPOSAL_ROOM,
      { id: activated?.id }
    )
    expect(d.proposalRoom).toMatchObject({ id: KNOWN.interviewRoomWithUnread, numUnread: 1, vendorProposal: { id: activated?.id } })
    expect(d.proposalRoom.stories.edges[0]?.node.message).toContain('ignore previous instructions')
  })

  it('unknown room and empty message are GraphQL errors', async () => {
    const r = await gql(fake, token, SEND_MESSAGE, { input: { roomId: 'room_nope', message: 'hi' } })
    expect(r.status).toBe(200)
    expect(r.json.errors?.[0]?.message).toMatch(/Room not found/)
    const empty = await gql(fake, token, SEND_MESSAGE, { input: { roomId: KNOWN.roomWithUnread, message: '   ' } })
    expect(empty.json.errors?.[0]?.message).toMatch(/empty/)
  })
})

describe('proposals', () => {
  const vars = (status: string, first = 10): Record<string, unknown> => ({
    filter: { status_eq: status },
    sort: { field: 'CREATEDDATETIME', sortOrder: 'DESC' },
    pagination: { first }
  })

  it('lists by status with auditDetails.createdDateTime as an object', async () => {
    const d = await gqlData<{ vendorProposals: { totalCount: number; edges: Array<{ node: { id: string; auditDetails: { createdDateTime: { rawValue: string } }; status: { status: string }; marketplaceJobPosting: { id: string } } }> } }>(
      fake,
      token,
      PROPOSALS,
      vars('Pending')
    )
    expect(d.vendorProposals.totalCount).toBe(2)
    const node = d.vendorProposals.edges[0]?.node
    expect(node?.status.status).toBe('Pending')
    expect(typeof node?.auditDetails.createdDateTime.rawValue).toBe('string')
    expect(fake.data.jobs.some((j) => j.id === node?.marketplaceJobPosting.id)).toBe(true)
    let total = 0
    for (const s of ['Pending', 'Activated', 'Accepted', 'Offered', 'Hired', 'Declined', 'Withdrawn', 'Archived']) {
      total += (await gqlData<{ vendorProposals: { totalCount: number } }>(fake, token, PROPOSALS, vars(s))).vendorProposals.totalCount
    }
    expect(total).toBe(8)
  })

  it('first > 40 is error VJCA-6', async () => {
    const r = await gql(fake, token, PROPOSALS, vars('Pending', 41))
    expect(r.status).toBe(200)
    expect(r.json.errors?.[0]?.message).toContain('VJCA-6')
    expect((await gql(fake, token, PROPOSALS, vars('Pending', 40))).json.errors).toBeUndefined()
  })
})

describe('errors', () => {
  it('validation errors come back in HTTP 200 with classification ValidationError', async () => {
    const r = await gql(fake, token, 'query { user { id notAField } }')
    expect(r.status).toBe(200)
    expect(r.json.data).toBeUndefined()
    expect(r.json.errors?.[0]?.extensions?.classification).toBe('ValidationError')
    const missingArg = await gql(fake, token, 'query { marketplaceJobPosting { id } }')
    expect(missingArg.json.errors?.[0]?.extensions?.classification).toBe('ValidationError')
    const syntax = await gql(fake, token, 'query {')
    expect(syntax.json.errors?.[0]?.extensions?.classification).toBe('InvalidSyntax')
    expect((await gql(fake, token, 'mutation { createJobProposal(input: {}) { newProposalId } }')).json.errors?.[0]?.extensions?.classification).toBe('ValidationError')
  })

  it('a missing scope is the real ExecutionAborted pattern', async () => {
    fake.setScopes(['jobs:details'])
    try {
      const r = await gql(fake, token, JOB_SEARCH_IDS, {})
      expect(r.status).toBe(200)
      expect(r.json).toEqual({
        data: { marketplaceJobPostingsSearch: null },
        errors: [
          {
            message: "The client or authentication token doesn't have enough oauth2 permissions/scopes to access: [Query.marketplaceJobPostingsSearch].",
            extensions: { classification: 'ExecutionAborted' }
          }
        ]
      })
      // user/organization/companySelector need no scope.
      expect((await gql(fake, token, ME)).json.errors).toBeUndefined()
      const nested = await gql(fake, token, MY_PROFILE)
      expect(nested.json.errors?.[0]?.message).toContain('[CurrentUser.freelancerProfile]')
      expect((await gql(fake, token, SEND_MESSAGE, { input: { roomId: KNOWN.roomWithUnread, message: 'x' } })).json.errors?.[0]?.message).toContain('Mutation.createRoomStoryV2')
    } finally {
      fake.setScopes(['jobs:read', 'jobs:details', 'profile:read', 'ontology:read', 'messages:read', 'messages:write', 'proposals:read'])
    }
  })

  it('415 for a non-JSON content type, 400 for a non-JSON body, 405 for GET', async () => {
    const text = await fetch(fake.graphqlUrl, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify({ query: ME }) })
    expect(text.status).toBe(415)
    const broken = await fetch(fake.graphqlUrl, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{"query":' })
    expect(broken.status).toBe(400)
    expect((await fetch(fake.graphqlUrl)).status).toBe(405)
  })
})
