import { describe, expect, it } from 'vitest'
import { searchFiltersSchema } from '@shared/discovery'
import { parseExpression } from '../../../../tools/fake-upwork/job-search'
import { searchJobsVariables } from '../../upwork/operations'
import { buildSearchExpression, toUpworkSearch } from './search-input'

const f = (input: Parameters<typeof searchFiltersSchema.parse>[0]) => searchFiltersSchema.parse(input)

describe("saved search → Upwork's search input", () => {
  it('writes all/any/exact/exclude terms in searchExpression syntax', () => {
    const expr = buildSearchExpression(f({ query: 'electron', allTerms: ['typescript'], anyTerms: ['react', 'vue'], exactPhrases: ['offline sync'], excludeTerms: ['wordpress', 'data entry'] }))
    expect(expr).toBe('electron typescript (react OR vue) "offline sync" -wordpress NOT "data entry"')
    // The fake reads it the way upwork-api.md describes the partial Lucene syntax.
    expect(parseExpression(expr)).toEqual({ clauses: [['electron'], ['typescript'], ['react', 'vue'], ['offline sync']], excludes: ['wordpress', 'data entry'] })
  })

  it('strips quotes and parentheses from terms, quotes operator words and phrases', () => {
    expect(buildSearchExpression(f({ allTerms: ['a"b', '(c)', 'OR'], anyTerms: ['one two'] }))).toBe('"a b" c "OR" "one two"')
    expect(buildSearchExpression(f({}))).toBe('')
  })

  it('sends only the server-side filters that work; the rest stays local', () => {
    const input = toUpworkSearch(
      f({ allTerms: ['node'], categoryIds: ['531770282580668418'], skillIds: ['1031626748419440640'], contractType: 'HOURLY', experienceLevel: 'EXPERT', budgetMin: 500, hourlyMin: 40, postedWithinHours: 24, maxApplicants: 10, workload: ['Less than 30 hrs/week'], client: { paymentVerified: true, minHires: 3, countriesIn: ['Germany'] } })
    )
    expect(input).toEqual({ first: 50, query: 'node', categoryIds: ['531770282580668418'], skillIds: ['1031626748419440640'], jobType: 'HOURLY', experienceLevel: 'EXPERT', verifiedPaymentOnly: true })
    const { filter } = searchJobsVariables(input) as { filter: Record<string, unknown> }
    expect(Object.keys(filter).sort()).toEqual(['categoryIds_any', 'experienceLevel_eq', 'jobType_eq', 'ontologySkillIds_all', 'pagination_eq', 'searchExpression_eq', 'verifiedPaymentOnly_eq'])
    expect(filter).not.toHaveProperty('budgetRange_eq')
    expect(filter).not.toHaveProperty('workload_eq')
  })
})
