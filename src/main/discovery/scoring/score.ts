/**
 * The fit score: how well one job suits the freelancer, 0–100, with the reasons. Pure and
 * deterministic (the clock is the `now` argument), and fast: `compileProfile` does the per-profile
 * work (normalised skill set, one word scanner for the red-flag triggers and the negative
 * keywords, validated weights) once, then `scoreJob` costs one pass over the capped post text plus
 * a few microseconds (bench/scoring.bench.ts).
 *
 * The formula: start at BASE_SCORE (50); each fit component (skills, budget, client hire rate,
 * spend and feedback, competition, recency, experience) adds between −weight and +weight, 0 when
 * what it needs is unknown; each red flag (payment not verified, negative keywords, suspicious
 * wording, a country the user avoids) subtracts its weight. Each line is rounded to whole points
 * and the total is the sum of the lines, clamped to 0–100, so the reasons always add up to what
 * the user sees. Change the formula → bump SCORE_VERSION (stored scores can then be redone).
 */
import { type SkillMatcher, type SkillSynonyms, createSkillMatcher } from './skills'
import {
  SUSPICIOUS_LABELS,
  MAX_TRIGGER_HITS,
  SUSPICIOUS_TRIGGER_WORDS,
  type SuspiciousKind,
  checkCharTriggers,
  checkTrigger,
  compileKeywords,
  findKeywords,
  orderKinds
} from './red-flags'
import { WordScanner, isScannable } from './word-scanner'
import type { ReasonCode } from './reason-text'
import type { ComponentId, FitScore, FreelancerProfile, ScoreReason, ScoringJob } from './types'
import { BASE_SCORE, DEFAULT_SCORE_WEIGHTS, type ScoreWeights, type ScoreWeightsInput, parseScoreWeights } from './weights'

export const SCORE_VERSION = 1

/** How much of a description is scanned for keywords and red flags (a 1 MB post costs no more than this). */
export const MAX_SCAN_CHARS = 10_000
const MAX_TITLE_CHARS = 500
/** How much of the post is searched for the profile's skills when the job lists none. */
const SKILL_MENTION_SCAN_CHARS = 1_000
const MAX_LISTED_SKILLS = 5

// Clamps for absurd values (a $1e12 budget, −3 applicants): beyond these nothing changes anyway.
const MAX_MONEY = 10_000_000
const MAX_RATE = 10_000
const MAX_COUNT = 1_000_000

export interface CompiledProfile {
  readonly weights: ScoreWeights
  readonly matcher: SkillMatcher
  /** Canonical skill key → the profile's own name for it. */
  readonly skills: ReadonlyMap<string, string>
  /** The profile's skills (lower case), to find them as words in a post that lists no skills. */
  readonly skillMentions: readonly string[]
  readonly hourlyRate: number | null
  readonly minFixedBudget: number | null
  readonly yearsExperience: number | null
  readonly avoidCountries: ReadonlySet<string>
  /**
   * One pass over a post finds the red-flag trigger words and the negative keywords together:
   * entries are SUSPICIOUS_TRIGGER_WORDS, then `scannedKeywords`.
   */
  readonly scanner: WordScanner
  readonly scannedKeywords: readonly string[]
  /** Negative keywords the scanner cannot hold ("c++", ".net"), searched with indexOf. */
  readonly otherKeywords: readonly string[]
  /** Negative keywords as canonical skill keys, matched against the job's skill list. */
  readonly negativeSkillKeys: ReadonlyMap<string, string>
}

export interface CompileOptions {
  weights?: ScoreWeights | ScoreWeightsInput
  /** Skill synonyms, e.g. from the ontology; defaults to a small built-in map. */
  synonyms?: SkillSynonyms
}

/** Does the per-profile work once per batch; the result is read-only and can score any number of jobs. */
export function compileProfile(profile: FreelancerProfile, options: CompileOptions = {}): CompiledProfile {
  const weights = options.weights ? parseScoreWeights(options.weights) : DEFAULT_SCORE_WEIGHTS
  const matcher = createSkillMatcher(options.synonyms)
  const skills = new Map<string, string>()
  for (const name of profile.skills ?? []) {
    if (typeof name !== 'string') continue
    const key = matcher.canonical(name)
    if (key && !skills.has(key)) skills.set(key, name.trim())
  }
  const mentionable = [...skills.values()].filter((n) => n.length >= 3)
  const negatives = (profile.negativeKeywords ?? []).filter((k): k is string => typeof k === 'string')
  const keywords = compileKeywords(negatives)
  const scannedKeywords = keywords.filter(isScannable)
  const negativeSkillKeys = new Map<string, string>()
  for (const k of negatives) {
    const key = matcher.canonical(k)
    if (key) negativeSkillKeys.set(key, k.trim().toLowerCase())
  }
  return {
    weights,
    matcher,
    skills,
    skillMentions: compileKeywords(mentionable),
    hourlyRate: positive(profile.hourlyRate, MAX_RATE),
    minFixedBudget: positive(profile.minFixedBudget, MAX_MONEY),
    yearsExperience: finite(profile.yearsExperience, 0, 80),
    avoidCountries: new Set((profile.avoidCountries ?? []).filter((c): c is string => typeof c === 'string').map(countryKey).filter(Boolean)),
    scanner: new WordScanner([...SUSPICIOUS_TRIGGER_WORDS, ...scannedKeywords]),
    scannedKeywords,
    otherKeywords: keywords.filter((k) => !isScannable(k)),
    negativeSkillKeys
  }
}

/** Scores one job, with its reasons. `now` is epoch milliseconds (the caller's clock). */
export function scoreJob(job: ScoringJob, profile: CompiledProfile, now: number): FitScore {
  const reasons: ScoreReason[] = []
  const score = tally(job, profile, now, { total: BASE_SCORE, reasons })
  reasons.sort(byInfluence)
  return { score, reasons, scoreVersion: SCORE_VERSION }
}

/**
 * Only the number (the same as `scoreJob(...).score`), about a third cheaper: for sorting and
 * thresholds over many jobs, with the reasons computed for the jobs someone looks at.
 */
export function scoreOnly(job: ScoringJob, profile: CompiledProfile, now: number): number {
  return tally(job, profile, now, { total: BASE_SCORE, reasons: null })
}

function tally(job: ScoringJob, profile: CompiledProfile, now: number, out: Tally): number {
  const w = profile.weights
  // Any case: the scanner folds case as it reads; the rare indexOf searches lower-case a copy.
  const title = capped(job.title, MAX_TITLE_CHARS)
  const description = capped(job.description, MAX_SCAN_CHARS)
  const jobSkills = Array.isArray(job.skills) ? job.skills : []

  skillsComponent(out, w.skills, jobSkills, title, description, profile)
  budgetComponent(out, w.budget, job, profile)
  hireRateComponent(out, w.clientHireRate, job)
  spendComponent(out, w.clientSpend, job)
  feedbackComponent(out, w.clientFeedback, job)
  competitionComponent(out, w.competition, job)
  recencyComponent(out, w.recency, job, now)
  experienceComponent(out, w.experience, job, profile)
  redFlags(out, w, job, jobSkills, title, description, profile)
  return Math.min(100, Math.max(0, out.total))
}

/** Scores a batch with one compiled profile. */
export function scoreJobs(jobs: readonly ScoringJob[], profile: CompiledProfile, now: number): FitScore[] {
  const out = new Array<FitScore>(jobs.length)
  for (let i = 0; i < jobs.length; i++) out[i] = scoreJob(jobs[i]!, profile, now)
  return out
}

// ─── components ──────────────────────────────────────────────────────────────────────────────

function skillsComponent(
  out: Tally,
  weight: number,
  jobSkills: readonly unknown[],
  title: string,
  description: string,
  p: CompiledProfile
): void {
  if (p.skills.size === 0) {
    add(out, 'skills', 0, 'skills.noProfile', NO_PARAMS)
    return
  }
  // Jobs list a handful of skills: arrays beat Sets here.
  const seen: string[] = []
  const matched: string[] = []
  const missed: string[] = []
  for (const s of jobSkills) {
    if (typeof s !== 'string') continue
    const key = p.matcher.canonical(s)
    if (!key || seen.includes(key)) continue
    seen.push(key)
    if (p.skills.has(key)) matched.push(s)
    else missed.push(s)
  }
  const total = matched.length + missed.length
  if (total === 0) {
    // No skill list: a mention of the user's skills in the post still says something (half weight).
    const found = new Set<string>()
    findKeywords(p.skillMentions, title.toLowerCase(), found)
    findKeywords(p.skillMentions, description.slice(0, SKILL_MENTION_SCAN_CHARS).toLowerCase(), found)
    if (found.size === 0) {
      add(out, 'skills', 0, 'skills.notListed', NO_PARAMS)
    } else {
      const params = out.reasons ? { skills: listNames([...found].map((k) => p.skills.get(p.matcher.canonical(k)) ?? k)) } : NO_PARAMS
      add(out, 'skills', weight * 0.5 * Math.min(1, found.size / 2), 'skills.mentioned', params)
    }
    return
  }
  const coverage = matched.length / total
  // 60 % of the listed skills is a full match: posts list nice-to-haves next to the core skills.
  const f = coverage >= 0.6 ? 1 : (coverage / 0.6) * 2 - 1
  if (matched.length > 0) {
    add(out, 'skills', weight * f, 'skills.match', out.reasons ? { skills: listNames(matched), matched: matched.length, total } : NO_PARAMS)
  } else {
    add(out, 'skills', weight * f, 'skills.none', out.reasons ? { skills: listNames(missed), total } : NO_PARAMS)
  }
}

function budgetComponent(out: Tally, weight: number, job: ScoringJob, p: CompiledProfile): void {
  const hourlyMin = positive(job.hourlyMin, MAX_RATE)
  const hourlyMax = positive(job.hourlyMax, MAX_RATE)
  const fixed = positive(job.fixedAmount, MAX_MONEY)
  const type = job.jobType === 'HOURLY' || job.jobType === 'FIXED' ? job.jobType : hourlyMin !== null || hourlyMax !== null ? 'HOURLY' : fixed !== null ? 'FIXED' : null

  if (type === 'HOURLY') {
    const top = hourlyMax ?? hourlyMin
    if (top === null) return void add(out, 'budget', 0, 'budget.hourlyUnknown', NO_PARAMS)
    const range = !out.reasons ? '' : hourlyMin !== null && hourlyMax !== null && hourlyMin < hourlyMax ? `${money(hourlyMin)}–${money(hourlyMax)}/h` : `${money(top)}/h`
    if (p.hourlyRate === null) return void add(out, 'budget', 0, 'budget.noRate', out.reasons ? { range } : NO_PARAMS)
    const f = interpolate(top / p.hourlyRate, [0.4, 0.6, 0.8, 1], [-1, -0.4, 0.3, 1])
    return void add(out, 'budget', weight * f, 'budget.hourly', out.reasons ? { range, rate: `${money(p.hourlyRate)}/h` } : NO_PARAMS)
  }
  if (type === 'FIXED') {
    if (fixed === null) return void add(out, 'budget', 0, 'budget.fixedUnknown', NO_PARAMS)
    if (p.minFixedBudget === null) return void add(out, 'budget', 0, 'budget.noMinimum', out.reasons ? { amount: money(fixed) } : NO_PARAMS)
    const f = interpolate(fixed / p.minFixedBudget, [0.25, 0.5, 1, 2], [-1, -0.5, 0.5, 1])
    return void add(out, 'budget', weight * f, 'budget.fixed', out.reasons ? { amount: money(fixed), minimum: money(p.minFixedBudget) } : NO_PARAMS)
  }
  add(out, 'budget', 0, 'budget.unknown', NO_PARAMS)
}

function hireRateComponent(out: Tally, weight: number, job: ScoringJob): void {
  const posted = finite(job.clientPostedJobs, 0, MAX_COUNT)
  if (posted === null) return void add(out, 'clientHireRate', 0, 'client.hireRateUnknown', NO_PARAMS)
  if (posted < 1) return void add(out, 'clientHireRate', 0, 'client.new', NO_PARAMS)
  const hires = Math.min(finite(job.clientHires, 0, MAX_COUNT) ?? 0, posted)
  const rate = hires / posted
  // Few posted jobs say little (the current job counts as one): full weight from 4 jobs on.
  const f = interpolate(rate, [0, 0.3, 0.5, 0.8], [-1, -0.2, 0.4, 1]) * Math.min(1, posted / 4)
  const percent = Math.round(rate * 100)
  add(out, 'clientHireRate', weight * f, 'client.hireRate', out.reasons ? { percent, hires: Math.round(hires), posted: Math.round(posted) } : NO_PARAMS)
}

function spendComponent(out: Tally, weight: number, job: ScoringJob): void {
  const spent = finite(job.clientTotalSpent, 0, MAX_MONEY * 100)
  if (spent === null) return void add(out, 'clientSpend', 0, 'client.spendUnknown', NO_PARAMS)
  if (spent < 1) return void add(out, 'clientSpend', -weight * 0.5, 'client.noSpend', NO_PARAMS)
  const f = clamp((Math.log10(spent) - 2.5) / 2, -0.5, 1)
  add(out, 'clientSpend', weight * f, 'client.spend', out.reasons ? { amount: money(spent) } : NO_PARAMS)
}

function feedbackComponent(out: Tally, weight: number, job: ScoringJob): void {
  const feedback = finite(job.clientFeedback, 0, 5)
  const reviews = finite(job.clientReviews, 0, MAX_COUNT)
  if (feedback === null) return void add(out, 'clientFeedback', 0, 'client.feedbackUnknown', NO_PARAMS)
  if (reviews === 0 || (reviews === null && feedback === 0))
    return void add(out, 'clientFeedback', 0, 'client.noReviews', NO_PARAMS)
  const f = clamp((feedback - 4.2) / 0.6, -1, 1)
  if (!out.reasons) return void add(out, 'clientFeedback', weight * f, 'client.feedback', NO_PARAMS)
  const rating = feedback.toFixed(1)
  if (reviews === null) add(out, 'clientFeedback', weight * f, 'client.feedbackNoCount', { rating })
  else add(out, 'clientFeedback', weight * f, 'client.feedback', { rating, reviews: Math.round(reviews) })
}

function competitionComponent(out: Tally, weight: number, job: ScoringJob): void {
  const applicants = finite(job.totalApplicants, 0, MAX_COUNT)
  if (applicants === null) return void add(out, 'competition', 0, 'competition.unknown', NO_PARAMS)
  const count = Math.round(applicants)
  const f = interpolate(count, [0, 5, 10, 20, 50], [1, 0.6, 0.2, -0.3, -1])
  add(out, 'competition', weight * f, count === 0 ? 'competition.none' : 'competition.applicants', { count })
}

function recencyComponent(out: Tally, weight: number, job: ScoringJob, now: number): void {
  const published = timeOf(job.publishedAt)
  if (published === null || !Number.isFinite(now)) return void add(out, 'recency', 0, 'recency.unknown', NO_PARAMS)
  // A time in the future (clock skew) counts as just posted.
  const minutes = Math.max(0, (now - published) / 60_000)
  const f = interpolate(minutes / 60, [0.5, 2, 6, 24, 72], [1, 0.6, 0.2, -0.3, -1])
  const points = weight * f
  if (minutes < 1) add(out, 'recency', points, 'recency.justNow', NO_PARAMS)
  else if (minutes < 60) add(out, 'recency', points, 'recency.minutes', { minutes: Math.floor(minutes) })
  else if (minutes < 48 * 60) add(out, 'recency', points, 'recency.hours', { hours: Math.floor(minutes / 60) })
  else add(out, 'recency', points, 'recency.days', { days: Math.floor(minutes / 1440) })
}

const LEVEL_YEARS: Readonly<Record<string, number>> = { ENTRY_LEVEL: 0, INTERMEDIATE: 2, EXPERT: 5 }

function experienceComponent(out: Tally, weight: number, job: ScoringJob, p: CompiledProfile): void {
  const level = typeof job.experienceLevel === 'string' ? job.experienceLevel.toUpperCase() : ''
  const needed = LEVEL_YEARS[level]
  if (needed === undefined) return void add(out, 'experience', 0, 'experience.unknown', NO_PARAMS)
  // The level's code goes in the params (the UI names it in its language; formatReason in English).
  const years = p.yearsExperience
  if (years === null) return void add(out, 'experience', 0, 'experience.noYears', { level })
  // Entry-level posts usually pay entry-level rates: a poor fit for a senior freelancer.
  const f = needed === 0 ? (years >= 5 ? -0.5 : 1) : years >= needed ? 1 : interpolate(years / needed, [0.4, 1], [-1, 0.5])
  const y = Math.round(years)
  add(out, 'experience', weight * f, 'experience.level', { level, years: y })
}

function redFlags(
  out: Tally,
  w: ScoreWeights,
  job: ScoringJob,
  jobSkills: readonly unknown[],
  title: string,
  description: string,
  p: CompiledProfile
): void {
  if (job.clientVerified === false) add(out, 'paymentUnverified', -w.paymentUnverified, 'flag.paymentUnverified', NO_PARAMS)
  else if (job.clientVerified === true) add(out, 'paymentUnverified', 0, 'flag.paymentVerified', NO_PARAMS)
  else add(out, 'paymentUnverified', 0, 'flag.paymentUnknown', NO_PARAMS)

  const found: Findings = { text: '', triggerHits: 0, profile: p, suspicious: new Set(), keywords: null }
  scanText(title, found)
  scanText(description, found)
  if (p.negativeSkillKeys.size > 0) {
    for (const s of jobSkills) {
      if (typeof s !== 'string') continue
      const hit = p.negativeSkillKeys.get(p.matcher.canonical(s))
      if (hit) (found.keywords ??= new Set()).add(hit)
    }
  }
  if (found.keywords && found.keywords.size > 0) {
    add(out, 'negativeKeywords', -w.negativeKeywords, 'flag.negativeKeywords', out.reasons ? { keywords: listNames([...found.keywords]) } : NO_PARAMS)
  }

  if (found.suspicious.size > 0) {
    const kinds = orderKinds(found.suspicious)
    const params = out.reasons ? { kinds: kinds.join(','), list: kinds.map((k) => SUSPICIOUS_LABELS[k]).join('; ') } : NO_PARAMS
    add(out, 'suspiciousWording', -w.suspiciousWording, 'flag.suspicious', params)
  }

  const country = typeof job.clientCountry === 'string' ? job.clientCountry.trim() : ''
  if (country && p.avoidCountries.has(countryKey(country)))
    add(out, 'avoidedCountry', -w.avoidedCountry, 'flag.avoidedCountry', { country })
}

const TRIGGER_COUNT = SUSPICIOUS_TRIGGER_WORDS.length

/** What the text scans of one job found; `text` is the text being scanned (read by `onScanHit`). */
interface Findings {
  text: string
  /** Trigger words checked in this text (capped at MAX_TRIGGER_HITS). */
  triggerHits: number
  profile: CompiledProfile
  suspicious: Set<SuspiciousKind>
  keywords: Set<string> | null
}

/**
 * The scanner's callback, shared by every scan (scoreJob is synchronous, so `current` cannot be
 * overwritten mid-scan): one function instead of a closure per text.
 */
let current: Findings | null = null

function onScanHit(id: number, start: number, end: number): boolean {
  const f = current!
  if (id >= TRIGGER_COUNT) (f.keywords ??= new Set()).add(f.profile.scannedKeywords[id - TRIGGER_COUNT]!)
  else if (f.triggerHits < MAX_TRIGGER_HITS) {
    f.triggerHits++
    checkTrigger(f.text, id, start, end, f.suspicious)
  }
  return false
}

function scanText(text: string, f: Findings): void {
  if (!text) return
  f.text = text
  f.triggerHits = 0
  current = f
  try {
    f.profile.scanner.scan(text, onScanHit)
  } finally {
    current = null
  }
  checkCharTriggers(text, f.suspicious)
  if (f.profile.otherKeywords.length > 0) findKeywords(f.profile.otherKeywords, text.toLowerCase(), (f.keywords ??= new Set()))
}

// ─── helpers ─────────────────────────────────────────────────────────────────────────────────

const NO_PARAMS: Readonly<Record<string, string | number>> = Object.freeze({})

/**
 * Where the components put their lines. Without `reasons` (scoreOnly) only the total is kept and
 * the components skip building the text parameters (money strings, skill lists): the same
 * rounded points, so `scoreOnly(job) === scoreJob(job).score` always.
 */
interface Tally {
  total: number
  reasons: ScoreReason[] | null
}

function add(out: Tally, component: ComponentId, raw: number, code: ReasonCode, params: Readonly<Record<string, string | number>>): void {
  // `|| 0` turns −0 into 0 (a "−0" line would read oddly).
  const points = Math.round(raw) || 0
  out.total += points
  out.reasons?.push({ component, points, code, params })
}

function byInfluence(a: ScoreReason, b: ScoreReason): number {
  return Math.abs(b.points) - Math.abs(a.points)
}

function capped(text: unknown, max: number): string {
  if (typeof text !== 'string') return ''
  return text.length > max ? text.slice(0, max) : text
}

function finite(x: unknown, min: number, max: number): number | null {
  if (typeof x !== 'number' || !Number.isFinite(x)) return null
  return x < min ? min : x > max ? max : x
}

/** A finite number above zero (clamped to `max`), else null: a $0 budget means "not given". */
function positive(x: unknown, max: number): number | null {
  const n = finite(x, 0, max)
  return n !== null && n > 0 ? n : null
}

function clamp(x: number, min: number, max: number): number {
  return x < min ? min : x > max ? max : x
}

/** Piecewise-linear through (xs[i], ys[i]); flat beyond the ends. xs ascending. */
function interpolate(x: number, xs: readonly number[], ys: readonly number[]): number {
  if (!(x > xs[0]!)) return ys[0]!
  for (let i = 1; i < xs.length; i++) {
    if (x <= xs[i]!) {
      const x0 = xs[i - 1]!
      const y0 = ys[i - 1]!
      return y0 + ((x - x0) / (xs[i]! - x0)) * (ys[i]! - y0)
    }
  }
  return ys[ys.length - 1]!
}

function timeOf(value: unknown): number | null {
  const t = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : value instanceof Date ? value.getTime() : NaN
  return Number.isFinite(t) ? t : null
}

function countryKey(country: string): string {
  return country.trim().toLowerCase()
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, MAX_LISTED_SKILLS).join(', ')
  return names.length > MAX_LISTED_SKILLS ? `${shown} +${names.length - MAX_LISTED_SKILLS} more` : shown
}

/** "$40", "$40.5", "$1.5k", "$18k", "$2.3M": short, for reason lines (Upwork amounts are USD). No regex: this runs for every job. */
function money(n: number): string {
  if (n < 1_000) return `$${Math.round(n * 100) / 100}`
  if (n < 10_000) return `$${Math.round(n / 100) / 10}k`
  if (n < 1_000_000) return `$${Math.round(n / 1_000)}k`
  return `$${Math.round(n / 100_000) / 10}M`
}
