import { describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import type { JobSummary } from '../../upwork/types'
import { fromJobSummary } from './from-upwork'
import { isMessageKey, translator } from '@shared/i18n'
import { formatReason, formatReasonLine, reasonIn, reasonLineIn, REASON_TEMPLATES, type ReasonCode } from './reason-text'
import { MAX_SCAN_CHARS, SCORE_VERSION, compileProfile, scoreJob, scoreJobs, scoreOnly } from './score'
import type { ComponentId, FitScore, FreelancerProfile, ScoringJob } from './types'
import { BASE_SCORE, DEFAULT_SCORE_WEIGHTS, parseScoreWeights } from './weights'

const NOW = Date.parse('2026-12-01T12:00:00Z')
const minutesAgo = (m: number): string => new Date(NOW - m * 60_000).toISOString()

const PROFILE: FreelancerProfile = {
  skills: ['React', 'TypeScript', 'Node.js', 'Postgres'],
  hourlyRate: 50,
  minFixedBudget: 1000,
  yearsExperience: 6,
  avoidCountries: ['Narnia'],
  negativeKeywords: ['WordPress', 'cold calling']
}
const compiled = compileProfile(PROFILE)

function goodJob(over: Partial<ScoringJob> = {}): ScoringJob {
  return {
    title: 'Senior React developer for a dashboard',
    description: 'We need a React and TypeScript expert to build our analytics dashboard.',
    skills: ['ReactJS', 'TypeScript', 'PostgreSQL'],
    jobType: 'HOURLY',
    hourlyMin: 50,
    hourlyMax: 80,
    fixedAmount: null,
    experienceLevel: 'EXPERT',
    totalApplicants: 0,
    publishedAt: minutesAgo(10),
    clientVerified: true,
    clientTotalSpent: 50_000,
    clientHires: 9,
    clientPostedJobs: 10,
    clientFeedback: 4.9,
    clientReviews: 8,
    clientCountry: 'Germany',
    ...over
  }
}

const score = (job: ScoringJob, profile = compiled): FitScore => scoreJob(job, profile, NOW)
const reasonOf = (s: FitScore, component: ComponentId) => s.reasons.find((r) => r.component === component)
const pointsOf = (s: FitScore, component: ComponentId): number | undefined => reasonOf(s, component)?.points

describe('fit score: the whole', () => {
  it('scores a job that fits on every count near the top, and the reasons add up to it', () => {
    const s = score(goodJob())
    expect(s.score).toBe(100)
    expect(s.scoreVersion).toBe(SCORE_VERSION)
    const sum = BASE_SCORE + s.reasons.reduce((a, r) => a + r.points, 0)
    expect(sum).toBe(100)
    expect(s.reasons.map(formatReasonLine)).toContain('+18 skills: ReactJS, TypeScript, PostgreSQL (3 of 3)')
  })

  it('lists the most influential reasons first', () => {
    const s = score(goodJob({ clientVerified: false, totalApplicants: null }))
    const sizes = s.reasons.map((r) => Math.abs(r.points))
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a))
    expect(s.reasons[0]!.component).toBe('skills')
  })

  it('gives exactly the base score, all neutral lines, for a job with nothing known', () => {
    const s = score({})
    expect(s.score).toBe(BASE_SCORE)
    expect(s.reasons.every((r) => r.points === 0)).toBe(true)
    const codes = s.reasons.map((r) => r.code)
    expect(codes).toEqual(expect.arrayContaining(['client.spendUnknown', 'competition.unknown', 'recency.unknown', 'budget.unknown', 'flag.paymentUnknown']))
    expect(s.reasons.map(formatReason)).toContain('client spend unknown')
  })

  it('is deterministic', () => {
    expect(score(goodJob({ clientVerified: false }))).toEqual(score(goodJob({ clientVerified: false })))
  })

  it('scoreOnly gives the same number without the reasons', () => {
    for (const job of [goodJob(), goodJob({ clientVerified: false, description: 'Pay outside Upwork' }), {}, goodJob({ skills: ['Figma'] })]) {
      expect(scoreOnly(job, compiled, NOW)).toBe(score(job).score)
    }
  })

  it('scores a batch the same as one by one', () => {
    const jobs = [goodJob(), goodJob({ totalApplicants: 40 }), {}]
    expect(scoreJobs(jobs, compiled, NOW)).toEqual(jobs.map((j) => score(j)))
  })
})

describe('fit score: components', () => {
  it('skills: full weight from 60 % of the listed skills, negative when none match, synonyms count', () => {
    expect(pointsOf(score(goodJob({ skills: ['React', 'GraphQL', 'Docker', 'AWS'] })), 'skills')).toBe(Math.round(18 * ((0.25 / 0.6) * 2 - 1)))
    const none = score(goodJob({ skills: ['Figma', 'Illustrator'] }))
    expect(pointsOf(none, 'skills')).toBe(-18)
    expect(formatReason(reasonOf(none, 'skills')!)).toBe('skills: none of yours (Figma, Illustrator)')
    expect(pointsOf(score(goodJob({ skills: ['react.js', 'React', 'REACT JS'] })), 'skills')).toBe(18)
    const synonyms = compileProfile({ skills: ['Golang'] }, { synonyms: { golang: ['go lang', 'go'] } })
    expect(pointsOf(score(goodJob({ skills: ['Go'] }), synonyms), 'skills')).toBe(18)
  })

  it('skills: a post that lists none is searched for the profile skills, at half weight', () => {
    const one = score(goodJob({ skills: [], title: 'Help with a typescript app', description: 'Details on a call.' }))
    expect(reasonOf(one, 'skills')).toMatchObject({ code: 'skills.mentioned', points: 5 })
    const two = score(goodJob({ skills: [], title: 'Help with a typescript app', description: 'It uses React.' }))
    expect(reasonOf(two, 'skills')).toMatchObject({ code: 'skills.mentioned', points: 9 })
    expect(formatReason(reasonOf(two, 'skills')!)).toBe('skills: the post mentions TypeScript, React')
    expect(reasonOf(score(goodJob({ skills: null, title: 'x', description: 'y' })), 'skills')).toMatchObject({ code: 'skills.notListed', points: 0 })
    expect(reasonOf(score(goodJob(), compileProfile({ skills: [] })), 'skills')).toMatchObject({ code: 'skills.noProfile', points: 0 })
  })

  it('budget: hourly range against the rate, fixed price against the minimum', () => {
    expect(pointsOf(score(goodJob({ hourlyMin: 10, hourlyMax: 15 })), 'budget')).toBe(-10)
    expect(pointsOf(score(goodJob({ hourlyMin: 60, hourlyMax: 90 })), 'budget')).toBe(10)
    const fixed = (amount: number | null) => score(goodJob({ jobType: 'FIXED', hourlyMin: null, hourlyMax: null, fixedAmount: amount }))
    expect(pointsOf(fixed(2500), 'budget')).toBe(10)
    expect(pointsOf(fixed(1000), 'budget')).toBe(5)
    expect(pointsOf(fixed(100), 'budget')).toBe(-10)
    expect(formatReason(reasonOf(fixed(2500), 'budget')!)).toBe('budget: $2.5k fixed vs your minimum $1k')
    expect(reasonOf(fixed(null), 'budget')).toMatchObject({ code: 'budget.fixedUnknown', points: 0 })
    expect(reasonOf(fixed(0), 'budget')).toMatchObject({ code: 'budget.fixedUnknown', points: 0 })
    expect(reasonOf(score(goodJob(), compileProfile({ skills: ['React'] })), 'budget')).toMatchObject({ code: 'budget.noRate', points: 0 })
    expect(formatReason(reasonOf(score(goodJob()), 'budget')!)).toBe('budget: $50–$80/h vs your $50/h')
  })

  it('client: hire rate, spend and feedback each count, and unknowns are neutral', () => {
    expect(pointsOf(score(goodJob({ clientHires: 0, clientPostedJobs: 12 })), 'clientHireRate')).toBe(-4)
    expect(pointsOf(score(goodJob({ clientHires: 0, clientPostedJobs: 1 })), 'clientHireRate')).toBe(-1)
    expect(reasonOf(score(goodJob({ clientPostedJobs: 0 })), 'clientHireRate')!.code).toBe('client.new')
    expect(formatReason(reasonOf(score(goodJob()), 'clientHireRate')!)).toBe('client hire rate 90% (9 of 10 jobs)')
    expect(pointsOf(score(goodJob({ clientTotalSpent: 0 })), 'clientSpend')).toBe(-2)
    expect(reasonOf(score(goodJob({ clientTotalSpent: null })), 'clientSpend')).toMatchObject({ code: 'client.spendUnknown', points: 0 })
    expect(formatReason(reasonOf(score(goodJob()), 'clientSpend')!)).toBe('client has spent $50k')
    expect(pointsOf(score(goodJob({ clientFeedback: 3.2 })), 'clientFeedback')).toBe(-3)
    expect(reasonOf(score(goodJob({ clientFeedback: 0, clientReviews: 0 })), 'clientFeedback')!.code).toBe('client.noReviews')
  })

  it('competition and recency: fewer applicants and newer posts score higher', () => {
    expect(pointsOf(score(goodJob({ totalApplicants: 0 })), 'competition')).toBe(5)
    expect(pointsOf(score(goodJob({ totalApplicants: 80 })), 'competition')).toBe(-5)
    expect(formatReason(reasonOf(score(goodJob({ totalApplicants: 1 })), 'competition')!)).toBe('1 applicant')
    expect(pointsOf(score(goodJob({ publishedAt: minutesAgo(5) })), 'recency')).toBe(4)
    expect(pointsOf(score(goodJob({ publishedAt: minutesAgo(5 * 24 * 60) })), 'recency')).toBe(-4)
    expect(formatReason(reasonOf(score(goodJob({ publishedAt: minutesAgo(12) })), 'recency')!)).toBe('posted 12 min ago')
    expect(formatReason(reasonOf(score(goodJob({ publishedAt: minutesAgo(3 * 24 * 60) })), 'recency')!)).toBe('posted 3 days ago')
    // A time from the future (clock skew) counts as just posted; epoch ms and Dates work too.
    expect(pointsOf(score(goodJob({ publishedAt: NOW + 3600_000 })), 'recency')).toBe(4)
    expect(pointsOf(score(goodJob({ publishedAt: new Date(NOW) })), 'recency')).toBe(4)
    expect(reasonOf(score(goodJob({ publishedAt: 'not a date' })), 'recency')).toMatchObject({ code: 'recency.unknown', points: 0 })
  })

  it('experience: expert posts want years', () => {
    const junior = compileProfile({ ...PROFILE, yearsExperience: 1 })
    expect(pointsOf(score(goodJob(), junior), 'experience')).toBe(-2)
    expect(pointsOf(score(goodJob()), 'experience')).toBe(2)
    expect(reasonOf(score(goodJob()), 'experience')!.params).toEqual({ level: 'EXPERT', years: 6 })
    expect(formatReason(reasonOf(score(goodJob()), 'experience')!)).toBe('expert job, you have 6 years')
    expect(formatReason(reasonOf(score(goodJob({ experienceLevel: 'ENTRY_LEVEL' }), junior), 'experience')!)).toBe('entry level job, you have 1 year')
    expect(pointsOf(score(goodJob({ experienceLevel: 'ENTRY_LEVEL' })), 'experience')).toBe(-1)
    expect(reasonOf(score(goodJob({ experienceLevel: null })), 'experience')!.code).toBe('experience.unknown')
  })
})

describe('fit score: red flags', () => {
  it('payment not verified costs its weight', () => {
    const s = score(goodJob({ clientVerified: false }))
    expect(pointsOf(s, 'paymentUnverified')).toBe(-10)
    expect(formatReasonLine(reasonOf(s, 'paymentUnverified')!)).toBe('−10 payment not verified')
  })

  it('negative keywords in the title, description or skill list', () => {
    expect(formatReason(reasonOf(score(goodJob({ title: 'WordPress site fix' })), 'negativeKeywords')!)).toBe('negative keywords: wordpress')
    expect(pointsOf(score(goodJob({ description: 'Some COLD CALLING too' })), 'negativeKeywords')).toBe(-25)
    expect(pointsOf(score(goodJob({ skills: ['React', 'Wordpress'] })), 'negativeKeywords')).toBe(-25)
    expect(reasonOf(score(goodJob()), 'negativeKeywords')).toBeUndefined()
  })

  it('negative keywords with symbols ("c++", ".net") match as whole words too', () => {
    const p = compileProfile({ ...PROFILE, negativeKeywords: ['c++', '.net'] })
    expect(reasonOf(score(goodJob(), p), 'negativeKeywords')).toBeUndefined()
    expect(formatReason(reasonOf(score(goodJob({ description: 'Legacy C++ and .NET code' }), p), 'negativeKeywords')!)).toBe('negative keywords: c++, .net')
  })

  it('suspicious wording and avoided countries', () => {
    const s = score(goodJob({ description: 'Contact me on WhatsApp. The test task is unpaid.' }))
    expect(pointsOf(s, 'suspiciousWording')).toBe(-25)
    expect(reasonOf(s, 'suspiciousWording')!.params.kinds).toBe('messagingApp,unpaidTest')
    expect(formatReason(reasonOf(s, 'suspiciousWording')!)).toBe('suspicious wording: asks to move the chat to a messaging app; unpaid test task')
    expect(pointsOf(score(goodJob({ clientCountry: ' narnia ' })), 'avoidedCountry')).toBe(-40)
  })

  it('a scam-looking post lands near the bottom', () => {
    const s = score(goodJob({ clientVerified: false, clientTotalSpent: 0, description: 'Pay outside Upwork, telegram: @me', title: 'Easy WordPress work' }))
    expect(s.score).toBeLessThanOrEqual(score(goodJob()).score - 60)
    const scam = score({ ...goodJob({ clientVerified: false, clientTotalSpent: 0, description: 'Pay outside Upwork' }), skills: ['Data Entry'], hourlyMax: 5, hourlyMin: 3 })
    expect(scam.score).toBeLessThanOrEqual(5)
  })
})

describe('fit score: weights', () => {
  it('defaults every weight, validates, and drops unknown keys', () => {
    expect(parseScoreWeights({})).toEqual(DEFAULT_SCORE_WEIGHTS)
    expect(parseScoreWeights({ skills: 30, extra: 1 })).toEqual({ ...DEFAULT_SCORE_WEIGHTS, skills: 30 })
    expect(() => parseScoreWeights({ skills: -1 })).toThrow(ZodError)
    expect(() => parseScoreWeights({ budget: Number.NaN })).toThrow(ZodError)
    expect(() => parseScoreWeights({ recency: 101 })).toThrow(ZodError)
  })

  it('tuning a weight changes the total', () => {
    const job = goodJob({ skills: ['Figma'], clientVerified: false })
    const base = score(job).score
    const skillsHeavy = score(job, compileProfile(PROFILE, { weights: { skills: 40 } })).score
    const noFlags = score(job, compileProfile(PROFILE, { weights: { paymentUnverified: 0 } })).score
    expect(skillsHeavy).toBe(base - 22)
    expect(noFlags).toBe(base + 10)
  })

  it('a weight of 0 turns its component off', () => {
    const off = compileProfile(PROFILE, { weights: { competition: 0 } })
    expect(pointsOf(score(goodJob({ totalApplicants: 0 }), off), 'competition')).toBe(0)
  })
})

describe('fit score: bad input', () => {
  it('clamps absurd values instead of producing absurd scores', () => {
    const huge = score(goodJob({ jobType: 'FIXED', fixedAmount: 1e12, hourlyMin: null, hourlyMax: null }))
    expect(formatReason(reasonOf(huge, 'budget')!)).toBe('budget: $10M fixed vs your minimum $1k')
    expect(reasonOf(score(goodJob({ totalApplicants: -5 })), 'competition')).toMatchObject({ points: 5, params: { count: 0 } })
    expect(reasonOf(score(goodJob({ clientHires: 50, clientPostedJobs: 10 })), 'clientHireRate')!.params.percent).toBe(100)
    expect(reasonOf(score(goodJob({ clientFeedback: 99 })), 'clientFeedback')!.params.rating).toBe('5.0')
    expect(reasonOf(score(goodJob({ hourlyMax: Number.POSITIVE_INFINITY, hourlyMin: Number.NaN })), 'budget')!.code).toBe('budget.hourlyUnknown')
    expect(reasonOf(score(goodJob({ clientTotalSpent: Number.NaN })), 'clientSpend')!.code).toBe('client.spendUnknown')
  })

  it('bounds the work on a post stuffed with trigger words, and still finds a keyword after them', () => {
    const stuffed = `${'telegram free test '.repeat(500)} WordPress`
    const start = performance.now()
    const s = score(goodJob({ description: stuffed.slice(-MAX_SCAN_CHARS) }))
    expect(performance.now() - start).toBeLessThan(100)
    expect(pointsOf(s, 'negativeKeywords')).toBe(-25)
  })

  it('reads markup and scripts as plain text', () => {
    const s = score(goodJob({ title: '<script>alert(1)</script><b>WordPress</b>', description: '<img src=x onerror=alert(1)>Message me on <i>Telegram</i>' }))
    expect(pointsOf(s, 'negativeKeywords')).toBe(-25)
    expect(pointsOf(s, 'suspiciousWording')).toBe(-25)
  })

  it('scans only the first MAX_SCAN_CHARS of a 1 MB description, quickly', () => {
    const filler = 'lorem ipsum '.repeat(Math.ceil(1_000_000 / 12))
    const early = score(goodJob({ description: `Pay outside Upwork. ${filler}` }))
    const late = score(goodJob({ description: `${filler.slice(0, MAX_SCAN_CHARS)} Pay outside Upwork.` }))
    expect(pointsOf(early, 'suspiciousWording')).toBe(-25)
    expect(reasonOf(late, 'suspiciousWording')).toBeUndefined()
    const start = performance.now()
    for (let i = 0; i < 20; i++) score(goodJob({ description: filler }))
    expect((performance.now() - start) / 20).toBeLessThan(20)
  })

  it('never throws and always gives an integer 0–100 over random, hostile jobs', () => {
    let seed = 12345
    const rnd = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return seed / 2 ** 32
    }
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!
    const numbers = [null, undefined, 0, -1, 1, 3.7, 42, 1e12, -1e12, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '12' as unknown as number]
    const texts = [null, '', 'WordPress', 'contact me on telegram', '<script>x</script>', '\u202e\u200bhidden', 'x'.repeat(20_000), 42 as unknown as string]
    const profiles = [compiled, compileProfile({ skills: [] }), compileProfile(PROFILE, { weights: { skills: 100, suspiciousWording: 100 } })]
    for (let i = 0; i < 3000; i++) {
      const job: ScoringJob = {
        title: pick(texts),
        description: pick(texts),
        skills: pick([null, [], ['React'], ['Figma', 'React', 'TS'], [42 as unknown as string, ''], 'React' as unknown as string[]]),
        jobType: pick(['HOURLY', 'FIXED', null, 'WEIRD']),
        hourlyMin: pick(numbers),
        hourlyMax: pick(numbers),
        fixedAmount: pick(numbers),
        experienceLevel: pick(['ENTRY_LEVEL', 'INTERMEDIATE', 'EXPERT', 'expert', null, '']),
        totalApplicants: pick(numbers),
        publishedAt: pick([null, 'garbage', minutesAgo(rnd() * 10_000), NOW + 1e9, Number.NaN, new Date(Number.NaN)]),
        clientVerified: pick([true, false, null]),
        clientTotalSpent: pick(numbers),
        clientHires: pick(numbers),
        clientPostedJobs: pick(numbers),
        clientFeedback: pick(numbers),
        clientReviews: pick(numbers),
        clientCountry: pick([null, 'Narnia', '', 'Germany'])
      }
      const profile = pick(profiles)
      const s = scoreJob(job, profile, NOW)
      expect(Number.isInteger(s.score)).toBe(true)
      expect(s.score).toBeGreaterThanOrEqual(0)
      expect(s.score).toBeLessThanOrEqual(100)
      for (const r of s.reasons) {
        expect(Number.isInteger(r.points)).toBe(true)
        expect(formatReason(r)).not.toMatch(/NaN|undefined|Infinity|\{/)
      }
      expect(scoreJob(job, profile, NOW)).toEqual(s)
      expect(scoreOnly(job, profile, NOW)).toBe(s.score)
    }
  })
})

describe('fromJobSummary', () => {
  it('maps what the Upwork client returns onto the scorer’s fields', () => {
    const money = (amount: number | null) => ({ amount, currency: 'USD', display: `$${amount}` })
    const summary: JobSummary = {
      id: '1', ciphertext: '~01', url: 'https://www.upwork.com/jobs/~01', title: 'React app', description: 'Build it',
      descriptionTruncated: false, contractType: 'HOURLY', experienceLevel: 'EXPERT', duration: null, durationLabel: null,
      engagement: null, category: null, subcategory: null, fixedBudget: null, hourlyBudgetMin: money(40), hourlyBudgetMax: money(70),
      weeklyBudget: null, skills: [{ name: 'react', prettyName: 'React' }, { name: 'typescript', prettyName: '' }], totalApplicants: 3,
      applied: false, enterprise: false, premium: false, preferredLocations: [], createdAt: null, publishedAt: minutesAgo(30), renewedAt: null,
      client: {
        totalHires: 7, totalPostedJobs: 9, totalSpent: money(18250), verificationStatus: 'VERIFIED', paymentVerified: true,
        country: 'Canada', city: null, state: null, timezone: null, totalReviews: 5, totalFeedback: 4.8
      }
    }
    const job = fromJobSummary(summary)
    expect(job).toMatchObject({ skills: ['React', 'typescript'], hourlyMin: 40, hourlyMax: 70, clientTotalSpent: 18250, clientVerified: true, clientCountry: 'Canada' })
    expect(score(job).score).toBeGreaterThan(80)
    expect(fromJobSummary({ ...summary, client: null }).clientVerified).toBeNull()
  })
})

describe('score reasons in Ukrainian', () => {
  const t = translator('uk')
  const line = (code: ReasonCode, params: Record<string, string | number>) => reasonIn(t, { code, params })
  it('render from code + params through the shared catalog, with Ukrainian plural forms', () => {
    expect(line('competition.applicants', { count: 1 })).toBe('1 заявка')
    expect(line('competition.applicants', { count: 3 })).toBe('3 заявки')
    expect(line('competition.applicants', { count: 11 })).toBe('11 заявок')
    expect(line('recency.days', { days: 2 })).toBe('опубліковано 2 дні тому')
    expect(line('recency.days', { days: 5 })).toBe('опубліковано 5 днів тому')
    expect(line('client.feedback', { rating: 4.9, reviews: 21 })).toBe('оцінка клієнта 4.9 (21 відгук)')
    expect(line('client.hireRate', { percent: 90, hires: 9, posted: 10 })).toBe('частка найму клієнта 90% (9 з 10 вакансій)')
    expect(line('experience.level', { level: 'EXPERT', years: 6 })).toBe('вакансія рівня «експерт», у вас 6 років досвіду')
    expect(line('flag.suspicious', { kinds: 'offPlatform,cryptoPayment', list: 'x' })).toBe('підозріле формулювання: оплата або робота поза Upwork; оплата криптовалютою')
    expect(reasonLineIn(t, { code: 'flag.paymentUnverified', params: {}, points: -10 })).toBe('−10 оплату не підтверджено')
  })

  it('have a catalog entry for every reason code in both languages', () => {
    for (const code of Object.keys(REASON_TEMPLATES)) expect(isMessageKey(`score.${code}`), code).toBe(true)
  })
})
