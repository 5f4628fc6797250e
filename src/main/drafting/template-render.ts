/**
 * Template variables (issue 8 item 2): `{{name}}` or `{{name|fallback}}` filled from the job
 * snapshot and the freelancer's profile. Used for the live preview and for drafting without AI.
 * Pure: no database, no network.
 */
import type { ProfileDto } from '@shared/discovery'
import { TEMPLATE_VARIABLES, type JobSnapshot, type TemplatePreviewDto, type TemplateVariable } from '@shared/drafting'

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*(?:\|([^{}]*))?\}\}/g

const norm = (s: string): string => s.trim().toLowerCase()

/** The job's skills the profile also lists, in the job's order (case-insensitive). */
export function matchingSkills(job: Pick<JobSnapshot, 'skills'>, profile: Pick<ProfileDto, 'skills'>): string[] {
  const mine = new Set(profile.skills.map(norm))
  return job.skills.filter((s) => mine.has(norm(s)))
}

const words = (s: string): Set<string> => new Set(s.toLowerCase().split(/[^\p{L}\p{N}+#.]+/u).filter((w) => w.length > 2))

/** The portfolio item that shares the most words with the job (title, skills, description); null when none shares any. */
export function relevantPortfolioItem(job: Pick<JobSnapshot, 'title' | 'description' | 'skills'>, profile: Pick<ProfileDto, 'portfolio'>): ProfileDto['portfolio'][number] | null {
  const jobWords = words(`${job.title} ${job.skills.join(' ')} ${job.description}`)
  let best: ProfileDto['portfolio'][number] | null = null
  let bestScore = 0
  for (const item of profile.portfolio) {
    let score = 0
    for (const w of words(`${item.title} ${item.description}`)) if (jobWords.has(w)) score++
    if (score > bestScore) {
      best = item
      bestScore = score
    }
  }
  return best
}

export function formatMoney(amount: number, currency: string | null, locale = 'en'): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: currency ?? 'USD', maximumFractionDigits: amount % 1 === 0 ? 0 : 2 }).format(amount)
  } catch {
    return `${amount} ${currency ?? ''}`.trim()
  }
}

/** Every variable's value for this job and profile; null when there is none. */
export function templateValues(job: JobSnapshot | null, profile: ProfileDto, locale = 'en'): Record<TemplateVariable, string | null> {
  const item = job ? relevantPortfolioItem(job, profile) : null
  const skills = job ? matchingSkills(job, profile) : []
  const budget = job?.fixedAmount ?? job?.hourlyMax ?? null
  return {
    clientName: job?.client.name ?? null,
    clientCountry: job?.client.country ?? null,
    jobTitle: job?.title || null,
    matchingSkills: skills.length ? skills.join(', ') : null,
    portfolioItem: item ? (item.url ? `${item.title} (${item.url})` : item.title) : null,
    rate: profile.hourlyRate !== null ? formatMoney(profile.hourlyRate, job?.currency ?? null, locale) : null,
    budget: budget !== null ? formatMoney(budget, job?.currency ?? null, locale) : null,
    myName: profile.name || null,
    myTitle: profile.title || null,
    yearsExperience: profile.yearsExperience !== null ? String(profile.yearsExperience) : null
  }
}

const isVariable = (name: string): name is TemplateVariable => (TEMPLATE_VARIABLES as readonly string[]).includes(name)

/** Fills the placeholders; an unknown name is left as written, a missing value uses its fallback or is empty. */
export function renderTemplate(body: string, values: Record<TemplateVariable, string | null>): TemplatePreviewDto {
  const missing = new Set<TemplateVariable>()
  const unknown = new Set<string>()
  const text = body.replace(PLACEHOLDER, (whole, name: string, fallback: string | undefined) => {
    if (!isVariable(name)) {
      unknown.add(name)
      return whole
    }
    const value = values[name]
    if (value !== null && value !== '') return value
    if (fallback !== undefined) return fallback.trim()
    missing.add(name)
    return ''
  })
  return { text, missing: [...missing], unknown: [...unknown] }
}
