import { z } from 'zod'
import {
  JOB_STATUSES,
  profilePatchInputSchema,
  savedSearchInputSchema,
  searchFiltersInputSchema,
  type JobDetailDto,
  type JobListPage,
  type JobStatus,
  type ProfileDto,
  type SavedSearchDto
} from '../discovery'
import { channel, defineDomain, event, none } from './define'

const id = z.number().int().positive()
const page = {
  limit: z.number().int().min(1).max(200).default(50),
  /** `nextCursor` of the previous page. */
  cursor: z.string().regex(/^\d{1,9}$/).nullable().default(null)
}

/**
 * A saved search's patch: only what is sent changes. (`savedSearchInputSchema.partial()` would fill
 * the defaults in, so a rename alone would wipe the filters, reset the interval and resume a
 * paused search.) Filters, when sent, replace the whole set.
 */
const savedSearchPatchSchema = z
  .object({
    name: savedSearchInputSchema.shape.name.optional(),
    filters: searchFiltersInputSchema.optional(),
    intervalMinutes: savedSearchInputSchema.shape.intervalMinutes.unwrap().optional(),
    paused: savedSearchInputSchema.shape.paused.unwrap().optional()
  })
  .strict()

/** Where the ontology lists come from: Upwork (cached in SQLite, refreshed weekly) or the built-in fallback (not connected). */
export type OntologySource = 'upwork' | 'builtin'
export interface OntologyItemDto {
  /** Upwork's id; the built-in fallback's ids start with `builtin:` (searched as keywords, never sent as ids). */
  id: string
  label: string
}
export interface OntologyCategoriesDto {
  items: Array<OntologyItemDto & { subcategories: OntologyItemDto[] }>
  source: OntologySource
  fetchedAt: number | null
}
export interface OntologySkillsDto {
  items: OntologyItemDto[]
  source: OntologySource
  fetchedAt: number | null
}

/** Job discovery: the profile, saved searches, the stored jobs (list, full-text search, detail, status). */
export const discoveryContract = defineDomain({
  channels: {
    'profile:get': channel(none)<ProfileDto>(),
    'profile:update': channel(profilePatchInputSchema)<ProfileDto>(),
    'profile:importFromUpwork': channel(none)<ProfileDto>(),
    'searches:list': channel(none)<SavedSearchDto[]>(),
    'searches:create': channel(savedSearchInputSchema.extend({ filters: searchFiltersInputSchema.prefault({}) }).strict())<SavedSearchDto>(),
    'searches:update': channel(z.object({ id, patch: savedSearchPatchSchema }).strict())<SavedSearchDto>(),
    'searches:delete': channel(z.object({ id }).strict())<{ deleted: boolean }>(),
    'searches:pause': channel(z.object({ id, paused: z.boolean() }).strict())<SavedSearchDto>(),
    'jobs:list': channel(
      z
        .object({
          sort: z.enum(['score', 'recency']).default('score'),
          minScore: z.number().int().min(0).max(100).nullable().default(null),
          statuses: z.array(z.enum(JOB_STATUSES)).max(JOB_STATUSES.length).nullable().default(null),
          searchId: id.nullable().default(null),
          ...page
        })
        .strict()
        .prefault({})
    )<JobListPage>(),
    'jobs:search': channel(z.object({ text: z.string().max(500), ...page }).strict())<JobListPage>(),
    'jobs:get': channel(z.object({ id }).strict())<JobDetailDto>(),
    'jobs:setStatus': channel(z.object({ id, status: z.enum(JOB_STATUSES) }).strict())<{ id: number; status: JobStatus }>(),
    'jobs:rescoreAll': channel(none)<{ rescored: number }>(),
    'jobs:badgeCount': channel(none)<{ count: number }>(),
    'ontology:categories': channel(none)<OntologyCategoriesDto>(),
    'ontology:skills': channel(
      z
        .object({
          query: z.string().max(100).default(''),
          limit: z.number().int().min(1).max(100).default(20),
          /** Labels for these ids (a saved search's chosen skills), instead of a search. */
          ids: z.array(z.string().min(1).max(100)).max(100).nullable().default(null)
        })
        .strict()
    )<OntologySkillsDto>()
  },
  events: {
    /** After an ingest: how many new jobs a search added, and how many of them were notified. */
    'discovery:jobsAdded': event<{ searchId: number; added: number; notified: number }>(),
    /** A search's run status changed (last run, result, error, next run). */
    'discovery:searchStatus': event<SavedSearchDto>(),
    /** The tray badge: new jobs at or above the notification threshold. */
    'discovery:badge': event<{ count: number }>(),
    /** A notification was clicked: open this job (and/or search) in the jobs view. */
    'discovery:openJob': event<{ jobId?: number; searchId?: number }>()
  }
})
