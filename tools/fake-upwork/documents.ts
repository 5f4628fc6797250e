/**
 * The GraphQL documents the fake's tests send. schema-compat.test.ts validates each one against both
 * our subset and Upwork's reference schema, so they double as known-good examples for app code.
 */

export const ME = /* GraphQL */ `
  query Me {
    user { id nid rid email name photoUrl ciphertext }
    organization { id rid name type legacyType flag { agency individual vendor client } creationDate }
    companySelector { items { title organizationId organizationRid organizationType organizationLegacyType typeTitle } }
  }
`

const MONEY = 'rawValue currency displayValue'

export const JOB_SEARCH = /* GraphQL */ `
  query JobSearch(
    $filter: MarketplaceJobPostingsSearchFilter
    $searchType: MarketplaceJobPostingSearchType
    $sort: [MarketplaceJobPostingSearchSortAttribute]
  ) {
    marketplaceJobPostingsSearch(marketPlaceJobFilter: $filter, searchType: $searchType, sortAttributes: $sort) {
      totalCount
      edges {
        cursor
        node {
          id
          ciphertext
          title
          description
          amount { ${MONEY} }
          hourlyBudgetType
          hourlyBudgetMin { ${MONEY} }
          hourlyBudgetMax { ${MONEY} }
          weeklyBudget { ${MONEY} }
          duration
          durationLabel
          engagement
          experienceLevel
          category
          subcategory
          skills { name prettyName highlighted }
          occupations { category { id prefLabel } subCategories { id prefLabel } occupationService { id prefLabel } }
          totalApplicants
          applied
          createdDateTime
          publishedDateTime
          renewedDateTime
          preferredFreelancerLocation
          enterprise
          premium
          job { contractTerms { contractType } }
          client {
            totalHires
            totalPostedJobs
            totalSpent { ${MONEY} }
            verificationStatus
            location { country city state timezone }
            totalReviews
            totalFeedback
          }
        }
      }
      pageInfo { endCursor hasNextPage }
    }
  }
`

/** The smallest useful search: ids and titles only (cheap for paging tests). */
export const JOB_SEARCH_IDS = /* GraphQL */ `
  query JobSearchIds($filter: MarketplaceJobPostingsSearchFilter, $sort: [MarketplaceJobPostingSearchSortAttribute]) {
    marketplaceJobPostingsSearch(marketPlaceJobFilter: $filter, searchType: USER_JOBS_SEARCH, sortAttributes: $sort) {
      totalCount
      edges { cursor node { id title publishedDateTime totalApplicants } }
      pageInfo { endCursor hasNextPage }
    }
  }
`

export const JOB_DETAILS = /* GraphQL */ `
  query JobDetails($id: ID!) {
    marketplaceJobPosting(id: $id) {
      id
      workFlowState { status }
      content { title description }
      contractTerms {
        contractType
        personsToHire
        experienceLevel
        fixedPriceContractTerms { amount { ${MONEY} } maxAmount { ${MONEY} } engagementDuration { label weeks } }
        hourlyContractTerms { engagementType hourlyBudgetType hourlyBudgetMin hourlyBudgetMax engagementDuration { label weeks } }
      }
      contractorSelection {
        proposalRequirement { coverLetterRequired screeningQuestions { question sequenceNumber } }
        qualification { contractorType englishProficiency }
        location { countries }
      }
      clientCompanyPublic {
        id
        country { name }
        city
        state
        timezone
        paymentVerification { status paymentVerified }
      }
      classification {
        category { id preferredLabel }
        subCategory { id preferredLabel }
        occupation { id preferredLabel }
        skills { id prettyName preferredLabel }
      }
      activityStat { jobActivity { invitesSent totalInvitedToInterview totalHired } applicationsBidStats { avgRateBid { ${MONEY} } } }
      attachments { id fileName }
    }
  }
`

export const PROFILE = /* GraphQL */ `
  query Profile($key: String!) {
    talentProfileByProfileKey(profileKey: $key) {
      personId
      identity { id ciphertext }
      personalData { firstName lastName title description chargeRate { ${MONEY} } location { country city timezone } }
      skills { skill prettyName }
      profileAggregates { totalFeedback totalJobs }
    }
    freelancerProfileByProfileKey(profileKey: $key) {
      fullName
      personalData { title description chargeRate { ${MONEY} } }
      skills { edges { node { id prettyName } } }
      aggregates { jobSuccessScore totalFeedback }
    }
  }
`

export const MY_PROFILE = /* GraphQL */ `
  query MyProfile {
    user { id name freelancerProfile { personalData { title chargeRate { rawValue } } } }
  }
`

export const ONTOLOGY = /* GraphQL */ `
  query Ontology($limit: Int!, $offset: Int) {
    ontologyCategories { id preferredLabel slug subcategories { id preferredLabel slug } }
    ontologySkills(limit: $limit, offset: $offset) { id ontologyId preferredLabel prettyName altLabel }
  }
`

export const ROOMS = /* GraphQL */ `
  query Rooms($filter: RoomFilter, $pagination: Pagination, $sortOrder: SortOrder) {
    roomList(filter: $filter, pagination: $pagination, sortOrder: $sortOrder) {
      totalCount
      edges {
        node {
          id
          roomName
          topic
          numUnread
          roomType
          lastReadDateTime
          contractId
          offerIds
          roomUsers { user { id name } organization { id name } role }
          latestStory { id message createdDateTime user { id name } }
        }
      }
      pageInfo { endCursor hasNextPage }
    }
  }
`

export const ROOM_STORIES = /* GraphQL */ `
  query RoomStories($filter: RoomStoryFilter) {
    roomStories(filter: $filter) {
      totalCount
      edges { cursor node { id createdDateTime updatedDateTime user { id name } message attachments { objectType } } }
      pageInfo { endCursor hasNextPage }
    }
  }
`

export const PROPOSAL_ROOM = /* GraphQL */ `
  query ProposalRoom($id: ID!) {
    proposalRoom(vendorProposalId: $id) {
      id
      roomName
      numUnread
      vendorProposal { id status { status } }
      stories(filter: { pagination: { first: 5 } }) { totalCount edges { node { id message attachments { objectType metadata { key value } } } } }
    }
  }
`

export const SEND_MESSAGE = /* GraphQL */ `
  mutation SendMessage($input: RoomStoryCreateInputV2!) {
    createRoomStoryV2(input: $input) { id message createdDateTime user { id } }
  }
`

export const PROPOSALS = /* GraphQL */ `
  query Proposals($filter: VendorProposalFilter!, $sort: VendorProposalSortAttribute!, $pagination: Pagination!) {
    vendorProposals(filter: $filter, sortAttribute: $sort, pagination: $pagination) {
      totalCount
      edges {
        cursor
        node {
          id
          proposalCoverLetter
          marketplaceJobPosting { id content { title } }
          terms { chargeRate { ${MONEY} } }
          auditDetails { createdDateTime { rawValue } modifiedDateTime { rawValue } }
          status { status }
        }
      }
      pageInfo { endCursor hasNextPage }
    }
  }
`

export const ALL_DOCUMENTS: Readonly<Record<string, string>> = {
  ME,
  JOB_SEARCH,
  JOB_SEARCH_IDS,
  JOB_DETAILS,
  PROFILE,
  MY_PROFILE,
  ONTOLOGY,
  ROOMS,
  ROOM_STORIES,
  PROPOSAL_ROOM,
  SEND_MESSAGE,
  PROPOSALS
}
