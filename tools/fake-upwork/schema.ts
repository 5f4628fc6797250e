/**
 * The subset of Upwork's GraphQL schema the fake serves, written by hand. Every type, field,
 * argument and input name/type here matches the introspected reference
 * (/work/shared/upwork/upwork.graphql) so a document valid against the reference and touching only
 * these fields also validates here; schema-compat.test.ts checks that field by field. Fields we do
 * not serve are simply left out (a document asking for them gets a ValidationError, which is fine
 * for a fake). No `createJobProposal`: the reference has none (upwork-api.md §2.6); the opt-in
 * extension below (`proposalSubmitTypeDefs`) adds it when a test or the CLI turns it on.
 */
export const typeDefs = /* GraphQL */ `
type Query {
  user: CurrentUser
  organization: CurrentOrganization
  companySelector: CompanySelector!

  marketplaceJobPostingsSearch(
    marketPlaceJobFilter: MarketplaceJobPostingsSearchFilter
    searchType: MarketplaceJobPostingSearchType
    sortAttributes: [MarketplaceJobPostingSearchSortAttribute]
  ): MarketplaceJobPostingSearchConnection
  marketplaceJobPosting(id: ID!): MarketplaceJobPosting

  freelancerProfileByProfileKey(profileKey: String!): FreelancerProfile!
  talentProfileByProfileKey(profileKey: String!): TalentProfile

  ontologyCategories: [OntologyCategory!]!
  ontologySkills(limit: Int!, offset: Int): [Skill!]!

  room(id: ID!): Room!
  roomList(filter: RoomFilter, pagination: Pagination, sortOrder: SortOrder): RoomConnection!
  roomStories(filter: RoomStoryFilter): RoomStoryConnection
  roomStory(roomId: ID!, storyId: ID!): RoomStory
  proposalRoom(vendorProposalId: ID!): Room!
  offerRoom(offerId: ID!): Room
  contractRoom(contractId: ID!): Room

  vendorProposal(id: ID!): VendorProposal
  vendorProposals(
    filter: VendorProposalFilter!
    sortAttribute: VendorProposalSortAttribute!
    pagination: Pagination!
  ): VendorProposalsConnection!
}

type Mutation {
  createRoomStoryV2(input: RoomStoryCreateInputV2!): RoomStory!
}

# ---------------------------------------------------------------- common

input Pagination {
  after: String
  first: Int!
}

input IntRange {
  rangeStart: Int
  rangeEnd: Int
}

input DateTimeRange {
  rangeStart: String
  rangeEnd: String
}

enum SortOrder {
  ASC
  DESC
}

type PageInfo {
  endCursor: String
  hasNextPage: Boolean
}

type Money {
  rawValue: String!
  currency: String!
  displayValue: String!
}

type DateTime {
  rawValue: String!
  displayValue: String!
}

type Portrait {
  portrait: String
  portrait32: String
  portrait50: String
  portrait100: String
  portrait150: String
  portrait500: String
}

enum CountryRegion {
  EU
  OTHER
}

type Country {
  id: ID
  name: String
  twoLetterAbbreviation: String
  threeLetterAbbreviation: String
  region: CountryRegion!
  phoneCode: String
  active: Boolean
  registrationAllowed: Boolean
}

# ---------------------------------------------------------------- users and organizations

interface User {
  id: ID!
}

type CurrentUser implements User {
  id: ID!
  nid: ID!
  rid: ID!
  email: String
  name: String
  photoUrl: String
  ciphertext: String
  freelancerProfile: FreelancerProfile
  talentProfile: TalentProfile
}

type GenericUser implements User {
  id: ID!
  nid: ID!
  rid: ID!
  name: String
  photoUrl: String
  publicUrl: String
  ciphertext: String
}

enum OrganizationType {
  BUSINESS
  SOLE_PROPRIETOR
}

enum OrganizationLegacyType {
  CLIENT
  VENDOR
}

type OrganizationFlag {
  client: Boolean
  vendor: Boolean
  agency: Boolean
  individual: Boolean
}

interface Organization {
  id: ID!
  rid: ID
  legacyId: ID
  name: String
  type: OrganizationType
  legacyType: OrganizationLegacyType
  flag: OrganizationFlag
  active: Boolean
  hidden: Boolean
  photoUrl: String
  creationDate: String
}

type CurrentOrganization implements Organization {
  id: ID!
  rid: ID
  legacyId: ID
  name: String
  type: OrganizationType
  legacyType: OrganizationLegacyType
  flag: OrganizationFlag
  parentOrganization: CurrentOrganization
  active: Boolean
  hidden: Boolean
  photoUrl: String
  creationDate: String
}

type GenericOrganization implements Organization {
  id: ID!
  rid: ID
  legacyId: ID
  name: String
  type: OrganizationType
  legacyType: OrganizationLegacyType
  flag: OrganizationFlag
  parentOrganization: GenericOrganization
  active: Boolean
  hidden: Boolean
  photoUrl: String
  creationDate: String
}

enum CompanySelectorOrganizationType {
  Business
  SoleProprietor
}

enum CompanySelectorOrganizationLegacyType {
  Client
  Vendor
}

enum CompanySelectorOrganizationEnterpriseType {
  Standard
  Compliance
}

type CompanySelector {
  items: [CompanySelectorItem!]!
}

type CompanySelectorItem {
  title: String!
  photoUrl: String
  organizationId: String!
  organizationRid: String
  organizationType: CompanySelectorOrganizationType
  organizationLegacyType: CompanySelectorOrganizationLegacyType
  organizationEnterpriseType: CompanySelectorOrganizationEnterpriseType
  legacyEnterpriseOrganization: Boolean
  typeTitle: String
}

# ---------------------------------------------------------------- freelancer profile

enum PersonalDataProfileState {
  IN_PROGRESS
  ACCEPTED
  DRAFT
  REJECTED
  UNDER_REVIEW
  NOT_STARTED
  FAILED_REVIEW_QUEUE_SUBMISSION
  ELANCER_ONBOARDING
  AUTO_REJECTED_DELAYED
  IN_PROCESS
  AUTO_ACCEPTED
  AUTO_REJECTED
}

type FreelancerProfile {
  user: CurrentUser!
  personalData: FreelancerProfilePersonalData!
  skills: FreelancerSkillsConnection!
  aggregates: FreelancerProfileAggregates!
  fullName: String!
  firstName: String!
  lastName: String!
  countryDetails: Country
  portrait: Portrait
}

type FreelancerProfilePersonalData {
  firstName: String!
  lastName: String!
  portrait: Portrait
  title: String
  description: String
  chargeRate: Money!
  workPhone: String
  profileUrl: String
  profileState: PersonalDataProfileState
}

type FreelancerSkillsConnection {
  edges: [FreeLancerSkillEdge!]
}

type FreeLancerSkillEdge {
  node: Skill!
}

type FreelancerProfileAggregates {
  lastWorkedDateTime: String
  totalHourlyJobs: Int
  totalFixedJobs: Int
  responsiveness: String
  totalRevenue: Money
  currentContracts: Int
  jobSuccessScore: Float
  topRatedStatus: String
  totalHours: Float
  totalFeedback: Float
  totalEarnings: Money
}

type TalentProfile {
  personId: ID!
  identity: TalentProfileIdentity
  personalData: TalentProfilePersonalData
  skills: [TalentProfilePersonSkill]
  profileAggregates: TalentProfileAggregate
}

type TalentProfileIdentity {
  id: String
  ciphertext: String
}

type TalentProfilePersonalData {
  firstName: String!
  lastName: String!
  portrait: Portrait
  title: String
  description: String
  chargeRate: Money!
  profileUrl: String
  profileState: PersonalDataProfileState
  location: PersonalDataLocation
}

type PersonalDataLocation {
  country: String
  state: String
  city: String
  zip: String
  timezone: String
}

type TalentProfilePersonSkill {
  id: ID
  skill: String
  prettyName: String
  status: String
  description: String
  rank: String
  ontologySkill: Skill
}

type TalentProfileAggregate {
  lastWorkedOn: String
  totalHourlyJobs: Int
  totalFixedJobs: Int
  topRatedStatus: String
  totalFeedback: Float
  totalEarnings: Float
  totalJobs: Int
}

# ---------------------------------------------------------------- ontology

enum OntologyEntityType {
  OCCUPATION
  SKILL
  DELIVERABLE
  DELIVERABLE_DESCRIPTOR
  CATALOG_ATTRIBUTE_GROUP
  CATALOG_CATEGORY
  CATALOG_SPECIFICATION
  CATALOG_PACKAGE_SPEC
  CATALOG_PROJECT_SPEC
  CATALOG_SPEC_CHOICE
  ROLE
}

enum OntologyEntityStatus {
  ACTIVE
  DEPRECATED
  PENDING
}

interface OntologyEntity {
  id: ID!
  ontologyId: String!
  type: [OntologyEntityType]!
  entityStatus: OntologyEntityStatus!
  preferredLabel: String!
  definition: String
  createdDateTime: String
  modifiedDateTime: String
}

type Skill implements OntologyEntity {
  id: ID!
  ontologyId: String!
  type: [OntologyEntityType]!
  entityStatus: OntologyEntityStatus!
  preferredLabel: String!
  createdDateTime: String
  modifiedDateTime: String
  definition: String
  altLabel: [String]
  broader: [String]
  broaderIds: [ID]
  narrowerIds: [ID]
  legacySkillNid: String
  prettyName: String
  legacySkillId: ID
}

type JobCategory implements OntologyEntity {
  id: ID!
  ontologyId: String!
  type: [OntologyEntityType]!
  entityStatus: OntologyEntityStatus!
  preferredLabel: String!
  definition: String
  createdDateTime: String
  modifiedDateTime: String
}

type Occupation implements OntologyEntity {
  id: ID!
  ontologyId: String!
  type: [OntologyEntityType]!
  entityStatus: OntologyEntityStatus!
  preferredLabel: String!
  definition: String
  createdDateTime: String
  modifiedDateTime: String
  skills: [Skill]
}

type OntologyCategory {
  id: ID!
  preferredLabel: String
  altLabel: [String]
  slug: String
  ontologyId: String
  subcategories: [OntologySubcategory!]!
  services: [OntologyService!]!
}

type OntologySubcategory {
  id: ID!
  preferredLabel: String
  altLabel: [String]
  slug: String
  ontologyId: String
  services: [OntologyService!]!
}

type OntologyService {
  id: ID!
  preferredLabel: String
  altLabel: [String]
  slug: String
  ontologyId: String
}

# ---------------------------------------------------------------- job search

enum MarketplaceJobPostingSearchType {
  USER_JOBS_SEARCH
  JOBS_FEED @deprecated
  USER_SITE_SEARCH_RSS @deprecated
}

enum MarketplaceJobPostingSearchSortField {
  RECENCY
  RELEVANCE
  CLIENT_TOTAL_CHARGE
  CLIENT_RATING
}

input MarketplaceJobPostingSearchSortAttribute {
  field: MarketplaceJobPostingSearchSortField!
}

enum ContractType {
  HOURLY
  FIXED
}

enum EngagementType {
  FULL_TIME
  PART_TIME
  AS_NEEDED
  NOT_SURE
}

enum ExperienceLevel {
  ENTRY_LEVEL
  INTERMEDIATE
  EXPERT
}

enum FreelancerProfileExperienceLevel {
  NONE
  ENTRY_LEVEL
  INTERMEDIATE
  EXPERT
}

enum JobDuration {
  WEEK
  MONTH
  QUARTER
  SEMESTER
  ONGOING
}

enum JobPostingHourlyBudgetType {
  DEFAULT
  MANUAL
  NOT_PROVIDED
}

enum ClientVerificationStatus {
  VERIFIED
  NOT_VERIFIED
  ACTIVE_BUT_NOT_VERIFIED
  VERIFICATION_IN_PROGRESS
  UNKNOWN
}

input SearchTerm {
  andTerms_all: [String!]
  orTerms_any: [String!]
  exactTerms_any: [String!]
  excludeTerms_any: [String!]
}

input AreaFilter {
  latitude: Float!
  longitude: Float!
  radius: Float!
}

input MarketplaceJobPostingsSearchFilter {
  searchExpression_eq: String
  skillExpression_eq: String
  titleExpression_eq: String
  searchTerm_eq: SearchTerm
  categoryIds_any: [ID!]
  subcategoryIds_any: [ID!]
  occupationIds_any: [ID!]
  ontologySkillIds_all: [ID!]
  jobType_eq: ContractType
  workload_eq: EngagementType
  clientHiresRange_eq: IntRange
  budgetRange_eq: IntRange
  hourlyRate_eq: IntRange
  verifiedPaymentOnly_eq: Boolean
  previousClients_eq: Boolean
  experienceLevel_eq: ExperienceLevel
  locations_any: [String!]
  timezone_eq: String
  ptcIds_any: [ID!]
  ptcOnly_eq: Boolean
  enterpriseOnly_eq: Boolean
  proposalRange_eq: IntRange
  pagination_eq: Pagination
  area_eq: AreaFilter
  preserveFacet_eq: String
  userLocationMatch_eq: Boolean
  visitorCountry_eq: String
}

type MarketplaceJobPostingSearchConnection {
  totalCount: Int
  edges: [MarketplaceJobpostingSearchEdge]
  pageInfo: PageInfo
}

type MarketplaceJobpostingSearchEdge {
  cursor: String!
  node: MarketplaceJobPostingSearchResult!
}

type MarketplaceJobPostingSearchResult {
  id: ID!
  job: MarketplaceJobPosting
  title: String!
  description: String!
  ciphertext: String!
  duration: JobDuration
  durationLabel: String
  engagement: String
  amount: Money!
  recordNumber: String!
  experienceLevel: FreelancerProfileExperienceLevel!
  category: String
  subcategory: String
  freelancersToHire: Int!
  relevance: MarketplaceJobPostingSearchRelevance!
  enterprise: Boolean!
  relevanceEncoded: String!
  totalApplicants: Int!
  preferredFreelancerLocation: [String]
  preferredFreelancerLocationMandatory: Boolean
  premium: Boolean!
  clientNotSureFields: [String]
  clientPrivateFields: [String]
  applied: Boolean!
  createdDateTime: String!
  publishedDateTime: String!
  renewedDateTime: String
  client: MarketplaceJobPostingSearchClientInfo!
  skills: [MarketplaceJobPostingSearchSkill]!
  occupations: MarketplaceJobPostingSearchOccupations
  hourlyBudgetType: JobPostingHourlyBudgetType
  hourlyBudgetMin: Money
  hourlyBudgetMax: Money
  localJobUserDistance: String
  weeklyBudget: Money
  engagementDuration: EngagementDuration
  totalFreelancersToHire: Int
  teamId: ID
}

type MarketplaceJobPostingSearchRelevance {
  id: ID!
  effectiveCandidates: Int!
  recommendedEffectiveCandidates: Int!
  uniqueImpressions: Int!
  publishTime: String
  hoursInactive: Int!
}

type MarketplaceJobPostingSearchSkill {
  id: ID @deprecated
  name: String!
  prettyName: String!
  highlighted: Boolean
}

type MarketplaceJobPostingSearchOccupations {
  category: MarketplaceJobPostingSearchOccupation!
  subCategories: [MarketplaceJobPostingSearchOccupation]
  occupationService: MarketplaceJobPostingSearchOccupation
}

type MarketplaceJobPostingSearchOccupation {
  id: ID!
  prefLabel: String!
}

type MarketplaceJobPostingSearchClientInfo {
  memberSinceDateTime: String @deprecated(reason: "Deprecated legacy field")
  totalHires: Int!
  totalPostedJobs: Int!
  totalSpent: Money
  verificationStatus: ClientVerificationStatus
  location: MarketPlaceJobSearchLocation
  totalReviews: Int!
  totalFeedback: Float!
  companyRid: ID!
  companyName: String @deprecated(reason: "Not supported anymore")
  edcUserId: ID!
  lastContractPlatform: String
  lastContractRid: ID
  lastContractTitle: String
  companyOrgUid: ID!
  hasFinancialPrivacy: Boolean!
}

type MarketPlaceJobSearchLocation {
  city: String
  country: String
  timezone: String
  state: String
  offsetToUTC: String
}

type EngagementDuration {
  id: ID!
  label: String!
  weeks: Int!
}

# ---------------------------------------------------------------- one job posting

enum WorkFlowStateStatus {
  CLOSED
  ACTIVE
}

enum OnSiteType {
  REMOTE
  OCCASIONAL
  PERMANENT
}

enum ContractorType {
  ALL
  INDIVIDUALS
  AGENCIES
}

enum EnglishProficiency {
  ANY
  BASIC
  CONVERSATIONAL
  FLUENT
  NATIVE
}

enum BillingType {
  BILL
  MANAGED_EMPLOYER
  MANAGED_SERVICES
}

enum PaymentVerificationStatus {
  DEPOSIT_UNSUPPORTED
  ONHOLD
  EXPIRED
  DECLINED
  VERIFICATIONFAILED
  VERIFICATIONINPROGRESS
  VERIFIED
  ACTIVE
}

type MarketplaceJobPosting {
  id: ID!
  workFlowState: MarketplacePostingWorkFlowState
  activityStat: MarketplacePostingActivityStat
  content: MarketplaceJobPostingContent
  attachments: [MarketplacePostingAttachment!]
  classification: MarketplacePostingClassification
  contractTerms: MarketplaceContractTerms
  contractorSelection: MarketplaceContractorSelection
  clientCompanyPublic: MarketplacePublicCompanyInfo
  canClientReceiveContractProposal: Boolean!
}

type MarketplacePostingWorkFlowState {
  closeResult: String
  status: WorkFlowStateStatus!
}

type MarketplacePostingActivityStat {
  applicationsBidStats: ApplicationsBidStats
  jobActivity: JobActivity
}

type ApplicationsBidStats {
  avgRateBid: Money
  minRateBid: Money
  maxRateBid: Money
  avgInterviewedRateBid: Money
}

type JobActivity {
  lastClientActivity: String
  invitesSent: Int!
  totalInvitedToInterview: Int!
  totalHired: Int!
  totalUnansweredInvites: Int!
  totalOffered: Int!
  totalRecommended: Int
}

type MarketplaceJobPostingContent {
  title: String!
  description: String!
}

type MarketplacePostingAttachment {
  id: ID!
  sequenceNumber: Int!
  fileName: String!
  fileSize: Int!
}

type MarketplacePostingClassification {
  category: JobCategory
  subCategory: JobCategory
  occupation: Occupation
  skills: [Skill!]
  additionalSkills: [Skill!]
}

type MarketplaceContractTerms {
  contractStartDate: String
  contractEndDate: String
  contractType: ContractType!
  onSiteType: OnSiteType
  personsToHire: Int!
  experienceLevel: ExperienceLevel
  fixedPriceContractTerms: FixedPriceContractTerms
  hourlyContractTerms: HourlyContractTerms
  notSurePersonsToHire: Boolean
  notSureExperiencelevel: Boolean
}

type FixedPriceContractTerms {
  amount: Money!
  maxAmount: Money
  engagementDuration: EngagementDuration
}

type HourlyContractTerms {
  engagementDuration: EngagementDuration
  engagementType: EngagementType!
  notSureProjectDuration: Boolean
  hourlyBudgetType: JobPostingHourlyBudgetType
  hourlyBudgetMin: Float
  hourlyBudgetMax: Float
}

type MarketplaceContractorSelection {
  proposalRequirement: MarketplaceProposalRequirements
  qualification: MarketplaceQualification
  location: MarketplaceLocation
}

type MarketplaceProposalRequirements {
  coverLetterRequired: Boolean
  freelancerMilestonesAllowed: Boolean
  screeningQuestions: [MarketplaceQuestion!]
}

type MarketplaceQuestion {
  question: String
  sequenceNumber: Int
}

type MarketplaceQualification {
  contractorType: ContractorType
  englishProficiency: EnglishProficiency
  hasPortfolio: Boolean
  hoursWorked: Int
  risingTalent: Boolean
  jobSuccessScore: Int
}

type MarketplaceLocation {
  countries: [String!]
  states: [String!]
  timezones: [String!]
  localCheckRequired: Boolean
  localMarket: Boolean
  notSureLocationPreference: Boolean
  localDescription: String
  localFlexibilityDescription: String
}

type MarketplacePublicCompanyInfo {
  id: ID!
  legacyType: OrganizationLegacyType
  teamsEnabled: Boolean
  canHire: Boolean
  hidden: Boolean
  country: Country
  state: String
  city: String
  timezone: String
  accountingEntity: String
  billingType: BillingType
  paymentVerification: PaymentVerificationResult
}

type PaymentVerificationResult {
  status: PaymentVerificationStatus
  paymentVerified: Boolean
}

# ---------------------------------------------------------------- messaging

enum RoomType {
  ONE_ON_ONE
  GROUP
  INTERVIEW
}

enum RoomTypeFilter {
  ALL
  GROUP
  ONE_ON_ONE
  INTERVIEW
}

enum RoomPrivacyFilter {
  ALL
  PRIVATE
  PUBLIC
}

enum RoomCategoryFilter {
  FAVORITES
  PEOPLE
  INTERVIEW
  GROUP
}

input RoomFilter {
  roomType_eq: RoomTypeFilter
  roomPrivacy_eq: RoomPrivacyFilter
  subscribed_eq: Boolean
  activeSince_eq: String
  includeFavorites_eq: Boolean
  includeUnreadIfActive_eq: Boolean
  unreadRoomsOnly_eq: Boolean
  local_eq: String
  includeHidden_eq: Boolean
  objectReferenceId_eq: ID
  roomCategory_eq: RoomCategoryFilter
}

input StoryFilter {
  storyCreatedDateTime_bt: DateTimeRange
  pagination: Pagination
}

input RoomStoryFilter {
  roomId_eq: ID!
  storyFilter: StoryFilter
}

input RoomStoryCreateInputV2 {
  roomId: ID
  message: String
}

type RoomConnection {
  totalCount: Int
  edges: [RoomEdge]
  pageInfo: PageInfo
}

type RoomEdge {
  node: Room
}

type RoomUser {
  user: GenericUser
  organization: GenericOrganization
  role: String
}

type Room {
  id: ID!
  roomName: String
  organization: CurrentOrganization
  creator: RoomUser
  createdAtDateTime: String
  public: Boolean
  topic: String
  owner: RoomUser
  numUnread: Int
  favorite: Boolean
  numUnreadMentions: Int
  roomUsers: [RoomUser!]
  numUsers: Int
  joinDateTime: String
  lastVisitedDateTime: String
  lastReadDateTime: String
  roomType: RoomType
  readOnly: Boolean
  hidden: Boolean
  muted: Boolean!
  contractId: ID
  vendorProposal: VendorProposal
  roomNotePresent: Boolean!
  offerIds: [ID!]
  latestStory: RoomStory
  story(id: ID!): RoomStory
  stories(filter: StoryFilter): RoomStoryConnection
}

type RoomStoryConnection {
  totalCount: Int
  edges: [RoomStoryEdge]
  pageInfo: PageInfo
}

type RoomStoryEdge {
  cursor: String
  node: RoomStory
}

type RoomStory {
  id: ID!
  room: Room!
  createdDateTime: String!
  updatedDateTime: String!
  user: GenericUser!
  message: String
  organization: GenericOrganization
  attachments: [MessageAttachments]
}

type MessageAttachments {
  objectReferenceId: ID
  objectType: String
  metadata: [StringMapElement!]
  createdDateTime: String
  author: RoomUser
}

type StringMapElement {
  key: String!
  value: String!
}

# ---------------------------------------------------------------- proposals

enum VendorProposalStatusFilterInput {
  Accepted
  Declined
  Withdrawn
  Offered
  Activated
  Archived
  Hired
  Pending
}

enum VendorProposalAnnotation {
  Hidden
  OnHold
}

enum VendorProposalSortAttributeType {
  CREATEDDATETIME
  MODIFIEDDATETIME
}

enum VendorProposalStatusName {
  Created @deprecated
  Accepted
  Declined
  Withdrawn
  Replaced @deprecated
  Offered
  Activated
  Archived
  Rejected @deprecated
  Hired
  Pending
  Invalid
}

input VendorProposalFilter {
  status_eq: VendorProposalStatusFilterInput!
  annotations_eq: VendorProposalAnnotation
  freelancerId_eq: ID
  organizationId_eq: ID
  jobPostingIds_any: [ID!]
}

input VendorProposalSortAttribute {
  field: VendorProposalSortAttributeType!
  sortOrder: SortOrder!
}

type VendorProposalsConnection {
  totalCount: Int
  edges: [VendorProposalsEdge]
  pageInfo: PageInfo
}

type VendorProposalsEdge {
  cursor: String
  node: VendorProposal
}

type VendorProposal {
  id: ID!
  user: GenericUser!
  organization: GenericOrganization!
  marketplaceJobPosting: MarketplaceJobPosting!
  terms: ProposalTerms!
  coverLetter: String @deprecated(reason: "use proposalCoverLetter")
  proposalCoverLetter: String
  projectPlan: ProposalProjectPlan
  auditDetails: ProposalAuditDetails!
  status: VendorProposalStatus!
  annotations: [VendorProposalAnnotation!]!
}

type ProposalTerms {
  chargeRate: Money!
  estimatedDuration: ProposalEngagementDuration
  upfrontPaymentPercent: Float
}

type ProposalEngagementDuration {
  id: ID!
  label: String!
}

type ProposalProjectPlan {
  id: ID!
  milestones: [ProposalMilestones!]
}

type ProposalMilestones {
  description: String!
  dueDate: String!
  amount: String!
}

type ProposalAuditDetails {
  createdByUser: GenericUser!
  modifiedByUser: GenericUser
  createdDateTime: DateTime!
  modifiedDateTime: DateTime
}

type VendorProposalStatus {
  status: VendorProposalStatusName!
  reason: ProposalReason
}

type ProposalReason {
  id: ID!
  reason: String!
  description: String
}
`

/**
 * OPT-IN, not in the reference: `createJobProposal` as several 2026 third-party clients call it
 * (upwork-api.md §2.6: `createJobProposal(input: CreateJobProposalInput!) { newProposalId status error }`).
 * The input's field names are the ones reported; their types are our assumption (Upwork publishes
 * none): the job's numeric id as `jobReference`, the bid as a plain number, the duration as an
 * engagement-duration id. Served only when the fake is started with `proposalSubmit: true` (or the
 * control API turns it on), and only to a key with the `proposal:submit` scope, like a real key
 * that was granted "Submit Proposal". A refusal comes back in `error` (HTTP 200, no GraphQL error).
 */
export const proposalSubmitTypeDefs = /* GraphQL */ `
input CreateJobProposalContractorInput {
  id: ID!
  oDeskUserID: ID
}

input CreateJobProposalQuestionInput {
  question: String!
  answer: String!
}

input CreateJobProposalInput {
  jobReference: ID!
  coverLetter: String!
  chargedAmount: Float!
  selectedContractor: CreateJobProposalContractorInput
  teamOrgId: ID
  estimatedDuration: ID
  questions: [CreateJobProposalQuestionInput!]
  boostBidAmount: Float
}

type CreateJobProposalResponse {
  newProposalId: ID
  status: String
  error: String
}

extend type Mutation {
  createJobProposal(input: CreateJobProposalInput!): CreateJobProposalResponse
}
`
