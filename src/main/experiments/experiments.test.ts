import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { channels, type ChannelInput, type ChannelOutput, type EventMap } from '@shared/contract'
import type { ExperimentDto } from '@shared/experiments'
import { translator } from '@shared/i18n'
import { defaultSettings } from '@shared/settings'
import { generateHistory } from '../analytics/synthetic/generate'
import { writeHistory } from '../analytics/synthetic/write'
import { EventBus } from '../core/event-bus'
import { openDatabase, type Database } from '../db/open-database'
import { makeTempDir, MIGRATIONS_DIR } from '../db/test-support/temp-files'
import { createDiscoveryModule, type DiscoveryModule } from '../discovery/module'
import { jobSummary } from '../discovery/test-support/jobs'
import { createDraftingModule, type DraftingModule } from '../drafting/module'
import { isStrategyId } from '../drafting/strategies'
import { ManualClock } from '../test-support/clocks'
import { createMemoryLogger } from '../test-support/memory-logger'
import { seedDemoExperiment } from './demo'
import { chooseVariant } from './stats/assign'
import { createExperimentsModule, type ExperimentsChannel, type ExperimentsModule } from './module'
import { finiteDeep } from './test-support/finite'

const T0 = Date.UTC(2026, 11, 1, 12)
const DAY = 86_400_000

describe('experiments (real SQLite): create, seeded assignment, results from sent proposals, overrides, Thompson, stop and keep', () => {
  let temp: ReturnType<typeof makeTempDir>
  let db: Database
  let clock: ManualClock
  let mod: ExperimentsModule
  let discovery: DiscoveryModule
  let drafting: DraftingModule
  let changed: Array<EventMap['experiments:changed']>
  let unwire: () => void
  let bus: EventBus

  const open = async (file = 'e.db', seed = 0.25): Promise<void> => {
    db = await openDatabase({ file: join(temp.dir, file), migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
    mod = createExperimentsModule({ db, clock, logger: createMemoryLogger(), t: translator('en'), isStrategyId, random: () => seed })
    const settings = defaultSettings()
    discovery = createDiscoveryModule({ db, reads: {} as never, clock, logger: createMemoryLogger(), t: translator('en'), settings: () => settings.notifications, notify: () => ({ shown: false }) as never, pruneEveryMs: 0 })
    drafting = createDraftingModule({ db, clock, logger: createMemoryLogger(), sources: { job: (id) => discovery.jobs.get(id), profile: () => discovery.profile.get() }, ai: null, variants: mod.assigner })
    bus = new EventBus(() => undefined)
    bus.on('experiments:changed', (p) => changed.push(p))
    unwire = mod.wireEvents!({ bus, statusChanged: () => undefined })
    const search = await discovery.searches.create({ name: 'React', filters: { query: 'react' } })
    jobId = (await discovery.ingest.ingest(search.id, [jobSummary(1)])).newJobIds[0]!
  }
  const close = async (): Promise<void> => {
    unwire()
    await drafting.dispose?.()
    await discovery.dispose?.()
    await db.close()
  }

  /** Calls a handler the way IPC does: the input through the channel's schema first. */
  const call = async <C extends ExperimentsChannel>(name: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const parsed = channels[name].input.parse(input) as never
    return (mod.handlers[name] as (i: never) => Promise<ChannelOutput<C>>)(parsed)
  }
  let jobId: number
  /** A proposal draft for the sample job, created the way the renderer does (the user steers nothing). */
  const newDraft = () => drafting.handlers['drafts:create'](channels['drafts:create'].input.parse({ jobId }))
  const template = async (name: string): Promise<number> => (await db.prisma.template.create({ data: { name, body: `${name} body` } })).id
  const twoTemplates = async (): Promise<{ a: number; b: number; e: ExperimentDto }> => {
    const a = await template('Portfolio-led')
    const b = await template('Short + question')
    const e = await call('experiments:create', { name: 'Openers', variants: [{ name: 'Portfolio-led', kind: 'template', templateId: a }, { name: 'Short + question', kind: 'template', templateId: b }] })
    return { a, b, e }
  }

  /** A sent proposal from a draft of `variantId`: its current stage, its status history, sent `daysAgo`. */
  const sent = async (variantId: number, o: { stage?: string; history?: string[]; daysAgo?: number; overridden?: boolean } = {}): Promise<number> => {
    const at = new Date(clock.now() - (o.daysAgo ?? 30) * DAY)
    const d = await db.prisma.proposalDraft.create({ data: { kind: 'proposal', status: 'sent', variantId, variantOverridden: o.overridden ?? false } })
    const p = await db.prisma.proposal.create({ data: { draftId: d.id, stage: o.stage ?? 'submitted', submittedAt: at } })
    for (const [i, s] of (o.history ?? []).entries()) await db.prisma.proposalStatusEvent.create({ data: { proposalId: p.id, toStatus: s, stage: s, at: new Date(at.getTime() + i * 60_000), source: 'upwork-sync' } })
    return d.id
  }
  const many = async (variantId: number, n: number, successes: number): Promise<void> => {
    for (let i = 0; i < n; i++) await sent(variantId, { stage: i < successes ? 'replied' : 'submitted' })
  }

  beforeEach(async () => {
    temp = makeTempDir()
    clock = new ManualClock(T0)
    changed = []
    await open()
  })
  afterEach(async () => {
    await close()
    temp.cleanup()
  })

  it('creates an experiment and refuses what would make it unclear, in words', async () => {
    const { a, e } = await twoTemplates()
    expect(e).toMatchObject({ name: 'Openers', kind: 'template', metric: 'reply', thompson: false, state: 'running', variantCount: 2, assignedCount: 0 })
    expect(e.guard).toMatchObject({ method: 'msprt', alpha: 0.05, minPerVariant: 30, minPBest: 0.95 })
    expect(e.guard.text).toContain('mSPRT')
    expect(e.decision).toMatchObject({ kind: 'notEnoughData' })
    expect(e.summary).toMatch(/^Not enough data yet: [\d,]+ more proposals to tell$/)
    expect(changed).toContainEqual({ id: e.id })

    const refusal = (input: ChannelInput<'experiments:create'>) => call('experiments:create', input).then(() => null, (err: { code: string; message: string }) => err)
    expect(await refusal({ name: 'Second', variants: [{ name: 'x', kind: 'strategy', strategy: 'short' }, { name: 'y', kind: 'strategy', strategy: 'detailed' }] })).toMatchObject({ code: 'EXPERIMENT_ALREADY_RUNNING', message: expect.stringContaining('“Openers”') })
    await call('experiments:stop', { id: e.id, keep: null })
    expect(await call('experiments:setThompson', { id: e.id, on: true }).catch((err: { code: string }) => err.code)).toBe('EXPERIMENT_NOT_RUNNING')
    expect(await call('experiments:get', { id: 9999 }).catch((err: { code: string; message: string }) => [err.code, err.message])).toEqual(['EXPERIMENT_NOT_FOUND', 'This experiment no longer exists.'])
    expect(await refusal({ name: 'Mixed', variants: [{ name: 'x', kind: 'strategy', strategy: 'short' }, { name: 'y', kind: 'template', templateId: a }] })).toMatchObject({ code: 'EXPERIMENT_MIXED_KINDS' })
    expect(await refusal({ name: 'Dup', variants: [{ name: 'Same', kind: 'strategy', strategy: 'short' }, { name: 'same', kind: 'strategy', strategy: 'detailed' }] })).toMatchObject({ code: 'EXPERIMENT_DUPLICATE_NAME' })
    expect(await refusal({ name: 'Arm', variants: [{ name: 'x', kind: 'strategy', strategy: 'short' }, { name: 'y', kind: 'strategy', strategy: 'short' }] })).toMatchObject({ code: 'EXPERIMENT_DUPLICATE_ARM' })
    expect(await refusal({ name: 'Unknown', variants: [{ name: 'x', kind: 'strategy', strategy: 'nope' }, { name: 'y', kind: 'strategy', strategy: 'short' }] })).toMatchObject({ code: 'EXPERIMENT_STRATEGY_REQUIRED' })
    await db.prisma.template.update({ where: { id: a }, data: { archivedAt: new Date(T0) } })
    const other = await template('Other')
    expect(await refusal({ name: 'Archived', variants: [{ name: 'x', kind: 'template', templateId: a }, { name: 'y', kind: 'template', templateId: other }] })).toMatchObject({ code: 'EXPERIMENT_TEMPLATE_MISSING' })
    expect(() => channels['experiments:create'].input.parse({ name: 'One', variants: [{ name: 'x', kind: 'strategy', strategy: 'short' }] })).toThrow()
    expect(() => channels['experiments:create'].input.parse({ name: 'Extra', variants: [], sneaky: 1 })).toThrow()
    // Variant names are unique per experiment, not across experiments.
    expect((await call('experiments:create', { name: 'Again', variants: [{ name: 'Portfolio-led', kind: 'strategy', strategy: 'short' }, { name: 'Short + question', kind: 'strategy', strategy: 'detailed' }] })).state).toBe('running')
    expect((await call('experiments:list')).map((x) => [x.name, x.state])).toEqual([['Again', 'running'], ['Openers', 'stopped']])
  })

  it('assigns new drafts at random from the seed and the draft’s sequence number: reproducible, stored, shown with the experiment’s name', async () => {
    const { e } = await twoTemplates()
    const ids: number[] = []
    for (let i = 0; i < 24; i++) ids.push((await newDraft()).variantId!)
    const expected = Array.from({ length: 24 }, (_, k) => e.variants[chooseVariant(e.variants, e.seed, k, false)]!.id)
    expect(ids).toEqual(expected)
    expect(new Set(ids).size).toBe(2)
    expect((await call('experiments:get', { id: e.id })).assignedCount).toBe(24)
    // The same seed in another database: the same sequence.
    await close()
    await open('other.db')
    const again = await twoTemplates()
    expect(again.e.seed).toBe(e.seed)
    const ids2: number[] = []
    for (let i = 0; i < 24; i++) ids2.push((await mod.assigner.assign())!.variantId!)
    expect(ids2.map((id) => again.e.variants.findIndex((v) => v.id === id))).toEqual(ids.map((id) => e.variants.findIndex((v) => v.id === id)))
    const draft = await newDraft()
    expect(await call('experiments:draftAssignments', { draftIds: [draft.id, 999] })).toEqual([
      { draftId: draft.id, experimentId: again.e.id, experimentName: 'Openers', experimentState: 'running', variantId: draft.variantId, variantName: again.e.variants.find((v) => v.id === draft.variantId)!.name, assignedVariantId: draft.variantId, overridden: false }
    ])
    // A reply draft is never assigned.
    const reply = await drafting.handlers['drafts:create'](channels['drafts:create'].input.parse({ kind: 'reply', threadId: 'room-1' }))
    expect(reply.variantId).toBeNull()
  })

  it('results come from sent proposals: the furthest stage ever reached, overrides left out, young proposals pending, closed ones failed, never NaN', async () => {
    const { e } = await twoTemplates()
    const [a, b] = e.variants.map((v) => v.id) as [number, number]
    await sent(a, { stage: 'lost', history: ['submitted', 'replied', 'lost'] }) // replied, then lost: a reply
    await sent(a, { stage: 'interview', history: ['interview', 'submitted'] }) // out of order: still a reply
    await sent(a, { stage: 'declined', daysAgo: 1 }) // closed: known, not reached
    await sent(a, { stage: 'submitted', daysAgo: 3 }) // young: pending
    await sent(a, { stage: 'submitted', daysAgo: 20 }) // past the 14-day window: not reached
    await sent(a, { stage: 'submitted', daysAgo: -2 }) // the clock moved back: pending, not a failure
    await sent(a, { stage: 'replied', overridden: true }) // the user's override: left out
    await sent(b, { stage: 'viewed', daysAgo: 40 })
    const r = await call('experiments:get', { id: e.id })
    const va = r.variants.find((v) => v.id === a)!
    expect(va).toMatchObject({ n: 4, successes: 2, pending: 2, rate: 0.5, assigned: 7, overridden: 1, status: 'active' })
    expect(va.interval.low).toBeLessThan(0.5)
    expect(va.interval.high).toBeGreaterThan(0.5)
    expect(r.variants.find((v) => v.id === b)).toMatchObject({ n: 1, successes: 0, rate: 0 })
    expect(r.pendingWindowDays).toBe(14)
    expect(finiteDeep(r)).toBe(true)
    // The interview metric: only the out-of-order interview counts.
    await call('experiments:stop', { id: e.id, keep: null })
    const c = await template('Case study')
    const ie = await call('experiments:create', { name: 'Interviews', metric: 'interview', variants: [{ name: 'A', kind: 'template', templateId: c }, { name: 'B', kind: 'template', templateId: (await db.prisma.template.findFirstOrThrow({ where: { name: 'Portfolio-led' } })).id }] })
    const ia = ie.variants[0]!.id
    await sent(ia, { stage: 'lost', history: ['replied', 'lost'] })
    await sent(ia, { stage: 'hired', history: ['hired'] })
    expect((await call('experiments:get', { id: ie.id })).variants[0]).toMatchObject({ n: 2, successes: 1 })
    expect((await call('experiments:get', { id: ie.id })).pendingWindowDays).toBe(21)
  })

  it('a variant with no proposals, every outcome the same, one proposal: clear states in words, never NaN', async () => {
    const { e } = await twoTemplates()
    const [a, b] = e.variants.map((v) => v.id) as [number, number]
    await sent(a, { stage: 'replied' })
    let r = await call('experiments:get', { id: e.id })
    expect(r.decision).toMatchObject({ kind: 'notEnoughData' })
    expect(r.variants.find((v) => v.id === b)).toMatchObject({ n: 0, rate: null })
    expect(finiteDeep(r)).toBe(true)
    await many(a, 39, 0)
    await many(b, 40, 0)
    r = await call('experiments:get', { id: e.id })
    expect(r.decision.kind).toBe('noWinnerYet')
    expect(r.summary).toMatch(/^No winner yet: about [\d,]+ more proposals to tell a difference of 30% or more$/)
    expect(finiteDeep(r)).toBe(true)
  })

  it('a young experiment says how many more proposals it needs from the user’s own overall rate, not from a guess of 50%', async () => {
    const { e } = await twoTemplates()
    const bare = (await call('experiments:get', { id: e.id })).decision
    expect(bare).toMatchObject({ kind: 'notEnoughData' })
    // 200 earlier proposals, 10% replied: planning for a 30% lift on a 10% rate takes thousands.
    for (let i = 0; i < 200; i++) {
      const d = await db.prisma.proposalDraft.create({ data: { kind: 'proposal', status: 'sent' } })
      await db.prisma.proposal.create({ data: { draftId: d.id, stage: i < 20 ? 'replied' : 'declined', submittedAt: new Date(T0 - 60 * DAY) } })
    }
    const informed = (await call('experiments:get', { id: e.id })).decision as { kind: string; moreProposals: number }
    expect(informed.kind).toBe('notEnoughData')
    expect(informed.moreProposals).toBeGreaterThan(1000)
    expect(informed.moreProposals).toBeGreaterThan(5 * (bare as { moreProposals: number }).moreProposals)
  })

  it('a template deleted or archived mid-experiment: its variant keeps its history, is no longer assigned, and the state says why', async () => {
    const c = await template('Case study')
    const { a, e } = await (async () => {
      const a = await template('Portfolio-led')
      const b = await template('Short + question')
      const e = await call('experiments:create', { name: 'Three', variants: [{ name: 'Portfolio-led', kind: 'template', templateId: a }, { name: 'Short + question', kind: 'template', templateId: b }, { name: 'Case study', kind: 'template', templateId: c }] })
      return { a, b, e }
    })()
    const va = e.variants.find((v) => v.templateId === a)!.id
    const vc = e.variants.find((v) => v.templateId === c)!.id
    await many(va, 5, 2)
    await db.prisma.template.delete({ where: { id: a } })
    await db.prisma.template.update({ where: { id: c }, data: { archivedAt: new Date(T0) } })
    const r = await call('experiments:get', { id: e.id })
    expect(r.variants.find((v) => v.id === va)).toMatchObject({ status: 'retired', retiredReason: 'templateDeleted', n: 5, successes: 2, pBest: null, templateId: null })
    expect(r.variants.find((v) => v.id === vc)).toMatchObject({ status: 'retired', retiredReason: 'templateArchived', templateName: 'Case study' })
    expect(r.decision).toEqual({ kind: 'cannotCompare' })
    expect(r.summary).toBe('Fewer than two variants can still be used, so there is nothing to compare')
    expect(finiteDeep(r)).toBe(true)
    for (let i = 0; i < 10; i++) expect((await mod.assigner.assign())!.variantId).toBe(r.variants.find((v) => v.status === 'active')!.id)
    expect(await call('experiments:stop', { id: e.id, keep: va }).catch((err: { code: string }) => err.code)).toBe('EXPERIMENT_KEEP_RETIRED')
  })

  it('the user’s override is stored, flagged and left out of the comparison; choosing the assigned variant again undoes it; sent drafts are locked', async () => {
    const { e } = await twoTemplates()
    const draft = await newDraft()
    const assigned = draft.variantId!
    const other = e.variants.find((v) => v.id !== assigned)!
    const o = await call('experiments:setDraftVariant', { draftId: draft.id, variantId: other.id })
    expect(o).toMatchObject({ variantId: other.id, variantName: other.name, assignedVariantId: assigned, overridden: true })
    expect((await db.prisma.proposalDraft.findUniqueOrThrow({ where: { id: draft.id } })).templateId).toBe(other.templateId)
    await db.prisma.proposal.create({ data: { draftId: draft.id, stage: 'replied', submittedAt: new Date(T0 - 20 * DAY) } })
    let r = await call('experiments:get', { id: e.id })
    expect(r.variants.find((v) => v.id === other.id)!.n).toBe(0)
    expect(r.variants.find((v) => v.id === assigned)).toMatchObject({ assigned: 1, overridden: 1, n: 0 })
    expect(await call('experiments:setDraftVariant', { draftId: draft.id, variantId: assigned })).toMatchObject({ variantId: assigned, overridden: false })
    r = await call('experiments:get', { id: e.id })
    expect(r.variants.find((v) => v.id === assigned)).toMatchObject({ n: 1, successes: 1, overridden: 0 })
    expect(await call('experiments:setDraftVariant', { draftId: draft.id, variantId: null })).toMatchObject({ variantId: null, variantName: null, overridden: true, experimentName: 'Openers' })
    await db.prisma.proposalDraft.update({ where: { id: draft.id }, data: { status: 'sent' } })
    expect(await call('experiments:setDraftVariant', { draftId: draft.id, variantId: assigned }).catch((err: { code: string }) => err.code)).toBe('EXPERIMENT_DRAFT_LOCKED')
    const foreign = await db.prisma.proposalDraft.create({ data: { kind: 'proposal' } })
    expect(await call('experiments:setDraftVariant', { draftId: foreign.id, variantId: null }).catch((err: { code: string }) => err.code)).toBe('EXPERIMENT_DRAFT_NOT_IN_EXPERIMENT')
    // A draft made before the experiment: the user may put it into the running experiment by hand (an override, not compared).
    expect(await call('experiments:setDraftVariant', { draftId: foreign.id, variantId: other.id })).toMatchObject({ variantId: other.id, assignedVariantId: null, overridden: true, experimentName: 'Openers' })
    expect(await call('experiments:setDraftVariant', { draftId: foreign.id, variantId: 12345 }).catch((err: { code: string }) => err.code)).toBe('EXPERIMENT_VARIANT_NOT_IN_EXPERIMENT')
  })

  it('a bid-rule variant sets the bid from the suggestion; overriding it recomputes the bid and says when it is above the budget', async () => {
    const e = await call('experiments:create', { name: 'Bids', variants: [{ name: 'Lower', kind: 'bid', bidRule: { factor: 0.8 } }, { name: 'Higher', kind: 'bid', bidRule: { factor: 1.2 } }] })
    const draft = await newDraft() // FIXED, $600 budget: suggestion 570
    const lower = e.variants.find((v) => v.name === 'Lower')!.id
    const higher = e.variants.find((v) => v.name === 'Higher')!.id
    expect(draft.bid).toMatchObject({ suggested: 570, amount: draft.variantId === lower ? 455 : 685, aboveBudget: draft.variantId === higher })
    await call('experiments:setDraftVariant', { draftId: draft.id, variantId: draft.variantId === lower ? higher : lower })
    const after = await drafting.handlers['drafts:get']({ id: draft.id })
    expect(after.bid).toMatchObject({ suggested: 570, amount: draft.variantId === lower ? 685 : 455, aboveBudget: draft.variantId === lower })
  })

  it('an outcome arriving for a sent draft says the results may have moved: one experiments:changed per burst', async () => {
    const proposal = { id: 1, draftId: 3 } as EventMap['proposals:changed']
    changed = []
    for (let i = 0; i < 5; i++) bus.emit('proposals:changed', proposal)
    bus.emit('proposals:changed', { ...proposal, draftId: null })
    await vi.waitFor(() => expect(changed).toEqual([{ id: null }]))
    bus.emit('proposals:changed', proposal)
    await vi.waitFor(() => expect(changed).toEqual([{ id: null }, { id: null }]))
  })

  it('Thompson sampling (off by default) shifts assignment toward the better variant as evidence grows', async () => {
    const { e } = await twoTemplates()
    const [a, b] = e.variants.map((v) => v.id) as [number, number]
    const share = async (): Promise<number> => {
      let toB = 0
      for (let i = 0; i < 100; i++) if ((await mod.assigner.assign())!.variantId === b) toB++
      return toB / 100
    }
    expect(await share()).toBeGreaterThan(0.35) // uniform while off, even with evidence below
    await many(a, 60, 6)
    await many(b, 60, 24)
    expect(Math.abs((await share()) - 0.5)).toBeLessThan(0.15)
    expect((await call('experiments:setThompson', { id: e.id, on: true })).thompson).toBe(true)
    expect(await share()).toBeGreaterThan(0.9)
  })

  it('declares the generator’s true 1.5× template the winner and finds no winner between two equal templates; the winner sentence for recommendations', async () => {
    const h = generateHistory({ seed: 11, proposals: 5000, days: 240, now: T0 })
    const w = await writeHistory(db, h)
    const e = await call('experiments:create', {
      name: 'Sample openers',
      variants: [
        { name: 'Portfolio-led', kind: 'template', templateId: w.templateIds.A! },
        { name: 'Short + question', kind: 'template', templateId: w.templateIds.B! },
        { name: 'Case study', kind: 'template', templateId: w.templateIds.C! }
      ]
    })
    // The history's drafts were made under the experiment (each with its template's variant).
    for (const v of e.variants) await db.client.execute({ sql: `UPDATE "ProposalDraft" SET "variantId" = ? WHERE "templateId" = ?`, args: [v.id, v.templateId] })
    const r = await call('experiments:get', { id: e.id })
    const better = r.variants.find((v) => v.templateId === w.templateIds.B)!
    expect(r.decision).toMatchObject({ kind: 'winner', variantId: better.id })
    expect(better.pBest).toBeGreaterThan(0.95)
    expect(r.summary).toMatch(/^“Short \+ question” wins: \d+% probability to be best/)
    const sentences = await mod.recommendations()
    expect(sentences).toEqual([expect.objectContaining({ id: `experiment:${e.id}`, key: 'experiments.sentence.winner', figure: expect.objectContaining({ kind: 'probability', n: expect.any(Number) }) })])
    expect(sentences[0]!.text).toMatch(/^Template “Short \+ question” beats “(Portfolio-led|Case study)” with \d+% probability$/)

    // A and C have the same true rate: no winner between them.
    await call('experiments:stop', { id: e.id, keep: null })
    const aa = await call('experiments:create', { name: 'A/A', variants: [{ name: 'A', kind: 'template', templateId: w.templateIds.A! }, { name: 'C', kind: 'template', templateId: w.templateIds.C! }] })
    for (const v of aa.variants) await db.client.execute({ sql: `UPDATE "ProposalDraft" SET "variantId" = ? WHERE "templateId" = ?`, args: [v.id, v.templateId] })
    expect((await call('experiments:get', { id: aa.id })).decision.kind).not.toBe('winner')
  }, 60_000)

  it('stop and keep the winner: new drafts use it by default (with no experiment running); clearing the default ends that', async () => {
    const { b, e } = await twoTemplates()
    const keep = e.variants.find((v) => v.templateId === b)!.id
    const stopped = await call('experiments:stop', { id: e.id, keep })
    expect(stopped).toMatchObject({ state: 'stopped', keptVariantId: keep, stoppedAt: T0 })
    expect(stopped.summary).toMatch(/^Stopped: “Short \+ question” is now the default for new drafts\. Not enough data yet/)
    expect(await call('experiments:stop', { id: e.id, keep: null }).catch((err: { code: string }) => err.code)).toBe('EXPERIMENT_NOT_RUNNING')
    expect(await call('experiments:defaults')).toEqual({ templateId: b, strategy: null, bidRule: null, from: { template: { experimentId: e.id, variantId: keep, variantName: 'Short + question' } } })
    const draft = await newDraft()
    expect(draft).toMatchObject({ templateId: b, variantId: null, text: 'Short + question body' })
    // A strategy experiment now runs: its variant and the kept template together.
    const s = await call('experiments:create', { name: 'Strategies', variants: [{ name: 'Short', kind: 'strategy', strategy: 'short' }, { name: 'Detailed', kind: 'strategy', strategy: 'detailed' }] })
    const both = await newDraft()
    expect(both.templateId).toBe(b)
    expect(s.variants.map((v) => v.id)).toContain(both.variantId)
    expect(both.strategy).toBe(s.variants.find((v) => v.id === both.variantId)!.strategy)
    expect((await call('experiments:clearDefault', { kind: 'template' })).templateId).toBeNull()
    await call('experiments:stop', { id: s.id, keep: null })
    const plain = await newDraft()
    expect(plain).toMatchObject({ templateId: null, variantId: null, strategy: null })
  })

  it('the demo experiment: a clearly labelled running experiment over the sample history, shown with results', async () => {
    const h = generateHistory({ seed: 5, proposals: 1200, days: 120, now: T0 })
    const w = await writeHistory(db, h, { sample: true })
    const id = await seedDemoExperiment(db, clock)
    const e = await call('experiments:get', { id: id! })
    expect(e).toMatchObject({ name: 'Demo: Short + question vs Portfolio-led', state: 'running', variantCount: 2 })
    expect(e.variants.map((v) => [v.name, v.templateId])).toEqual([['Short + question', w.templateIds.B], ['Portfolio-led', w.templateIds.A]])
    expect(e.variants.every((v) => v.n > 50)).toBe(true)
    expect(e.startedAt).toBeLessThan(T0 - 100 * DAY)
    expect(finiteDeep(e)).toBe(true)
    // Named in the language in force.
    const uk = createExperimentsModule({ db, clock, logger: createMemoryLogger(), t: translator('uk'), isStrategyId })
    expect((await uk.service.get(id!)).name).toBe('Демо: Коротко + запитання проти Портфоліо')
    // Once only.
    expect(await seedDemoExperiment(db, clock)).toBeNull()
  })
})
