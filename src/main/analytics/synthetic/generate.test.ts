import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../db/open-database'
import { makeTempDir, MIGRATIONS_DIR } from '../../db/test-support/temp-files'
import { generateHistory, type SyntheticHistory } from './generate'
import { SAMPLE_HISTORY_KEY, writeHistory } from './write'

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0)
const STAGE_ORDER = ['submitted', 'viewed', 'replied', 'interview', 'hired']

const rate = (h: SyntheticHistory, pick: (i: number) => boolean): number => {
  let n = 0
  let k = 0
  for (const p of h.proposals) {
    if (!pick(p.index)) continue
    n++
    if (p.outcome.replied) k++
  }
  return k / n
}

describe('generateHistory', () => {
  it('is the same history for the same seed, and another for another seed', () => {
    const a = generateHistory({ seed: 7, proposals: 500, days: 90, now: NOW })
    const b = generateHistory({ seed: 7, proposals: 500, days: 90, now: NOW })
    const c = generateHistory({ seed: 8, proposals: 500, days: 90, now: NOW })
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a))
  })

  it('puts in the declared effects: template B 1.5× A, strong posting age, none for hour of day or country', () => {
    const h = generateHistory({ seed: 42, proposals: 30_000, days: 365, now: NOW })
    expect(h.truth.template).toEqual({ better: 'B', reference: 'A', ratio: 1.5 })
    expect(h.truth.noEffect).toEqual(expect.arrayContaining(['hourOfDay', 'clientCountry']))
    const tpl = (key: string) => (i: number) => h.drafts[i]!.templateKey === key
    expect(rate(h, tpl('B')) / rate(h, tpl('A'))).toBeGreaterThan(1.35)
    expect(rate(h, tpl('B')) / rate(h, tpl('A'))).toBeLessThan(1.65)
    const fast = rate(h, (i) => h.drafts[i]!.minutesSincePosting < 60) / rate(h, (i) => h.drafts[i]!.minutesSincePosting >= 60)
    expect(h.truth.withinHourReplyRatio).toBeGreaterThan(2)
    expect(fast).toBeGreaterThan(h.truth.withinHourReplyRatio * 0.9)
    expect(fast).toBeLessThan(h.truth.withinHourReplyRatio * 1.1)
    const morning = rate(h, (i) => new Date(h.proposals[i]!.submittedAt).getHours() < 12) / rate(h, (i) => new Date(h.proposals[i]!.submittedAt).getHours() >= 12)
    expect(Math.abs(morning - 1)).toBeLessThan(0.1)
    const us = rate(h, (i) => h.jobs[i]!.clientCountry === 'United States') / rate(h, (i) => h.jobs[i]!.clientCountry !== 'United States')
    expect(Math.abs(us - 1)).toBeLessThan(0.12)
    const noHires = rate(h, (i) => h.jobs[i]!.clientHires === 0) / rate(h, (i) => h.jobs[i]!.clientHires > 0)
    expect(noHires).toBeGreaterThan(0.2)
    expect(noHires).toBeLessThan(0.4)
    // The true probabilities are what the outcomes were drawn with (calibration).
    const meanP = h.proposals.reduce((s, p) => s + p.pReply, 0) / h.proposals.length
    expect(Math.abs(rate(h, () => true) - meanP)).toBeLessThan(0.01)
  })

  it('writes events in time order per proposal, within the period, nothing after now; pads to the asked size', () => {
    const h = generateHistory({ seed: 3, proposals: 2_000, days: 30, now: NOW, eventsPerProposal: 10, outOfOrder: 0.05 })
    expect(h.events.length).toBeGreaterThan(18_000)
    for (let i = 1; i < h.events.length; i++) expect(h.events[i]!.at).toBeGreaterThanOrEqual(h.events[i - 1]!.at)
    expect(h.events.every((e) => e.at <= NOW && e.at >= NOW - 30 * 86_400_000)).toBe(true)
    // Out-of-order rows exist: recorded after a row that is later in time.
    expect(h.events.some((e) => e.recordedAt > e.at)).toBe(true)
    // Padding never goes past the furthest stage the outcome reached.
    for (const e of h.events) {
      const o = h.proposals[e.proposalIndex]!.outcome
      const furthest = o.hired ? 4 : o.interview ? 3 : o.replied ? 2 : o.viewed ? 1 : 0
      const at = STAGE_ORDER.indexOf(e.stage)
      if (at >= 0) expect(at).toBeLessThanOrEqual(furthest)
    }
    // Unknown AI cost is null, never 0.
    expect(h.aiCalls.some((c) => c.costUsd === null)).toBe(true)
    expect(h.aiCalls.every((c) => c.costUsd === null || c.costUsd > 0)).toBe(true)
  })
})

describe('writeHistory', () => {
  const cleanups: Array<() => Promise<void> | void> = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })
  async function db(): Promise<Database> {
    const temp = makeTempDir('gigpilot-synthetic-')
    cleanups.push(() => temp.cleanup())
    const d = await openDatabase({ file: join(temp.dir, 'gigpilot.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
    cleanups.push(() => d.close())
    return d
  }

  it('inserts 10,000 proposals and 100,000 status changes into the real tables in seconds', async () => {
    const d = await db()
    const h = generateHistory({ seed: 11, proposals: 10_000, days: 180, now: NOW, eventsPerProposal: 10 })
    const started = performance.now()
    const r = await writeHistory(d, h)
    const ms = performance.now() - started
    expect(r).toMatchObject({ templates: 3, jobs: 10_000, proposals: 10_000 })
    expect(r.events).toBeGreaterThanOrEqual(95_000)
    const counts = await d.client.execute(
      'SELECT (SELECT count(*) FROM Proposal) p, (SELECT count(*) FROM ProposalStatusEvent) e, (SELECT count(*) FROM ApprovalSnapshot) s, (SELECT count(*) FROM ProposalDraft) d, (SELECT count(*) FROM AiCall) a'
    )
    expect(counts.rows[0]).toMatchObject({ p: 10_000, e: r.events, s: 10_000, d: 10_000, a: h.aiCalls.length })
    expect(ms).toBeLessThan(30_000)
    // Prisma reads what raw SQL wrote (date format, booleans).
    const p = await d.prisma.proposal.findFirst({ where: { id: r.proposalIds[0] }, include: { statusEvents: true, draft: true } })
    expect(p?.submittedAt?.getTime()).toBe(h.proposals[0]!.submittedAt)
    expect(p?.statusEvents.length).toBe(h.events.filter((e) => e.proposalIndex === 0).length)
    expect(p?.draft?.templateId).toBe(r.templateIds[h.drafts[0]!.templateKey])
    expect(await d.prisma.appState.findUnique({ where: { key: SAMPLE_HISTORY_KEY } })).toBeNull()
  }, 120_000)

  it('adds to a database that has rows, and marks sample data when asked', async () => {
    const d = await db()
    await writeHistory(d, generateHistory({ seed: 1, proposals: 20, days: 10, now: NOW }))
    const r = await writeHistory(d, generateHistory({ seed: 2, proposals: 30, days: 10, now: NOW }), { sample: true, jobs: false })
    expect(r).toMatchObject({ proposals: 30, jobs: 0 })
    expect(await d.prisma.job.count()).toBe(20)
    const draft = await d.prisma.proposalDraft.findFirst({ where: { proposal: { id: r.proposalIds[0] } }, include: { versions: true } })
    expect(draft).toMatchObject({ jobId: null, status: 'sent' })
    expect(JSON.parse(draft!.jobSnapshot)).toMatchObject({ title: expect.stringContaining('(sample 1)'), jobId: null })
    expect(draft!.versions).toHaveLength(1)
    expect(await d.prisma.proposal.count()).toBe(50)
    const mark = await d.prisma.appState.findUnique({ where: { key: SAMPLE_HISTORY_KEY } })
    expect(JSON.parse(mark!.value)).toMatchObject({ seed: 2, proposals: 30 })
  })
})
