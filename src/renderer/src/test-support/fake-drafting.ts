import type { ChannelName, EventMap, EventName } from '@shared/contract'
import type { DraftDto, DraftVersionDto, JobSnapshot, OutputCheckDto, TemplateDto, TemplatePreviewDto } from '@shared/drafting'
import type { FakeHandlers } from './fake-bridge'

type DraftingChannel = Extract<ChannelName, `drafts:${string}` | `templates:${string}` | 'strategies:list'>

const missing = (what: string): never => {
  throw new Error(what === 'draft' ? 'That draft no longer exists.' : 'That template no longer exists or is archived.')
}

/** A stored job as drafts:create snapshots it (tests override fields per job id through `jobs`). */
export const snapshotFor = (jobId: number, over: Partial<JobSnapshot> = {}): JobSnapshot => ({
  jobId, upworkId: `~0${jobId}`, url: `https://www.upwork.com/jobs/~0${jobId}`, title: `Job ${jobId}`, description: 'Build a React dashboard.',
  jobType: 'FIXED', hourlyMin: null, hourlyMax: null, fixedAmount: 800, currency: 'USD', skills: ['React'], experienceLevel: 'INTERMEDIATE',
  durationLabel: null, category: null, client: { name: 'Acme', country: 'Poland', totalSpent: 12000, hires: 4, feedback: 4.8, verified: true },
  screeningQuestions: [], connectsCost: 16, capturedAt: Date.now(), ...over
})

/**
 * The drafting domain in memory for the fake main: drafts with every version (saveVersion
 * idempotent on the newest text, like main), AI generation a test drives chunk by chunk
 * (`stream`, `finish`), templates rendered by a tiny `{{variable}}` preview.
 */
export class FakeDrafting {
  drafts: DraftDto[] = []
  templates: TemplateDto[] = []
  /** Per job id: what the job snapshot should hold (else `snapshotFor`'s defaults). */
  jobs = new Map<number, Partial<JobSnapshot>>()
  /** Variable values templates:preview fills in (any job). */
  previewValues: Record<string, string> = { jobTitle: 'Job', clientName: 'Acme' }

  constructor(private readonly emit: <E extends EventName>(event: E, payload: EventMap[E]) => void) {}

  get(id: number): DraftDto {
    return this.drafts.find((d) => d.id === id) ?? missing('draft')
  }

  /** A draft as drafts:create would make it (for tests that start with drafts stored). */
  add(over: Omit<Partial<DraftDto>, 'versions'> & { versions?: Array<Pick<DraftVersionDto, 'text'> & Partial<DraftVersionDto>> } = {}): DraftDto {
    const id = Math.max(0, ...this.drafts.map((d) => d.id)) + 1
    const jobId = over.jobId ?? 100 + id
    const job = over.job ?? snapshotFor(jobId, this.jobs.get(jobId))
    const now = Date.now()
    const versions = (over.versions ?? []).map((v, i) => ({ id: i + 1, seq: i + 1, source: 'USER' as const, author: 'user' as const, partial: false, aiCallId: null, createdAt: now, ...v }))
    const draft: DraftDto = {
      id, kind: 'proposal', jobId, threadId: null, title: job.title, status: 'draft', generation: 'idle', flagged: false, createdAt: now, updatedAt: now,
      job, text: versions.at(-1)?.text ?? '', currentSeq: versions.at(-1)?.seq ?? null, bid: { amount: 700, kind: 'fixed', currency: 'USD', suggested: 700, aboveBudget: false },
      durationLabel: '1 to 3 months', connectsCost: job.connectsCost, templateId: null, strategy: null, variantId: null, checks: [], generationError: null,
      ...over, versions
    }
    this.drafts = [...this.drafts, draft]
    return draft
  }

  private put(draft: DraftDto): DraftDto {
    const next = { ...draft, updatedAt: Date.now() }
    this.drafts = this.drafts.map((d) => (d.id === draft.id ? next : d))
    return next
  }

  private addVersion(draft: DraftDto, v: Pick<DraftVersionDto, 'text' | 'source' | 'author' | 'partial'>): { draft: DraftDto; version: DraftVersionDto } {
    const seq = (draft.versions.at(-1)?.seq ?? 0) + 1
    const version: DraftVersionDto = { id: seq, seq, aiCallId: null, createdAt: Date.now(), ...v }
    return { draft: this.put({ ...draft, versions: [...draft.versions, version], text: version.text, currentSeq: seq }), version }
  }

  /** The AI writes `text` into the version being generated (as main's 30 ms batches would). */
  stream(id: number, text: string): void {
    const draft = this.get(id)
    const last = draft.versions.at(-1)!
    const version = { ...last, text: last.text + text }
    this.put({ ...draft, versions: [...draft.versions.slice(0, -1), version], text: version.text })
    this.emit('drafting:chunk', { draftId: id, seq: version.seq, text })
  }

  /** The generation ends (done with its checks, failed with an LlmError code, or cancelled). */
  finish(id: number, end: { generation: 'done' | 'failed' | 'cancelled'; checks?: OutputCheckDto[]; error?: string | null }): void {
    const draft = this.get(id)
    const last = draft.versions.at(-1)!
    const checks = end.checks ?? []
    // Like main: an AI version that got no text at all is removed (the text before it is current again).
    const empty = end.generation !== 'done' && last.text === ''
    const versions = empty ? draft.versions.slice(0, -1) : [...draft.versions.slice(0, -1), { ...last, partial: end.generation !== 'done' }]
    const current = versions.at(-1)
    this.put({ ...draft, versions, text: current?.text ?? '', currentSeq: current?.seq ?? null, generation: end.generation, checks, flagged: checks.length > 0, generationError: end.error ?? null })
    this.emit('drafting:status', { draftId: id, generation: end.generation, seq: empty ? null : last.seq, checks, error: end.error ?? null })
  }

  readonly handlers: Pick<FakeHandlers, DraftingChannel> = {
    'drafts:list': ({ statuses, kind }) =>
      this.drafts
        .filter((d) => (!statuses || statuses.includes(d.status)) && (!kind || d.kind === kind))
        .sort((a, b) => b.updatedAt - a.updatedAt)
        .map(({ id, kind: k, jobId, threadId, title, status, generation, flagged, createdAt, updatedAt, text, versions }) => ({
          id, kind: k, jobId, threadId, title, status, generation, flagged, createdAt, updatedAt, preview: text.slice(0, 140), versionCount: versions.length
        })),
    'drafts:get': ({ id }) => this.get(id),
    'drafts:create': ({ jobId, templateId, strategy }) => {
      const draft = this.add({ jobId, templateId, strategy })
      if (templateId === null) return draft
      const template = this.templates.find((t) => t.id === templateId) ?? missing('template')
      return this.addVersion(draft, { text: template.body, source: 'TEMPLATE', author: 'template', partial: false }).draft
    },
    'drafts:saveVersion': ({ id, text }) => {
      const draft = this.get(id)
      const newest = draft.versions.at(-1)
      if (newest && newest.text === text) return { version: newest, created: false }
      return { version: this.addVersion(draft, { text, source: 'USER', author: 'user', partial: false }).version, created: true }
    },
    'drafts:fillFromTemplate': ({ id, templateId }) => {
      const draft = this.get(id)
      const template = this.templates.find((t) => t.id === templateId && !t.archived) ?? missing('template')
      const text = this.renderTemplate(template.body, draft.jobId).text
      if (draft.versions.at(-1)?.text === text) return draft
      this.patchTemplate(templateId, { usageCount: template.usageCount + 1 })
      return this.addVersion(draft, { text, source: 'TEMPLATE', author: 'template', partial: false }).draft
    },
    'drafts:generate': ({ id, strategy, templateId }) => {
      const before = this.get(id)
      const { draft, version } = this.addVersion(before, { text: '', source: 'AI', author: 'ai', partial: true })
      this.put({ ...draft, generation: 'generating', checks: [], generationError: null, strategy: strategy ?? draft.strategy, templateId: templateId ?? draft.templateId })
      return { id, seq: version.seq, generation: 'generating' }
    },
    'drafts:cancel': ({ id }) => {
      if (this.get(id).generation !== 'generating') return { cancelled: false }
      this.finish(id, { generation: 'cancelled', checks: [{ code: 'incomplete', params: {} }] })
      return { cancelled: true }
    },
    'drafts:setBid': ({ id, amount, durationLabel }) => {
      const draft = this.get(id)
      return this.put({
        ...draft,
        bid: amount === undefined ? draft.bid : { ...draft.bid, amount, aboveBudget: amount !== null && draft.job.fixedAmount !== null && amount > draft.job.fixedAmount },
        durationLabel: durationLabel === undefined ? draft.durationLabel : durationLabel
      })
    },
    'drafts:discard': ({ id }) => this.put({ ...this.get(id), status: 'discarded' }),
    'templates:list': ({ includeArchived }) => this.templates.filter((t) => includeArchived || !t.archived),
    'templates:create': (input) => {
      const now = Date.now()
      const template: TemplateDto = { id: Math.max(0, ...this.templates.map((t) => t.id)) + 1, ...input, usageCount: 0, archived: false, createdAt: now, updatedAt: now }
      this.templates = [...this.templates, template]
      return template
    },
    'templates:update': ({ id, patch }) => this.patchTemplate(id, patch),
    'templates:archive': ({ id, archived }) => this.patchTemplate(id, { archived }),
    'templates:preview': ({ body, jobId }) => this.renderTemplate(body, jobId),
    'strategies:list': () => ['short', 'detailed', 'question-led', 'portfolio-led'].map((id) => ({ id }))
  }

  /** templates:preview's tiny renderer (also Fill from template's). */
  private renderTemplate(body: string, jobId: number | null): TemplatePreviewDto {
    const unknown: string[] = []
    const values = jobId === null ? {} : { ...this.previewValues, jobTitle: snapshotFor(jobId, this.jobs.get(jobId)).title }
    const text = body.replace(/\{\{(\w+)(?:\|([^}]*))?\}\}/g, (m, name: string, fallback?: string) => {
      const value = (values as Record<string, string>)[name]
      if (value !== undefined) return value
      if (!(name in this.previewValues) && !['clientCountry', 'matchingSkills', 'portfolioItem', 'rate', 'budget', 'myName', 'myTitle', 'yearsExperience'].includes(name)) {
        unknown.push(name)
        return m
      }
      return fallback ?? ''
    })
    return { text, missing: [], unknown }
  }

  private patchTemplate(id: number, patch: Partial<TemplateDto>): TemplateDto {
    const found = this.templates.find((t) => t.id === id) ?? missing('template')
    const next = { ...found, ...patch, updatedAt: Date.now() }
    this.templates = this.templates.map((t) => (t.id === id ? next : t))
    return next
  }
}
