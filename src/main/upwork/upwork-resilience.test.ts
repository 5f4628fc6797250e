import { afterEach, describe, expect, it } from 'vitest'
import { KNOWN } from '../../../tools/fake-upwork/index'
import { useFakeUpwork } from '../test-support/fake-upwork'
import { getCurrentUser, getJob, searchJobs } from './operations'
import { realSleep } from './rate-limiter'
import { createHarness, connectWithFakeKey, type Harness } from './test-support/connection-harness'

/**
 * Retries, rate limiting and bad data over real HTTP against the fake Upwork (security.md §5,
 * requirements 21 and 23). Most tests record sleeps instead of waiting; one waits for real.
 */

const upwork = useFakeUpwork({ autoApprove: true })

const harnesses: Harness[] = []
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.cleanup()))
})

/** A connected harness whose sleeps are recorded (and really waited only when `realSleepToo`). */
async function connected(options: { realSleepToo?: boolean; requestsPerSecond?: number } = {}) {
  const sleeps: number[] = []
  const sentAt: number[] = []
  const h = await createHarness(upwork.fake, {
    // Records when each GraphQL request leaves GigPilot (the fake's log records when it is handled).
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      if (String(input).endsWith('/graphql')) sentAt.push(performance.now())
      return fetch(input, init)
    }) as typeof fetch,
    random: () => 1, // backoff = its ceiling, so delays are predictable
    requestsPerSecond: options.requestsPerSecond,
    sleep: async (ms) => {
      sleeps.push(ms)
      if (options.realSleepToo) await realSleep(ms)
    }
  })
  harnesses.push(h)
  await connectWithFakeKey(h)
  sleeps.length = 0
  sentAt.length = 0
  upwork.fake.clearRequests()
  return { h, ops: h.connection.operations, sleeps, sentAt }
}

/** Largest number of timestamps (ms) inside any window of one second. */
function maxInAnySecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b)
  let best = 0
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= 1000) j++
    best = Math.max(best, i - j + 1)
  }
  return best
}

const graphqlRequests = (operationName?: string) =>
  upwork.fake.requests.filter((r) => r.path === '/graphql' && (operationName === undefined || r.operationName === operationName))

describe('retries against the fake Upwork', () => {
  it('waits at least Retry-After: 3 on a 429 (real time)', async () => {
    const { ops } = await connected({ realSleepToo: true })
    upwork.fake.faults.next({ kind: 'rateLimit', retryAfterSeconds: 3 })
    const started = performance.now()
    await expect(getCurrentUser(ops)).resolves.toMatchObject({ id: KNOWN.userId })
    const elapsed = performance.now() - started
    console.info(`429 with Retry-After: 3 → the retry came after ${Math.round(elapsed)} ms`)
    expect(elapsed).toBeGreaterThanOrEqual(3000)
    const [limited, retry] = graphqlRequests()
    expect(limited!.status).toBe(429)
    expect(retry!.status).toBe(200)
    expect(retry!.at - limited!.at).toBeGreaterThanOrEqual(3000)
  })

  it('honours Retry-After as an HTTP-date', async () => {
    const { ops, sleeps } = await connected()
    upwork.fake.faults.next({ kind: 'rateLimit', retryAfterSeconds: 5, retryAfterDate: true })
    await getCurrentUser(ops)
    expect(sleeps).toHaveLength(1)
    // The date has one-second resolution (the fake rounds up), so the wait is 5–6 s.
    expect(sleeps[0]).toBeGreaterThanOrEqual(4900)
    expect(sleeps[0]).toBeLessThanOrEqual(6100)
  })

  it('retries 503 with growing delays, and gives up after 4 attempts', async () => {
    const { ops, sleeps } = await connected()
    upwork.fake.faults.next({ kind: 'serverError', status: 503 }, { count: 2 })
    await expect(getCurrentUser(ops)).resolves.toMatchObject({ id: KNOWN.userId })
    expect(sleeps).toEqual([500, 1000])
    expect(graphqlRequests().map((r) => r.status)).toEqual([503, 503, 200])

    sleeps.length = 0
    upwork.fake.clearRequests()
    upwork.fake.faults.next({ kind: 'serverError', status: 503 }, { count: 10 })
    await expect(getCurrentUser(ops)).rejects.toMatchObject({ code: 'server', status: 503 })
    expect(sleeps).toEqual([500, 1000, 2000])
    expect(graphqlRequests()).toHaveLength(4)
  })

  it('retries a dropped connection on a read', async () => {
    const { ops } = await connected()
    upwork.fake.faults.next({ kind: 'dropConnection' })
    await expect(getCurrentUser(ops)).resolves.toMatchObject({ id: KNOWN.userId })
    expect(graphqlRequests()).toHaveLength(2)
  })

  it('does not retry 403', async () => {
    const { ops, sleeps } = await connected()
    upwork.fake.faults.next({ kind: 'forbidden' })
    await expect(getCurrentUser(ops)).rejects.toMatchObject({ code: 'forbidden', status: 403 })
    expect(graphqlRequests()).toHaveLength(1)
    expect(sleeps).toEqual([])
  })
})

describe('rate limiting against the fake Upwork', () => {
  it('never sends more than 10 requests in any one-second window (default 8/s)', async () => {
    const { h, ops, sentAt } = await connected({ realSleepToo: true })
    expect(h.connection.stack.limiter.requestsPerSecond).toBe(8)
    const n = 30
    const started = performance.now()
    await Promise.all(Array.from({ length: n }, () => getCurrentUser(ops)))
    const elapsed = performance.now() - started
    const arrived = graphqlRequests().map((r) => r.at)
    expect(arrived).toHaveLength(n)
    expect(sentAt).toHaveLength(n)
    const worstSent = maxInAnySecond(sentAt)
    const worstArrived = maxInAnySecond(arrived)
    console.info(
      `${n} concurrent reads took ${Math.round(elapsed)} ms; at most ${worstSent} sent and ${worstArrived} arrived at the fake in any 1-s window`
    )
    // What GigPilot controls: never more than 8 sent per second.
    expect(worstSent).toBeLessThanOrEqual(8)
    // What Upwork would see: under 10/s even with arrival jitter (the 2-request headroom).
    expect(worstArrived).toBeLessThanOrEqual(10)
    expect(elapsed).toBeGreaterThanOrEqual(3000) // 30 at 8/s cannot finish faster
  })
})

describe('bad data from the fake Upwork', () => {
  it('keeps valid records and skips a broken one (Upwork nulls a bad edge and reports an error)', async () => {
    const { ops } = await connected()
    const clean = await searchJobs(ops, { first: 10 })
    expect(clean.skipped).toBe(0)
    expect(clean.jobs.length).toBeGreaterThan(2)
    // A job whose required title is missing: the server nulls that edge and adds an error.
    const victim = upwork.fake.data.jobs.find((j) => j.id === clean.jobs[1]!.id)!
    const title = victim.title
    ;(victim as { title: string | null }).title = null
    try {
      const page = await searchJobs(ops, { first: 10 })
      expect(page.skipped).toBe(1)
      expect(page.jobs.map((j) => j.id)).toEqual(clean.jobs.filter((j) => j.id !== victim.id).map((j) => j.id))
    } finally {
      victim.title = title
    }
  })

  it('survives wrong types everywhere: every record is kept, repaired or skipped, none crash', async () => {
    const { ops } = await connected()
    const clean = await searchJobs(ops, { first: 10 })
    upwork.fake.faults.next({ kind: 'wrongTypes' }, { operation: 'SearchJobs' })
    const page = await searchJobs(ops, { first: 10 })
    console.info(`wrongTypes: kept ${page.jobs.length}, skipped ${page.skipped} of ${clean.jobs.length}`)
    expect(page.jobs.length + page.skipped).toBe(clean.jobs.length)
    for (const job of page.jobs) expect(typeof job.title).toBe('string')
  })

  it('skips records with missing or null required fields without failing the page', async () => {
    const { ops } = await connected()
    upwork.fake.faults.next({ kind: 'missingFields', fields: ['ciphertext'] }, { operation: 'SearchJobs' })
    const missing = await searchJobs(ops, { first: 5 })
    expect(missing.jobs).toEqual([])
    expect(missing.skipped).toBeGreaterThan(0)

    upwork.fake.faults.next({ kind: 'nullFields', fields: ['totalApplicants', 'client'] }, { operation: 'SearchJobs' })
    const nulls = await searchJobs(ops, { first: 5 })
    expect(nulls.skipped).toBe(0) // optional fields may be null
    expect(nulls.jobs.every((j) => j.client === null && j.totalApplicants === null)).toBe(true)
  })

  it('reports malformed JSON and scope errors as typed errors, not crashes', async () => {
    const { ops, sleeps } = await connected()
    upwork.fake.faults.next({ kind: 'malformedJson' }, { operation: 'SearchJobs' })
    await expect(searchJobs(ops)).rejects.toMatchObject({ code: 'malformed' })
    upwork.fake.faults.next({ kind: 'scopeError' }, { operation: 'SearchJobs' })
    await expect(searchJobs(ops)).rejects.toMatchObject({ code: 'scope' })
    expect(sleeps).toEqual([])
  })

  it('cleans hostile job content at ingest', async () => {
    const { ops } = await connected()
    const invisible = await getJob(ops, KNOWN.hostileJobIds.invisibleChars)
    const text = invisible.title + invisible.description
    expect(text).not.toMatch(/[\u200B-\u200D\u2060\uFEFF\u202E]/)
    expect([...text].some((c) => c.codePointAt(0)! >= 0xe0000 && c.codePointAt(0)! <= 0xe007f)).toBe(false)
    expect(text).toContain('Please be accurate.')
    const huge = await getJob(ops, KNOWN.hostileJobIds.huge)
    expect(huge.descriptionTruncated).toBe(true)
    expect(huge.description.length).toBeLessThanOrEqual(50_100)
  })
})
