/**
 * AI drafting (issue 8 item 1): the prompt from the job snapshot (untrusted), the profile facts
 * and the strategy/template; the text streamed through LlmClient.stream() and forwarded as
 * `drafting:chunk` events (the first piece at once, then batched to ~30 ms), written to its
 * DraftVersion row as it arrives (flushed every ~250 ms, so a crash keeps what was written), and
 * checked at the end (output-checks.ts). Cancel, failure, a truncated answer: the text so far is
 * kept as a partial version and the state says what happened. Nothing here sends anything.
 */
import type { ProfileDto } from '@shared/discovery'
import { DRAFT_MIN_CHARS, type DraftChunkEvent, type DraftDto, type DraftStatusEvent, type GenerationState, type OutputCheckDto, type VersionAuthor } from '@shared/drafting'
import { estimateTokens, LlmError, type ChatMessage, type CompletionResult, type LlmClient } from '../ai'
import type { AiTask } from '../ai/ai-provider'
import { AppError } from '../core/app-error'
import type { Logger } from '../logging/logger'
import type { DraftStore } from './draft-store'
import { checkOutput } from './output-checks'
import type { DraftingAi } from './ports'
import { buildDraftMessages } from './prompt'
import { strategyById } from './strategies'

export interface GeneratorEmitters {
  chunk(e: DraftChunkEvent): void
  status(e: DraftStatusEvent): void
}

export interface GeneratorDeps {
  store: DraftStore
  ai: DraftingAi | null
  logger: Logger
  language: () => string
  /** The text of a template rendered for this draft's job (null: none). */
  templateText: (templateId: number, draft: DraftDto, profile: ProfileDto) => Promise<string | null>
  emit: () => GeneratorEmitters
  chunkIntervalMs?: number
  flushIntervalMs?: number
  maxTokens?: number
  maxChars?: number
}

/**
 * A prompt the caller built (a client reply: drafting/reply-prompt.ts): the messages, the task it is
 * logged and budgeted as, the untrusted text the output is checked against for copied instructions,
 * and the length bounds of the checks.
 */
export interface GenerationPrompt {
  messages: ChatMessage[]
  task: AiTask
  untrustedText: string
  minChars: number
  maxChars: number
}

export interface GenerateOptions {
  strategy: string | null
  templateId: number | null
  author: VersionAuthor
  /** Default: the proposal prompt built from the draft's job, strategy and template. */
  prompt?: GenerationPrompt
}

interface Running {
  controller: AbortController
  done: Promise<void>
}

/** Everything the freelancer's profile says in words (what a draft may quote: links, e-mail, phone). */
export function profileText(profile: ProfileDto): string {
  return [profile.name, profile.title, profile.bio, ...profile.portfolio.flatMap((p) => [p.title, p.description, p.url ?? ''])].join('\n')
}

export class DraftGenerator {
  private readonly running = new Map<number, Running>()
  /** Drafts between the generate call and the request (key, budget, the version row). */
  private readonly starting = new Set<number>()
  private readonly chunkMs: number
  private readonly flushMs: number
  private readonly maxTokens: number
  private readonly maxChars: number

  constructor(private readonly deps: GeneratorDeps) {
    this.chunkMs = deps.chunkIntervalMs ?? 30
    this.flushMs = deps.flushIntervalMs ?? 250
    this.maxTokens = deps.maxTokens ?? 1500
    this.maxChars = deps.maxChars ?? 5000
  }

  isRunning(draftId: number): boolean {
    return this.running.has(draftId) || this.starting.has(draftId)
  }

  /** Resolves when the draft's generation (if any) has ended and been saved. */
  async idle(draftId?: number): Promise<void> {
    if (draftId !== undefined) return this.running.get(draftId)?.done
    await Promise.all([...this.running.values()].map((r) => r.done))
  }

  /**
   * Checks what can be checked without the network (a key, the budget), saves an empty partial AI
   * version, then starts the request and returns; the text follows as events.
   */
  async start(draft: DraftDto, profile: ProfileDto, opts: GenerateOptions): Promise<{ seq: number }> {
    if (this.running.has(draft.id) || this.starting.has(draft.id)) throw new AppError('DRAFT_GENERATING', 'drafting.error.generating')
    if (!this.deps.ai) throw new AppError('ai_not_configured', 'drafting.error.aiUnavailable')
    this.starting.add(draft.id)
    try {
      return await this.begin(draft, profile, opts, this.deps.ai)
    } finally {
      this.starting.delete(draft.id)
    }
  }

  private async begin(draft: DraftDto, profile: ProfileDto, opts: GenerateOptions, ai: DraftingAi): Promise<{ seq: number }> {
    const client = await ai.client()
    const strategy = strategyById(opts.strategy)
    const prompt: GenerationPrompt = opts.prompt ?? {
      messages: buildDraftMessages({
        job: draft.job,
        profile,
        strategy,
        templateText: opts.templateId !== null ? await this.deps.templateText(opts.templateId, draft, profile) : null,
        language: this.deps.language(),
        maxChars: this.maxChars
      }),
      task: 'proposal_draft',
      untrustedText: `${draft.job.description}\n${draft.job.screeningQuestions.join('\n')}`,
      minChars: DRAFT_MIN_CHARS,
      maxChars: this.maxChars
    }
    const messages = prompt.messages
    await ai.admit(prompt.task, estimateTokens(messages.map((m) => m.content).join('\n')) + this.maxTokens)
    // Saved before the request leaves: the row the text streams into.
    const version = await this.deps.store.beginAiVersion(draft.id, opts.author, { strategy: strategy.id, templateId: opts.templateId })
    const controller = new AbortController()
    const running: Running = { controller, done: Promise.resolve() }
    this.running.set(draft.id, running)
    this.deps.emit().status({ draftId: draft.id, generation: 'generating', seq: version.seq, checks: [], error: null })
    running.done = this.run(draft, profile, version.id, version.seq, client, prompt, controller)
      .catch((e: unknown) => this.deps.logger.error('drafting: a generation could not be saved', { draftId: draft.id, error: String(e) }))
      .finally(() => this.running.delete(draft.id))
    return { seq: version.seq }
  }

  cancel(draftId: number): boolean {
    const r = this.running.get(draftId)
    if (!r) return false
    r.controller.abort()
    return true
  }

  async dispose(): Promise<void> {
    for (const r of this.running.values()) r.controller.abort()
    await this.idle()
  }

  private async run(
    draft: DraftDto,
    profile: ProfileDto,
    versionId: number,
    seq: number,
    client: LlmClient,
    prompt: GenerationPrompt,
    controller: AbortController
  ): Promise<void> {
    const emit = this.deps.emit
    let text = ''
    let pending = ''
    let chunkTimer: ReturnType<typeof setTimeout> | null = null
    const sendChunk = (): void => {
      chunkTimer = null
      if (pending === '') return
      const piece = pending
      pending = ''
      emit().chunk({ draftId: draft.id, seq, text: piece })
    }

    // The version row follows the text, at most every flushMs, one write at a time.
    let saved = ''
    let saving: Promise<void> | null = null
    let saveTimer: ReturnType<typeof setTimeout> | null = null
    let lastSaveAt = 0
    const save = (): void => {
      saveTimer = null
      if (saving || text === saved) return
      const snapshot = text
      saving = this.deps.store
        .writeAiText(versionId, snapshot)
        .then(() => {
          saved = snapshot
        })
        .catch((e: unknown) => this.deps.logger.warn('drafting: partial text not saved', { draftId: draft.id, error: String(e) }))
        .finally(() => {
          saving = null
          lastSaveAt = Date.now()
          if (text !== saved && !controller.signal.aborted) scheduleSave()
        })
    }
    const scheduleSave = (): void => {
      if (saveTimer) return
      saveTimer = setTimeout(save, Math.max(0, this.flushMs - (Date.now() - lastSaveAt)))
    }

    let result: CompletionResult | null = null
    let error: LlmError | null = null
    const stream = client.stream({ messages: prompt.messages, maxTokens: this.maxTokens, temperature: 0.7 }, { signal: controller.signal })
    try {
      let first = true
      for await (const piece of stream) {
        text += piece
        pending += piece
        if (first) {
          first = false
          sendChunk()
        } else chunkTimer ??= setTimeout(sendChunk, this.chunkMs)
        scheduleSave()
      }
      result = await stream.result
    } catch (e) {
      error = e instanceof LlmError ? e : new LlmError('unknown', { detail: String(e), partialText: text, cause: e })
    }
    if (chunkTimer) clearTimeout(chunkTimer)
    if (saveTimer) clearTimeout(saveTimer)
    sendChunk()
    await saving

    const finalText = result ? result.text : (error?.partialText ?? text) || text
    const partial = result === null || result.truncated
    const generation: GenerationState = result ? 'done' : error?.code === 'cancelled' ? 'cancelled' : 'failed'
    const errorCode = result ? (result.truncated ? 'truncated' : null) : (error?.code ?? 'unknown')
    let aiCallId: number | null = null
    try {
      aiCallId = await this.deps.ai!.record(
        result ? { task: prompt.task, result, jobId: draft.jobId } : { task: prompt.task, model: client.model, error, jobId: draft.jobId }
      )
    } catch (e) {
      this.deps.logger.warn('drafting: AI call not logged', { draftId: draft.id, error: String(e) })
    }
    const checks: OutputCheckDto[] =
      finalText === '' && !result
        ? []
        : checkOutput(finalText, {
            profileText: profileText(profile),
            jobText: prompt.untrustedText,
            partial,
            minChars: prompt.minChars,
            maxChars: prompt.maxChars
          })
    await this.deps.store.finishAiVersion(draft.id, versionId, { text: finalText, partial, aiCallId, generation, error: errorCode, checks })
    emit().status({ draftId: draft.id, generation, seq: finalText === '' && partial ? null : seq, checks, error: errorCode })
  }
}
