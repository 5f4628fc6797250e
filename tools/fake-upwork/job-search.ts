/**
 * `marketplaceJobPostingsSearch` filtering, sorting and paging, mirroring what field reports say
 * the live API does (upwork-api.md §2.1): text, category-id, skill, contract-type, experience and
 * client-history filters work; budget and hourly-rate filters are silently ignored; `workload_eq`
 * returns nothing; category *names* match nothing; at most 10 results per page whatever `first` says.
 */
import { GraphQLError } from 'graphql'
import type { FakeJob } from './types'

export const SEARCH_PAGE_CAP = 10

interface IntRange {
  rangeStart?: number | null
  rangeEnd?: number | null
}

export interface SearchFilter {
  searchExpression_eq?: string | null
  skillExpression_eq?: string | null
  titleExpression_eq?: string | null
  searchTerm_eq?: {
    andTerms_all?: string[] | null
    orTerms_any?: string[] | null
    exactTerms_any?: string[] | null
    excludeTerms_any?: string[] | null
  } | null
  categoryIds_any?: string[] | null
  subcategoryIds_any?: string[] | null
  occupationIds_any?: string[] | null
  ontologySkillIds_all?: string[] | null
  jobType_eq?: 'HOURLY' | 'FIXED' | null
  workload_eq?: string | null
  clientHiresRange_eq?: IntRange | null
  budgetRange_eq?: IntRange | null
  hourlyRate_eq?: IntRange | null
  verifiedPaymentOnly_eq?: boolean | null
  experienceLevel_eq?: string | null
  locations_any?: string[] | null
  enterpriseOnly_eq?: boolean | null
  proposalRange_eq?: IntRange | null
  pagination_eq?: { after?: string | null; first: number } | null
}

export type SortField = 'RECENCY' | 'RELEVANCE' | 'CLIENT_TOTAL_CHARGE' | 'CLIENT_RATING'

/** Parsed "partial Lucene": every clause must match (AND); a clause is an OR of terms. */
interface Expression {
  clauses: string[][]
  excludes: string[]
}

export function parseExpression(input: string): Expression {
  const tokens = [...input.replace(/[()]/g, ' ').matchAll(/"([^"]*)"|(\S+)/g)].map((m) => ({ text: m[1] ?? m[2] ?? '', quoted: m[1] !== undefined }))
  const expr: Expression = { clauses: [], excludes: [] }
  let orNext = false
  let notNext = false
  for (const t of tokens) {
    if (!t.quoted && t.text === 'AND') continue
    if (!t.quoted && t.text === 'OR') {
      orNext = true
      continue
    }
    if (!t.quoted && t.text === 'NOT') {
      notNext = true
      continue
    }
    let term = t.text
    let negate = notNext
    if (!t.quoted && term.length > 1 && term.startsWith('-')) {
      negate = true
      term = term.slice(1)
    }
    notNext = false
    if (term.trim() === '') continue
    if (negate) expr.excludes.push(term)
    else if (orNext && expr.clauses.length > 0) expr.clauses[expr.clauses.length - 1]?.push(term)
    else expr.clauses.push([term])
    orNext = false
  }
  return expr
}

const regexCache = new Map<string, RegExp>()

/** Case-insensitive whole-word (or phrase) match; a trailing `*` makes it a prefix match. */
export function matchesTerm(text: string, term: string): boolean {
  let re = regexCache.get(term)
  if (!re) {
    const prefix = term.endsWith('*')
    const core = (prefix ? term.slice(0, -1) : term).trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')
    re = new RegExp(`(?<![\\p{L}\\p{N}])${core}${prefix ? '' : '(?![\\p{L}\\p{N}])'}`, 'iu')
    if (regexCache.size > 500) regexCache.clear()
    regexCache.set(term, re)
  }
  return re.test(text)
}

function matchesExpression(text: string, expr: Expression): boolean {
  return expr.clauses.every((any) => any.some((t) => matchesTerm(text, t))) && !expr.excludes.some((t) => matchesTerm(text, t))
}

function jobText(job: FakeJob): string {
  return `${job.title}\n${job.description}\n${job.skills.map((s) => `${s.prettyName} ${s.name}`).join('\n')}`
}

function inRange(value: number, range: IntRange | null | undefined): boolean {
  if (!range) return true
  if (range.rangeStart != null && value < range.rangeStart) return false
  if (range.rangeEnd != null && value > range.rangeEnd) return false
  return true
}

/** The positive terms of every text filter, used to set `skills.highlighted`. */
export function highlightTerms(filter: SearchFilter | null | undefined): string[] {
  if (!filter) return []
  const terms: string[] = []
  for (const e of [filter.searchExpression_eq, filter.titleExpression_eq]) if (e) terms.push(...parseExpression(e).clauses.flat())
  if (filter.skillExpression_eq) terms.push(...splitSkills(filter.skillExpression_eq))
  const st = filter.searchTerm_eq
  if (st) terms.push(...(st.andTerms_all ?? []), ...(st.orTerms_any ?? []), ...(st.exactTerms_any ?? []))
  return terms
}

function splitSkills(expr: string): string[] {
  return expr.split(',').map((s) => s.trim()).filter(Boolean)
}

export function filterJobs(jobs: readonly FakeJob[], filter: SearchFilter | null | undefined): FakeJob[] {
  if (!filter) return [...jobs]
  // Field report: the workload filter always returned 0 results.
  if (filter.workload_eq) return []
  const search = filter.searchExpression_eq?.trim() ? parseExpression(filter.searchExpression_eq) : null
  const title = filter.titleExpression_eq?.trim() ? parseExpression(filter.titleExpression_eq) : null
  const skills = filter.skillExpression_eq ? splitSkills(filter.skillExpression_eq).map((s) => s.toLowerCase()) : null
  const st = filter.searchTerm_eq
  return jobs.filter((job) => {
    if (search || st) {
      const text = jobText(job)
      if (search && !matchesExpression(text, search)) return false
      if (st) {
        if (st.andTerms_all?.length && !st.andTerms_all.every((t) => matchesTerm(text, t))) return false
        if (st.orTerms_any?.length && !st.orTerms_any.some((t) => matchesTerm(text, t))) return false
        if (st.exactTerms_any?.length && !st.exactTerms_any.some((t) => matchesTerm(text, t))) return false
        if (st.excludeTerms_any?.some((t) => matchesTerm(text, t))) return false
      }
    }
    if (title && !matchesExpression(job.title, title)) return false
    if (skills && !job.skills.some((s) => skills.includes(s.name.toLowerCase()) || skills.includes(s.prettyName.toLowerCase()))) return false
    if (filter.categoryIds_any?.length && !(job.categoryId && filter.categoryIds_any.includes(job.categoryId))) return false
    if (filter.subcategoryIds_any?.length && !(job.subcategoryId && filter.subcategoryIds_any.includes(job.subcategoryId))) return false
    if (filter.occupationIds_any?.length && !(job.occupation && filter.occupationIds_any.includes(job.occupation.id))) return false
    if (filter.ontologySkillIds_all?.length && !filter.ontologySkillIds_all.every((id) => job.skills.some((s) => s.id === id))) return false
    if (filter.jobType_eq && job.contractType !== filter.jobType_eq) return false
    if (filter.experienceLevel_eq && job.experienceLevel !== filter.experienceLevel_eq) return false
    if (filter.verifiedPaymentOnly_eq && job.client.verificationStatus !== 'VERIFIED') return false
    if (!inRange(job.client.totalHires, filter.clientHiresRange_eq)) return false
    if (!inRange(job.totalApplicants, filter.proposalRange_eq)) return false
    if (filter.enterpriseOnly_eq && !job.enterprise) return false
    if (filter.locations_any?.length) {
      const country = job.client.location?.country?.toLowerCase()
      if (!country || !filter.locations_any.some((l) => l.toLowerCase() === country)) return false
    }
    // budgetRange_eq and hourlyRate_eq: accepted and ignored, as observed live.
    return true
  })
}

export function sortJobs(jobs: FakeJob[], field: SortField, filter: SearchFilter | null | undefined): FakeJob[] {
  const recency = (a: FakeJob, b: FakeJob): number =>
    b.publishedDateTime.localeCompare(a.publishedDateTime) || (BigInt(b.id) > BigInt(a.id) ? 1 : BigInt(b.id) < BigInt(a.id) ? -1 : 0)
  if (field === 'CLIENT_TOTAL_CHARGE') return jobs.sort((a, b) => (b.client.totalSpent ?? 0) - (a.client.totalSpent ?? 0) || recency(a, b))
  if (field === 'CLIENT_RATING') return jobs.sort((a, b) => b.client.totalFeedback - a.client.totalFeedback || recency(a, b))
  if (field === 'RELEVANCE') {
    const terms = highlightTerms(filter)
    const score = (j: FakeJob): number => terms.filter((t) => matchesTerm(j.title, t)).length * 3 + terms.filter((t) => matchesTerm(jobText(j), t)).length
    return jobs.sort((a, b) => score(b) - score(a) || recency(a, b))
  }
  return jobs.sort(recency)
}

/** Cursors are base64 of the 1-based position, as in the §6 sample ("MQ==" = 1). `"0"` = start. */
export function encodeCursor(position: number): string {
  return Buffer.from(String(position)).toString('base64')
}

export function decodeCursor(after: string | null | undefined): number {
  if (after == null || after === '' || after === '0') return 0
  const decoded = Buffer.from(after, 'base64').toString('utf8')
  if (!/^\d+$/.test(decoded) || encodeCursor(Number(decoded)) !== after) {
    throw new GraphQLError(`Invalid cursor: ${after.slice(0, 40)}`, { extensions: { classification: 'ValidationError' } })
  }
  return Number(decoded)
}

export interface Page<T> {
  totalCount: number
  items: Array<{ cursor: string; item: T }>
  endCursor: string | null
  hasNextPage: boolean
}

export function paginate<T>(all: readonly T[], pagination: { after?: string | null; first: number } | null | undefined, cap: number): Page<T> {
  const offset = decodeCursor(pagination?.after)
  const requested = pagination?.first ?? cap
  if (requested < 0) throw new GraphQLError('pagination.first must not be negative', { extensions: { classification: 'ValidationError' } })
  const size = Math.min(requested, cap)
  const slice = all.slice(offset, offset + size)
  const items = slice.map((item, i) => ({ cursor: encodeCursor(offset + i + 1), item }))
  return {
    totalCount: all.length,
    items,
    endCursor: items.length > 0 ? (items[items.length - 1]?.cursor ?? null) : null,
    hasNextPage: offset + slice.length < all.length
  }
}
