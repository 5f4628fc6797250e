import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { BreakdownKind, DashboardDto } from '@shared/analytics'
import { searchFiltersSchema } from '@shared/discovery'
import { translator } from '@shared/i18n'
import { EventBus } from '../core/event-bus'
import { openDatabase, type Database } from '../db/open-database'
import { toSqlDateTime } from '../db/sql-values'
import { copyMigrations, makeTempDir, MIGRATIONS_DIR } from '../db/test-support/temp-files'
import { localFilterReason } from '../discovery/polling/local-filters'
import { ManualClock } from '../test-support/clocks'
import { createMemoryLogger } from '../test-support/memory-logger'
import { CHANGED_COALESCE_MS, createAnalyticsModule, type AnalyticsModule } from './module'
import { parseCsv } from './test-support/parse-csv'
import { generateHistory, type GenerateOptions, type SyntheticHistory } from './synthetic/generate'
import { writeHistory, type WriteHistoryResult } from './synthetic/write'

/**
 * The analytics on KNOWN truth (issue 10): a seeded synthetic history with declared effects is
 * written into a real SQLite file, and the module's channels must recover those effects — and find
 * none where none was put. Plus the bad inputs: nothing, one proposal, all outcomes the same, a
 * deleted template, out-of-order events; and CSV round-trips with hostile cells.
 */
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0)
// Thousands of proposals written to a real SQLite file per test: on a busy shared machine that takes
// longer than the suite's 30 s default.
vi.setConfig({ testTimeout: 120_000 })
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

interface Setup {
  db: Database
  analytics: AnalyticsModule
  bus: EventBus
  dir: string
  clock: ManualClock
  threshold: { value: number }
  revealed: string[]
}

async function setup(): Promise<Setup> {
  const temp = makeTempDir('gigpilot-analytics-')
  cleanups.push(() => temp.cleanup())
  const db = await openDatabase({ file: join(temp.dir, 'gigpilot.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
  cleanups.push(() => db.close())
  const clock = new ManualClock(NOW)
  const threshold = { value: 0 }
  const revealed: string[] = []
  const analytics = createAnalyticsModule({
    db,
    clock,
    logger: createMemoryLogger(),
    t: translator('en'),
    language: () => 'en',
    exportDir: () => join(temp.dir, 'exports'),
    timers: clock,
    reveal: (path) => revealed.push(path),
    threshold: () => threshold.value,
    filterReason: localFilterReason
  })
  const bus = new EventBus()
  cleanups.push(analytics.wireEvents!({ bus, statusChanged: () => undefined }))
  return { db, analytics, bus, dir: temp.dir, clock, threshold, revealed }
}

async function withHistory(opts: Partial<GenerateOptions> = {}): Promise<Setup & { h: SyntheticHistory; w: WriteHistoryResult }> {
  const s = await setup()
  const h = generateHistory({ seed: 2026, proposals: 6_000, days: 365, now: NOW, ...opts })
  const w = await writeHistory(s.db, h)
  return { ...s, h, w }
}

const dashboard = (s: Setup, period: DashboardDto['period'] = 'all') => s.analytics.handlers['analytics:dashboard']({ period })
const breakdown = (d: DashboardDto, kind: BreakdownKind) => d.breakdowns.find((b) => b.kind === kind)!

/** Every number in the value is finite (no NaN, no Infinity), recursively. */
function nonFinite(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path]
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinite(v, `${path}[${i}]`))
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`))
  return []
}

describe('analytics on known truth', () => {
  it('recovers the template effect (B 1.5× A: interval contains 1.5), finds no effect for the client country, and says so in recommendations', async () => {
    const s = await withHistory()
    const d = await dashboard(s)
    expect(nonFinite(d)).toEqual([])
    expect(d.total).toBe(6_000)
    expect(d.notEnough).toBeNull()
    const templates = breakdown(d, 'template')
    const b = templates.rows.find((r) => r.key === String(s.w.templateIds.B))!
    expect(b.label).toBe('Short + question')
    expect(b.vsRest!.low!).toBeLessThan(1.5)
    expect(b.vsRest!.high!).toBeGreaterThan(1.5)
    expect(b.vsRest!.strong).toBe(true)
    expect(b.rate.small).toBe(false)
    // A no-effect feature: every country's ratio against the rest contains 1 (8 comparisons; at most one may miss by chance).
    const countries = breakdown(d, 'clientCountry').rows
    expect(countries.length).toBe(8)
    expect(countries.filter((r) => r.vsRest!.low! <= 1 && r.vsRest!.high! >= 1).length).toBeGreaterThanOrEqual(7)
    // Posting age recovered as a recommendation whose interval contains the true ratio.
    const age = d.recommendations.find((r) => r.id === 'postingAge')!
    expect(age.key).toBe('analytics.rec.postingAge.faster')
    expect(age.figure.low!).toBeLessThan(s.h.truth.withinHourReplyRatio)
    expect(age.figure.high!).toBeGreaterThan(s.h.truth.withinHourReplyRatio)
    expect(age.text).toMatch(/^You get \d\.\d× more replies on jobs you answer within an hour of posting \(95% interval \d\.\d–\d\.\d×, [\d,]+ proposals\)\.$/)
    // Clients without hires (0.3×) → "raise the client filter?"; template B named.
    expect(d.recommendations.find((r) => r.id === 'clientNoHires')?.text).toMatch(/clients with no hires replied \d+% .*raise the client filter\?/)
    expect(d.recommendations.find((r) => r.id === `template:${s.w.templateIds.B}`)?.text).toContain('Template “Short + question” gets')
    // Nothing recommended from a no-effect feature, nor for the reference templates.
    expect(d.recommendations.map((r) => r.id).sort()).toEqual(['clientNoHires', 'postingAge', 'score', `template:${s.w.templateIds.B}`].sort())
  })

  it('the no-effect features stay quiet across seeds: no recommendation other than the true effects, ever', async () => {
    const s = await setup()
    const allowed = new Set(['postingAge', 'clientNoHires', 'score'])
    for (const seed of [1, 2, 3, 4, 5]) {
      await s.db.client.execute('DELETE FROM Proposal')
      await s.db.client.execute('DELETE FROM Template')
      const w = await writeHistory(s.db, generateHistory({ seed, proposals: 1_500, days: 180, now: NOW }))
      const d = await dashboard(s)
      expect(nonFinite(d)).toEqual([])
      for (const r of d.recommendations) expect(allowed.has(r.id) || r.id === `template:${w.templateIds.B}`).toBe(true)
    }
  })

  it('the funnel counts each proposal once at the furthest stage it reached; rates carry intervals; Connects per reply and hire', async () => {
    const s = await withHistory({ proposals: 2_000, days: 60, eventsPerProposal: 10, outOfOrder: 0.1 })
    const d = await dashboard(s)
    const furthest = (o: SyntheticHistory['proposals'][number]) => {
      const stages = s.h.events.filter((e) => e.proposalIndex === o.index).map((e) => ['submitted', 'viewed', 'replied', 'interview', 'hired'].indexOf(e.stage))
      return Math.max(0, ...stages)
    }
    const ranks = s.h.proposals.map(furthest)
    expect(d.funnel.map((f) => f.count)).toEqual([0, 1, 2, 3, 4].map((k) => ranks.filter((r) => r >= k).length))
    const replied = d.funnel[2]!
    expect(replied.ofSent.low!).toBeLessThan(replied.ofSent.rate!)
    expect(replied.ofSent.high!).toBeGreaterThan(replied.ofSent.rate!)
    const known = s.h.proposals.filter((p) => p.connectsSpent !== null)
    const spent = known.reduce((a, p) => a + p.connectsSpent!, 0)
    expect(d.connects.spent).toBe(spent)
    expect(d.connects.perReply).toBeCloseTo(spent / known.filter((p) => ranks[p.index]! >= 2).length, 1)
    expect(d.connects.perHire).toBeCloseTo(spent / known.filter((p) => ranks[p.index]! >= 4).length, 1)
    expect(d.medianHoursToFirstReply).toBeGreaterThan(0)
    // Daily reply rates carry their interval too (a day is usually a small sample).
    const day = d.daily.find((p) => p.sent > 0 && p.replies > 0)!
    expect(day.replyRateLow!).toBeLessThan(day.replyRate!)
    expect(day.replyRateHigh!).toBeGreaterThan(day.replyRate!)
    expect(d.daily.filter((p) => p.sent === 0).every((p) => p.replyRate === null && p.replyRateLow === null && p.small === true)).toBe(true)
    // Usage and cost: unknown costs are counted apart, never as $0.
    expect(d.usage.ai.calls).toBe(s.h.aiCalls.length)
    expect(d.usage.ai.unpricedCalls).toBe(s.h.aiCalls.filter((c) => c.costUsd === null).length)
    expect(d.usage.ai.costUsd).toBeCloseTo(s.h.aiCalls.reduce((a, c) => a + (c.costUsd ?? 0), 0), 5)
    expect(d.usage.api.requests).toBe(s.h.apiUsage.reduce((a, u) => a + u.count, 0))
    expect(d.sample).toBe(false)
  })

  it('drill-down returns the proposals behind a bar and a funnel stage', async () => {
    const s = await withHistory({ proposals: 1_000, days: 90 })
    const d = await dashboard(s, '90d')
    const row = breakdown(d, 'template').rows[0]!
    const bar = await s.analytics.handlers['analytics:proposals']({ period: '90d', filter: { breakdown: 'template', key: row.key } })
    expect(bar.total).toBe(row.n)
    expect(bar.proposals.every((p) => String(p.templateId) === row.key)).toBe(true)
    expect(bar.proposals.length).toBe(Math.min(row.n, 500))
    const stage = await s.analytics.handlers['analytics:proposals']({ period: '90d', filter: { stage: 'replied' } })
    expect(stage.total).toBe(d.funnel[2]!.count)
    expect(stage.proposals[0]!.submittedAt >= stage.proposals[stage.proposals.length - 1]!.submittedAt).toBe(true)
  })
})

describe('analytics: bad input gives a clear state, never NaN', () => {
  it('no history at all: "not enough data yet: 10 more", zero counts, null rates, no recommendations', async () => {
    const s = await setup()
    const d = await dashboard(s, '30d')
    expect(nonFinite(d)).toEqual([])
    expect(d).toMatchObject({ total: 0, notEnough: { have: 0, needMore: 10 }, recommendations: [], medianHoursToFirstReply: null })
    expect(d.funnel.every((f) => f.count === 0 && f.ofSent.rate === null && f.ofSent.small)).toBe(true)
    expect(d.daily).toHaveLength(30)
    expect(d.usage.ai.costUsd).toBeNull()
    expect(d.connects).toEqual({ spent: 0, known: 0, perReply: null, perHire: null })
    expect(breakdown(d, 'template').rows).toEqual([])
  })

  it('one proposal, and every outcome the same (no replies at all, or all replied)', async () => {
    for (const opts of [{ proposals: 1 }, { proposals: 300, effects: { baseReplyRate: 0, viewRate: 0 } }, { proposals: 300, effects: { baseReplyRate: 5, interviewGivenReply: 1, hireGivenInterview: 1 } }]) {
      const s = await withHistory({ days: 200, ...opts })
      const d = await dashboard(s)
      expect(nonFinite(d)).toEqual([])
      expect(d.recommendations.filter((r) => r.id !== 'clientNoHires' && r.id !== 'postingAge' && r.id !== 'score')).toEqual([])
      if (opts.proposals === 1) expect(d.notEnough).toEqual({ have: 1, needMore: 9 })
      // All the same: nobody replied (every rate 0, no ratio strong), or (nearly) everybody hired (only the last days' outcomes are not in yet).
      if (opts.effects?.baseReplyRate === 0) {
        expect(d.funnel[2]!.count).toBe(0)
        expect(d.breakdowns.every((b) => b.rows.every((r) => r.rate.rate === 0 && !r.vsRest?.strong))).toBe(true)
      }
      if (opts.effects && opts.effects.baseReplyRate > 1) expect(d.funnel[4]!.count).toBeGreaterThan(d.total * 0.9)
      for (const b of d.breakdowns) for (const r of b.rows) if (r.n < 10) expect(r.small).toBe(true)
    }
  })

  it('a deleted template: its proposals still count, the row says it is gone', async () => {
    const s = await withHistory({ proposals: 1_000, days: 90 })
    await s.db.prisma.template.delete({ where: { id: s.w.templateIds.B! } })
    const d = await dashboard(s)
    const row = breakdown(d, 'template').rows.find((r) => r.key === String(s.w.templateIds.B))!
    expect(row).toMatchObject({ gone: true, label: null })
    expect(row.n).toBe(s.h.drafts.filter((x) => x.templateKey === 'B').length)
    const rec = d.recommendations.find((r) => r.id === `template:${s.w.templateIds.B}`)
    if (rec) expect(rec.text).toMatch(/^A template you have since deleted/)
    expect(nonFinite(d)).toEqual([])
  })

  it('out-of-order events and a clock change: counted once at the furthest stage; reply time never negative', async () => {
    const s = await setup()
    const t0 = NOW - 3 * 86_400_000
    const h = 3_600_000
    const ins = await s.db.client.execute({
      sql: `INSERT INTO Proposal (jobTitle, status, stage, submittedAt, statusChangedAt, createdAt, updatedAt, submissionSource) VALUES ('Out of order', 'Pending', 'submitted', ?, ?, ?, ?, 'outbox') RETURNING id`,
      args: [toSqlDateTime(t0), toSqlDateTime(t0 + 3 * h), toSqlDateTime(t0), toSqlDateTime(t0)]
    })
    const id = Number(ins.rows[0]!.id)
    // Recorded in this order: submitted, replied (+2 h), viewed (+1 h, recorded late), Pending again (+3 h), and an event dated before the send (clock change).
    for (const [to, stage, at] of [['Pending', 'submitted', t0], ['Activated', 'replied', t0 + 2 * h], ['viewed', 'viewed', t0 + h], ['Pending', 'submitted', t0 + 3 * h], ['Activated', 'replied', t0 - 5 * h]] as const) {
      await s.db.client.execute({ sql: `INSERT INTO ProposalStatusEvent (proposalId, toStatus, stage, at, source, recordedAt) VALUES (?, ?, ?, ?, 'upwork-sync', ?)`, args: [id, to, stage, toSqlDateTime(at), toSqlDateTime(NOW)] })
    }
    const d = await dashboard(s, '7d')
    expect(d.funnel.map((f) => f.count)).toEqual([1, 1, 1, 0, 0])
    expect(d.medianHoursToFirstReply).toBe(0)
    const rows = await s.analytics.handlers['analytics:proposals']({ period: '7d', filter: { stage: 'replied' } })
    expect(rows.proposals).toMatchObject([{ id, furthest: 'replied', stage: 'submitted', hoursToFirstReply: 0 }])
  })

  it('the analytics migration backfills the furthest stage and first reply of an existing history', async () => {
    const temp = makeTempDir('gigpilot-analytics-migrate-')
    cleanups.push(() => temp.cleanup())
    const before = copyMigrations(temp.dir)
    for (const name of readdirSync(before)) if (name >= '20261201144800_analytics') rmSync(join(before, name), { recursive: true, force: true })
    const file = join(temp.dir, 'gigpilot.db')
    const old = await openDatabase({ file, migrationsDir: before, appVersion: 'old' })
    const t0 = NOW - 86_400_000
    const ins = await old.client.execute({
      sql: `INSERT INTO Proposal (status, stage, submittedAt, statusChangedAt, createdAt, updatedAt, submissionSource) VALUES ('Declined', 'declined', ?1, ?1, ?1, ?1, 'outbox') RETURNING id`,
      args: [toSqlDateTime(t0)]
    })
    const id = Number(ins.rows[0]!.id)
    for (const [to, stage, at] of [['Pending', 'submitted', t0], ['Accepted', 'interview', t0 + 7_200_000], ['Activated', 'replied', t0 + 3_600_000], ['Declined', 'declined', t0 + 9_000_000]] as const)
      await old.client.execute({ sql: `INSERT INTO ProposalStatusEvent (proposalId, toStatus, stage, at, source, recordedAt) VALUES (?, ?, ?, ?, 'upwork-sync', ?)`, args: [id, to, stage, toSqlDateTime(at), toSqlDateTime(at)] })
    await old.close()
    const db = await openDatabase({ file, migrationsDir: MIGRATIONS_DIR, appVersion: 'new' })
    cleanups.push(() => db.close())
    const row = await db.prisma.proposal.findUniqueOrThrow({ where: { id } })
    expect(row.funnelRank).toBe(3)
    expect(row.firstReplyAt?.getTime()).toBe(t0 + 3_600_000)
  })

  it('periods are local days, across a daylight-saving change', async () => {
    const tz = process.env.TZ
    process.env.TZ = 'Europe/Kyiv'
    cleanups.push(() => void (tz === undefined ? delete process.env.TZ : (process.env.TZ = tz)))
    const s = await setup()
    // 2026-10-25 has 25 hours in Kyiv. Now: 2026-10-28 00:30 local (= 22:30 UTC on the 27th).
    const now = Date.UTC(2026, 9, 27, 22, 30)
    s.clock.advance(now - s.clock.now())
    const h = generateHistory({ seed: 9, proposals: 50, days: 3, now })
    // One just inside (local 2026-10-22 00:10) and one just outside (local 2026-10-21 23:50) the 7 local days.
    h.proposals[0]!.submittedAt = Date.UTC(2026, 9, 21, 21, 10)
    h.proposals[1]!.submittedAt = Date.UTC(2026, 9, 21, 20, 50)
    await writeHistory(s.db, h)
    const d = await dashboard(s, '7d')
    expect(d.daily.map((p) => p.day)).toEqual(['2026-10-22', '2026-10-23', '2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27', '2026-10-28'])
    expect(d.total).toBe(49)
    expect(d.daily[0]!.sent).toBe(1)
    expect(d.from).toBe('2026-10-21T21:00:00.000Z')
  })

  it('a proposal changing tells the renderer the figures are stale: at once, then at most once per window', async () => {
    const s = await setup()
    const seen: string[] = []
    s.bus.on('analytics:changed', (p) => seen.push(p.at))
    for (let i = 0; i < 50; i++) s.bus.emit('proposals:changed', { id: i } as never)
    expect(seen).toEqual([new Date(NOW).toISOString()])
    s.clock.advance(CHANGED_COALESCE_MS)
    expect(seen).toEqual([new Date(NOW).toISOString(), new Date(NOW + CHANGED_COALESCE_MS).toISOString()])
    s.clock.advance(CHANGED_COALESCE_MS * 3)
    expect(seen).toHaveLength(2)
    s.analytics.changed()
    expect(seen).toHaveLength(3)
  })
})

describe('analytics: CSV export and back-testing', () => {
  it('CSV: BOM, one row per proposal, round-trips quotes, commas, newlines; formula cells are neutralised', async () => {
    const s = await withHistory({ proposals: 200, days: 30 })
    const hostile = ['=HYPERLINK("http://evil.example","x")', 'Line one\nline two, with "quotes"', '+SUM(1,2)', '-2+3', '@cmd', 'Привіт, клієнте']
    for (const [i, title] of hostile.entries()) await s.db.client.execute({ sql: 'UPDATE Proposal SET jobTitle = ? WHERE id = ?', args: [title, s.w.proposalIds[i]!] })
    const r = await s.analytics.handlers['analytics:exportCsv']({ period: 'all' })
    expect(r.rows).toBe(200)
    expect(r.path.startsWith(join(s.dir, 'exports'))).toBe(true)
    expect(s.revealed).toEqual([r.path])
    const bytes = readFileSync(r.path)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(r.bytes).toBe(bytes.length)
    const text = bytes.toString('utf8').slice(1)
    const rows = parseCsv(text)
    expect(rows).toHaveLength(201)
    const header = rows[0]!
    expect(new Set(rows.map((x) => x.length))).toEqual(new Set([header.length]))
    const col = (name: string) => header.indexOf(name)
    const byId = new Map(rows.slice(1).map((x) => [Number(x[col('proposal_id')]), x]))
    const titles = hostile.map((_, i) => byId.get(s.w.proposalIds[i]!)![col('job_title')])
    expect(titles).toEqual(["'=HYPERLINK(\"http://evil.example\",\"x\")", 'Line one\nline two, with "quotes"', "'+SUM(1,2)", "'-2+3", "'@cmd", 'Привіт, клієнте'])
    // No cell of the file starts with a formula character.
    for (const x of rows.slice(1)) for (const c of x) if (/^[=+@]/.test(c)) throw new Error(`formula cell: ${c}`)
    const p = s.h.proposals[10]!
    const line = byId.get(s.w.proposalIds[10]!)!
    expect(Number(line[col('bid')])).toBe(p.bidAmount)
    expect(line[col('submitted_at')]).toBe(new Date(p.submittedAt).toISOString())
  })

  it('back-test: the score threshold and a client filter applied to the history say what would be kept and lost', async () => {
    const s = await withHistory({ proposals: 2_000, days: 120 })
    const ranks = new Map<number, number>()
    for (const e of s.h.events) ranks.set(e.proposalIndex, Math.max(ranks.get(e.proposalIndex) ?? 0, ['submitted', 'viewed', 'replied', 'interview', 'hired'].indexOf(e.stage)))
    const count = (lost: (i: number) => boolean) => {
      const all = s.h.proposals
      const replies = all.filter((p) => ranks.get(p.index)! >= 2)
      return {
        proposals: { total: all.length, lost: all.filter((p) => lost(p.index)).length },
        replies: { total: replies.length, lost: replies.filter((p) => lost(p.index)).length },
        connectsSaved: all.filter((p) => lost(p.index)).reduce((a, p) => a + (p.connectsSpent ?? 0), 0)
      }
    }
    // No searches, threshold 80: every job scoring under 80 is lost.
    s.threshold.value = 80
    const a = await s.analytics.handlers['analytics:backtest']({})
    const wantA = count((i) => s.h.jobs[i]!.score < 80)
    expect(a).toMatchObject({ threshold: 80, searches: 0, proposals: wantA.proposals, replies: wantA.replies, connectsSaved: wantA.connectsSaved, unknown: 0 })
    // Plus a saved search asking for clients with at least one hire.
    s.threshold.value = 0
    await s.db.prisma.savedSearch.create({ data: { name: 'Proven clients', query: JSON.stringify(searchFiltersSchema.parse({ query: 'React', client: { minHires: 1 } })) } })
    const b = await s.analytics.handlers['analytics:backtest']({})
    const wantB = count((i) => s.h.jobs[i]!.clientHires === 0)
    expect(b).toMatchObject({ searches: 1, proposals: wantB.proposals, replies: wantB.replies, connectsSaved: wantB.connectsSaved })
    expect(b.proposals.kept + b.proposals.lost).toBe(2_000)
    expect(b.keptReplyRate.rate!).toBeGreaterThan(b.skippedReplyRate.rate!)
    expect(nonFinite(b)).toEqual([])
  })
})
