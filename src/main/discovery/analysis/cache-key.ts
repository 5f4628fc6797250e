/**
 * The analysis cache key: sha256 of the job's content, the profile, the model and the prompt
 * version. What the model is shown decides the key, so a refetch that changes only the applicant
 * count does not pay again, while an edited post, a new profile, another model or a new prompt does.
 * The Upwork job id is part of it, so two postings with the same text keep an analysis each.
 */
import { createHash } from 'node:crypto'
import type { JobDetailDto, ProfileDto } from '@shared/discovery'
import { ANALYSIS_PROMPT_VERSION, jobText, profileText } from './prompt'

export function analysisCacheKey(job: JobDetailDto, profile: ProfileDto, model: string, promptVersion = ANALYSIS_PROMPT_VERSION): string {
  return createHash('sha256')
    .update(JSON.stringify({ v: promptVersion, model: model.trim(), upworkId: job.upworkId, job: jobText(job), profile: profileText(profile) }))
    .digest('hex')
}
