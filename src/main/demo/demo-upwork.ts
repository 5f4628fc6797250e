import type { Translate } from '@shared/i18n'
import type { Clock } from '../ports/clock'
import { DEMO_JOBS, type DemoJob } from './catalog'
import { demoRoomsAnswer } from './demo-rooms'

/**
 * The demo workspace's Upwork: an in-process `fetch` the composition root gives the Upwork
 * client stack instead of the network. The whole real path runs unchanged above it — the rate
 * limiter, the token manager, the GraphQL client, the read-only client, the `SearchJobs`
 * operation with its validation and sanitizing, the poller, ingest, scoring, notifications —
 * and nothing can reach upwork.com: every request, whatever its URL, is answered here.
 *
 * - GraphQL `ListRooms`, `GetRoom`, `ListRoomStories`: the sample conversations (demo-rooms.ts).
 * - GraphQL `SearchJobs`: the sample catalog (catalog.ts), newest first, matched by the words of
 *   the search expression, paged by cursor. Jobs "arrive over time" on the Clock: a few were
 *   posted before the demo started, then one every ARRIVAL_MS; after the catalog the posts come
 *   round again with new ids, so the demo never runs dry.
 * - The token endpoint: a refresh gets new demo tokens (the demo account stays connected).
 * - A mutation (a send) is refused: nothing is ever sent from the demo.
 * - Any other operation: a GraphQL error saying the demo does not have it.
 */

/** Jobs posted before the demo starts (the first poll shows them at once). */
export const DEMO_INITIAL_JOBS = 10
/** Then one new job every 20 s: each one-minute demo search run finds a few. */
export const DEMO_ARRIVAL_MS = 20_000
/** How far back a search looks (bounded work however long the demo runs). */
const SEARCH_WINDOW = 500

export interface DemoUpworkOptions {
  clock: Clock
  /** When the demo workspace was created (epoch ms): the arrivals count from here. */
  startedAt: number
  /** Main's translator: the demo's refusals are worded in the language in force. */
  t: Translate
  catalog?: readonly DemoJob[]
}

export interface DemoUpwork {
  fetch: typeof fetch
  /** How many posts exist at this moment (for tests and the first-minute promise). */
  publishedCount(): number
  /** Requests answered so far, by operation name (tests: no request bypasses this). */
  readonly requests: ReadonlyArray<{ operation: string }>
}

/** When post `n` was published. */
export function demoPublishedAt(startedAt: number, n: number): number {
  return n < DEMO_INITIAL_JOBS ? startedAt - (DEMO_INITIAL_JOBS - n) * 6 * 60_000 : startedAt + (n - DEMO_INITIAL_JOBS + 1) * DEMO_ARRIVAL_MS
}

export function createDemoUpwork(opts: DemoUpworkOptions): DemoUpwork {
  const catalog = opts.catalog ?? DEMO_JOBS
  const requests: Array<{ operation: string }> = []
  const publishedCount = (): number => {
    const elapsed = opts.clock.now() - opts.startedAt
    return DEMO_INITIAL_JOBS + Math.max(0, Math.floor(elapsed / DEMO_ARRIVAL_MS))
  }

  const graphql = (body: { query?: unknown; variables?: unknown; operationName?: unknown }): { status: number; json: unknown } => {
    const operation = typeof body.operationName === 'string' ? body.operationName : ''
    const document = typeof body.query === 'string' ? body.query : ''
    requests.push({ operation: operation || '(anonymous)' })
    if (/^\s*mutation\b/.test(document) || /\bmutation\s+[A-Za-z_]/.test(document)) {
      return { status: 403, json: { errors: [{ message: opts.t('demo.upwork.noSending') }] } }
    }
    if (operation === 'SearchJobs') return { status: 200, json: { data: { marketplaceJobPostingsSearch: search(body.variables) } } }
    // The sample conversations (demo-rooms.ts) for the message sync.
    const rooms = demoRoomsAnswer(operation, body.variables, opts.clock, opts.startedAt)
    if (rooms) return { status: 200, json: { data: rooms } }
    return { status: 200, json: { data: null, errors: [{ message: opts.t('demo.upwork.notInDemo') }] } }
  }

  const search = (variables: unknown): unknown => {
    const filter = (variables as { filter?: { searchExpression_eq?: unknown; pagination_eq?: { first?: unknown; after?: unknown } } } | undefined)?.filter
    const words = wordsOf(typeof filter?.searchExpression_eq === 'string' ? filter.searchExpression_eq : '')
    const first = typeof filter?.pagination_eq?.first === 'number' ? Math.min(50, Math.max(1, filter.pagination_eq.first)) : 10
    const after = typeof filter?.pagination_eq?.after === 'string' ? Number.parseInt(filter.pagination_eq.after, 10) : 0
    const newest = publishedCount() - 1
    const matches: number[] = []
    for (let n = newest; n >= 0 && n > newest - SEARCH_WINDOW; n--) {
      if (matchesWords(catalog[n % catalog.length]!, words)) matches.push(n)
    }
    const start = Number.isFinite(after) && after > 0 ? after : 0
    const page = matches.slice(start, start + first)
    return {
      totalCount: matches.length,
      edges: page.map((n, i) => ({ cursor: String(start + i + 1), node: jobNode(n, catalog[n % catalog.length]!, demoPublishedAt(opts.startedAt, n)) })),
      pageInfo: { endCursor: page.length > 0 ? String(start + page.length) : null, hasNextPage: start + page.length < matches.length }
    }
  }

  const demoFetch = async (_url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const raw = typeof init?.body === 'string' ? init.body : ''
    const json = (status: number, value: unknown): Response =>
      new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } })
    if (raw.startsWith('{')) {
      let body: Record<string, unknown>
      try {
        body = JSON.parse(raw) as Record<string, unknown>
      } catch {
        return json(400, { errors: [{ message: 'Bad request' }] })
      }
      const answer = graphql(body)
      return json(answer.status, answer.json)
    }
    // The token endpoint (a form POST): a refresh or a code exchange gets fresh demo tokens.
    requests.push({ operation: 'token' })
    return json(200, {
      access_token: `demo-access-${opts.clock.now()}`,
      refresh_token: `demo-refresh-${opts.clock.now()}`,
      token_type: 'Bearer',
      expires_in: 24 * 60 * 60
    })
  }

  return { fetch: demoFetch as typeof fetch, publishedCount, requests }
}

/** The plain words of a search expression: operators, quotes, parentheses and excluded terms dropped. */
function wordsOf(expression: string): string[] {
  return expression
    .replace(/NOT\s+"[^"]*"/g, ' ')
    .replace(/["()]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0 && !w.startsWith('-') && !/^(AND|OR|NOT)$/.test(w))
    .map((w) => w.toLowerCase())
}

function matchesWords(job: DemoJob, words: readonly string[]): boolean {
  if (words.length === 0) return true
  const haystack = `${job.title}\n${job.description}\n${job.skills.join('\n')}`.toLowerCase()
  return words.some((w) => haystack.includes(w))
}

const money = (amount: number): { rawValue: string; currency: string; displayValue: string } => ({
  rawValue: amount.toFixed(2),
  currency: 'USD',
  displayValue: `$${amount.toLocaleString('en-US')}`
})

/** One post as Upwork's `marketplaceJobPostingsSearch` node (the fields SEARCH_JOBS asks for). */
function jobNode(n: number, job: DemoJob, publishedAt: number): Record<string, unknown> {
  const hourly = Array.isArray(job.budget) ? (job.budget as readonly [number, number]) : null
  const iso = new Date(publishedAt).toISOString()
  return {
    id: String(1_900_000_000_000_000 + n),
    ciphertext: `~02demo${String(n).padStart(8, '0')}`,
    title: job.title,
    description: job.description,
    createdDateTime: iso,
    publishedDateTime: iso,
    renewedDateTime: null,
    experienceLevel: job.level,
    duration: null,
    durationLabel: job.duration,
    engagement: job.type === 'HOURLY' ? '30+ hrs/week' : null,
    category: job.category,
    subcategory: job.subcategory,
    amount: job.type === 'FIXED' && typeof job.budget === 'number' ? money(job.budget) : null,
    hourlyBudgetMin: hourly ? money(hourly[0]) : null,
    hourlyBudgetMax: hourly ? money(hourly[1]) : null,
    weeklyBudget: null,
    skills: job.skills.map((s) => ({ name: s.toLowerCase().replace(/[^a-z0-9]+/g, '-'), prettyName: s })),
    totalApplicants: job.applicants,
    applied: false,
    enterprise: false,
    premium: false,
    preferredFreelancerLocation: [],
    job: { contractTerms: { contractType: job.type } },
    client: {
      totalHires: job.client.hires,
      totalPostedJobs: job.client.posted,
      totalReviews: job.client.reviews,
      totalFeedback: job.client.feedback,
      verificationStatus: job.client.verified ? 'VERIFIED' : 'NOT_VERIFIED',
      totalSpent: money(job.client.spent),
      location: { country: job.client.country, city: job.client.city, state: null, timezone: job.client.timezone }
    }
  }
}
