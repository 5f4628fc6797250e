/**
 * Types shared by the fake Upwork server's pieces. The public surface (what tests and other
 * engineers code against) is re-exported from index.ts; everything here is plain data so a test
 * can read or tweak `fake.data` directly.
 */

/** Capabilities a key can hold. Mirrors the key-form scope labels in upwork-api.md §1, in our own short names. */
export type Scope =
  | 'jobs:read'
  | 'jobs:details'
  | 'profile:read'
  | 'ontology:read'
  | 'messages:read'
  | 'messages:write'
  | 'proposals:read'
  | 'proposal:submit'

export const ALL_SCOPES: readonly Scope[] = [
  'jobs:read',
  'jobs:details',
  'profile:read',
  'ontology:read',
  'messages:read',
  'messages:write',
  'proposals:read',
  'proposal:submit'
]

/** "Submit Proposal" is granted per key and rare (upwork-api.md §2.6), so a fresh fake key lacks it. */
export const DEFAULT_SCOPES: readonly Scope[] = ALL_SCOPES.filter((s) => s !== 'proposal:submit')

export interface OAuthClient {
  clientId: string
  clientSecret: string
  redirectUris: string[]
}

export interface RecordedRequest {
  at: number
  method: string
  /** Path without the query string (the authorize query carries codes and state). */
  path: string
  operationName?: string
  query?: string
  variables?: unknown
  grantType?: string
  /** HTTP status sent; 0 while in flight or when the connection was dropped on purpose. */
  status: number
  /** Whether a Bearer header was present. Token values are never recorded. */
  authorization?: 'bearer' | 'none'
}

// ---------------------------------------------------------------------------------------------
// Faults
// ---------------------------------------------------------------------------------------------

export type Fault =
  | {
      kind: 'rateLimit'
      /** Retry-After in seconds (default 2). `null` sends no Retry-After header at all. */
      retryAfterSeconds?: number | null
      /** Send Retry-After as an HTTP-date instead of seconds. */
      retryAfterDate?: boolean
    }
  | { kind: 'serverError'; status?: 500 | 502 | 503 }
  | { kind: 'expiredToken' }
  | { kind: 'forbidden' }
  | { kind: 'scopeError'; field?: string }
  | { kind: 'malformedJson' }
  | { kind: 'missingFields'; fields: string[] }
  | { kind: 'wrongTypes' }
  | { kind: 'nullFields'; fields: string[] }
  | { kind: 'delay'; ms: number }
  /**
   * The socket is destroyed with no response. By default before the request is processed (it
   * never happened); `afterProcessing: true` processes it first (a write is applied) and then
   * drops the connection: the client cannot tell, which is the "lost response" case.
   */
  | { kind: 'dropConnection'; afterProcessing?: boolean }

export type FaultPath = 'graphql' | 'token' | 'any'

export interface FaultOptions {
  /** How many matching requests to hit (default 1). `Infinity` keeps it on until `clear()`. */
  count?: number
  /** Which endpoint (default 'graphql'). 'any' = GraphQL and token endpoint. */
  path?: FaultPath
  /** Only GraphQL requests whose operation name equals this. */
  operation?: string
}

export interface FaultControl {
  /** Queue a fault for the next N matching requests. Queued faults are consumed in FIFO order. */
  next(fault: Fault, opts?: FaultOptions): void
  clear(): void
  /** What is still queued (a copy), for debugging. */
  pending(): Array<{ fault: Fault; remaining: number; path: FaultPath; operation?: string }>
}

// ---------------------------------------------------------------------------------------------
// Seeded dataset
// ---------------------------------------------------------------------------------------------

export type ContractType = 'HOURLY' | 'FIXED'
export type ExperienceLevel = 'ENTRY_LEVEL' | 'INTERMEDIATE' | 'EXPERT'
export type JobDuration = 'WEEK' | 'MONTH' | 'QUARTER' | 'SEMESTER' | 'ONGOING'
export type EngagementType = 'FULL_TIME' | 'PART_TIME' | 'AS_NEEDED' | 'NOT_SURE'
export type HourlyBudgetType = 'DEFAULT' | 'MANUAL' | 'NOT_PROVIDED'
export type ClientVerificationStatus =
  | 'VERIFIED'
  | 'NOT_VERIFIED'
  | 'ACTIVE_BUT_NOT_VERIFIED'
  | 'VERIFICATION_IN_PROGRESS'
  | 'UNKNOWN'

export interface FakeSkill {
  /** Numeric ontology id (what `ontologySkillIds_all` takes). */
  id: string
  /** e.g. `upwork:TypeScript` */
  ontologyId: string
  /** Canonical lower-case name, e.g. `typescript`. */
  name: string
  prettyName: string
}

export interface FakeSubcategory {
  id: string
  slug: string
  preferredLabel: string
}

export interface FakeCategory {
  id: string
  slug: string
  preferredLabel: string
  subcategories: FakeSubcategory[]
}

export interface FakeLocation {
  country: string | null
  city: string | null
  state: string | null
  timezone: string | null
}

export interface FakeClient {
  companyRid: string
  companyOrgUid: string
  edcUserId: string
  companyName: string | null
  totalHires: number
  totalPostedJobs: number
  /** USD; null = not disclosed. */
  totalSpent: number | null
  verificationStatus: ClientVerificationStatus | null
  location: FakeLocation | null
  totalReviews: number
  totalFeedback: number
  memberSinceDateTime: string | null
}

export interface FakeJob {
  /** Numeric string; what `marketplaceJobPosting(id)` takes. Newer jobs have larger ids. */
  id: string
  /** `~02…`; the public URL is https://www.upwork.com/jobs/<ciphertext>. */
  ciphertext: string
  title: string
  description: string
  contractType: ContractType
  /** Fixed-price budget in USD (0 for hourly jobs, like the real search node). */
  amount: number
  hourlyBudgetType: HourlyBudgetType | null
  hourlyBudgetMin: number | null
  hourlyBudgetMax: number | null
  weeklyBudget: number | null
  duration: JobDuration | null
  durationLabel: string | null
  /** Display string, e.g. "Less than 30 hrs/week". */
  engagement: string | null
  engagementType: EngagementType
  experienceLevel: ExperienceLevel
  categoryId: string | null
  subcategoryId: string | null
  /** Slugs shown on the search node (null when the job has no classification). */
  category: string | null
  subcategory: string | null
  occupation: { id: string; prefLabel: string } | null
  skills: FakeSkill[]
  totalApplicants: number
  freelancersToHire: number
  createdDateTime: string
  publishedDateTime: string
  renewedDateTime: string | null
  preferredFreelancerLocation: string[] | null
  enterprise: boolean
  premium: boolean
  coverLetterRequired: boolean
  screeningQuestions: string[]
  client: FakeClient
}

export interface FakeUser {
  id: string
  nid: string
  rid: string
  email: string
  name: string
  firstName: string
  lastName: string
  photoUrl: string
  /** Profile key (`~01…`) for talentProfileByProfileKey / freelancerProfileByProfileKey. */
  ciphertext: string
  title: string
  overview: string
  hourlyRate: number
  skills: FakeSkill[]
  location: FakeLocation
  jobSuccessScore: number
  totalFeedback: number
  totalHourlyJobs: number
  totalFixedJobs: number
  totalEarnings: number
  totalHours: number
}

export interface FakeOrganization {
  id: string
  rid: string
  legacyId: string
  name: string
  kind: 'personal' | 'agency'
  creationDate: string
}

/** Someone on the other side of a conversation (a client's user). */
export interface FakePerson {
  id: string
  nid: string
  rid: string
  name: string
  photoUrl: string
  orgId: string
  orgName: string
}

export interface FakeStory {
  id: string
  roomId: string
  /** The freelancer's user id or a FakePerson id. */
  userId: string
  message: string
  createdDateTime: string
  updatedDateTime: string
}

export interface FakeRoom {
  id: string
  roomName: string
  topic: string | null
  roomType: 'ONE_ON_ONE' | 'GROUP' | 'INTERVIEW'
  createdAtDateTime: string
  /** Stories by others after this are unread. */
  lastReadDateTime: string
  favorite: boolean
  hidden: boolean
  /** The client side participant (FakePerson id). */
  clientPersonId: string
  contractId: string | null
  vendorProposalId: string | null
  offerIds: string[]
  /** Oldest first. */
  stories: FakeStory[]
}

export type VendorProposalStatusName =
  | 'Pending'
  | 'Activated'
  | 'Accepted'
  | 'Offered'
  | 'Hired'
  | 'Declined'
  | 'Withdrawn'
  | 'Archived'

export interface FakeProposal {
  id: string
  jobId: string
  status: VendorProposalStatusName
  coverLetter: string
  /** Hourly rate or fixed bid, USD. */
  chargeRate: number
  estimatedDuration: { id: string; label: string } | null
  milestones: Array<{ description: string; dueDate: string; amount: string }> | null
  createdDateTime: string
  modifiedDateTime: string | null
  organizationId: string
  declineReason: string | null
}

export interface FakeData {
  user: FakeUser
  /** [personal freelancer org, agency]; the first is the default tenant. */
  organizations: FakeOrganization[]
  categories: FakeCategory[]
  skills: FakeSkill[]
  jobs: FakeJob[]
  people: FakePerson[]
  rooms: FakeRoom[]
  proposals: FakeProposal[]
}
