/**
 * A seeded generator of synthetic proposal history with KNOWN true effects (issue 10, "Honest by
 * construction"). The analytics, the experiments and the prediction model are tested on it: they
 * must recover what was put in, and find nothing where nothing was put.
 *
 * The model: each proposal gets a true reply probability
 *   p(reply) = baseReplyRate × template multiplier × posting-age multiplier × score multiplier × client multiplier
 * (hour of day, client country, category and strategy have NO effect). Replied proposals go on to an
 * interview and a hire with fixed conditional probabilities. Events that would fall after `now`
 * are not written (their outcome is not known yet), as in a real history.
 *
 * Pure: same options → the same history, byte for byte (a seeded PRNG, never Math.random).
 */
import { createRng, type Rng } from '@shared/prng'

export interface SyntheticTemplate {
  key: string
  name: string
  /** Multiplies the reply probability (the reference template has 1). */
  replyMultiplier: number
  /** Share of proposals that use it. */
  share: number
}

export interface PostingAgeBand {
  /** Upper bound in minutes from posting to sending (exclusive); null = no bound. */
  maxMinutes: number | null
  multiplier: number
  share: number
}

export interface SyntheticEffects {
  /** Reply probability for the reference case (multipliers all 1). */
  baseReplyRate: number
  templates: SyntheticTemplate[]
  postingAge: PostingAgeBand[]
  /** Score multiplier = 1 + scoreSlope × (score − 70) / 30: fit score mildly predictive (0 = none). */
  scoreSlope: number
  /** Share of clients with no hires, and their reply multiplier. */
  clientNoHiresShare: number
  clientNoHiresMultiplier: number
  /** P(viewed) of a proposal that gets no reply (a reply implies viewed). */
  viewRate: number
  interviewGivenReply: number
  hireGivenInterview: number
}

export const DEFAULT_EFFECTS: SyntheticEffects = {
  baseReplyRate: 0.14,
  templates: [
    { key: 'A', name: 'Portfolio-led', replyMultiplier: 1, share: 0.4 },
    { key: 'B', name: 'Short + question', replyMultiplier: 1.5, share: 0.4 },
    { key: 'C', name: 'Case study', replyMultiplier: 1, share: 0.2 }
  ],
  postingAge: [
    { maxMinutes: 30, multiplier: 2.2, share: 0.15 },
    { maxMinutes: 60, multiplier: 1.8, share: 0.15 },
    { maxMinutes: 240, multiplier: 1, share: 0.3 },
    { maxMinutes: 1440, multiplier: 0.6, share: 0.25 },
    { maxMinutes: 4320, multiplier: 0.4, share: 0.15 }
  ],
  scoreSlope: 0.3,
  clientNoHiresShare: 0.25,
  clientNoHiresMultiplier: 0.3,
  viewRate: 0.55,
  interviewGivenReply: 0.45,
  hireGivenInterview: 0.35
}

/** Features that have no effect at all on any outcome (the analytics must find none). */
export const NO_EFFECT_FEATURES = ['hourOfDay', 'clientCountry', 'category', 'strategy'] as const

export interface GenerateOptions {
  seed: number
  proposals: number
  /** Sends are spread over the `days` days before `now`. */
  days: number
  /** Epoch ms. */
  now: number
  effects?: Partial<SyntheticEffects>
  /**
   * Pad the history to about this many status events per proposal with repeated sync reads
   * (Pending again after a mark, the same status again): the stage goes back and forth, the
   * furthest stage reached does not change. Default: none (2–4 events per proposal).
   */
  eventsPerProposal?: number
  /** Share of proposals whose last event was recorded late with an earlier time (out of order, a clock change). Default 0.02. */
  outOfOrder?: number
}

export interface SyntheticJob {
  index: number
  upworkId: string
  ciphertext: string
  title: string
  jobType: 'HOURLY' | 'FIXED'
  fixedAmount: number | null
  hourlyMin: number | null
  hourlyMax: number | null
  category: string
  experienceLevel: 'ENTRY_LEVEL' | 'INTERMEDIATE' | 'EXPERT'
  totalApplicants: number
  publishedAt: number
  score: number
  clientVerified: boolean
  clientTotalSpent: number
  clientHires: number
  clientFeedback: number | null
  clientCountry: string
}

/** The draft and the features the approval snapshot keeps (review/snapshot.ts). */
export interface SyntheticDraft {
  index: number
  templateKey: string
  strategy: string
  bidAmount: number
  bidKind: 'hourly' | 'fixed'
  bidToBudget: number | null
  connectsCost: number | null
  approvedAt: number
  minutesSincePosting: number
  textSource: 'ai' | 'template'
  draftChars: number
  draftWords: number
  coverLetter: string
}

export type SyntheticStage = 'submitted' | 'viewed' | 'replied' | 'interview' | 'hired' | 'lost' | 'declined' | 'withdrawn' | 'archived'

export interface SyntheticProposal {
  index: number
  upworkProposalId: string
  submittedAt: number
  bidAmount: number
  connectsSpent: number | null
  /** Last recorded status and stage. */
  status: string
  stage: SyntheticStage
  statusChangedAt: number
  /** The TRUE reply probability this proposal was drawn with (for calibration tests). */
  pReply: number
  /** What happened, as far as `now` (the generator's draw, before censoring: replied/interview/hired may lie after now). */
  outcome: { viewed: boolean; replied: boolean; interview: boolean; hired: boolean }
}

export interface SyntheticEvent {
  proposalIndex: number
  fromStatus: string | null
  toStatus: string
  stage: SyntheticStage
  at: number
  /** When it was recorded (usually = at; later for out-of-order rows). Rows are inserted in this order. */
  recordedAt: number
  source: 'app' | 'user' | 'upwork-sync'
}

export interface SyntheticAiCall {
  proposalIndex: number
  task: 'draft'
  model: string
  promptTokens: number
  completionTokens: number
  /** null: the model's price is not known (never counted as $0). */
  costUsd: number | null
  durationMs: number
  ok: boolean
  createdAt: number
}

export interface SyntheticTruth {
  /** The template effect: `better`'s reply rate is `ratio` × `reference`'s, all else equal. */
  template: { better: string; reference: string; ratio: number }
  /** Expected reply rate (mean of the true probabilities) within an hour of posting ÷ later. */
  withinHourReplyRatio: number
  /** Posting-age multipliers by band (the generating values). */
  postingAge: PostingAgeBand[]
  /** Clients with no hires: reply multiplier. */
  clientNoHiresRatio: number
  scoreSlope: number
  noEffect: readonly string[]
}

export interface SyntheticHistory {
  seed: number
  now: number
  days: number
  effects: SyntheticEffects
  truth: SyntheticTruth
  templates: Array<{ key: string; name: string }>
  jobs: SyntheticJob[]
  drafts: SyntheticDraft[]
  proposals: SyntheticProposal[]
  /** Sorted by `at` (then by proposal); writeHistory inserts them in `recordedAt` order. */
  events: SyntheticEvent[]
  aiCalls: SyntheticAiCall[]
  /** Upwork API requests per UTC day (ApiUsageWindow `day:` keys). */
  apiUsage: Array<{ day: string; count: number }>
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const CATEGORIES = ['Web Development', 'Mobile Development', 'Data Science & Analytics', 'DevOps & Cloud', 'UI/UX Design'] as const
const COUNTRIES = ['United States', 'United Kingdom', 'Germany', 'Canada', 'Australia', 'India', 'Ukraine', 'Netherlands'] as const
const STRATEGIES = ['short', 'detailed', 'question-led', 'portfolio-led'] as const
const TITLES = [
  'React dashboard for a logistics SaaS',
  'Node.js API integration with Stripe',
  'Fix performance issues in Next.js app',
  'TypeScript migration of a legacy codebase',
  'Build an admin panel with PostgreSQL',
  'GraphQL backend for a mobile app',
  'Playwright end-to-end test suite',
  'AWS Lambda data pipeline',
  'Landing page in React with animations',
  'Electron desktop app prototype'
] as const
const CONNECTS = [
  [4, 2],
  [6, 3],
  [8, 3],
  [10, 2],
  [12, 1],
  [16, 1]
] as const satisfies ReadonlyArray<readonly [number, number]>

/** The true reply probability of one proposal under the effects. */
export function trueReplyProbability(e: SyntheticEffects, f: { templateKey: string; minutesSincePosting: number; score: number; clientHires: number }): number {
  const template = e.templates.find((t) => t.key === f.templateKey)?.replyMultiplier ?? 1
  const age = bandOf(e.postingAge, f.minutesSincePosting)?.multiplier ?? 1
  const score = Math.max(0, 1 + (e.scoreSlope * (f.score - 70)) / 30)
  const client = f.clientHires === 0 ? e.clientNoHiresMultiplier : 1
  return Math.min(1, e.baseReplyRate * template * age * score * client)
}

function bandOf(bands: readonly PostingAgeBand[], minutes: number): PostingAgeBand | undefined {
  return bands.find((b) => b.maxMinutes === null || minutes < b.maxMinutes) ?? bands[bands.length - 1]
}

export function generateHistory(options: GenerateOptions): SyntheticHistory {
  const effects: SyntheticEffects = { ...DEFAULT_EFFECTS, ...options.effects }
  const rng = createRng(options.seed)
  const { now, days } = options
  const count = Math.max(0, Math.floor(options.proposals))
  const outOfOrder = options.outOfOrder ?? 0.02
  const start = now - days * DAY
  const tag = `${options.seed >>> 0}`

  const jobs: SyntheticJob[] = []
  const drafts: SyntheticDraft[] = []
  const proposals: SyntheticProposal[] = []
  const events: SyntheticEvent[] = []
  const aiCalls: SyntheticAiCall[] = []
  const apiByDay = new Map<string, number>()
  let fastP = 0
  let fastN = 0
  let slowP = 0
  let slowN = 0

  for (let i = 0; i < count; i++) {
    const submittedAt = Math.floor(start + rng.next() * (now - start))
    const band = rng.weighted(effects.postingAge.map((b) => [b, b.share] as const))
    const lower = effects.postingAge[effects.postingAge.indexOf(band) - 1]?.maxMinutes ?? 0
    const upper = band.maxMinutes ?? lower * 3 + 60
    const minutesSincePosting = Math.floor(lower + rng.next() * (upper - lower))
    const score = rng.int(40, 100)
    const clientHires = rng.chance(effects.clientNoHiresShare) ? 0 : rng.int(1, 60)
    const fixed = rng.chance(0.45)
    const budget = fixed ? rng.pick([150, 300, 500, 800, 1200, 2500, 5000]) : null
    const hourlyMin = fixed ? null : rng.pick([20, 30, 40, 50])
    const hourlyMax = hourlyMin === null ? null : hourlyMin + rng.pick([15, 25, 40])
    const bidAmount = fixed && budget !== null ? Math.round(budget * (0.7 + rng.next() * 0.5)) : rng.int(35, 90)
    const templateKey = rng.weighted(effects.templates.map((t) => [t.key, t.share] as const))
    const job: SyntheticJob = {
      index: i,
      upworkId: `9${tag.padStart(10, '0')}${String(i).padStart(8, '0')}`,
      ciphertext: `~02demo-synthetic-${tag}-${i}`,
      title: `${rng.pick(TITLES)} (sample ${i + 1})`,
      jobType: fixed ? 'FIXED' : 'HOURLY',
      fixedAmount: budget,
      hourlyMin,
      hourlyMax,
      category: rng.pick(CATEGORIES),
      experienceLevel: rng.pick(['ENTRY_LEVEL', 'INTERMEDIATE', 'EXPERT'] as const),
      totalApplicants: rng.int(0, 50),
      publishedAt: submittedAt - minutesSincePosting * MINUTE,
      score,
      clientVerified: rng.chance(0.8),
      clientTotalSpent: clientHires === 0 ? 0 : Math.round(rng.exponential(15_000)),
      clientHires,
      clientFeedback: clientHires === 0 ? null : Math.round((4 + rng.next()) * 100) / 100,
      clientCountry: rng.pick(COUNTRIES)
    }
    const pReply = trueReplyProbability(effects, { templateKey, minutesSincePosting, score, clientHires })
    if (minutesSincePosting < 60) {
      fastP += pReply
      fastN++
    } else {
      slowP += pReply
      slowN++
    }
    const ai = rng.chance(0.7)
    const words = rng.int(80, 260)
    const connectsSpent = rng.chance(0.05) ? null : rng.weighted(CONNECTS)
    const upperBudget = fixed ? budget : hourlyMax
    drafts.push({
      index: i,
      templateKey,
      strategy: rng.pick(STRATEGIES),
      bidAmount,
      bidKind: fixed ? 'fixed' : 'hourly',
      bidToBudget: upperBudget ? Math.round((bidAmount / upperBudget) * 1000) / 1000 : null,
      connectsCost: connectsSpent,
      approvedAt: submittedAt,
      minutesSincePosting,
      textSource: ai ? 'ai' : 'template',
      draftChars: words * 6,
      draftWords: words,
      coverLetter: `Sample proposal ${i + 1}: hello, I can help with this.`
    })
    jobs.push(job)
    if (ai) {
      const promptTokens = rng.int(900, 2200)
      const completionTokens = rng.int(200, 600)
      const priced = rng.chance(0.9)
      aiCalls.push({
        proposalIndex: i,
        task: 'draft',
        model: priced ? 'gpt-4o-mini' : 'local-unpriced-model',
        promptTokens,
        completionTokens,
        costUsd: priced ? Math.round((promptTokens * 0.15 + completionTokens * 0.6) / 1e6 * 1e6) / 1e6 : null,
        durationMs: rng.int(1500, 9000),
        ok: true,
        createdAt: submittedAt - rng.int(2, 20) * MINUTE
      })
    }
    const day = new Date(submittedAt).toISOString().slice(0, 10)
    apiByDay.set(day, (apiByDay.get(day) ?? 0) + rng.int(3, 8))

    const own = outcomeEvents(rng, effects, i, submittedAt, pReply)
    const kept = own.events.filter((e) => e.at <= now)
    padEvents(rng, kept, options.eventsPerProposal, now)
    if (kept.length >= 3 && rng.chance(outOfOrder)) {
      // Recorded late with an earlier time than the row before it (out of order / a clock change).
      const last = kept[kept.length - 1] as SyntheticEvent
      const before = kept[kept.length - 2] as SyntheticEvent
      last.recordedAt = Math.min(now, last.at + 2 * HOUR)
      last.at = Math.max(submittedAt + MINUTE, before.at - 30 * MINUTE)
    }
    const last = kept[kept.length - 1] as SyntheticEvent
    proposals.push({
      index: i,
      upworkProposalId: `syn-${tag}-${i}`,
      submittedAt,
      bidAmount,
      connectsSpent,
      status: last.toStatus,
      stage: last.stage,
      statusChangedAt: last.at,
      pReply,
      outcome: own.outcome
    })
    events.push(...kept)
  }

  events.sort((a, b) => a.at - b.at || a.proposalIndex - b.proposalIndex || a.recordedAt - b.recordedAt)
  const reference = effects.templates[0]
  const better = [...effects.templates].sort((a, b) => b.replyMultiplier - a.replyMultiplier)[0]
  return {
    seed: options.seed,
    now,
    days,
    effects,
    truth: {
      template: { better: better?.key ?? '', reference: reference?.key ?? '', ratio: reference && better ? better.replyMultiplier / reference.replyMultiplier : 1 },
      withinHourReplyRatio: fastN && slowN && slowP ? fastP / fastN / (slowP / slowN) : 1,
      postingAge: effects.postingAge,
      clientNoHiresRatio: effects.clientNoHiresMultiplier,
      scoreSlope: effects.scoreSlope,
      noEffect: NO_EFFECT_FEATURES
    },
    templates: effects.templates.map((t) => ({ key: t.key, name: t.name })),
    jobs,
    drafts,
    proposals,
    events,
    aiCalls,
    apiUsage: [...apiByDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, n]) => ({ day, count: n }))
  }
}

function outcomeEvents(rng: Rng, e: SyntheticEffects, index: number, at0: number, pReply: number): { events: SyntheticEvent[]; outcome: SyntheticProposal['outcome'] } {
  const events: SyntheticEvent[] = []
  let status: string | null = null
  let at = at0
  const push = (toStatus: string, stage: SyntheticStage, source: SyntheticEvent['source'], t: number) => {
    events.push({ proposalIndex: index, fromStatus: status, toStatus, stage, at: t, recordedAt: t, source })
    status = toStatus
    at = t
  }
  push('Pending', 'submitted', 'app', at0)
  const replied = rng.chance(pReply)
  const viewed = replied || rng.chance(e.viewRate)
  const interview = replied && rng.chance(e.interviewGivenReply)
  const hired = interview && rng.chance(e.hireGivenInterview)
  if (viewed) push('viewed', 'viewed', 'user', at + Math.round(MINUTE * 5 + rng.exponential(8 * HOUR)))
  if (replied) push('Activated', 'replied', 'upwork-sync', at + Math.round(MINUTE * 5 + rng.exponential(10 * HOUR)))
  if (interview) push('Accepted', 'interview', 'upwork-sync', at + Math.round(HOUR + rng.exponential(2 * DAY)))
  if (hired) push('Hired', 'hired', 'upwork-sync', at + Math.round(HOUR + rng.exponential(3 * DAY)))
  else if (interview) push(rng.chance(0.5) ? 'Declined' : 'lost', rng.chance(0.5) ? 'declined' : 'lost', 'upwork-sync', at + Math.round(HOUR + rng.exponential(5 * DAY)))
  else if (!replied) {
    const r = rng.next()
    if (r < 0.3) push('Declined', 'declined', 'upwork-sync', at + Math.round(HOUR + rng.exponential(5 * DAY)))
    else if (r < 0.45) push('Archived', 'archived', 'upwork-sync', at + Math.round(DAY + rng.exponential(14 * DAY)))
    else if (r < 0.5) push('Withdrawn', 'withdrawn', 'user', at + Math.round(HOUR + rng.exponential(3 * DAY)))
  }
  // An ending after interview is "Declined" or the user's "lost": keep status and stage consistent.
  const last = events[events.length - 1] as SyntheticEvent
  if (last.toStatus === 'lost') last.stage = 'lost'
  else if (last.toStatus === 'Declined') last.stage = 'declined'
  return { events, outcome: { viewed, replied, interview, hired } }
}

/**
 * Repeated sync reads: between the first and the last row, "Pending" again and the status before it
 * again (the stage goes back and forth; the furthest stage reached does not change). A proposal
 * with one row gets re-reads of "Pending" after it.
 */
function padEvents(rng: Rng, events: SyntheticEvent[], perProposal: number | undefined, now: number): void {
  if (!perProposal || events.length >= perProposal) return
  const first = events[0] as SyntheticEvent
  const extra = Math.max(0, Math.round(perProposal - events.length + (rng.next() - 0.5) * 2))
  const row = (at: number, like: SyntheticEvent, pending: boolean): SyntheticEvent => ({
    proposalIndex: first.proposalIndex,
    fromStatus: null,
    toStatus: pending ? 'Pending' : like.toStatus,
    stage: pending ? 'submitted' : like.stage,
    at,
    recordedAt: at,
    source: 'upwork-sync'
  })
  if (events.length === 1) {
    const span = Math.max(MINUTE, Math.min(now - first.at, 30 * DAY))
    for (let k = 0; k < extra; k++) events.push(row(first.at + Math.floor(((k + 1) / (extra + 1)) * span), first, true))
  } else {
    const last = events.pop() as SyntheticEvent
    const span = Math.max(MINUTE, last.at - first.at)
    const real = [...events]
    for (let k = 0; k < extra; k++) {
      const at = first.at + Math.floor(((k + 1) / (extra + 1)) * span)
      const before = [...real].reverse().find((e) => e.at <= at) ?? first
      events.push(row(at, before, k % 2 === 0 && before.toStatus !== 'Pending'))
    }
    events.sort((a, b) => a.at - b.at)
    events.push(last)
  }
  for (let k = 1; k < events.length; k++) (events[k] as SyntheticEvent).fromStatus = (events[k - 1] as SyntheticEvent).toStatus
}
