import { GET_ACCOUNT_INFO, GET_CURRENT_USER, GET_ORGANIZATION, LIST_ORGANIZATIONS } from './account'
import type { OperationDocument } from './common'
import { LIST_MUTATION_NAMES } from './introspection'
import { GET_JOB, SEARCH_JOBS } from './jobs'
import { LIST_ROOMS, LIST_STORIES } from './messages'
import { LIST_CATEGORIES, LIST_SKILLS } from './ontology'
import { GET_TALENT_PROFILE } from './profile'
import { LIST_PROPOSALS } from './proposals'

export * from './account'
export * from './common'
export * from './introspection'
export * from './jobs'
export * from './messages'
export * from './ontology'
export * from './profile'
export * from './proposals'

/**
 * Every read GigPilot sends to Upwork (the schema test validates each one). The writes are in
 * `./writes/`, which only the outbox may import; they are not re-exported here.
 */
export const READ_OPERATIONS: readonly OperationDocument[] = [
  SEARCH_JOBS,
  GET_JOB,
  GET_CURRENT_USER,
  GET_ORGANIZATION,
  LIST_ORGANIZATIONS,
  GET_ACCOUNT_INFO,
  GET_TALENT_PROFILE,
  LIST_CATEGORIES,
  LIST_SKILLS,
  LIST_ROOMS,
  LIST_STORIES,
  LIST_PROPOSALS,
  LIST_MUTATION_NAMES
]
