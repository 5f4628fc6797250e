/**
 * The drafting prompt (issue 8 item 1). GigPilot's instructions and the freelancer's own profile
 * facts are trusted; the job (title, description, screening questions) is untrusted: it goes in a
 * labelled block of its own, invisible characters stripped and capped (ai/prompt-hygiene). The
 * model is told to claim only what the profile facts support, because they are all it is given.
 */
import type { ProfileDto } from '@shared/discovery'
import type { JobSnapshot } from '@shared/drafting'
import { buildMessages, type ChatMessage } from '../ai'
import type { Strategy } from './strategies'
import { matchingSkills, relevantPortfolioItem } from './template-render'

/** The job's description is capped here (characters) in the prompt. */
export const JOB_PROMPT_CHARS = 8000
const LANGUAGE_NAMES: Record<string, string> = { en: 'English', uk: 'Ukrainian' }

export interface DraftPromptInput {
  job: JobSnapshot
  profile: ProfileDto
  strategy: Strategy
  /** A template the user chose: its text (already rendered) as the starting structure. */
  templateText?: string | null
  /** The answer's language (default English). */
  language?: string
  maxChars: number
}

/** The freelancer's facts, one per line; nothing else about them reaches the model. */
export function profileFacts(profile: ProfileDto, job: JobSnapshot): string {
  const lines: string[] = []
  if (profile.name) lines.push(`Name: ${profile.name}`)
  if (profile.title) lines.push(`Title: ${profile.title}`)
  if (profile.yearsExperience !== null) lines.push(`Years of experience: ${profile.yearsExperience}`)
  if (profile.skills.length) lines.push(`Skills: ${profile.skills.join(', ')}`)
  const matching = matchingSkills(job, profile)
  if (matching.length) lines.push(`Skills this job asks for that the freelancer has: ${matching.join(', ')}`)
  if (profile.hourlyRate !== null) lines.push(`Hourly rate: ${profile.hourlyRate} ${job.currency ?? 'USD'}`)
  if (profile.bio) lines.push(`Overview (the freelancer's own words):\n${profile.bio.slice(0, 3000)}`)
  const best = relevantPortfolioItem(job, profile)
  const items = best ? [best, ...profile.portfolio.filter((p) => p !== best)] : profile.portfolio
  items.slice(0, 5).forEach((p, i) => {
    lines.push(`Portfolio item ${i + 1}: ${p.title}${p.description ? ` — ${p.description.slice(0, 400)}` : ''}${p.url ? ` (${p.url})` : ''}`)
  })
  return lines.length ? lines.join('\n') : '(The freelancer has not filled in a profile yet.)'
}

function jobBlock(job: JobSnapshot): string {
  const budget =
    job.jobType === 'FIXED' && job.fixedAmount !== null
      ? `Fixed price: ${job.fixedAmount} ${job.currency ?? ''}`.trim()
      : job.jobType === 'HOURLY' && (job.hourlyMin !== null || job.hourlyMax !== null)
        ? `Hourly: ${job.hourlyMin ?? '?'}–${job.hourlyMax ?? '?'} ${job.currency ?? ''}`.trim()
        : null
  const parts = [`Title: ${job.title}`]
  if (budget) parts.push(budget)
  if (job.skills.length) parts.push(`Skills: ${job.skills.join(', ')}`)
  if (job.experienceLevel) parts.push(`Experience level: ${job.experienceLevel}`)
  if (job.durationLabel) parts.push(`Duration: ${job.durationLabel}`)
  parts.push(`Description:\n${job.description.slice(0, JOB_PROMPT_CHARS)}`)
  if (job.screeningQuestions.length) parts.push(`Screening questions:\n${job.screeningQuestions.map((q, i) => `${i + 1}. ${q}`).join('\n')}`)
  return parts.join('\n')
}

export function buildDraftMessages(input: DraftPromptInput): ChatMessage[] {
  const { job, strategy } = input
  const language = LANGUAGE_NAMES[input.language ?? 'en'] ?? 'English'
  const system = [
    'You write Upwork cover letters in the first person, as the freelancer, in plain text (no Markdown, no headings, no sign-off placeholders).',
    'Use ONLY the profile facts given in the task: they are everything known about the freelancer. Do not invent experience, clients, employers, numbers, certifications, tools or results that the facts do not state. If the job needs something the facts do not show, do not claim it.',
    'Never include links, e-mail addresses or phone numbers except ones that appear in the profile facts.',
    'Be specific to this job and do not repeat the job post back.',
    `Length: ${strategy.words.min}–${strategy.words.max} words, and never more than ${input.maxChars} characters.`,
    `Approach: ${strategy.guidance}`,
    `Write in ${language}.`
  ].join('\n')
  const task = [
    'Write the cover letter for the job in the untrusted block below.',
    job.screeningQuestions.length
      ? 'The job has screening questions: after the cover letter, answer each one briefly and truthfully from the profile facts, each on its own line starting with the question\'s number.'
      : 'The job has no screening questions.',
    input.templateText ? `Follow the structure and tone of the freelancer's own template:\n"""\n${input.templateText.slice(0, 4000)}\n"""` : null,
    `Profile facts (trusted, from the freelancer):\n${profileFacts(input.profile, job)}`
  ]
    .filter(Boolean)
    .join('\n\n')
  return buildMessages({ system, task, untrusted: [{ kind: 'JOB POST', text: jobBlock(job), maxChars: JOB_PROMPT_CHARS + 4000 }] })
}
