import { describe, expect, it } from 'vitest'
import { translator } from '@shared/i18n'
import { defaultSettings } from '@shared/settings'
import { createUpworkClientStack } from '../upwork/client-stack'
import { searchJobs } from '../upwork/operations'
import { UpworkError } from '../upwork/errors'
import { MemoryUsageStore } from '../upwork/usage-counter-store'
import { ManualClock } from '../test-support/clocks'
import { createMemoryLogger } from '../test-support/memory-logger'
import { DEMO_JOBS } from '../demo/catalog'
import { createDemoUpwork, DEMO_ARRIVAL_MS, DEMO_INITIAL_JOBS } from '../demo/demo-upwork'
import { demoSecrets } from '../demo/demo-workspace'

/** The sample job source under the REAL Upwork client stack (limiter, tokens, GraphQL client, read-only client, SearchJobs parsing). */

const START = Date.UTC(2026, 11, 1, 12)

async function setup() {
  const clock = new ManualClock(START)
  const t = translator('en')
  const demo = createDemoUpwork({ clock, startedAt: START, t })
  const secrets = await demoSecrets(clock, t)
  let saved: unknown = null
  const stack = createUpworkClientStack({
    secrets: secrets.store,
    settings: () => defaultSettings().upwork,
    env: {},
    usageStore: new MemoryUsageStore(),
    accountStore: { load: async () => saved as never, save: async (a) => void (saved = a) },
    clock,
    logger: createMemoryLogger(),
    fetch: demo.fetch
  })
  return { clock, demo, stack }
}

describe('demo job source', () => {
  it('ships a catalog of 40+ varied sample jobs, with red flags and hostile text among them', () => {
    expect(DEMO_JOBS.length).toBeGreaterThanOrEqual(40)
    expect(new Set(DEMO_JOBS.map((j) => j.title)).size).toBe(DEMO_JOBS.length)
    expect(DEMO_JOBS.some((j) => j.type === 'HOURLY') && DEMO_JOBS.some((j) => j.type === 'FIXED')).toBe(true)
    expect(DEMO_JOBS.some((j) => !j.client.verified)).toBe(true)
    expect(DEMO_JOBS.some((j) => /<script/i.test(j.title))).toBe(true)
    expect(DEMO_JOBS.some((j) => /unpaid test/i.test(j.description))).toBe(true)
    expect(DEMO_JOBS.some((j) => /[\u200b\u202e]/.test(j.title))).toBe(true)
  })

  it('answers SearchJobs through the real read path: matched by the words, newest first, paged by cursor', async () => {
    const { stack } = await setup()
    const react = await searchJobs(stack.reads, { query: 'React', first: 3 })
    expect(react.jobs).toHaveLength(3)
    expect(react.hasNextPage).toBe(true)
    for (const job of react.jobs) expect(`${job.title} ${job.description} ${job.skills.map((s) => s.prettyName).join(' ')}`).toMatch(/react/i)
    const published = react.jobs.map((j) => Date.parse(j.publishedAt!))
    expect([...published].sort((a, b) => b - a)).toEqual(published)
    const next = await searchJobs(stack.reads, { query: 'React', first: 3, after: react.endCursor! })
    expect(next.jobs.map((j) => j.id)).not.toContain(react.jobs[0]!.id)
    const none = await searchJobs(stack.reads, { query: 'Haskell', first: 50 })
    expect(none.jobs).toEqual([])
    // Every post is a valid Upwork record: none skipped or repaired by the real parser.
    const all = await searchJobs(stack.reads, { first: 50 })
    expect(all.skipped).toBe(0)
    expect(all.jobs).toHaveLength(DEMO_INITIAL_JOBS)
  })

  it('publishes new jobs over time on the clock', async () => {
    const { stack, clock, demo } = await setup()
    expect(demo.publishedCount()).toBe(DEMO_INITIAL_JOBS)
    clock.advance(DEMO_ARRIVAL_MS * 3)
    expect(demo.publishedCount()).toBe(DEMO_INITIAL_JOBS + 3)
    const page = await searchJobs(stack.reads, { first: 50 })
    expect(page.jobs).toHaveLength(DEMO_INITIAL_JOBS + 3)
    // The newest was posted "just now", the oldest before the demo started.
    expect(Date.parse(page.jobs[0]!.publishedAt!)).toBe(START + 3 * DEMO_ARRIVAL_MS)
    expect(Date.parse(page.jobs.at(-1)!.publishedAt!)).toBeLessThan(START)
    // Past the catalog the posts come round again with new ids.
    clock.advance(DEMO_ARRIVAL_MS * DEMO_JOBS.length)
    const later = await searchJobs(stack.reads, { first: 50 })
    expect(new Set(later.jobs.map((j) => j.id)).size).toBe(later.jobs.length)
  })

  it('refuses every send: a mutation through the write-capable client never succeeds', async () => {
    const { stack, demo } = await setup()
    const sent = stack.writes.client.mutate('mutation SendMessage($t: String!) { sendMessage(text: $t) { id } }', { t: 'hi' }, { operationName: 'SendMessage' })
    await expect(sent).rejects.toBeInstanceOf(UpworkError)
    expect(demo.requests.map((r) => r.operation)).toEqual(['SendMessage'])
  })

  it('says plainly what the demo does not have', async () => {
    const { stack } = await setup()
    await expect(stack.reads.client.query('query Me { user { id } }', {}, { operationName: 'Me' })).rejects.toMatchObject({
      code: 'graphql',
      message: expect.stringContaining(translator('en')('demo.upwork.notInDemo'))
    })
  })
})
