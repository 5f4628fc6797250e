import { z } from 'zod'
import {
  createDraftSchema,
  generateSchema,
  listDraftsSchema,
  saveVersionSchema,
  setBidSchema,
  templateInputSchema,
  templatePatchSchema,
  type DraftChunkEvent,
  type DraftDto,
  type DraftStatusEvent,
  type DraftSummaryDto,
  type DraftVersionDto,
  type GenerationState,
  type StrategyDto,
  type TemplateDto,
  type TemplatePreviewDto
} from '../drafting'
import { channel, defineDomain, event, none } from './define'

const id = z.number().int().positive()

/**
 * Drafting (issue 8 items 1–5): drafts with every version, AI drafting streamed through events,
 * templates with a live preview, strategies. Approving and sending belong to the outbox.
 */
export const draftingContract = defineDomain({
  channels: {
    'drafts:list': channel(listDraftsSchema)<DraftSummaryDto[]>(),
    'drafts:get': channel(z.object({ id }).strict())<DraftDto>(),
    /** Creates the draft (job snapshot, bid suggestion, variant); with a template, its text is the first version. */
    'drafts:create': channel(createDraftSchema)<DraftDto>(),
    /** Saves the text as a new version; the same text as the newest version saves nothing (`created: false`). */
    'drafts:saveVersion': channel(saveVersionSchema)<{ version: DraftVersionDto; created: boolean }>(),
    /**
     * "Fill from template": the template (not archived) rendered for the draft's job becomes a new
     * TEMPLATE version (author "template") and counts as a use of it; the same text as the newest
     * version saves nothing and counts nothing. Refused while the AI writes or once sent.
     */
    'drafts:fillFromTemplate': channel(z.object({ id, templateId: id }).strict())<DraftDto>(),
    /** Starts AI drafting: the text arrives as `drafting:chunk`, the end as `drafting:status`. */
    'drafts:generate': channel(generateSchema)<{ id: number; seq: number; generation: GenerationState }>(),
    'drafts:cancel': channel(z.object({ id }).strict())<{ cancelled: boolean }>(),
    'drafts:setBid': channel(setBidSchema)<DraftDto>(),
    'drafts:discard': channel(z.object({ id }).strict())<DraftDto>(),
    'templates:list': channel(z.object({ includeArchived: z.boolean().default(false) }).strict().prefault({}))<TemplateDto[]>(),
    'templates:create': channel(templateInputSchema.strict())<TemplateDto>(),
    'templates:update': channel(z.object({ id, patch: templatePatchSchema.strict() }).strict())<TemplateDto>(),
    'templates:archive': channel(z.object({ id, archived: z.boolean().default(true) }).strict())<TemplateDto>(),
    /** The template rendered for a job (or with no job: every variable's fallback). */
    'templates:preview': channel(z.object({ body: z.string().max(20_000), jobId: id.nullable().default(null) }).strict())<TemplatePreviewDto>(),
    'strategies:list': channel(none)<StrategyDto[]>()
  },
  events: {
    /** AI text as it is written, batched to about 30 ms. */
    'drafting:chunk': event<DraftChunkEvent>(),
    /** A generation started, finished, was cancelled or failed (with the output checks). */
    'drafting:status': event<DraftStatusEvent>()
  }
})
