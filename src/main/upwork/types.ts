/**
 * GigPilot's own view of Upwork data: what the operations in `operations/` map Upwork's GraphQL
 * responses into. Plain data (no classes), already cleaned (invisible characters stripped, long
 * text capped). The account-level DTOs that cross IPC live in `@shared/types` and are re-exported.
 */
export type {
  AccountState,
  AccountSummary,
  ApiUsage,
  Capabilities,
  CapabilityStatus,
  OrganizationSummary,
  UsageWindow
} from '@shared/types'

export interface Money {
  /** Parsed from Upwork's string `rawValue`; null when it is not a number. */
  amount: number | null
  currency: string
  display: string
}

export type ContractType = 'HOURLY' | 'FIXED'
export type ExperienceLevel = 'ENTRY_LEVEL' | 'INTERMEDIATE' | 'EXPERT'

export interface JobSkill {
  name: string
  prettyName: string
}

export interface JobClient {
  totalHires: number | null
  totalPostedJobs: number | null
  totalSpent: Money | null
  verificationStatus: string | null
  paymentVerified: boolean | null
  country: string | null
  city: string | null
  state: string | null
  timezone: string | null
  totalReviews: number | null
  /** Upwork's average feedback score (0–5). */
  totalFeedback: number | null
}

export interface JobSummary {
  /** Numeric string; the id `getJob` takes. */
  id: string
  ciphertext: string
  /** https://www.upwork.com/jobs/~… (the API has no url field; upwork-api.md §2.1). */
  url: string
  title: string
  description: string
  descriptionTruncated: boolean
  contractType: ContractType | null
  experienceLevel: string | null
  duration: string | null
  durationLabel: string | null
  engagement: string | null
  category: string | null
  subcategory: string | null
  fixedBudget: Money | null
  hourlyBudgetMin: Money | null
  hourlyBudgetMax: Money | null
  weeklyBudget: Money | null
  skills: JobSkill[]
  totalApplicants: number | null
  applied: boolean
  enterprise: boolean
  premium: boolean
  preferredLocations: string[]
  createdAt: string | null
  publishedAt: string | null
  renewedAt: string | null
  client: JobClient | null
}

/** Only filters that Upwork applies server-side (upwork-api.md §2.1); budget, age and workload are filtered in the app. */
export interface JobSearchFilters {
  query?: string
  categoryIds?: string[]
  skillIds?: string[]
  jobType?: ContractType
  experienceLevel?: ExperienceLevel
  verifiedPaymentOnly?: boolean
  after?: string
  /** Page size, 1–50 (Upwork's cap); Upwork often returns about 10 whatever is asked. */
  first?: number
}

export interface JobSearchPage {
  jobs: JobSummary[]
  totalCount: number
  endCursor: string | null
  hasNextPage: boolean
  /** Records dropped because they did not have the expected shape (logged, never fatal). */
  skipped: number
}

export interface ScreeningQuestion {
  question: string
  sequenceNumber: number | null
}

export interface JobDetails {
  id: string
  title: string
  description: string
  descriptionTruncated: boolean
  contractType: ContractType | null
  experienceLevel: string | null
  personsToHire: number | null
  fixedAmount: Money | null
  fixedMaxAmount: Money | null
  durationLabel: string | null
  hourlyEngagementType: string | null
  hourlyBudgetMin: number | null
  hourlyBudgetMax: number | null
  coverLetterRequired: boolean | null
  milestonesAllowed: boolean | null
  screeningQuestions: ScreeningQuestion[]
  category: string | null
  subcategory: string | null
  skills: string[]
  activity: {
    lastClientActivity: string | null
    invitesSent: number | null
    totalInvitedToInterview: number | null
    totalHired: number | null
    totalUnansweredInvites: number | null
    totalOffered: number | null
  } | null
  client: {
    country: string | null
    city: string | null
    state: string | null
    timezone: string | null
    paymentVerified: boolean | null
  } | null
}

export interface UpworkUser {
  id: string
  /** Upwork's username. */
  nid: string
  rid: string
  name: string | null
  email: string | null
  photoUrl: string | null
  ciphertext: string | null
}

export interface UpworkOrganization {
  id: string
  name: string | null
  type: string | null
  legacyType: string | null
}

/** One entry of `companySelector`: an organization the user can act for (its id is the tenant id). */
export interface CompanyChoice {
  organizationId: string
  title: string
  typeTitle: string | null
}

export interface TalentProfileSummary {
  personId: string
  firstName: string
  lastName: string
  title: string | null
  description: string | null
  hourlyRate: Money | null
  profileUrl: string | null
  skills: string[]
  totalEarnings: number | null
  totalJobs: number | null
  totalHourlyJobs: number | null
  totalFixedJobs: number | null
  topRatedStatus: string | null
  /** Job Success Score–like figure (0–100) as Upwork reports it. */
  totalFeedback: number | null
  lastWorkedOn: string | null
}

export interface OntologyItem {
  id: string
  label: string
  slug: string | null
}

export interface Category extends OntologyItem {
  subcategories: OntologyItem[]
}

export interface OntologySkill {
  id: string
  ontologyId: string
  label: string
  prettyName: string | null
}

export interface RoomParticipant {
  userId: string | null
  name: string | null
  organizationId: string | null
  role: string | null
}

export interface Room {
  id: string
  name: string | null
  topic: string | null
  roomType: string | null
  unreadCount: number
  lastReadAt: string | null
  contractId: string | null
  /** The proposal the room is about (Upwork's vendorProposal), when it says. */
  vendorProposalId: string | null
  /** The newest story, as the room list shows it: the sync's cheap "did anything change" signal. */
  latestStory: { id: string; createdAt: string | null; updatedAt: string | null } | null
  participants: RoomParticipant[]
}

export interface RoomPage {
  rooms: Room[]
  totalCount: number | null
  endCursor: string | null
  hasNextPage: boolean
  skipped: number
}

export interface RoomMessage {
  id: string
  createdAt: string
  updatedAt: string | null
  userId: string | null
  userName: string | null
  text: string
  textTruncated: boolean
}

export interface RoomMessagePage {
  messages: RoomMessage[]
  totalCount: number | null
  endCursor: string | null
  hasNextPage: boolean
  skipped: number
}

export { PROPOSAL_STATUSES, type ProposalStatus } from '@shared/types'

export interface Proposal {
  id: string
  jobId: string | null
  /** Upwork's status name as sent (may be one this version does not know yet). */
  status: string
  coverLetter: string | null
  chargeRate: Money | null
  createdAt: string | null
  modifiedAt: string | null
}

export interface ProposalPage {
  proposals: Proposal[]
  totalCount: number | null
  endCursor: string | null
  hasNextPage: boolean
  skipped: number
}
