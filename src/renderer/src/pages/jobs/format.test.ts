import { describe, expect, it } from 'vitest'
import { translator } from '@shared/i18n'
import { reasonIn, signedPoints } from '@shared/score-reasons'
import { budgetText, postedAgo, scoreTone } from './format'

const en = translator('en')
const uk = translator('uk')
const now = Date.UTC(2026, 11, 1, 12)
const ago = (ms: number): number => now - ms

describe('jobs view words', () => {
  it('"posted … ago" in English and with Ukrainian plural forms', () => {
    expect(postedAgo(en, ago(20_000), now)).toBe('posted just now')
    expect(postedAgo(en, ago(12 * 60_000), now)).toBe('posted 12 min ago')
    expect(postedAgo(en, ago(3 * 3_600_000), now)).toBe('posted 3 h ago')
    expect(postedAgo(en, ago(86_400_000), now)).toBe('posted 1 day ago')
    expect(postedAgo(uk, ago(1 * 60_000), now)).toBe('опубліковано 1 хвилину тому')
    expect(postedAgo(uk, ago(3 * 60_000), now)).toBe('опубліковано 3 хвилини тому')
    expect(postedAgo(uk, ago(12 * 60_000), now)).toBe('опубліковано 12 хвилин тому')
    expect(postedAgo(uk, ago(21 * 3_600_000), now)).toBe('опубліковано 21 годину тому')
    expect(postedAgo(uk, ago(5 * 86_400_000), now)).toBe('опубліковано 5 днів тому')
    // A clock a little behind Upwork's: never "in the future".
    expect(postedAgo(en, now + 5_000, now)).toBe('posted just now')
  })

  it('budget: hourly range, one rate, fixed price with its currency, or not given', () => {
    const base = { hourlyMin: null, hourlyMax: null, fixedAmount: null, currency: 'USD', jobType: null }
    expect(budgetText(en, 'en', { ...base, hourlyMin: 30, hourlyMax: 60 })).toBe('$30–$60/h')
    expect(budgetText(en, 'en', { ...base, hourlyMin: 45 })).toBe('$45/h')
    expect(budgetText(en, 'en', { ...base, fixedAmount: 1500, currency: 'EUR' })).toBe('€1,500 fixed')
    expect(budgetText(en, 'en', { ...base, fixedAmount: 12.5 })).toBe('$12.50 fixed')
    expect(budgetText(en, 'en', { ...base, fixedAmount: 100, currency: 'XXX1' })).toBe('100 XXX1 fixed')
    expect(budgetText(en, 'en', base)).toBe('budget not given')
    expect(budgetText(uk, 'uk', { ...base, hourlyMin: 30, hourlyMax: 60 })).toMatch(/^30.*60.*\/год$/)
  })

  it('score bands and signed points', () => {
    expect([scoreTone(null), scoreTone(20), scoreTone(55), scoreTone(85)]).toEqual(['neutral', 'danger', 'warn', 'ok'])
    expect([signedPoints(18), signedPoints(-10), signedPoints(0)]).toEqual(['+18', '−10', '±0'])
  })

  it('reasons from the catalog, with the level and suspicious kinds worded too; an unknown code shows as is', () => {
    expect(reasonIn(uk, { code: 'experience.level', params: { level: 'EXPERT', years: 5 } })).toBe(uk('score.experience.level', { level: uk('scoreLevel.EXPERT'), years: 5 }))
    expect(reasonIn(en, { code: 'flag.suspicious', params: { kinds: 'offPlatform,unpaidTest' } })).toBe('suspicious wording: payment or work outside Upwork; unpaid test task')
    expect(reasonIn(en, { code: 'competition.applicants', params: { count: 1 } })).toBe('1 applicant')
    expect(reasonIn(en, { code: 'made.up', params: {} })).toBe('made.up')
  })

  it('applicants counted with Ukrainian plural forms, the same word as the score reason', () => {
    expect([1, 3, 5, 21].map((count) => uk('jobs.applicants', { count }))).toEqual(['1 заявка', '3 заявки', '5 заявок', '21 заявка'])
    expect(uk('jobs.applicants', { count: 3 })).toBe(reasonIn(uk, { code: 'competition.applicants', params: { count: 3 } }))
  })
})
