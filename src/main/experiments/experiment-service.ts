/**
 * Experiments over the database (issue 10 item 3): create, list, evaluate, stop and keep the
 * winner, Thompson sampling, the assignment new drafts get, the user's overrides, the defaults
 * kept winners set. One experiment runs at a time (a draft carries one variant, so its
 * assignment is never ambiguous). Results come from the proposals sent from the variants' drafts
 * (outcomes.ts decides what counts); the statistics are the pure functions in stats/.
 */
import type {
  BidRuleDto,
  CreateExperimentInput,
  DraftAssignmentDto,
  ExperimentDecisionDto,
  ExperimentDefaultsDto,
  ExperimentDto,
  ExperimentKind,
  ExperimentMetric,
  ExperimentSummaryDto,
  GuardDto,
  RetiredReason,
  VariantResultDto
} from '@shared/experiments'
import { bidUnderRule, EXPERIMENT_KINDS, EXPERIMENT_METRICS, createExperimentSchema } from '@shared/experiments'
import { renderText, text, type MessageKey, type Translate, type UserText } from '@shared/i18n'
import { AppError } from '../core/app-error'
import { TypedEmitter } from '../core/typed-emitter'
import type { Database } from '../db/open-database'
import { toSqlDateTime } from '../db/sql-values'
import { isAboveBudget, type BidJob } from '../drafting/bid'
import type { Clock } from '../ports/clock'
import { furthestRank, outcomeOf, PENDING_WINDOW_DAYS, windowMs, type Outcome, type WaitClass } from './outcomes'
import { chooseVariant } from './stats/assign'
import { DEFAULT_EVALUATION, type EvaluationOptions } from './stats/evaluate'
import { EvaluationCache } from './stats/evaluation-cache'
import { newSeed } from '@shared/prng'

export interface ExperimentServiceDeps {
  db: Pick<Database, 'prisma' | 'client'>
  clock: Clock
  t: Translate
  /** Is this a drafting strategy id (drafting/strategies.ts)? */
  isStrategyId: (id: string) => boolean
  /** Randomness for new experiments' seeds (the assignments themselves are seeded). */
  random?: () => number
  evaluation?: Partial<Omit<EvaluationOptions, 'seed'>>
}

/** What a new draft gets: a variant of the running experiment and/or the kept winners' defaults. */
export interface Assignment {
  variantId: number | null
  templateId: number | null
  strategy: string | null
  bidRule: BidRuleDto | null
}

type ExperimentRow = Awaited<ReturnType<Database['prisma']['experiment']['findFirstOrThrow']>>
type VariantRow = Awaited<ReturnType<Database['prisma']['experimentVariant']['findFirstOrThrow']>> & { template: { name: string; archivedAt: Date | null } | null }

interface VariantCounts {
  n: number
  successes: number
  pending: number
  assigned: number
  overridden: number
}

const pct = (p: number): number => Math.round(p * 100)
const KIND_WORD: Readonly<Record<ExperimentKind, MessageKey>> = { template: 'experiments.kind.template', strategy: 'experiments.kind.strategy', bid: 'experiments.kind.bid' }
const asKind = (k: string): ExperimentKind => ((EXPERIMENT_KINDS as readonly string[]).includes(k) ? (k as ExperimentKind) : 'template')
const asMetric = (m: string): ExperimentMetric => ((EXPERIMENT_METRICS as readonly string[]).includes(m) ? (m as ExperimentMetric) : 'reply')

export function parseBidRule(json: string | null): BidRuleDto | null {
  if (!json) return null
  try {
    const v = JSON.parse(json) as { factor?: unknown }
    return typeof v.factor === 'number' && Number.isFinite(v.factor) && v.factor > 0 ? { factor: v.factor } : null
  } catch {
    return null
  }
}

/** The budget part of a draft's job snapshot (JSON); unreadable → no budget known. */
function snapshotOf(json: string): BidJob {
  let v: Partial<Record<keyof BidJob, unknown>> = {}
  try {
    v = JSON.parse(json) as typeof v
  } catch {
    // keep the empty snapshot
  }
  const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null)
  const str = (x: unknown): string | null => (typeof x === 'string' ? x : null)
  return { jobType: str(v.jobType) as BidJob['jobType'], hourlyMin: num(v.hourlyMin), hourlyMax: num(v.hourlyMax), fixedAmount: num(v.fixedAmount), currency: str(v.currency), experienceLevel: str(v.experienceLevel), durationLabel: str(v.durationLabel) }
}

export class ExperimentService {
  readonly events = new TypedEmitter<{ changed: { id: number | null } }>()
  private readonly options: Omit<EvaluationOptions, 'seed'>
  /** The statistics for exact counts and options (pure, seeded): recomputed only when those change. */
  readonly evaluations = new EvaluationCache()

  constructor(private readonly deps: ExperimentServiceDeps) {
    this.options = { ...DEFAULT_EVALUATION, ...deps.evaluation }
  }

  // ---- reading ----

  private async experimentRow(id: number): Promise<ExperimentRow> {
    const row = await this.deps.db.prisma.experiment.findUnique({ where: { id } })
    if (!row) throw new AppError('EXPERIMENT_NOT_FOUND', 'experiments.error.notFound')
    return row
  }

  private variantsOf(experimentIds: number[]): Promise<VariantRow[]> {
    return this.deps.db.prisma.experimentVariant.findMany({
      where: { experimentId: { in: experimentIds } },
      include: { template: { select: { name: true, archivedAt: true } } },
      orderBy: { id: 'asc' }
    })
  }

  /** Why a variant can no longer be assigned (null: it can). */
  private retiredReason(v: VariantRow): RetiredReason | null {
    if (v.kind === 'template') {
      if (v.templateId === null || v.template === null) return 'templateDeleted'
      if (v.template.archivedAt !== null) return 'templateArchived'
    }
    if (v.kind === 'strategy' && !this.deps.isStrategyId(v.strategy ?? '')) return 'strategyUnknown'
    return null
  }

  /**
   * Outcome groups (outcomes.ts) of the sent proposals `from` selects (SQL after FROM, `p` the
   * Proposal, `key` the grouping column): grouped in SQL by what decides the outcome — current
   * stage, the furthest of replied/interview/hired in the history, how long it has waited
   * (timestamps compare as text: one ISO format, sql-values.ts). The furthest stage is the row's
   * `funnelRank` (0 sent … 4 hired, the max over its status history kept by the trigger
   * ProposalStatusEvent_funnel, analytics README), so no status row is read: rank − 1 is
   * outcomes.ts' reached (1 replied, 2 interview, 3 hired). Measured over 10,000 proposals and
   * ~100,000 status rows: ~14 → ~7 ms (README, bench).
   */
  private async outcomeGroups(key: string, from: string, args: Array<string | number>, metric: ExperimentMetric): Promise<Array<{ key: number; outcome: Outcome; count: number }>> {
    const now = this.deps.clock.now()
    const { rows } = await this.deps.db.client.execute({
      sql: `SELECT k, stage, reached, waited, COUNT(*) AS n FROM (
              SELECT ${key} AS k, p."stage" AS stage,
                CASE WHEN COALESCE(p."submittedAt", p."createdAt") > ? THEN 'unknown' WHEN COALESCE(p."submittedAt", p."createdAt") <= ? THEN 'overdue' ELSE 'young' END AS waited,
                MAX(p."funnelRank" - 1, 0) AS reached
              FROM ${from})
            GROUP BY k, stage, reached, waited`,
      args: [toSqlDateTime(now), toSqlDateTime(now - windowMs(metric)), ...args]
    })
    return rows.map((row) => {
      const stage = row.stage === null ? null : String(row.stage)
      const waited: WaitClass = row.waited === 'overdue' || row.waited === 'young' ? row.waited : 'unknown'
      return { key: Number(row.k), outcome: outcomeOf({ reached: Math.max(Number(row.reached) || 0, furthestRank([stage])), stage, waited }, metric), count: Number(row.n) || 0 }
    })
  }

  /** Per variant: known outcomes (not overridden), successes, pending, assigned and overridden drafts. */
  private async counts(variantIds: number[], metric: ExperimentMetric): Promise<Map<number, VariantCounts>> {
    const out = new Map<number, VariantCounts>(variantIds.map((id) => [id, { n: 0, successes: 0, pending: 0, assigned: 0, overridden: 0 }]))
    if (variantIds.length === 0) return out
    const marks = variantIds.map(() => '?').join(', ')
    const [groups, drafts] = await Promise.all([
      // Driven from the drafts' (variantId, kind, variantOverridden, assignedVariantId) index, each
      // proposal through its (draftId, funnelRank, stage, submittedAt, createdAt) index: no table row
      // is read (a Proposal row's stage and funnelRank sit behind its cover letter). INDEXED BY: without
      // ANALYZE statistics SQLite prefers the unique draftId index, which reads the row.
      this.outcomeGroups('d."variantId"', `"ProposalDraft" d CROSS JOIN "Proposal" p INDEXED BY "Proposal_draftId_funnelRank_stage_submittedAt_createdAt_idx" ON p."draftId" = d."id" WHERE d."variantId" IN (${marks}) AND d."variantOverridden" = 0 AND d."kind" = 'proposal'`, variantIds, metric),
      this.deps.db.client.execute({
        sql: `SELECT COALESCE(d."assignedVariantId", d."variantId") AS v, COUNT(*) AS assigned, SUM(CASE WHEN d."variantOverridden" THEN 1 ELSE 0 END) AS overridden
              FROM "ProposalDraft" d WHERE COALESCE(d."assignedVariantId", d."variantId") IN (${marks}) GROUP BY 1`,
        // A plain scan: measured cheaper over 10,000 drafts than the two variant indexes (MULTI-INDEX OR).
        args: variantIds
      })
    ])
    for (const g of groups) {
      const c = out.get(g.key)
      if (!c) continue
      if (g.outcome === 'pending') c.pending += g.count
      else {
        c.n += g.count
        if (g.outcome === 'success') c.successes += g.count
      }
    }
    for (const row of drafts.rows) {
      const c = out.get(Number(row.v))
      if (!c) continue
      c.assigned = Number(row.assigned) || 0
      c.overridden = Number(row.overridden) || 0
    }
    return out
  }

  /** The user's overall rate for the metric over every known outcome (null: none known yet). */
  private async baselineRate(metric: ExperimentMetric): Promise<number | null> {
    let n = 0
    let s = 0
    for (const g of await this.outcomeGroups('0', `"Proposal" p`, [], metric)) {
      if (g.outcome === 'pending') continue
      n += g.count
      if (g.outcome === 'success') s += g.count
    }
    return n > 0 ? s / n : null
  }

  private guard(): GuardDto {
    const o = this.options
    return {
      method: 'msprt',
      alpha: o.alpha,
      minPerVariant: o.minPerVariant,
      minPBest: o.minPBest,
      text: this.deps.t('experiments.guard.msprt', { alpha: pct(o.alpha), min: o.minPerVariant, pBest: pct(o.minPBest) })
    }
  }

  private decisionText(e: ExperimentRow, decision: ExperimentDecisionDto, names: Map<number, string>): UserText {
    const effect = pct(e.minEffect ?? this.options.minEffect)
    let inner: UserText
    switch (decision.kind) {
      case 'notEnoughData':
        inner = text('experiments.decision.notEnoughData', { n: decision.moreProposals ?? this.options.minPerVariant * 2 })
        break
      case 'noWinnerYet':
        inner = decision.moreProposals === null ? text('experiments.decision.noWinnerYetUnknown', { effect }) : text('experiments.decision.noWinnerYet', { n: decision.moreProposals, effect })
        break
      case 'winner':
        inner = text('experiments.decision.winner', { variant: names.get(decision.variantId) ?? '', p: pct(decision.pBest) })
        break
      case 'cannotCompare':
        inner = text('experiments.decision.cannotCompare')
    }
    if (e.state !== 'stopped') return inner
    if (e.keptVariantId !== null) return text('experiments.decision.stoppedKept', { variant: names.get(e.keptVariantId) ?? '', decision: inner })
    return text('experiments.decision.stopped', { decision: inner })
  }

  private async build(e: ExperimentRow, variants: VariantRow[]): Promise<ExperimentDto> {
    const metric = asMetric(e.metric)
    const counts = await this.counts(variants.map((v) => v.id), metric)
    const retired = new Map(variants.map((v) => [v.id, this.retiredReason(v)]))
    // A young experiment plans its "how many more" around the user's own overall rate.
    const known = [...counts.values()].reduce((sum, c) => sum + c.n, 0)
    const baselineRate = known < this.options.minPerVariant * variants.length ? await this.baselineRate(metric) : null
    const evaluation = this.evaluations.evaluate(
      variants.map((v) => ({ id: v.id, n: counts.get(v.id)!.n, successes: counts.get(v.id)!.successes, comparable: retired.get(v.id) === null })),
      { ...this.options, minEffect: e.minEffect ?? this.options.minEffect, seed: e.seed, baselineRate }
    )
    const names = new Map(variants.map((v) => [v.id, v.name]))
    const results: VariantResultDto[] = variants.map((v, i) => {
      const c = counts.get(v.id)!
      const r = evaluation.arms[i]!
      return {
        id: v.id,
        name: v.name,
        kind: asKind(v.kind),
        templateId: v.templateId,
        templateName: v.template?.name ?? null,
        strategy: v.strategy,
        bidRule: parseBidRule(v.bidRule),
        status: retired.get(v.id) === null ? 'active' : 'retired',
        retiredReason: retired.get(v.id) ?? null,
        assigned: c.assigned,
        overridden: c.overridden,
        n: r.n,
        successes: r.successes,
        pending: c.pending,
        rate: r.rate,
        posteriorMean: r.posteriorMean,
        interval: r.interval,
        pBest: r.pBest,
        expectedLoss: r.expectedLoss
      }
    })
    return {
      ...this.summaryOf(e, variants.length, evaluation.decision, renderText(this.deps.t, this.decisionText(e, evaluation.decision, names))),
      seed: e.seed,
      assignedCount: e.assignedCount,
      variants: results,
      guard: this.guard(),
      pendingWindowDays: PENDING_WINDOW_DAYS[metric],
      computedAt: this.deps.clock.now()
    }
  }

  private summaryOf(e: ExperimentRow, variantCount: number, decision: ExperimentDecisionDto, summary: string): ExperimentSummaryDto {
    return {
      id: e.id,
      // The demo's experiment is named in the language in force (demo.ts).
      name: e.demo ? this.deps.t('experiments.demo.name') : e.name,
      kind: asKind(e.kind),
      metric: asMetric(e.metric),
      minEffect: e.minEffect,
      thompson: e.thompson,
      state: e.state === 'stopped' ? 'stopped' : 'running',
      keptVariantId: e.keptVariantId,
      startedAt: e.startedAt.getTime(),
      stoppedAt: e.stoppedAt?.getTime() ?? null,
      variantCount,
      decision,
      summary
    }
  }

  async get(id: number): Promise<ExperimentDto> {
    const e = await this.experimentRow(id)
    return this.build(e, await this.variantsOf([id]))
  }

  async list(): Promise<ExperimentSummaryDto[]> {
    const rows = await this.deps.db.prisma.experiment.findMany({ orderBy: [{ id: 'desc' }] })
    const variants = await this.variantsOf(rows.map((r) => r.id))
    const out: ExperimentSummaryDto[] = []
    for (const e of rows) {
      const full = await this.build(e, variants.filter((v) => v.experimentId === e.id))
      const { seed: _seed, assignedCount: _a, variants: _v, guard: _g, pendingWindowDays: _p, computedAt: _c, ...summary } = full
      out.push(summary)
    }
    return out.sort((a, b) => (a.state === b.state ? b.id - a.id : a.state === 'running' ? -1 : 1))
  }

  async running(): Promise<ExperimentRow | null> {
    return this.deps.db.prisma.experiment.findFirst({ where: { state: 'running' }, orderBy: { id: 'desc' } })
  }

  // ---- changing ----

  async create(raw: CreateExperimentInput, extra: { demo?: boolean; startedAt?: number } = {}): Promise<ExperimentDto> {
    const input = createExperimentSchema.parse(raw)
    const kind = input.variants[0]!.kind
    if (input.variants.some((v) => v.kind !== kind)) throw new AppError('EXPERIMENT_MIXED_KINDS', 'experiments.error.mixedKinds')
    const names = new Set<string>()
    const arms = new Set<string>()
    for (const v of input.variants) {
      if (names.has(v.name.toLowerCase())) throw new AppError('EXPERIMENT_DUPLICATE_NAME', text('experiments.error.duplicateName', { name: v.name }))
      names.add(v.name.toLowerCase())
      let arm: string
      if (kind === 'template') {
        if (v.templateId === undefined) throw new AppError('EXPERIMENT_TEMPLATE_REQUIRED', text('experiments.error.templateRequired', { name: v.name }))
        const t = await this.deps.db.prisma.template.findUnique({ where: { id: v.templateId }, select: { archivedAt: true } })
        if (!t || t.archivedAt !== null) throw new AppError('EXPERIMENT_TEMPLATE_MISSING', text('experiments.error.templateMissing', { name: v.name }))
        arm = `t${v.templateId}`
      } else if (kind === 'strategy') {
        if (v.strategy === undefined || !this.deps.isStrategyId(v.strategy)) throw new AppError('EXPERIMENT_STRATEGY_REQUIRED', text('experiments.error.strategyRequired', { name: v.name }))
        arm = `s${v.strategy}`
      } else {
        if (v.bidRule === undefined) throw new AppError('EXPERIMENT_BID_RULE_REQUIRED', text('experiments.error.bidRuleRequired', { name: v.name }))
        arm = `b${v.bidRule.factor}`
      }
      if (arms.has(arm)) throw new AppError('EXPERIMENT_DUPLICATE_ARM', 'experiments.error.duplicateArm')
      arms.add(arm)
    }
    const now = this.deps.clock.now()
    const id = await this.deps.db.prisma.$transaction(async (tx) => {
      const other = await tx.experiment.findFirst({ where: { state: 'running' } })
      if (other) throw new AppError('EXPERIMENT_ALREADY_RUNNING', text('experiments.error.alreadyRunning', { name: other.name }))
      const e = await tx.experiment.create({
        data: {
          name: input.name,
          kind,
          metric: input.metric,
          minEffect: input.minEffect ?? null,
          thompson: input.thompson,
          seed: newSeed(this.deps.random),
          demo: extra.demo === true,
          startedAt: new Date(extra.startedAt ?? now)
        }
      })
      for (const v of input.variants) {
        await tx.experimentVariant.create({
          data: {
            experimentId: e.id,
            name: v.name,
            kind,
            templateId: kind === 'template' ? v.templateId! : null,
            strategy: kind === 'strategy' ? v.strategy! : null,
            bidRule: kind === 'bid' ? JSON.stringify(v.bidRule) : null
          }
        })
      }
      return e.id
    })
    this.events.emit('changed', { id })
    return this.get(id)
  }

  async stop(id: number, keep: number | null): Promise<ExperimentDto> {
    const e = await this.experimentRow(id)
    if (e.state === 'stopped') throw new AppError('EXPERIMENT_NOT_RUNNING', 'experiments.error.notRunning')
    if (keep !== null) {
      const v = (await this.variantsOf([id])).find((x) => x.id === keep)
      if (!v) throw new AppError('EXPERIMENT_KEEP_NOT_IN_EXPERIMENT', 'experiments.error.keepNotInExperiment')
      if (this.retiredReason(v) !== null) throw new AppError('EXPERIMENT_KEEP_RETIRED', 'experiments.error.keepRetired')
    }
    await this.deps.db.prisma.$transaction(async (tx) => {
      if (keep !== null) await tx.experiment.updateMany({ where: { kind: e.kind, defaultActive: true }, data: { defaultActive: false } })
      await tx.experiment.update({ where: { id }, data: { state: 'stopped', stoppedAt: new Date(this.deps.clock.now()), keptVariantId: keep, defaultActive: keep !== null } })
      await tx.experimentVariant.updateMany({ where: { experimentId: id }, data: { active: false } })
    })
    this.events.emit('changed', { id })
    return this.get(id)
  }

  async setThompson(id: number, on: boolean): Promise<ExperimentDto> {
    const e = await this.experimentRow(id)
    if (e.state === 'stopped') throw new AppError('EXPERIMENT_NOT_RUNNING', 'experiments.error.notRunning')
    await this.deps.db.prisma.experiment.update({ where: { id }, data: { thompson: on } })
    this.events.emit('changed', { id })
    return this.get(id)
  }

  // ---- defaults from kept winners ----

  async defaults(): Promise<ExperimentDefaultsDto> {
    const rows = await this.deps.db.prisma.experiment.findMany({ where: { defaultActive: true, keptVariantId: { not: null } }, orderBy: { stoppedAt: 'desc' } })
    const variants = await this.deps.db.prisma.experimentVariant.findMany({
      where: { id: { in: rows.map((r) => r.keptVariantId!) } },
      include: { template: { select: { name: true, archivedAt: true } } }
    })
    const out: ExperimentDefaultsDto = { templateId: null, strategy: null, bidRule: null, from: {} }
    for (const e of rows) {
      const kind = asKind(e.kind)
      if (out.from[kind]) continue
      const v = variants.find((x) => x.id === e.keptVariantId)
      if (!v || this.retiredReason(v) !== null) continue
      if (kind === 'template') out.templateId = v.templateId
      else if (kind === 'strategy') out.strategy = v.strategy
      else out.bidRule = parseBidRule(v.bidRule)
      out.from[kind] = { experimentId: e.id, variantId: v.id, variantName: v.name }
    }
    return out
  }

  async clearDefault(kind: ExperimentKind): Promise<ExperimentDefaultsDto> {
    await this.deps.db.prisma.experiment.updateMany({ where: { kind, defaultActive: true }, data: { defaultActive: false } })
    this.events.emit('changed', { id: null })
    return this.defaults()
  }

  // ---- assignment ----

  /**
   * What a new proposal draft the user did not steer gets: the kept winners' defaults, and a
   * variant of the running experiment (its kind's field then comes from the variant). Assignment
   * k (0, 1, 2 … per experiment) draws from a PRNG seeded with (experiment seed, k): uniformly
   * among the assignable variants, or with Thompson sampling the variant whose posterior draw is
   * highest. Null when there is neither.
   */
  async assign(): Promise<Assignment | null> {
    const defaults = await this.defaults()
    const out: Assignment = { variantId: null, templateId: defaults.templateId, strategy: defaults.strategy, bidRule: defaults.bidRule }
    const running = await this.running()
    if (running) {
      const usable = (await this.variantsOf([running.id])).filter((v) => this.retiredReason(v) === null)
      if (usable.length > 0) {
        const { assignedCount } = await this.deps.db.prisma.experiment.update({ where: { id: running.id }, data: { assignedCount: { increment: 1 } } })
        const counts = running.thompson ? await this.counts(usable.map((v) => v.id), asMetric(running.metric)) : null
        const v = usable[chooseVariant(usable.map((u) => ({ id: u.id, ...(counts?.get(u.id) ?? { n: 0, successes: 0 }) })), running.seed, assignedCount - 1, running.thompson)]!
        out.variantId = v.id
        if (v.kind === 'template') out.templateId = v.templateId
        else if (v.kind === 'strategy') out.strategy = v.strategy
        else out.bidRule = parseBidRule(v.bidRule)
        this.events.emit('changed', { id: running.id })
      }
    }
    return out.variantId === null && out.templateId === null && out.strategy === null && out.bidRule === null ? null : out
  }

  // ---- drafts ----

  private async draftRow(draftId: number) {
    const d = await this.deps.db.prisma.proposalDraft.findUnique({
      where: { id: draftId },
      select: { id: true, kind: true, status: true, variantId: true, assignedVariantId: true, variantOverridden: true, suggestedBid: true, jobSnapshot: true }
    })
    if (!d) throw new AppError('EXPERIMENT_DRAFT_NOT_FOUND', 'experiments.error.draftNotFound')
    return d
  }

  /** The user's override: another variant of the draft's experiment, or none (leaves it). Left out of the comparison from now on. */
  async setDraftVariant(draftId: number, variantId: number | null): Promise<DraftAssignmentDto> {
    const d = await this.draftRow(draftId)
    if (d.kind !== 'proposal') throw new AppError('EXPERIMENT_DRAFT_NOT_PROPOSAL', 'experiments.error.draftNotProposal')
    if (d.status === 'approved' || d.status === 'sent') throw new AppError('EXPERIMENT_DRAFT_LOCKED', 'experiments.error.draftLocked')
    const original = d.assignedVariantId ?? d.variantId
    if (original === null && variantId === null) throw new AppError('EXPERIMENT_DRAFT_NOT_IN_EXPERIMENT', 'experiments.error.draftNotInExperiment')
    let experimentId: number | null = null
    if (original !== null) experimentId = (await this.deps.db.prisma.experimentVariant.findUnique({ where: { id: original }, select: { experimentId: true } }))?.experimentId ?? null
    if (experimentId === null) experimentId = (await this.running())?.id ?? null
    if (experimentId === null) throw new AppError('EXPERIMENT_NONE', 'experiments.error.noExperiment')
    const data: Record<string, unknown> = { variantId, assignedVariantId: original, variantOverridden: true }
    if (variantId !== null) {
      const v = (await this.variantsOf([experimentId])).find((x) => x.id === variantId)
      if (!v) throw new AppError('EXPERIMENT_VARIANT_NOT_IN_EXPERIMENT', 'experiments.error.variantNotInExperiment')
      if (this.retiredReason(v) !== null) throw new AppError('EXPERIMENT_VARIANT_RETIRED', 'experiments.error.variantRetired')
      if (v.kind === 'template') data.templateId = v.templateId
      else if (v.kind === 'strategy') data.strategy = v.strategy
      else {
        const rule = parseBidRule(v.bidRule)
        if (rule && d.suggestedBid !== null) {
          data.bidAmount = bidUnderRule(d.suggestedBid, rule)
          data.bidAboveBudget = isAboveBudget(snapshotOf(d.jobSnapshot), data.bidAmount as number)
        }
      }
      // Choosing the variant it was assigned undoes the override.
      if (variantId === original) data.variantOverridden = false
    }
    await this.deps.db.prisma.proposalDraft.update({ where: { id: draftId }, data: { ...data, updatedAt: new Date(this.deps.clock.now()) } })
    this.events.emit('changed', { id: experimentId })
    return (await this.draftAssignments([draftId]))[0]!
  }

  /** The user steered an assigned draft by hand (another template or strategy): it leaves the comparison. */
  async markOverridden(draftId: number): Promise<void> {
    const { rowsAffected } = await this.deps.db.client.execute({
      sql: `UPDATE "ProposalDraft" SET "variantOverridden" = 1, "assignedVariantId" = COALESCE("assignedVariantId", "variantId") WHERE "id" = ? AND "variantId" IS NOT NULL AND "variantOverridden" = 0`,
      args: [draftId]
    })
    if (rowsAffected > 0) this.events.emit('changed', { id: null })
  }

  async draftAssignments(draftIds: number[]): Promise<DraftAssignmentDto[]> {
    if (draftIds.length === 0) return []
    const drafts = await this.deps.db.prisma.proposalDraft.findMany({
      where: { id: { in: draftIds }, OR: [{ variantId: { not: null } }, { assignedVariantId: { not: null } }] },
      select: { id: true, variantId: true, assignedVariantId: true, variantOverridden: true }
    })
    const variantIds = [...new Set(drafts.flatMap((d) => [d.variantId, d.assignedVariantId]).filter((x): x is number => x !== null))]
    const variants = await this.deps.db.prisma.experimentVariant.findMany({ where: { id: { in: variantIds } }, select: { id: true, name: true, experimentId: true } })
    const experiments = await this.deps.db.prisma.experiment.findMany({ where: { id: { in: variants.map((v) => v.experimentId).filter((x): x is number => x !== null) } }, select: { id: true, name: true, state: true, demo: true } })
    const out: DraftAssignmentDto[] = []
    for (const d of drafts) {
      const current = variants.find((v) => v.id === d.variantId) ?? null
      // Overridden drafts keep what was assigned (null: put in by hand); others are what they were given.
      const assigned = d.variantOverridden ? d.assignedVariantId : (d.assignedVariantId ?? d.variantId)
      const experimentId = (variants.find((v) => v.id === assigned) ?? current)?.experimentId ?? null
      const e = experiments.find((x) => x.id === experimentId)
      if (!e) continue
      out.push({ draftId: d.id, experimentId: e.id, experimentName: e.demo ? this.deps.t('experiments.demo.name') : e.name, experimentState: e.state === 'stopped' ? 'stopped' : 'running', variantId: current?.id ?? null, variantName: current?.name ?? null, assignedVariantId: assigned, overridden: d.variantOverridden })
    }
    return out.sort((a, b) => draftIds.indexOf(a.draftId) - draftIds.indexOf(b.draftId))
  }

  // ---- for recommendations ----

  /**
   * "Template 'Short + question' beats 'Portfolio-led' with 96% probability": one sentence per
   * experiment (the 20 newest, running or stopped) whose decision is a winner, against the
   * runner-up still in use. Only winners the peeking-safe rule declared.
   */
  async winnerSentences(): Promise<Array<{ experimentId: number; text: UserText; pBest: number; n: number }>> {
    const rows = await this.deps.db.prisma.experiment.findMany({ orderBy: { id: 'desc' }, take: 20 })
    const out: Array<{ experimentId: number; text: UserText; pBest: number; n: number }> = []
    for (const e of rows) {
      const dto = await this.build(e, await this.variantsOf([e.id]))
      if (dto.decision.kind !== 'winner') continue
      const winnerId = dto.decision.variantId
      const winner = dto.variants.find((v) => v.id === winnerId)!
      const others = dto.variants.filter((v) => v.id !== winnerId && v.status === 'active').sort((a, b) => b.posteriorMean - a.posteriorMean)
      const other = others[0]
      if (!other) continue
      out.push({
        experimentId: e.id,
        text: text('experiments.sentence.winner', { kind: text(KIND_WORD[dto.kind]), winner: winner.name, other: other.name, p: pct(dto.decision.pBest) }),
        pBest: dto.decision.pBest,
        n: dto.variants.reduce((s, v) => s + v.n, 0)
      })
    }
    return out
  }
}
