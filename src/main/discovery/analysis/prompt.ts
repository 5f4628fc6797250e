/**
 * The job-analysis prompt. The job post (and the client snapshot shown on it) is untrusted: it
 * goes in its own labelled block, invisible Unicode stripped and capped (prompt-hygiene). The
 * freelancer's profile is also put in a block of its own (it may be imported text). Changing the
 * wording changes the answers: bump ANALYSIS_PROMPT_VERSION, which is part of the cache key.
 */
import type { JobDetailDto, ProfileDto } from '@shared/discovery'
import { buildMessages } from '../../ai/prompt-hygiene'
import type { ChatMessage } from '../../ai/llm-client'
import { estimateTokens } from '../../ai/token-budget'

export const ANALYSIS_PROMPT_VERSION = 1
/** Caps (characters) on what is sent: bounds the cost of one analysis. */
export const MAX_JOB_CHARS = 8_000
export const MAX_PROFILE_CHARS = 3_000
/** The answer's cap in tokens. */
export const ANALYSIS_MAX_TOKENS = 700

const SYSTEM =
  'You help a freelancer decide which Upwork jobs to apply to. You assess one job against the ' +
  "freelancer's profile and answer only with the requested JSON object. Be concrete and brief; " +
  'do not invent facts that are not in the job post or the profile.'

const TASK =
  'Assess the job post below for the freelancer whose profile follows it. Rate skill match, ' +
  "budget match (the job's budget against the freelancer's rate or minimum fixed budget) and " +
  "complexity match (against the freelancer's experience), each 0 to 10; assess the client from " +
  'what the posting shows; recommend "apply", "consider" or "skip"; explain briefly.'

const money = (n: number | null, currency: string | null): string => (n === null ? '' : `${n} ${currency ?? 'USD'}`)

/** The job as the model sees it: what the posting shows, as plain lines. */
export function jobText(job: JobDetailDto): string {
  const budget =
    job.jobType === 'HOURLY'
      ? `Hourly ${money(job.hourlyMin, job.currency)} – ${money(job.hourlyMax, job.currency)}`
      : job.fixedAmount !== null
        ? `Fixed price ${money(job.fixedAmount, job.currency)}`
        : 'Budget not stated'
  const c = job.client
  const client = [
    c.verified === null ? null : `payment ${c.verified ? 'verified' : 'not verified'}`,
    c.totalSpent === null ? null : `spent ${c.totalSpent} USD`,
    c.hires === null ? null : `${c.hires} hires`,
    c.postedJobs === null ? null : `${c.postedJobs} jobs posted`,
    c.feedback === null ? null : `feedback ${c.feedback}/5${c.reviews === null ? '' : ` from ${c.reviews} reviews`}`,
    c.country
  ].filter((x): x is string => x !== null && x !== '')
  return [
    `Title: ${job.title}`,
    `Budget: ${budget}`,
    job.experienceLevel ? `Experience level: ${job.experienceLevel}` : null,
    job.durationLabel ? `Duration: ${job.durationLabel}` : null,
    job.category ? `Category: ${job.category}${job.subcategory ? ` / ${job.subcategory}` : ''}` : null,
    job.skills.length ? `Skills: ${job.skills.join(', ')}` : null,
    client.length ? `Client: ${client.join('; ')}` : null,
    '',
    job.description
  ]
    .filter((x): x is string => x !== null)
    .join('\n')
}

export function profileText(p: ProfileDto): string {
  return [
    p.title ? `Title: ${p.title}` : null,
    p.skills.length ? `Skills: ${p.skills.join(', ')}` : null,
    p.hourlyRate === null ? null : `Hourly rate: ${p.hourlyRate} USD`,
    p.minFixedBudget === null ? null : `Minimum fixed budget: ${p.minFixedBudget} USD`,
    p.yearsExperience === null ? null : `Years of experience: ${p.yearsExperience}`,
    p.bio ? `About: ${p.bio}` : null,
    p.portfolio.length ? `Portfolio: ${p.portfolio.map((i) => i.title).join('; ')}` : null
  ]
    .filter((x): x is string => x !== null)
    .join('\n')
}

export function analysisMessages(job: JobDetailDto, profile: ProfileDto): ChatMessage[] {
  return buildMessages({
    system: SYSTEM,
    task: TASK,
    untrusted: [
      { kind: 'JOB POST', text: jobText(job), maxChars: MAX_JOB_CHARS },
      { kind: 'FREELANCER NOTE', text: profileText(profile) || '(no profile filled in)', maxChars: MAX_PROFILE_CHARS }
    ]
  })
}

/** What admit() is asked for: the prompt's estimate plus the answer's cap (a bound, not a bill). */
export function analysisTokenEstimate(messages: readonly ChatMessage[]): number {
  return estimateTokens(messages.map((m) => m.content).join('\n')) + ANALYSIS_MAX_TOKENS
}
