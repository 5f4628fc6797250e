import type { JobDetailDto, ProfileDto } from '@shared/discovery'
import type { DraftDto, JobSnapshot, StrategyDto } from '@shared/drafting'
import { AppError } from '../core/app-error'
import type { DomainModule } from '../core/domain-module'
import type { Database } from '../db/open-database'
import type { Logger } from '../logging/logger'
import type { Clock } from '../ports/clock'
import { estimateDuration, isAboveBudget, suggestBid } from './bid'
import { DraftStore, EMPTY_SNAPSHOT } from './draft-store'
import { DraftGenerator, type GenerationPrompt, type GeneratorEmitters } from './generator'
import type { DraftingAi, DraftingSources } from './ports'
import { isStrategyId, STRATEGIES } from './strategies'
import { TemplateStore } from './template-store'
import { renderTemplate, templateValues } from './template-render'
import { applyBidRule, NO_VARIANTS, type VariantSource } from './variants'

export type DraftingChannel =
  | 'drafts:list' | 'drafts:get' | 'drafts:create' | 'drafts:saveVersion' | 'drafts:fillFromTemplate' | 'drafts:generate' | 'drafts:cancel' | 'drafts:setBid' | 'drafts:discard'
  | 'templates:list' | 'templates:create' | 'templates:update' | 'templates:archive' | 'templates:preview'
  | 'strategies:list'

export interface DraftingDeps {
  db: Pick<Database, 'prisma' | 'client'>
  clock: Clock
  logger: Logger
  /** The job and the profile, read from discovery's stores (local: no network). */
  sources: DraftingSources
  /** The AI module's provider; null when AI is not available in this build (templates still work). */
  ai: DraftingAi | null
  /** The language in force ('en' | 'uk'): the AI writes in it, money is formatted in it. */
  language?: () => string
  /**
   * The prompt of a reply draft (kind = reply): the replies domain builds it from the thread, the
   * job, the proposal sent and the profile. Without it, `drafts:generate` refuses replies.
   */
  replyPrompt?: (draft: DraftDto, profile: ProfileDto) => Promise<GenerationPrompt>
  /** Experiment variants and kept winners for new drafts (the experiments domain; none when absent). */
  variants?: VariantSource
  chunkIntervalMs?: number
  flushIntervalMs?: number
}

export interface DraftingModule extends DomainModule<DraftingChannel> {
  drafts: DraftStore
  templates: TemplateStore
  generator: DraftGenerator
  /** Settles generations that were running when the app last stopped (their text so far stays, partial). */
  ready: Promise<void>
}

/** The job as the draft is written against it (kept with the draft: the job's content expires after 24 h). */
export function snapshotOf(job: JobDetailDto, extra: { screeningQuestions: string[]; connectsCost: number | null; capturedAt: number }): JobSnapshot {
  return {
    jobId: job.id,
    upworkId: job.upworkId,
    url: job.url,
    title: job.title,
    description: job.description,
    jobType: job.jobType,
    hourlyMin: job.hourlyMin,
    hourlyMax: job.hourlyMax,
    fixedAmount: job.fixedAmount,
    currency: job.currency,
    skills: job.skills,
    experienceLevel: job.experienceLevel,
    durationLabel: job.durationLabel,
    category: job.category,
    client: { name: null, country: job.client.country, totalSpent: job.client.totalSpent, hires: job.client.hires, feedback: job.client.feedback, verified: job.client.verified },
    ...extra
  }
}

/** Drafting (issue 8 items 1–5, main side): drafts and versions, templates, strategies, bid, AI drafting. */
export function createDraftingModule(deps: DraftingDeps): DraftingModule {
  const drafts = new DraftStore(deps.db, deps.clock)
  const templates = new TemplateStore(deps.db, deps.clock)
  const variants = deps.variants ?? NO_VARIANTS
  const log = deps.logger.child('drafting')
  const language = deps.language ?? (() => 'en')
  const live: GeneratorEmitters = { chunk: () => undefined, status: () => undefined }

  const render = (body: string, job: JobSnapshot | null, profile: ProfileDto): ReturnType<typeof renderTemplate> =>
    renderTemplate(body, templateValues(job, profile, language()))

  const liveTemplate = async (id: number): Promise<{ id: number; body: string }> => {
    const t = await templates.get(id)
    if (!t || t.archived) throw new AppError('TEMPLATE_NOT_FOUND', 'drafting.error.templateNotFound')
    return t
  }
  const requireStrategy = (id: string | null | undefined): void => {
    if (id && !isStrategyId(id)) throw new AppError('STRATEGY_NOT_FOUND', 'drafting.error.strategyNotFound')
  }

  const generator = new DraftGenerator({
    store: drafts,
    ai: deps.ai,
    logger: log,
    language,
    templateText: async (templateId, draft, profile) => render((await liveTemplate(templateId)).body, draft.job, profile).text,
    emit: () => live,
    chunkIntervalMs: deps.chunkIntervalMs,
    flushIntervalMs: deps.flushIntervalMs
  })

  const getDraft = async (id: number): Promise<DraftDto> => {
    const d = await drafts.get(id)
    if (!d) throw new AppError('DRAFT_NOT_FOUND', 'drafting.error.draftNotFound')
    return d
  }
  const editable = async (id: number): Promise<DraftDto> => {
    const d = await getDraft(id)
    if (d.status === 'sent') throw new AppError('DRAFT_SENT', 'drafting.error.sent')
    // A reply the user clicked Send on is in the outbox: its text is what goes (cancel the send to edit).
    if (d.kind === 'reply' && d.status === 'approved') throw new AppError('DRAFT_SENT', 'replies.error.notEditable')
    return d
  }

  const ready = drafts.settleInterrupted().then(
    (n) => {
      if (n > 0) log.info('generations interrupted by the last stop were settled (text kept)', { drafts: n })
    },
    (e: unknown) => log.warn('could not settle interrupted generations', { error: String(e) })
  )

  return {
    name: 'drafting',
    drafts,
    templates,
    generator,
    ready,
    handlers: {
      'drafts:list': (q) => drafts.list(q),
      'drafts:get': ({ id }) => getDraft(id),
      'drafts:create': async (input) => {
        requireStrategy(input.strategy)
        const profile = await deps.sources.profile()
        let job: JobSnapshot = { ...EMPTY_SNAPSHOT, screeningQuestions: input.screeningQuestions ?? [], connectsCost: input.connectsCost, capturedAt: deps.clock.now() }
        if (input.jobId !== null) {
          const detail = await deps.sources.job(input.jobId)
          if (!detail) throw new AppError('JOB_NOT_FOUND', 'discovery.error.jobNotFound')
          job = snapshotOf(detail, { screeningQuestions: input.screeningQuestions ?? [], connectsCost: input.connectsCost, capturedAt: deps.clock.now() })
        }
        let templateId = input.templateId
        let strategy = input.strategy
        let variantId: number | null = null
        let bidRule: { factor: number } | null = null
        // The user did not steer this draft: a running experiment or a kept winner may.
        if (templateId === null && strategy === null && input.kind === 'proposal') {
          const v = await variants.assign()
          if (v) ({ variantId, templateId, strategy, bidRule } = v)
        }
        const template = templateId !== null ? await liveTemplate(templateId) : null
        const bid = input.kind === 'proposal' ? applyBidRule(suggestBid(job, profile), bidRule, (amount) => isAboveBudget(job, amount)) : { amount: null, kind: null, currency: null, suggested: null, aboveBudget: false }
        const id = await drafts.create({
          kind: input.kind,
          jobId: input.jobId,
          threadId: input.threadId,
          job,
          bid,
          durationLabel: input.kind === 'proposal' ? estimateDuration(job, profile) : null,
          connectsCost: input.connectsCost,
          templateId,
          strategy,
          variantId,
          firstVersion: template ? { source: 'TEMPLATE', author: input.author === 'autopilot' ? 'autopilot' : 'template', text: render(template.body, job, profile).text } : null
        })
        if (template) await templates.countUse(template.id)
        return getDraft(id)
      },
      'drafts:saveVersion': async ({ id, text }) => {
        await editable(id)
        if (generator.isRunning(id)) throw new AppError('DRAFT_GENERATING', 'drafting.error.generating')
        return drafts.saveVersion(id, text, 'USER', 'user')
      },
      'drafts:fillFromTemplate': async ({ id, templateId }) => {
        const d = await editable(id)
        if (generator.isRunning(id)) throw new AppError('DRAFT_GENERATING', 'drafting.error.generating')
        const template = await liveTemplate(templateId)
        const text = render(template.body, d.job, await deps.sources.profile()).text
        const { created } = await drafts.saveVersion(id, text, 'TEMPLATE', 'template')
        if (created) await templates.countUse(template.id)
        if (created && d.variantId !== null && template.id !== d.templateId) await variants.userSteered(id)
        return getDraft(id)
      },
      'drafts:generate': async ({ id, strategy, templateId }) => {
        requireStrategy(strategy)
        const d = await editable(id)
        if (d.kind === 'reply') {
          if (!deps.replyPrompt) throw new AppError('DRAFT_KIND', 'drafting.error.replyNotYet')
          if (d.status !== 'draft') throw new AppError('DRAFT_SENT', 'replies.error.notEditable')
          const profile = await deps.sources.profile()
          const { seq } = await generator.start(d, profile, { strategy: null, templateId: null, author: 'ai', prompt: await deps.replyPrompt(d, profile) })
          return { id, seq, generation: 'generating' }
        }
        const chosenTemplate = templateId === undefined ? d.templateId : templateId
        if (chosenTemplate !== null && chosenTemplate !== d.templateId) await liveTemplate(chosenTemplate)
        if (d.variantId !== null && (chosenTemplate !== d.templateId || (strategy !== undefined && strategy !== d.strategy))) await variants.userSteered(id)
        const { seq } = await generator.start(d, await deps.sources.profile(), {
          strategy: strategy === undefined ? d.strategy : strategy,
          templateId: chosenTemplate,
          author: 'ai'
        })
        if (chosenTemplate !== null && chosenTemplate !== d.templateId) await templates.countUse(chosenTemplate)
        return { id, seq, generation: 'generating' }
      },
      'drafts:cancel': async ({ id }) => ({ cancelled: generator.cancel(id) }),
      'drafts:setBid': async ({ id, amount, durationLabel }) => {
        const d = await editable(id)
        await drafts.setBid(id, d.job, { amount, durationLabel })
        return getDraft(id)
      },
      'drafts:discard': async ({ id }) => {
        await editable(id)
        generator.cancel(id)
        await generator.idle(id)
        await drafts.setStatus(id, 'discarded')
        return getDraft(id)
      },
      'templates:list': ({ includeArchived }) => templates.list(includeArchived),
      'templates:create': (input) => templates.create(input),
      'templates:update': async ({ id, patch }) => (await templates.update(id, patch)) ?? Promise.reject(new AppError('TEMPLATE_NOT_FOUND', 'drafting.error.templateNotFound')),
      'templates:archive': async ({ id, archived }) => (await templates.archive(id, archived)) ?? Promise.reject(new AppError('TEMPLATE_NOT_FOUND', 'drafting.error.templateNotFound')),
      'templates:preview': async ({ body, jobId }) => {
        const profile = await deps.sources.profile()
        let job: JobSnapshot | null = null
        if (jobId !== null) {
          const detail = await deps.sources.job(jobId)
          if (!detail) throw new AppError('JOB_NOT_FOUND', 'discovery.error.jobNotFound')
          job = snapshotOf(detail, { screeningQuestions: [], connectsCost: null, capturedAt: deps.clock.now() })
        }
        return render(body, job, profile)
      },
      'strategies:list': (): StrategyDto[] => STRATEGIES.map((s) => ({ id: s.id }))
    },
    wireEvents: ({ bus }) => {
      live.chunk = (e) => bus.emit('drafting:chunk', e)
      live.status = (e) => bus.emit('drafting:status', e)
      return () => {
        live.chunk = () => undefined
        live.status = () => undefined
      }
    },
    status: () => ({ notices: [] }),
    dispose: () => generator.dispose()
  }
}
