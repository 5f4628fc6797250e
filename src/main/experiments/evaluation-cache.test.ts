import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { translator } from '@shared/i18n'
import { openDatabase, type Database } from '../db/open-database'
import { makeTempDir, MIGRATIONS_DIR } from '../db/test-support/temp-files'
import { isStrategyId } from '../drafting/strategies'
import { ManualClock } from '../test-support/clocks'
import { createMemoryLogger } from '../test-support/memory-logger'
import { createExperimentsModule, type ExperimentsModule } from './module'
import { DEFAULT_EVALUATION, evaluate } from './stats/evaluate'
import { EvaluationCache } from './stats/evaluation-cache'

const T0 = Date.UTC(2026, 11, 1, 12)
const DAY = 86_400_000
const opts = { ...DEFAULT_EVALUATION, seed: 7 }
const arms = [
  { id: 1, n: 200, successes: 30 },
  { id: 2, n: 210, successes: 45 }
]

describe('EvaluationCache: the statistics kept for the exact inputs that made them', () => {
  it('gives what evaluate() gives; the same inputs are not computed again; any changed input is', () => {
    const cache = new EvaluationCache()
    expect(cache.evaluate(arms, opts)).toEqual(evaluate(arms, opts))
    expect(cache.evaluate(arms, opts)).toEqual(evaluate(arms, opts))
    expect(cache.computed).toBe(1)
    const more = [arms[0]!, { ...arms[1]!, successes: 46 }]
    expect(cache.evaluate(more, opts)).toEqual(evaluate(more, opts))
    expect(cache.evaluate(arms, { ...opts, seed: 8 })).toEqual(evaluate(arms, { ...opts, seed: 8 }))
    expect(cache.evaluate(arms, { ...opts, baselineRate: 0.2 })).toEqual(evaluate(arms, { ...opts, baselineRate: 0.2 }))
    expect(cache.evaluate([arms[0]!, { ...arms[1]!, comparable: false }], opts).arms[1]!.pBest).toBeNull()
    expect(cache.computed).toBe(5)
  })

  it('a caller changing its result does not change what is kept; bounded, oldest out first', () => {
    const cache = new EvaluationCache(2)
    const first = cache.evaluate(arms, opts)
    first.arms[0]!.interval.low = -1
    first.arms[0]!.pBest = 99
    expect(cache.evaluate(arms, opts)).toEqual(evaluate(arms, opts))
    cache.evaluate(arms, { ...opts, seed: 1 })
    cache.evaluate(arms, { ...opts, seed: 2 })
    expect(cache.computed).toBe(3)
    cache.evaluate(arms, opts) // pushed out by the two newer ones
    expect(cache.computed).toBe(4)
  })
})

describe('experiments:get with the cache (real SQLite): new outcomes, overrides and the passing of time show at once', () => {
  let temp: ReturnType<typeof makeTempDir>
  let db: Database
  let clock: ManualClock
  let mod: ExperimentsModule

  beforeEach(async () => {
    temp = makeTempDir()
    clock = new ManualClock(T0)
    db = await openDatabase({ file: join(temp.dir, 'c.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
    mod = createExperimentsModule({ db, clock, logger: createMemoryLogger(), t: translator('en'), isStrategyId, random: () => 0.5 })
  })
  afterEach(async () => {
    await db.close()
    temp.cleanup()
  })

  const sent = async (variantId: number, stage: string, daysAgo: number): Promise<void> => {
    const d = await db.prisma.proposalDraft.create({ data: { kind: 'proposal', status: 'sent', variantId } })
    await db.prisma.proposal.create({ data: { draftId: d.id, stage, submittedAt: new Date(clock.now() - daysAgo * DAY) } })
  }

  it('the statistics are computed again exactly when the counts move, and not for a read that changes nothing', async () => {
    const a = (await db.prisma.template.create({ data: { name: 'A', body: 'a' } })).id
    const b = (await db.prisma.template.create({ data: { name: 'B', body: 'b' } })).id
    const e = await mod.service.create({ name: 'Openers', variants: [{ name: 'A', kind: 'template', templateId: a }, { name: 'B', kind: 'template', templateId: b }] })
    const [va, vb] = e.variants.map((v) => v.id) as [number, number]
    for (let i = 0; i < 40; i++) await sent(va, i < 4 ? 'replied' : 'submitted', 30)
    for (let i = 0; i < 40; i++) await sent(vb, i < 12 ? 'replied' : 'submitted', 30)
    await sent(vb, 'submitted', 3) // young: pending
    const get = () => mod.handlers['experiments:get']({ id: e.id })

    const before = await get()
    const computed = mod.service.evaluations.computed
    const again = await get()
    expect({ ...again, computedAt: 0 }).toEqual({ ...before, computedAt: 0 })
    await mod.service.list()
    expect(mod.service.evaluations.computed).toBe(computed)

    // A status row from the sync (the trigger raises funnelRank): a reply for a proposal of A.
    const first = await db.prisma.proposal.findFirstOrThrow({ where: { draft: { variantId: va }, stage: 'submitted' } })
    await db.prisma.proposalStatusEvent.create({ data: { proposalId: first.id, toStatus: 'replied', stage: 'replied', at: new Date(clock.now()), source: 'upwork-sync' } })
    const replied = await get()
    expect(replied.variants[0]).toMatchObject({ n: 40, successes: 5 })
    expect(replied.variants[0]!.pBest).not.toBe(before.variants[0]!.pBest)
    expect(mod.service.evaluations.computed).toBe(computed + 1)

    // The user's override leaves a draft out of the comparison.
    await db.prisma.proposalDraft.update({ where: { id: (await db.prisma.proposalDraft.findFirstOrThrow({ where: { variantId: vb, proposal: { stage: 'replied' } } })).id }, data: { variantOverridden: true } })
    expect((await get()).variants[1]).toMatchObject({ n: 39, successes: 11, overridden: 1 })

    // Time passes: the young proposal's window ends, it is a known failure now.
    expect((await get()).variants[1]!.pending).toBe(1)
    clock.advance(12 * DAY)
    expect((await get()).variants[1]).toMatchObject({ n: 40, successes: 11, pending: 0 })
  })
})
