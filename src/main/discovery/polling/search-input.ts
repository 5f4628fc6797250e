import type { SearchFilters } from '@shared/discovery'
import type { JobSearchFilters } from '../../upwork/types'

/**
 * A saved search → Upwork's search input. Only what Upwork applies server-side is sent
 * (upwork-api.md §2.1: text, category ids, skills, contract type, experience, verified payment);
 * budget, hourly rate, posting age and the other client filters are applied locally (local-filters.ts).
 */

/** Quotes and parentheses are Upwork's syntax: a term never carries them. */
const clean = (term: string): string => term.replace(/["()]/g, ' ').replace(/\s+/g, ' ').trim()
const isPhrase = (term: string): boolean => term.includes(' ')
const quoted = (term: string): string => (isPhrase(term) || /^(AND|OR|NOT)$/.test(term) || term.startsWith('-') ? `"${term}"` : term)

/**
 * Upwork's `searchExpression_eq` ("partial Lucene"): the free query as typed, then every "all"
 * term (AND), the "any" terms as one `(a OR b)` group, each exact phrase quoted (each required),
 * and each excluded term as `-word` or `NOT "a phrase"`.
 */
export function buildSearchExpression(f: Pick<SearchFilters, 'query' | 'allTerms' | 'anyTerms' | 'exactPhrases' | 'excludeTerms'>): string {
  const parts: string[] = []
  const query = f.query.trim()
  if (query) parts.push(query)
  for (const t of f.allTerms.map(clean).filter(Boolean)) parts.push(quoted(t))
  const any = f.anyTerms.map(clean).filter(Boolean)
  if (any.length === 1) parts.push(quoted(any[0]!))
  else if (any.length > 1) parts.push(`(${any.map(quoted).join(' OR ')})`)
  for (const t of f.exactPhrases.map(clean).filter(Boolean)) parts.push(`"${t}"`)
  for (const t of f.excludeTerms.map(clean).filter(Boolean)) parts.push(isPhrase(t) || t.startsWith('-') ? `NOT "${t}"` : `-${t}`)
  return parts.join(' ')
}

/** The page size asked for (Upwork's cap; it often returns about 10 whatever is asked). */
export const POLL_PAGE_SIZE = 50

export function toUpworkSearch(f: SearchFilters): JobSearchFilters {
  const input: JobSearchFilters = { first: POLL_PAGE_SIZE }
  const query = buildSearchExpression(f)
  if (query) input.query = query
  if (f.categoryIds.length > 0) input.categoryIds = [...f.categoryIds]
  if (f.skillIds.length > 0) input.skillIds = [...f.skillIds]
  if (f.contractType) input.jobType = f.contractType
  if (f.experienceLevel) input.experienceLevel = f.experienceLevel
  if (f.client.paymentVerified) input.verifiedPaymentOnly = true
  return input
}
