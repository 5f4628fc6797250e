import { z } from 'zod'

/**
 * The drafting domain's plain data, shared by main and the renderer (issue 8 items 1–5): drafts
 * (proposals now, client replies later) with every version kept, templates with variables,
 * strategies, the bid and duration, and the output checks of an AI text. Times are epoch ms.
 */

export const DRAFT_KINDS = ['proposal', 'reply'] as const
export type DraftKind = (typeof DRAFT_KINDS)[number]

/** `queued` = prepared for the review queue; `approved`/`sent` are set by the outbox's path. */
export const DRAFT_STATUSES = ['draft', 'queued', 'approved', 'discarded', 'sent'] as const
export type DraftStatus = (typeof DRAFT_STATUSES)[number]

export const VERSION_SOURCES = ['AI', 'USER', 'TEMPLATE'] as const
export type VersionSource = (typeof VERSION_SOURCES)[number]

/** Who made a version: the user typing, the AI, a template rendered, or the review queue's preparation. */
export const VERSION_AUTHORS = ['user', 'ai', 'template', 'autopilot'] as const
export type VersionAuthor = (typeof VERSION_AUTHORS)[number]

export const GENERATION_STATES = ['idle', 'generating', 'done', 'cancelled', 'failed'] as const
export type GenerationState = (typeof GENERATION_STATES)[number]

/** Template variables, written `{{name}}` or `{{name|fallback}}` in a template body. */
export const TEMPLATE_VARIABLES = [
  'clientName',
  'clientCountry',
  'jobTitle',
  'matchingSkills',
  'portfolioItem',
  'rate',
  'budget',
  'myName',
  'myTitle',
  'yearsExperience'
] as const
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number]

/** Upwork's cover letter limit is 5,000 characters; shorter than this reads as a generic one-liner. */
export const DRAFT_MIN_CHARS = 150
export const DRAFT_MAX_CHARS = 5000

/** The job as a draft was written against it: kept with the draft after the job's content expires. */
export interface JobSnapshot {
  jobId: number | null
  upworkId: string | null
  url: string | null
  title: string
  description: string
  jobType: string | null
  hourlyMin: number | null
  hourlyMax: number | null
  fixedAmount: number | null
  currency: string | null
  skills: string[]
  experienceLevel: string | null
  durationLabel: string | null
  category: string | null
  client: {
    name: string | null
    country: string | null
    totalSpent: number | null
    hires: number | null
    feedback: number | null
    verified: boolean | null
  }
  /** The job's screening questions (Upwork's job details; empty when it has none or they are unknown). */
  screeningQuestions: string[]
  /** Connects the job costs, when Upwork gives it. */
  connectsCost: number | null
  capturedAt: number
}

/** Why an AI text was flagged; the renderer words it with `drafting.check.<code>` and the params. */
export const OUTPUT_CHECK_CODES = ['empty', 'tooShort', 'tooLong', 'link', 'email', 'phone', 'copiedInstruction', 'incomplete'] as const
export type OutputCheckCode = (typeof OUTPUT_CHECK_CODES)[number]
export interface OutputCheckDto {
  code: OutputCheckCode
  params: Record<string, string | number>
}

export interface DraftVersionDto {
  id: number
  seq: number
  source: VersionSource
  author: VersionAuthor
  text: string
  /** An AI text that did not finish (cancelled, failed, cut short). */
  partial: boolean
  aiCallId: number | null
  createdAt: number
}

export interface BidDto {
  /** The bid (the user's, else the suggestion): per hour (hourly) or the whole job (fixed). */
  amount: number | null
  kind: 'hourly' | 'fixed' | null
  currency: string | null
  suggested: number | null
  /** The bid is above the client's budget: said, never silently. */
  aboveBudget: boolean
}

export interface DraftSummaryDto {
  id: number
  kind: DraftKind
  jobId: number | null
  threadId: string | null
  title: string
  status: DraftStatus
  generation: GenerationState
  /** The current text's first characters. */
  preview: string
  /** The latest AI text failed a check. */
  flagged: boolean
  versionCount: number
  createdAt: number
  updatedAt: number
}

export interface DraftDto extends Omit<DraftSummaryDto, 'preview' | 'versionCount'> {
  job: JobSnapshot
  /** The newest version's text ('' before any). */
  text: string
  currentSeq: number | null
  versions: DraftVersionDto[]
  bid: BidDto
  durationLabel: string | null
  connectsCost: number | null
  templateId: number | null
  strategy: string | null
  variantId: number | null
  checks: OutputCheckDto[]
  /** The LlmError code of the last failed generation (the renderer words it as `ai.err.<code>`). */
  generationError: string | null
}

export interface TemplateDto {
  id: number
  name: string
  body: string
  category: string | null
  tags: string[]
  usageCount: number
  archived: boolean
  createdAt: number
  updatedAt: number
}

export interface TemplatePreviewDto {
  text: string
  /** Variables used with no value for this job and no fallback (rendered empty). */
  missing: TemplateVariable[]
  /** `{{names}}` that are not variables (left as written). */
  unknown: string[]
}

/** A drafting strategy: the renderer words it with `drafting.strategy.<id>.name` / `.description`. */
export interface StrategyDto {
  id: string
}

export interface DraftChunkEvent {
  draftId: number
  /** The version being written. */
  seq: number
  /** New text since the previous chunk. */
  text: string
}

export interface DraftStatusEvent {
  draftId: number
  generation: GenerationState
  seq: number | null
  checks: OutputCheckDto[]
  error: string | null
}

const id = z.number().int().positive()
const tag = z.string().trim().min(1).max(40)
const money = z.number().finite().min(0).max(1_000_000)

const templateFields = {
  name: z.string().trim().min(1).max(120),
  body: z.string().max(DRAFT_MAX_CHARS * 2),
  category: z.string().trim().min(1).max(60).nullable(),
  tags: z.array(tag).max(20)
}
export const templateInputSchema = z.object({ ...templateFields, category: templateFields.category.default(null), tags: templateFields.tags.default([]) })
export type TemplateInput = z.input<typeof templateInputSchema>
/** A template edit: only the fields given change (no defaults). */
export const templatePatchSchema = z.object(templateFields).partial()

export const createDraftSchema = z
  .object({
    kind: z.enum(DRAFT_KINDS).default('proposal'),
    jobId: id.nullable().default(null),
    threadId: z.string().trim().min(1).max(200).nullable().default(null),
    templateId: id.nullable().default(null),
    strategy: z.string().min(1).max(40).nullable().default(null),
    /** From the job's details when the caller has them (the stored job does not carry them). */
    screeningQuestions: z.array(z.string().trim().min(1).max(2000)).max(20).nullable().default(null),
    connectsCost: z.number().int().min(0).max(1000).nullable().default(null),
    author: z.enum(['user', 'autopilot']).default('user')
  })
  .strict()
  .refine((d) => (d.kind === 'proposal' ? d.jobId !== null : d.threadId !== null), {
    message: 'A proposal needs its job; a reply needs its thread.'
  })
export type CreateDraftInput = z.input<typeof createDraftSchema>

export const saveVersionSchema = z.object({ id, text: z.string().max(DRAFT_MAX_CHARS * 4) }).strict()

export const setBidSchema = z
  .object({ id, amount: money.nullable().optional(), durationLabel: z.string().trim().max(100).nullable().optional() })
  .strict()

export const generateSchema = z
  .object({ id, strategy: z.string().min(1).max(40).nullable().optional(), templateId: id.nullable().optional() })
  .strict()

export const listDraftsSchema = z
  .object({
    statuses: z.array(z.enum(DRAFT_STATUSES)).max(DRAFT_STATUSES.length).nullable().default(null),
    kind: z.enum(DRAFT_KINDS).nullable().default(null),
    jobId: id.nullable().default(null),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).max(1_000_000).default(0)
  })
  .strict()
  .prefault({})
