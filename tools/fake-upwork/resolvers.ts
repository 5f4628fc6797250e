/**
 * Resolvers: the root value handed to graphql-js plus "views" that turn FakeData records into
 * objects shaped like the schema types. graphql-js' default resolver calls a property when it is a
 * function, so expensive or argument-taking fields (Room.stories, search node `job`) are lazy.
 */
import { GraphQLError } from 'graphql'
import { filterJobs, highlightTerms, matchesTerm, paginate, type SearchFilter, type SortField, SEARCH_PAGE_CAP, sortJobs } from './job-search'
import { durationInfo } from './seed'
import type { FakeData, FakeJob, FakeOrganization, FakePerson, FakeProposal, FakeRoom, FakeSkill, FakeStory, FakeUser } from './types'

export interface GqlContext {
  data: FakeData
  /** The organization selected by X-Upwork-API-TenantId (default: the personal one). */
  tenant: FakeOrganization
  now: () => number
  addStory: (roomId: string, userId: string, message: string) => FakeStory
}

type Obj = Record<string, unknown>

/** Errors a resolver raises on purpose (not found, bad input…), classified like graphql-java's. */
export function fetchError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { classification: 'DataFetchingException' } })
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' })

export function money(value: number | null | undefined): Obj | null {
  if (value == null) return null
  return { rawValue: Number.isInteger(value) ? value.toFixed(1) : String(value), currency: 'USD', displayValue: usd.format(value) }
}

const portrait = (url: string): Obj => ({
  portrait: url,
  portrait32: url.replace('_100', '_32'),
  portrait50: url.replace('_100', '_50'),
  portrait100: url,
  portrait150: url.replace('_100', '_150'),
  portrait500: url.replace('_100', '_500')
})

const dateTime = (isoValue: string | null): Obj | null =>
  isoValue === null ? null : { rawValue: isoValue, displayValue: new Date(isoValue).toUTCString() }

// ------------------------------------------------------------------ people and organizations

function currentOrg(org: FakeOrganization): Obj {
  const personal = org.kind === 'personal'
  return {
    id: org.id,
    rid: org.rid,
    legacyId: org.legacyId,
    name: org.name,
    type: personal ? 'SOLE_PROPRIETOR' : 'BUSINESS',
    legacyType: 'VENDOR',
    flag: { client: false, vendor: true, agency: !personal, individual: personal },
    parentOrganization: null,
    active: true,
    hidden: false,
    photoUrl: null,
    creationDate: org.creationDate
  }
}

function genericOrgOfPerson(p: FakePerson): Obj {
  return {
    id: p.orgId,
    rid: p.rid,
    legacyId: p.rid,
    name: p.orgName,
    type: 'BUSINESS',
    legacyType: 'CLIENT',
    flag: { client: true, vendor: false, agency: false, individual: false },
    parentOrganization: null,
    active: true,
    hidden: false,
    photoUrl: null,
    creationDate: null
  }
}

function genericUserOfSelf(u: FakeUser): Obj {
  return { id: u.id, nid: u.nid, rid: u.rid, name: u.name, photoUrl: u.photoUrl, publicUrl: `https://www.upwork.com/freelancers/${u.ciphertext}`, ciphertext: u.ciphertext }
}

function genericUserOfPerson(p: FakePerson): Obj {
  return { id: p.id, nid: p.nid, rid: p.rid, name: p.name, photoUrl: p.photoUrl, publicUrl: null, ciphertext: null }
}

function skillView(s: FakeSkill): Obj {
  return {
    id: s.id,
    ontologyId: s.ontologyId,
    type: ['SKILL'],
    entityStatus: 'ACTIVE',
    preferredLabel: s.prettyName,
    createdDateTime: '2019-01-01T00:00:00.000Z',
    modifiedDateTime: null,
    definition: null,
    altLabel: [s.name],
    broader: [],
    broaderIds: [],
    narrowerIds: [],
    legacySkillNid: s.name,
    prettyName: s.prettyName,
    legacySkillId: null
  }
}

function freelancerProfileView(ctx: GqlContext): Obj {
  const u = ctx.data.user
  return {
    user: () => currentUserView(ctx),
    personalData: {
      firstName: u.firstName,
      lastName: u.lastName,
      portrait: portrait(u.photoUrl),
      title: u.title,
      description: u.overview,
      chargeRate: money(u.hourlyRate),
      workPhone: null,
      profileUrl: `https://www.upwork.com/freelancers/${u.ciphertext}`,
      profileState: 'ACCEPTED'
    },
    skills: { edges: u.skills.map((s) => ({ node: skillView(s) })) },
    aggregates: {
      lastWorkedDateTime: new Date(ctx.now() - 86_400_000).toISOString(),
      totalHourlyJobs: u.totalHourlyJobs,
      totalFixedJobs: u.totalFixedJobs,
      responsiveness: 'HIGH',
      totalRevenue: money(u.totalEarnings),
      currentContracts: 2,
      jobSuccessScore: u.jobSuccessScore,
      topRatedStatus: 'top_rated',
      totalHours: u.totalHours,
      totalFeedback: u.totalFeedback,
      totalEarnings: money(u.totalEarnings)
    },
    fullName: u.name,
    firstName: u.firstName,
    lastName: u.lastName,
    countryDetails: { id: 'PL', name: u.location.country, twoLetterAbbreviation: 'PL', threeLetterAbbreviation: 'POL', region: 'EU', phoneCode: '48', active: true, registrationAllowed: true },
    portrait: portrait(u.photoUrl)
  }
}

function talentProfileView(ctx: GqlContext): Obj {
  const u = ctx.data.user
  return {
    personId: u.id,
    identity: { id: u.id, ciphertext: u.ciphertext },
    personalData: {
      firstName: u.firstName,
      lastName: u.lastName,
      portrait: portrait(u.photoUrl),
      title: u.title,
      description: u.overview,
      chargeRate: money(u.hourlyRate),
      profileUrl: `https://www.upwork.com/freelancers/${u.ciphertext}`,
      profileState: 'ACCEPTED',
      location: { country: u.location.country, state: u.location.state, city: u.location.city, zip: null, timezone: u.location.timezone }
    },
    skills: u.skills.map((s, i) => ({ id: s.id, skill: s.name, prettyName: s.prettyName, status: 'ACTIVE', description: null, rank: String(i + 1), ontologySkill: skillView(s) })),
    profileAggregates: {
      lastWorkedOn: new Date(ctx.now() - 86_400_000).toISOString(),
      totalHourlyJobs: u.totalHourlyJobs,
      totalFixedJobs: u.totalFixedJobs,
      topRatedStatus: 'top_rated',
      totalFeedback: u.totalFeedback,
      totalEarnings: u.totalEarnings,
      totalJobs: u.totalHourlyJobs + u.totalFixedJobs
    }
  }
}

function currentUserView(ctx: GqlContext): Obj {
  const u = ctx.data.user
  return {
    id: u.id,
    nid: u.nid,
    rid: u.rid,
    email: u.email,
    name: u.name,
    photoUrl: u.photoUrl,
    ciphertext: u.ciphertext,
    freelancerProfile: () => freelancerProfileView(ctx),
    talentProfile: () => talentProfileView(ctx)
  }
}

// ------------------------------------------------------------------ jobs

function findCategory(ctx: GqlContext, job: FakeJob): { category?: Obj; sub?: Obj } {
  const cat = ctx.data.categories.find((c) => c.id === job.categoryId)
  const sub = cat?.subcategories.find((s) => s.id === job.subcategoryId)
  const entity = (id: string, label: string, slug: string): Obj => ({
    id,
    ontologyId: `upwork:${slug}`,
    type: ['CATALOG_CATEGORY'],
    entityStatus: 'ACTIVE',
    preferredLabel: label,
    definition: null,
    createdDateTime: null,
    modifiedDateTime: null
  })
  return { category: cat && entity(cat.id, cat.preferredLabel, cat.slug), sub: sub && entity(sub.id, sub.preferredLabel, sub.slug) }
}

function jobPostingView(job: FakeJob, ctx: GqlContext): Obj {
  const { category, sub } = findCategory(ctx, job)
  const engagementDuration = durationInfo(job.duration)
  const hourly = job.contractType === 'HOURLY'
  const loc = job.client.location
  const applicants = job.totalApplicants
  return {
    id: job.id,
    workFlowState: { closeResult: null, status: 'ACTIVE' },
    activityStat: {
      applicationsBidStats:
        applicants === 0
          ? { avgRateBid: null, minRateBid: null, maxRateBid: null, avgInterviewedRateBid: null }
          : hourly
            ? { avgRateBid: money(38.5), minRateBid: money(15), maxRateBid: money(95), avgInterviewedRateBid: money(55) }
            : { avgRateBid: money(Math.round(job.amount * 0.9)), minRateBid: money(Math.round(job.amount * 0.4)), maxRateBid: money(Math.round(job.amount * 1.6)), avgInterviewedRateBid: null },
      jobActivity: {
        lastClientActivity: job.publishedDateTime,
        invitesSent: Math.min(5, Math.floor(applicants / 4)),
        totalInvitedToInterview: Math.floor(applicants / 6),
        totalHired: 0,
        totalUnansweredInvites: 0,
        totalOffered: 0,
        totalRecommended: null
      }
    },
    content: { title: job.title, description: job.description },
    attachments: [],
    classification: {
      category: category ?? null,
      subCategory: sub ?? null,
      occupation: job.occupation
        ? { id: job.occupation.id, ontologyId: `upwork:occupation-${job.occupation.id}`, type: ['OCCUPATION'], entityStatus: 'ACTIVE', preferredLabel: job.occupation.prefLabel, definition: null, createdDateTime: null, modifiedDateTime: null, skills: [] }
        : null,
      skills: job.skills.map(skillView),
      additionalSkills: []
    },
    contractTerms: {
      contractStartDate: null,
      contractEndDate: null,
      contractType: job.contractType,
      onSiteType: 'REMOTE',
      personsToHire: job.freelancersToHire,
      experienceLevel: job.experienceLevel,
      fixedPriceContractTerms: hourly ? null : { amount: money(job.amount), maxAmount: null, engagementDuration },
      hourlyContractTerms: hourly
        ? {
            engagementDuration,
            engagementType: job.engagementType,
            notSureProjectDuration: job.duration === null,
            hourlyBudgetType: job.hourlyBudgetType,
            hourlyBudgetMin: job.hourlyBudgetMin,
            hourlyBudgetMax: job.hourlyBudgetMax
          }
        : null,
      notSurePersonsToHire: false,
      notSureExperiencelevel: false
    },
    contractorSelection: {
      proposalRequirement: {
        coverLetterRequired: job.coverLetterRequired,
        freelancerMilestonesAllowed: !hourly,
        screeningQuestions: job.screeningQuestions.map((question, i) => ({ question, sequenceNumber: i + 1 }))
      },
      qualification: {
        contractorType: 'ALL',
        englishProficiency: 'ANY',
        hasPortfolio: false,
        hoursWorked: null,
        risingTalent: true,
        jobSuccessScore: null
      },
      location: {
        countries: job.preferredFreelancerLocation ?? [],
        states: [],
        timezones: [],
        localCheckRequired: false,
        localMarket: false,
        notSureLocationPreference: job.preferredFreelancerLocation === null,
        localDescription: null,
        localFlexibilityDescription: null
      }
    },
    clientCompanyPublic: {
      id: job.client.companyOrgUid,
      legacyType: 'CLIENT',
      teamsEnabled: false,
      canHire: true,
      hidden: false,
      country: loc?.country ? { id: null, name: loc.country, twoLetterAbbreviation: null, threeLetterAbbreviation: null, region: 'OTHER', phoneCode: null, active: true, registrationAllowed: true } : null,
      state: loc?.state ?? null,
      city: loc?.city ?? null,
      timezone: loc?.timezone ?? null,
      accountingEntity: null,
      billingType: 'BILL',
      paymentVerification: {
        status: job.client.verificationStatus === 'VERIFIED' ? 'VERIFIED' : 'VERIFICATIONINPROGRESS',
        paymentVerified: job.client.verificationStatus === 'VERIFIED'
      }
    },
    canClientReceiveContractProposal: true
  }
}

function jobSearchNode(job: FakeJob, ctx: GqlContext, terms: readonly string[], applied: ReadonlySet<string>): Obj {
  const cat = ctx.data.categories.find((c) => c.id === job.categoryId)
  const sub = cat?.subcategories.find((s) => s.id === job.subcategoryId)
  const c = job.client
  const published = Date.parse(job.publishedDateTime)
  return {
    id: job.id,
    job: () => jobPostingView(job, ctx),
    title: job.title,
    description: job.description,
    ciphertext: job.ciphertext,
    duration: job.duration,
    durationLabel: job.durationLabel,
    engagement: job.engagement,
    amount: money(job.amount),
    recordNumber: job.id.slice(-9),
    experienceLevel: job.experienceLevel,
    category: job.category,
    subcategory: job.subcategory,
    freelancersToHire: job.freelancersToHire,
    relevance: {
      id: job.id,
      effectiveCandidates: job.totalApplicants,
      recommendedEffectiveCandidates: Math.floor(job.totalApplicants / 3),
      uniqueImpressions: job.totalApplicants * 7 + 3,
      publishTime: String(published),
      hoursInactive: Math.max(0, Math.floor((ctx.now() - published) / 3_600_000))
    },
    enterprise: job.enterprise,
    relevanceEncoded: '',
    totalApplicants: job.totalApplicants,
    preferredFreelancerLocation: job.preferredFreelancerLocation,
    preferredFreelancerLocationMandatory: (job.preferredFreelancerLocation?.length ?? 0) > 0,
    premium: job.premium,
    clientNotSureFields: [],
    clientPrivateFields: [],
    applied: applied.has(job.id),
    createdDateTime: job.createdDateTime,
    publishedDateTime: job.publishedDateTime,
    renewedDateTime: job.renewedDateTime,
    client: {
      memberSinceDateTime: c.memberSinceDateTime,
      totalHires: c.totalHires,
      totalPostedJobs: c.totalPostedJobs,
      totalSpent: money(c.totalSpent),
      verificationStatus: c.verificationStatus,
      location: c.location ? { ...c.location, offsetToUTC: null } : null,
      totalReviews: c.totalReviews,
      totalFeedback: c.totalFeedback,
      companyRid: c.companyRid,
      companyName: c.companyName,
      edcUserId: c.edcUserId,
      lastContractPlatform: null,
      lastContractRid: null,
      lastContractTitle: null,
      companyOrgUid: c.companyOrgUid,
      hasFinancialPrivacy: c.totalSpent === null
    },
    skills: job.skills.map((s) => ({ id: null, name: s.name, prettyName: s.prettyName, highlighted: terms.some((t) => matchesTerm(s.prettyName, t) || matchesTerm(s.name, t)) })),
    occupations:
      cat && job.occupation
        ? { category: { id: cat.id, prefLabel: cat.preferredLabel }, subCategories: sub ? [{ id: sub.id, prefLabel: sub.preferredLabel }] : [], occupationService: { id: job.occupation.id, prefLabel: job.occupation.prefLabel } }
        : null,
    hourlyBudgetType: job.hourlyBudgetType,
    hourlyBudgetMin: money(job.hourlyBudgetMin),
    hourlyBudgetMax: money(job.hourlyBudgetMax),
    localJobUserDistance: null,
    weeklyBudget: money(job.weeklyBudget),
    engagementDuration: durationInfo(job.duration),
    totalFreelancersToHire: job.freelancersToHire,
    teamId: null
  }
}

// ------------------------------------------------------------------ messaging

function personById(ctx: GqlContext, id: string): FakePerson | undefined {
  return ctx.data.people.find((p) => p.id === id)
}

function roomUserOf(ctx: GqlContext, userId: string, role: string): Obj {
  const p = personById(ctx, userId)
  if (p) return { user: genericUserOfPerson(p), organization: genericOrgOfPerson(p), role }
  const self = ctx.data.organizations[0]
  return { user: genericUserOfSelf(ctx.data.user), organization: self ? { ...currentOrg(self) } : null, role }
}

export function unreadCount(room: FakeRoom, selfId: string): number {
  return room.stories.filter((s) => s.userId !== selfId && s.createdDateTime > room.lastReadDateTime).length
}

function storyView(story: FakeStory, ctx: GqlContext): Obj {
  const author = roomUserOf(ctx, story.userId, 'member')
  return {
    id: story.id,
    room: () => {
      const room = ctx.data.rooms.find((r) => r.id === story.roomId)
      if (!room) throw fetchError('Room not found')
      return roomView(room, ctx)
    },
    createdDateTime: story.createdDateTime,
    updatedDateTime: story.updatedDateTime,
    user: author.user,
    message: story.message,
    organization: author.organization,
    attachments: []
  }
}

interface StoryFilterArg {
  storyCreatedDateTime_bt?: { rangeStart?: string | null; rangeEnd?: string | null } | null
  pagination?: { after?: string | null; first: number } | null
}

/** Accepts ISO strings or epoch milliseconds, since the reference does not say which it wants. */
function parseTime(value: string | null | undefined): number | null {
  if (value == null || value === '') return null
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value)
  if (Number.isNaN(ms)) throw fetchError(`Invalid date-time: ${value.slice(0, 40)}`)
  return ms
}

/** Newest first, like the room list: clients reverse for display. */
function storiesConnection(room: FakeRoom, ctx: GqlContext, filter: StoryFilterArg | null | undefined): Obj {
  const from = parseTime(filter?.storyCreatedDateTime_bt?.rangeStart)
  const to = parseTime(filter?.storyCreatedDateTime_bt?.rangeEnd)
  const stories = room.stories
    .filter((s) => {
      const t = Date.parse(s.createdDateTime)
      return (from === null || t >= from) && (to === null || t <= to)
    })
    .sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime) || b.id.localeCompare(a.id))
  const page = paginate(stories, filter?.pagination, 50)
  return {
    totalCount: page.totalCount,
    edges: page.items.map(({ cursor, item }) => ({ cursor, node: storyView(item, ctx) })),
    pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage }
  }
}

function roomView(room: FakeRoom, ctx: GqlContext): Obj {
  const client = personById(ctx, room.clientPersonId)
  const self = roomUserOf(ctx, ctx.data.user.id, 'member')
  const other = client ? roomUserOf(ctx, client.id, 'owner') : null
  const latest = [...room.stories].sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime))[0]
  const personal = ctx.data.organizations[0]
  return {
    id: room.id,
    roomName: room.roomName,
    organization: personal ? currentOrg(personal) : null,
    creator: other,
    createdAtDateTime: room.createdAtDateTime,
    public: false,
    topic: room.topic,
    owner: other,
    numUnread: unreadCount(room, ctx.data.user.id),
    favorite: room.favorite,
    numUnreadMentions: 0,
    roomUsers: other ? [self, other] : [self],
    numUsers: other ? 2 : 1,
    joinDateTime: room.createdAtDateTime,
    lastVisitedDateTime: room.lastReadDateTime,
    lastReadDateTime: room.lastReadDateTime,
    roomType: room.roomType,
    readOnly: false,
    hidden: room.hidden,
    muted: false,
    contractId: room.contractId,
    vendorProposal: () => {
      const p = ctx.data.proposals.find((x) => x.id === room.vendorProposalId)
      return p ? proposalView(p, ctx) : null
    },
    roomNotePresent: false,
    offerIds: room.offerIds,
    latestStory: latest ? storyView(latest, ctx) : null,
    story: ({ id }: { id: string }) => {
      const s = room.stories.find((x) => x.id === id)
      return s ? storyView(s, ctx) : null
    },
    stories: ({ filter }: { filter?: StoryFilterArg | null }) => storiesConnection(room, ctx, filter)
  }
}

function findRoom(ctx: GqlContext, id: string | null | undefined): FakeRoom {
  const room = id ? ctx.data.rooms.find((r) => r.id === id) : undefined
  if (!room) throw fetchError(`Room not found: ${String(id).slice(0, 80)}`)
  return room
}

// ------------------------------------------------------------------ proposals

function proposalView(p: FakeProposal, ctx: GqlContext): Obj {
  const job = ctx.data.jobs.find((j) => j.id === p.jobId)
  const org = ctx.data.organizations.find((o) => o.id === p.organizationId) ?? ctx.data.organizations[0]
  const self = genericUserOfSelf(ctx.data.user)
  return {
    id: p.id,
    user: self,
    organization: org ? currentOrg(org) : null,
    marketplaceJobPosting: () => {
      if (!job) throw fetchError('Job posting not found')
      return jobPostingView(job, ctx)
    },
    terms: { chargeRate: money(p.chargeRate), estimatedDuration: p.estimatedDuration, upfrontPaymentPercent: null },
    coverLetter: p.coverLetter,
    proposalCoverLetter: p.coverLetter,
    projectPlan: p.milestones ? { id: `${p.id}-plan`, milestones: p.milestones } : null,
    auditDetails: {
      createdByUser: self,
      modifiedByUser: p.modifiedDateTime ? self : null,
      createdDateTime: dateTime(p.createdDateTime),
      modifiedDateTime: dateTime(p.modifiedDateTime)
    },
    status: { status: p.status, reason: p.declineReason ? { id: '1', reason: p.declineReason, description: null } : null },
    annotations: []
  }
}

export const VENDOR_PROPOSALS_MAX_PAGE = 40

// ------------------------------------------------------------------ root

type Args = Record<string, unknown>

export const rootValue = {
  user: (_: Args, ctx: GqlContext) => currentUserView(ctx),
  organization: (_: Args, ctx: GqlContext) => currentOrg(ctx.tenant),
  companySelector: (_: Args, ctx: GqlContext) => ({
    items: ctx.data.organizations.map((o) => ({
      title: o.name,
      photoUrl: null,
      organizationId: o.id,
      organizationRid: o.rid,
      organizationType: o.kind === 'personal' ? 'SoleProprietor' : 'Business',
      organizationLegacyType: 'Vendor',
      organizationEnterpriseType: 'Standard',
      legacyEnterpriseOrganization: false,
      typeTitle: o.kind === 'personal' ? 'Freelancer' : 'Agency'
    }))
  }),

  marketplaceJobPostingsSearch: (
    args: { marketPlaceJobFilter?: SearchFilter | null; sortAttributes?: Array<{ field: SortField } | null> | null },
    ctx: GqlContext
  ) => {
    const filter = args.marketPlaceJobFilter
    const sort = args.sortAttributes?.find((s) => s !== null)?.field ?? 'RECENCY'
    const jobs = sortJobs(filterJobs(ctx.data.jobs, filter), sort, filter)
    const page = paginate(jobs, filter?.pagination_eq, SEARCH_PAGE_CAP)
    const terms = highlightTerms(filter)
    const applied = new Set(ctx.data.proposals.filter((p) => p.status !== 'Withdrawn').map((p) => p.jobId))
    return {
      totalCount: page.totalCount,
      edges: page.items.map(({ cursor, item }) => ({ cursor, node: jobSearchNode(item, ctx, terms, applied) })),
      pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage }
    }
  },

  marketplaceJobPosting: ({ id }: { id: string }, ctx: GqlContext) => {
    // Field report: only the numeric id works; a ciphertext is "not found".
    const job = /^\d+$/.test(id) ? ctx.data.jobs.find((j) => j.id === id) : undefined
    if (!job) throw fetchError(`Job posting not found: ${id.slice(0, 80)}`)
    return jobPostingView(job, ctx)
  },

  freelancerProfileByProfileKey: ({ profileKey }: { profileKey: string }, ctx: GqlContext) => {
    if (profileKey !== ctx.data.user.ciphertext) throw fetchError('Profile not found')
    return freelancerProfileView(ctx)
  },
  talentProfileByProfileKey: ({ profileKey }: { profileKey: string }, ctx: GqlContext) => {
    if (profileKey !== ctx.data.user.ciphertext) throw fetchError('Profile not found')
    return talentProfileView(ctx)
  },

  ontologyCategories: (_: Args, ctx: GqlContext) =>
    ctx.data.categories.map((c) => ({
      id: c.id,
      preferredLabel: c.preferredLabel,
      altLabel: [],
      slug: c.slug,
      ontologyId: `upwork:${c.slug}`,
      subcategories: c.subcategories.map((s) => ({
        id: s.id,
        preferredLabel: s.preferredLabel,
        altLabel: [],
        slug: s.slug,
        ontologyId: `upwork:${s.slug}`,
        services: [{ id: `${s.id}01`, preferredLabel: `${s.preferredLabel} (general)`, altLabel: [], slug: `${s.slug}-general`, ontologyId: `upwork:${s.slug}-general` }]
      })),
      services: []
    })),
  ontologySkills: ({ limit, offset }: { limit: number; offset?: number | null }, ctx: GqlContext) => {
    if (limit < 1 || limit > 500) throw fetchError('limit must be between 1 and 500')
    const start = Math.max(0, offset ?? 0)
    return ctx.data.skills.slice(start, start + limit).map(skillView)
  },

  room: ({ id }: { id: string }, ctx: GqlContext) => roomView(findRoom(ctx, id), ctx),
  roomList: (
    args: {
      filter?: { roomType_eq?: string | null; unreadRoomsOnly_eq?: boolean | null; includeHidden_eq?: boolean | null; includeFavorites_eq?: boolean | null; objectReferenceId_eq?: string | null; activeSince_eq?: string | null; roomCategory_eq?: string | null } | null
      pagination?: { after?: string | null; first: number } | null
      sortOrder?: 'ASC' | 'DESC' | null
    },
    ctx: GqlContext
  ) => {
    const f = args.filter ?? {}
    const selfId = ctx.data.user.id
    const activeSince = parseTime(f.activeSince_eq)
    const lastActivity = (r: FakeRoom): string => r.stories.reduce((m, s) => (s.createdDateTime > m ? s.createdDateTime : m), r.createdAtDateTime)
    const rooms = ctx.data.rooms
      .filter((r) => {
        if (r.hidden && !f.includeHidden_eq) return false
        if (f.roomType_eq && f.roomType_eq !== 'ALL' && r.roomType !== f.roomType_eq) return false
        if (f.unreadRoomsOnly_eq && unreadCount(r, selfId) === 0) return false
        if (f.roomCategory_eq === 'FAVORITES' && !r.favorite) return false
        if (f.roomCategory_eq === 'INTERVIEW' && r.roomType !== 'INTERVIEW') return false
        if (f.roomCategory_eq === 'GROUP' && r.roomType !== 'GROUP') return false
        if (f.roomCategory_eq === 'PEOPLE' && r.roomType !== 'ONE_ON_ONE') return false
        if (f.objectReferenceId_eq && ![r.contractId, r.vendorProposalId, ...r.offerIds].includes(f.objectReferenceId_eq)) return false
        if (activeSince !== null && Date.parse(lastActivity(r)) < activeSince) return false
        return true
      })
      .sort((a, b) => (args.sortOrder === 'ASC' ? lastActivity(a).localeCompare(lastActivity(b)) : lastActivity(b).localeCompare(lastActivity(a))))
    const page = paginate(rooms, args.pagination, 100)
    return {
      totalCount: page.totalCount,
      edges: page.items.map(({ item }) => ({ node: roomView(item, ctx) })),
      pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage }
    }
  },
  roomStories: ({ filter }: { filter?: { roomId_eq: string; storyFilter?: StoryFilterArg | null } | null }, ctx: GqlContext) => {
    if (!filter) throw fetchError('filter.roomId_eq is required')
    return storiesConnection(findRoom(ctx, filter.roomId_eq), ctx, filter.storyFilter)
  },
  roomStory: ({ roomId, storyId }: { roomId: string; storyId: string }, ctx: GqlContext) => {
    const story = findRoom(ctx, roomId).stories.find((s) => s.id === storyId)
    return story ? storyView(story, ctx) : null
  },

  proposalRoom: ({ vendorProposalId }: { vendorProposalId: string }, ctx: GqlContext) => {
    const room = ctx.data.rooms.find((r) => r.vendorProposalId === vendorProposalId)
    if (!room) throw fetchError(`Room not found for proposal ${vendorProposalId.slice(0, 80)}`)
    return roomView(room, ctx)
  },
  offerRoom: ({ offerId }: { offerId: string }, ctx: GqlContext) => {
    const room = ctx.data.rooms.find((r) => r.offerIds.includes(offerId))
    return room ? roomView(room, ctx) : null
  },
  contractRoom: ({ contractId }: { contractId: string }, ctx: GqlContext) => {
    const room = ctx.data.rooms.find((r) => r.contractId === contractId)
    return room ? roomView(room, ctx) : null
  },

  createRoomStoryV2: ({ input }: { input: { roomId?: string | null; message?: string | null } }, ctx: GqlContext) => {
    const room = findRoom(ctx, input.roomId)
    const message = input.message ?? ''
    if (message.trim() === '') throw fetchError('message must not be empty')
    if (message.length > 50_000) throw fetchError('message is too long')
    return storyView(ctx.addStory(room.id, ctx.data.user.id, message), ctx)
  },

  /**
   * Opt-in (schema.ts `proposalSubmitTypeDefs`): creates a Pending vendorProposal for the job. A
   * refusal is reported in `error` with HTTP 200, as upwork-api.md §3 says a failed one does.
   */
  createJobProposal: (
    { input }: { input: { jobReference: string; coverLetter: string; chargedAmount: number; teamOrgId?: string | null; estimatedDuration?: string | null } },
    ctx: GqlContext
  ) => {
    const refuse = (error: string): Obj => ({ newProposalId: null, status: 'FAILED', error })
    const job = ctx.data.jobs.find((j) => j.id === input.jobReference)
    if (!job) return refuse(`Job posting not found: ${input.jobReference.slice(0, 80)}`)
    if (input.coverLetter.trim() === '') return refuse('Cover letter is required')
    if (input.coverLetter.length > 50_000) return refuse('Cover letter is too long')
    if (!(input.chargedAmount > 0)) return refuse('chargedAmount must be greater than 0')
    if (ctx.data.proposals.some((p) => p.jobId === job.id && p.status !== 'Withdrawn')) return refuse('You have already submitted a proposal to this job')
    const org = ctx.data.organizations.find((o) => o.id === input.teamOrgId) ?? ctx.tenant
    const at = new Date(ctx.now()).toISOString()
    const proposal: FakeProposal = {
      id: String(1790371530286500000n + BigInt(ctx.data.proposals.length + 1)),
      jobId: job.id,
      status: 'Pending',
      coverLetter: input.coverLetter,
      chargeRate: input.chargedAmount,
      estimatedDuration: input.estimatedDuration ? { id: input.estimatedDuration, label: input.estimatedDuration } : null,
      milestones: null,
      createdDateTime: at,
      modifiedDateTime: null,
      organizationId: org.id,
      declineReason: null
    }
    ctx.data.proposals.push(proposal)
    return { newProposalId: proposal.id, status: 'SUBMITTED', error: null }
  },

  vendorProposal: ({ id }: { id: string }, ctx: GqlContext) => {
    const p = ctx.data.proposals.find((x) => x.id === id)
    if (!p) throw fetchError(`Proposal not found: ${id.slice(0, 80)}`)
    return proposalView(p, ctx)
  },
  vendorProposals: (
    args: {
      filter: { status_eq: string; annotations_eq?: string | null; freelancerId_eq?: string | null; organizationId_eq?: string | null; jobPostingIds_any?: string[] | null }
      sortAttribute: { field: 'CREATEDDATETIME' | 'MODIFIEDDATETIME'; sortOrder: 'ASC' | 'DESC' }
      pagination: { after?: string | null; first: number }
    },
    ctx: GqlContext
  ) => {
    if (args.pagination.first > VENDOR_PROPOSALS_MAX_PAGE) {
      throw fetchError(`VJCA-6: Page size must be less than or equal to ${VENDOR_PROPOSALS_MAX_PAGE}`)
    }
    const f = args.filter
    // Annotations (Hidden/OnHold) are never set on seeded proposals, so that filter matches none.
    const list = ctx.data.proposals.filter(
      (p) =>
        p.status === f.status_eq &&
        !f.annotations_eq &&
        (!f.freelancerId_eq || f.freelancerId_eq === ctx.data.user.id) &&
        (!f.organizationId_eq || f.organizationId_eq === p.organizationId) &&
        (!f.jobPostingIds_any?.length || f.jobPostingIds_any.includes(p.jobId))
    )
    const key = (p: FakeProposal): string => (args.sortAttribute.field === 'MODIFIEDDATETIME' ? (p.modifiedDateTime ?? p.createdDateTime) : p.createdDateTime)
    list.sort((a, b) => (args.sortAttribute.sortOrder === 'ASC' ? key(a).localeCompare(key(b)) : key(b).localeCompare(key(a))))
    const page = paginate(list, args.pagination, VENDOR_PROPOSALS_MAX_PAGE)
    return {
      totalCount: page.totalCount,
      edges: page.items.map(({ cursor, item }) => ({ cursor, node: proposalView(item, ctx) })),
      pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage }
    }
  }
}
