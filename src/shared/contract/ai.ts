import { z } from 'zod'
import type { AiConnectionTestDto, AiStatusDto, AiUsageDto, JobAnalysisDto } from '../ai'
import { channel, defineDomain, event, none } from './define'

const id = z.number().int().positive()

/** The API key as pasted: one token, no spaces or control characters. Stored in the keychain by main; never sent back. */
export const aiApiKeySchema = z
  .string()
  .trim()
  .min(1, 'Enter the API key.')
  .max(500, 'The API key is longer than 500 characters; check that you pasted the right value.')
  .refine(
    (v) => !/\s/.test(v) && ![...v].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f),
    'The API key must not contain spaces or line breaks.'
  )

/**
 * The AI domain (src/main/ai): the provider's status and key (Settings → AI; base URL, model and
 * budgets are in the settings schema), the connection test, and the job analysis (issue 7 item 6),
 * which lives here rather than in the discovery contract because it is the AI domain that answers it.
 */
export const aiContract = defineDomain({
  channels: {
    'ai:status': channel(none)<AiStatusDto>(),
    'ai:saveKey': channel(z.object({ apiKey: aiApiKeySchema }).strict())<AiStatusDto>(),
    'ai:clearKey': channel(none)<AiStatusDto>(),
    'ai:testConnection': channel(none)<AiConnectionTestDto>(),
    /** Analyse a stored job (from the cache when the job, profile, model and prompt are unchanged; `force` asks again). */
    'jobs:analyze': channel(z.object({ id, force: z.boolean().default(false) }).strict())<JobAnalysisDto>(),
    /** The cached analysis of a job for the current profile and model, or null (never calls the AI). */
    'jobs:analysis': channel(z.object({ id }).strict())<{ analysis: JobAnalysisDto | null }>()
  },
  events: {
    /** After every AI call (and when the key or settings change what the status says). */
    'ai:usage': event<AiUsageDto>()
  }
})
