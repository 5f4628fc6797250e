import { afterEach, describe, expect, it } from 'vitest'
import { useFakeUpwork } from '../../test-support/fake-upwork'
import { createHarness, connectWithFakeKey, type Harness } from '../../upwork/test-support/connection-harness'
import { translator, type Translate } from '@shared/i18n'
import { SearchPoller } from './search-poller'
import { MemorySearchStore, MemorySink, savedSearch } from './test-helpers'

/** One run of a saved search over real HTTP against the fake Upwork (10 jobs a page, 60 seeded). */

const upwork = useFakeUpwork({ autoApprove: true })
const harnesses: Harness[] = []
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.cleanup()))
})

let seeded: typeof upwork.fake.data.jobs | null = null
async function setup(options: { pageCap?: number; hourlyRequestBudget?: number; translate?: Translate } = {}) {
  // Back to the 60 seeded jobs (publishJob adds to the top).
  seeded ??= [...upwork.fake.data.jobs]
  upwork.fake.data.jobs.splice(0, upwork.fake.data.jobs.length, ...seeded)
  const h = await createHarness(upwork.fake, { settings: options.hourlyRequestBudget ? { hourlyRequestBudget: options.hourlyRequestBudget } : {} })
  harnesses.push(h)
  await connectWithFakeKey(h)
  upwork.fake.clearRequests()
  const sink = new MemorySink()
  const store = new MemorySearchStore(sink)
  const poller = new SearchPoller({
    reads: h.connection.operations,
    sink,
    store,
    clock: h.clock,
    logger: h.logger,
    pageCap: options.pageCap,
    translate: options.translate,
    formatTime: (ms) => new Date(ms).toISOString().slice(11, 16),
    usage: () => h.connection.stack.limiter.usage()
  })
  return { h, sink, store, poller }
}

const searches = () => upwork.fake.requests.filter((r) => r.path === '/graphql' && r.operationName === 'SearchJobs')

describe('SearchPoller against the fake Upwork', () => {
  it('pages until the page cap on a new search, then stops at jobs already seen', async () => {
    const { poller, sink, store } = await setup({ pageCap: 3 })
    const first = await poller.run(savedSearch(1), 1_000)
    expect(first).toMatchObject({ ok: true, pages: 3, fetched: 30, new: 30, stoppedBy: 'pageCap', filteredOut: 0 })
    expect(first.text).toMatch(/^30 new of 30 fetched, 0 filtered locally; stopped at the page limit \(3 pages\)/)
    expect(searches()).toHaveLength(3)
    expect(store.runsOf(1)[0]!.result).toEqual({ ok: true, found: 30, new: 30, skipped: 0, filteredOut: 0, error: null })
    expect(store.runsOf(1)[0]!.nextRunAt).toBe(1_000)

    upwork.fake.clearRequests()
    upwork.fake.publishJob({ title: 'Fresh one' })
    upwork.fake.publishJob({ title: 'Fresh two' })
    const second = await poller.run(savedSearch(1), 2_000)
    // The first page holds the 2 new jobs and 8 seen ones: one request, no more.
    expect(second).toMatchObject({ ok: true, pages: 1, fetched: 10, new: 2, stoppedBy: 'seen' })
    expect(second.text).toBe('2 new of 10 fetched, 0 filtered locally')
    expect(searches()).toHaveLength(1)
    expect(sink.jobs.size).toBe(32)
  })

  it('sends the saved search as Upwork search input and applies the local filters', async () => {
    const { poller, sink } = await setup({ pageCap: 10 })
    const state = await poller.run(savedSearch(1, { maxApplicants: 10, client: { paymentVerified: true } }), null)
    const [req] = searches()
    expect((req!.variables as { filter: Record<string, unknown> }).filter).toMatchObject({ verifiedPaymentOnly_eq: true })
    expect(state.ok).toBe(true)
    expect(state.filteredOut).toBeGreaterThan(0)
    expect(state.new).toBe(state.fetched - state.filteredOut)
    for (const job of sink.jobs.values()) {
      expect(job.totalApplicants ?? 0).toBeLessThanOrEqual(10)
      expect(job.client?.paymentVerified).toBe(true)
    }
    expect(state.text).toBe(`${state.new} new of ${state.fetched} fetched, ${state.filteredOut} filtered locally`)
  })

  it('a job published while paging shifts a page: the duplicate is not counted twice', async () => {
    const { sink, h } = await setup({ pageCap: 6 })
    // Publish right after the first page is answered, so page 2 repeats page 1's last job.
    const reads = h.connection.operations
    let calls = 0
    const client = reads.client
    const wrapped = {
      ...reads,
      client: {
        requestCount: client.requestCount,
        query: async (...args: Parameters<typeof client.query>) => {
          const res = await client.query(...args)
          if (++calls === 1) upwork.fake.publishJob({ title: 'Published mid-run' })
          return res
        }
      }
    }
    const p = new SearchPoller({ reads: wrapped as typeof reads, sink, store: new MemorySearchStore(sink), clock: h.clock, pageCap: 6 })
    const state = await p.run(savedSearch(1), null)
    expect(state.ok).toBe(true)
    expect(state.fetched).toBe(60)
    expect(state.new).toBe(sink.jobs.size)
    expect(sink.jobs.size).toBe(59)
    expect(state.duplicates).toBe(1)
  })

  it('stops cleanly when the API budget is used up mid-run, keeping what it got', async () => {
    const { poller, store, sink, h } = await setup({ pageCap: 5, hourlyRequestBudget: 10 })
    const used = (await h.connection.stack.limiter.usage()).hour.used
    expect(used).toBeLessThan(10)
    const allowed = 10 - used
    // Signing in used some of the 10: fewer than the 5 pages the run wants are left.
    expect(allowed).toBeGreaterThan(0)
    expect(allowed).toBeLessThan(5)
    const state = await poller.run(savedSearch(7), 5_000)
    expect(state.ok).toBe(false)
    expect(state.stoppedBy).toBe('budget')
    expect(state.pages).toBe(allowed)
    expect(searches()).toHaveLength(allowed)
    expect(sink.jobs.size).toBe(state.pages * 10)
    const resetsAt = (await h.connection.stack.limiter.usage()).hour.resetsAt
    expect(state.nextRunAt).toBe(resetsAt)
    expect(state.text).toMatch(new RegExp(`^Upwork request budget used up, next run at ${new Date(resetsAt).toISOString().slice(11, 16)}\\.`))
    expect(store.runsOf(7)[0]!.result).toMatchObject({ ok: false, new: state.pages * 10, error: state.text })
    expect(store.runsOf(7)[0]!.nextRunAt).toBe(resetsAt)
  }, 20_000)

  it('the run texts follow the language in force, the limiter’s own words too', async () => {
    const uk = translator('uk')
    const { poller } = await setup({ hourlyRequestBudget: 10, translate: uk })
    const state = await poller.run(savedSearch(8, {}, {}), 1_000)
    expect(state.stoppedBy).toBe('budget')
    expect(state.text.startsWith('Бюджет запитів до Upwork вичерпано')).toBe(true)
    expect(state.text).not.toMatch(/GigPilot has used/)
  }, 20_000)

  it('a search the API rejects records a plain error with Upwork’s words', async () => {
    const { poller, store } = await setup()
    upwork.fake.faults.next({ kind: 'scopeError' }, { operation: 'SearchJobs' })
    const state = await poller.run(savedSearch(3), null)
    expect(state).toMatchObject({ ok: false, stoppedBy: 'error', new: 0, error: { kind: 'rejected' } })
    expect(state.text).toMatch(/^The API rejected the search\. Upwork said: “.*oauth2 permissions\/scopes.*” Edit the search/)
    expect(store.runsOf(3)[0]!.result.error).toBe(state.text)
  })

  it('reconnect needed is said in plain words', async () => {
    const { poller, h } = await setup()
    upwork.fake.expireAccessTokens()
    upwork.fake.revokeRefreshTokens()
    const state = await poller.run(savedSearch(4), null)
    expect(state.ok).toBe(false)
    expect(state.error?.kind).toBe('reconnect')
    expect(state.text).toMatch(/sign-in has expired/)
    expect(h.connection.stack.limiter).toBeDefined()
  })
})
