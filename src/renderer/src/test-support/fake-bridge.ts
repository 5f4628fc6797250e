import type { AiStatusDto } from '@shared/ai'
import { buildBridgeApi } from '@shared/bridge'
import { channels, type BridgeApi, type ChannelName, type ChannelOutput, type ChannelParsedInput, type EventMap, type EventName } from '@shared/contract'
import { fail, ok, type IpcError, type IpcResult } from '@shared/ipc-result'
import { defaultSettings, mergeSettings, type Settings } from '@shared/settings'
import { profileSchema, type ProfileDto, type SavedSearchDto } from '@shared/discovery'
import type { OntologyCategoriesDto, OntologyItemDto } from '@shared/contract/discovery'
import type { WorkspaceInfo } from '@shared/contract/workspace'
import type { AccountSummary, ApiUsage, AppInfo, AppStatus } from '@shared/types'
import { FakeDrafting } from './fake-drafting'
import { FakeReview } from './fake-review'
import { FakeMessaging } from './fake-messaging'
import { FakeLearning } from './fake-learning'
import { FakeAnalytics } from './fake-analytics'

/** One handler per channel, typed from the contract: a new channel is a compile error here until the fake answers it. */
export type FakeHandlers = { [C in ChannelName]: (input: ChannelParsedInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>> }

interface Held {
  release(): void
  /** Resolves when the held call has arrived (so a test can act while it waits). */
  arrived: Promise<void>
}

/**
 * An in-memory main process behind the real typed bridge (`buildBridgeApi`, the same builder the
 * preload and the harness use): it validates input with the contract's schemas like main's
 * dispatch, keeps settings/account/status in memory, and lets a test make the next call fail,
 * hold a call until released, and emit main → renderer events. No module is mocked: the fake is
 * installed where the preload puts the real one, `window.gigpilot`.
 */
export class FakeBridge {
  settings: Settings = defaultSettings()
  account: AccountSummary = { state: 'not_configured', hasCredentials: false, callbackUrl: 'http://127.0.0.1:47615/upwork/callback' }
  usage: ApiUsage = { hour: { used: 0, limit: 300, resetsAt: Date.UTC(2026, 11, 1, 11) }, day: { used: 0, limit: 3000, resetsAt: Date.UTC(2026, 11, 2) } }
  status: AppStatus = {
    automationPaused: false,
    secretStorage: { backend: 'keychain', persistent: true, message: 'Secrets are kept in your system keychain.' },
    settingsProblem: null,
    notices: []
  }
  info: AppInfo = { name: 'GigPilot', version: '0.1.0', platform: 'linux', dataDir: '/data', logsDir: '/data/logs', runtime: 'harness' }
  notificationsShown = 0
  profile: ProfileDto = { ...profileSchema.parse({}), source: 'manual', importedAt: null, updatedAt: null }
  searches: SavedSearchDto[] = []
  workspace: WorkspaceInfo = { kind: 'real', demoStartedAt: null }
  aiStatus: AiStatusDto = {
    configured: false, keyStored: false, needsKey: true, secretBackend: 'keychain', baseUrl: 'https://api.openai.com/v1', baseUrlSource: 'default', preset: 'openai', baseUrlProblem: null, model: 'gpt-4o-mini',
    usage: { dayStart: 0, calls: 0, tokens: 0, estimatedCostUsd: 0, unknownCostCalls: 0, dailyTokenBudget: 200_000, budgetLeft: 200_000, requestsThisHour: 0, hourlyRequestLimit: 1000 },
    lastAutoAnalysis: null
  }
  /** What the ontology pickers offer (main: Upwork's lists cached, or the built-in fallback). */
  ontology: { source: 'upwork' | 'builtin'; categories: OntologyCategoriesDto['items']; skills: OntologyItemDto[] } = {
    source: 'upwork',
    categories: [{ id: '531770282580668418', label: 'Web, Mobile & Software Dev', subcategories: [{ id: '531770282589057025', label: 'Web Development' }] }],
    skills: ['React', 'React Native', 'TypeScript', 'Node.js', 'Python'].map((label, i) => ({ id: String(1000 + i), label }))
  }
  /** The drafting domain in memory (drafts with their versions, templates, a generation the test streams). */
  readonly drafting: FakeDrafting = new FakeDrafting((event, payload) => this.emit(event, payload))
  /** The review queue (over the drafting fake's queued drafts), the outbox and proposals in memory. */
  readonly review: FakeReview = new FakeReview(this.drafting, (event, payload) => this.emit(event, payload))
  /** Threads, messages, reply drafts (sent through the review fake's outbox) and follow-ups in memory (fake-messaging.ts). */
  readonly messaging: FakeMessaging = new FakeMessaging(this.drafting, this.review, (event, payload) => this.emit(event, payload))
  /** Experiments and prediction in memory (fake-learning.ts). */
  readonly learning: FakeLearning = new FakeLearning((event, payload) => this.emit(event, payload))
  /** The analytics domain in memory: dashboards per period, drill-down, CSV export, back-test (fake-analytics.ts). */
  readonly analytics: FakeAnalytics = new FakeAnalytics((event, payload) => this.emit(event, payload))
  /** Every call that passed validation, in order. */
  readonly calls: Array<{ channel: ChannelName; input: unknown }> = []
  readonly handlers: FakeHandlers
  readonly api: BridgeApi

  private readonly failures = new Map<ChannelName, IpcError[]>()
  private readonly holds = new Map<ChannelName, Array<{ gate: Promise<void>; arrivedNow: () => void; fail?: IpcError }>>()
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>()

  constructor() {
    this.handlers = {
      'app:getInfo': () => this.info,
      'app:getStatus': () => this.status,
      'settings:get': () => this.settings,
      'settings:update': (patch) => this.saveSettings(mergeSettings(this.settings, patch)),
      'settings:reset': () => this.saveSettings(defaultSettings()),
      'automation:setPaused': ({ paused }) => {
        this.saveSettings(mergeSettings(this.settings, { automationPaused: paused }))
        this.status = { ...this.status, automationPaused: paused }
        return this.status
      },
      'notifications:test': () => {
        if (!this.settings.notifications.enabled) return { shown: false, reason: 'Notifications are turned off in Settings → Notifications.' }
        this.notificationsShown++
        return { shown: true }
      },
      'shell:openExternal': () => ({ opened: true }),
      'upwork:getAccount': () => this.account,
      'upwork:saveCredentials': () => this.setAccount({ ...this.account, state: 'disconnected', hasCredentials: true }),
      'upwork:connect': () => this.setAccount({ ...this.account, state: 'connected', userName: 'Dana Kowalski' }),
      'upwork:cancelConnect': () => this.setAccount({ ...this.account, state: 'disconnected' }),
      'upwork:disconnect': (input) =>
        this.setAccount({ state: input?.forgetKey ? 'not_configured' : 'disconnected', hasCredentials: input?.forgetKey ? false : this.account.hasCredentials, callbackUrl: this.account.callbackUrl }),
      'upwork:selectOrganization': ({ tenantId }) => this.setAccount({ ...this.account, tenantId }),
      'upwork:refreshCapabilities': () => this.account,
      'upwork:getUsage': () => this.usage,
      // Job discovery: an empty workspace with an in-memory profile and searches (the jobs view is not built yet).
      'profile:get': () => this.profile,
      'profile:update': (patch) => (this.profile = { ...this.profile, ...patch, updatedAt: Date.now() }),
      'profile:importFromUpwork': () => (this.profile = { ...this.profile, source: 'upwork', importedAt: Date.now() }),
      'searches:list': () => this.searches,
      'searches:create': (input) => {
        const search: SavedSearchDto = {
          id: this.searches.length + 1, name: input.name, filters: input.filters, intervalMinutes: input.intervalMinutes, paused: input.paused,
          lastRunAt: null, lastResult: null, lastError: null, nextRunAt: null, newCount: 0, createdAt: Date.now(), updatedAt: Date.now()
        }
        this.searches = [...this.searches, search]
        return search
      },
      'searches:update': ({ id, patch }) => this.patchSearch(id, patch),
      'searches:pause': ({ id, paused }) => this.patchSearch(id, { paused }),
      'searches:delete': ({ id }) => {
        const before = this.searches.length
        this.searches = this.searches.filter((s) => s.id !== id)
        return { deleted: this.searches.length < before }
      },
      'jobs:list': () => ({ items: [], nextCursor: null, total: 0 }),
      'jobs:search': () => ({ items: [], nextCursor: null, total: 0 }),
      'jobs:get': () => Promise.reject(new Error('no such job')),
      'jobs:setStatus': ({ id, status }) => ({ id, status }),
      'jobs:rescoreAll': () => ({ rescored: 0 }),
      'jobs:badgeCount': () => ({ count: 0 }),
      // The review queue, the outbox and proposals: empty until a test adds some (fake-review.ts).
      ...this.review.handlers,
      ...this.messaging.handlers,
      ...this.learning.handlers,
      ...this.analytics.handlers,
      // The workspace host: the real workspace until a test enters the demo.
      // Drafting: drafts, versions and templates in memory; a test drives AI generation (fake-drafting.ts).
      ...this.drafting.handlers,
      'workspace:get': () => this.workspace,
      'workspace:enterDemo': () => (this.workspace = { kind: 'demo', demoStartedAt: Date.now() }),
      'workspace:leaveDemo': () => (this.workspace = { kind: 'real', demoStartedAt: null }),
      // AI (Settings → AI, job analysis): no key stored, nothing analysed.
      'ai:status': () => this.aiStatus,
      'ai:saveKey': () => (this.aiStatus = { ...this.aiStatus, keyStored: true, configured: true }),
      'ai:clearKey': () => (this.aiStatus = { ...this.aiStatus, keyStored: false, configured: false }),
      'ai:testConnection': () => ({ ok: true, message: 'Connected.', models: ['gpt-4o-mini'], modelOffered: true, model: 'gpt-4o-mini', baseUrl: this.aiStatus.baseUrl, code: null }),
      'jobs:analyze': () => Promise.reject(new Error('no such job')),
      'jobs:analysis': () => ({ analysis: null }),
      'ontology:categories': () => ({ items: this.ontology.categories, source: this.ontology.source, fetchedAt: null }),
      'ontology:skills': ({ query, limit, ids }) => ({
        items: ids
          ? ids.map((id) => this.ontology.skills.find((s) => s.id === id) ?? { id, label: id })
          : this.ontology.skills.filter((s) => s.label.toLowerCase().includes(query.toLowerCase())).slice(0, limit),
        source: this.ontology.source,
        fetchedAt: null
      })
    }
    this.api = buildBridgeApi({
      invoke: (channel, input) => this.invoke(channel, input),
      subscribe: (event, listener) => {
        const set = this.listeners.get(event) ?? new Set()
        set.add(listener)
        this.listeners.set(event, set)
        return () => set.delete(listener)
      }
    })
  }

  private patchSearch(id: number, patch: Partial<Omit<SavedSearchDto, 'filters'>> & { filters?: SavedSearchDto['filters'] }): SavedSearchDto {
    const found = this.searches.find((s) => s.id === id)
    if (!found) throw new Error('no such search')
    const next = { ...found, ...patch, updatedAt: Date.now() } as SavedSearchDto
    this.searches = this.searches.map((s) => (s.id === id ? next : s))
    return next
  }

  /** The next call of `channel` fails with this error (as main would answer it). */
  failNext(channel: ChannelName, error: IpcError): void {
    this.failures.set(channel, [...(this.failures.get(channel) ?? []), error])
  }

  /**
   * The next call of `channel` waits until `release()`, so a test can look at the UI mid-call;
   * with `fail`, that call then fails with this error.
   */
  hold(channel: ChannelName, options: { fail?: IpcError } = {}): Held {
    let release!: () => void
    let arrivedNow!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const arrived = new Promise<void>((r) => (arrivedNow = r))
    this.holds.set(channel, [...(this.holds.get(channel) ?? []), { gate, arrivedNow, fail: options.fail }])
    return { release, arrived }
  }

  /** A main → renderer event. */
  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload)
  }

  callsOf(channel: ChannelName): unknown[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.input)
  }

  private async invoke(channel: ChannelName, input: unknown): Promise<IpcResult<unknown>> {
    const parsed = channels[channel].input.safeParse(input)
    if (!parsed.success) return fail('invalid_input', parsed.error.issues.map((i) => i.message).join('; '))
    this.calls.push({ channel, input: parsed.data })
    const held = this.holds.get(channel)?.shift()
    if (held) {
      held.arrivedNow()
      await held.gate
      if (held.fail) return { ok: false, error: held.fail }
    }
    const failure = this.failures.get(channel)?.shift()
    if (failure) return { ok: false, error: failure }
    const handler = this.handlers[channel] as (input: unknown) => unknown
    return ok(await handler(parsed.data))
  }

  private saveSettings(next: Settings): Settings {
    this.settings = next
    this.emit('settings:changed', next)
    return next
  }

  private setAccount(next: AccountSummary): AccountSummary {
    this.account = next
    this.emit('upwork:account', next)
    return next
  }
}

/** Puts a fresh fake where the preload would put the real bridge. */
export function installFakeBridge(): FakeBridge {
  const fake = new FakeBridge()
  window.gigpilot = fake.api
  return fake
}
