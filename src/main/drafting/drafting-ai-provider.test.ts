import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { channels, type ChannelInput, type ChannelName, type ChannelOutput } from '@shared/contract'
import { translator } from '@shared/i18n'
import { defaultSettings, type Settings } from '@shared/settings'
import type { AiModule } from '../ai/module'
import { createTestAiModule } from '../ai/test-support/test-ai-module'
import { openDatabase, type Database } from '../db/open-database'
import { makeTempDir, MIGRATIONS_DIR } from '../db/test-support/temp-files'
import { createDiscoveryModule, type DiscoveryModule } from '../discovery/module'
import { jobSummary } from '../discovery/test-support/jobs'
import { MemorySecretStore } from '../secrets/memory-secret-store'
import { ManualClock } from '../test-support/clocks'
import { useFakeOpenAi } from '../test-support/fake-openai'
import { createMemoryLogger } from '../test-support/memory-logger'
import { createDraftingModule, type DraftingModule } from './module'

const T0 = Date.UTC(2026, 11, 1, 12)
const LETTER =
  'Hello! I have built React and TypeScript dashboards with charts, tables and authentication for the last four years, ' +
  'most recently a fleet tracking dashboard. I would start by agreeing the screens with you, then ship a first version within a week.'

const server = useFakeOpenAi({ apiKeys: ['sk-test'] })
const chatRequests = () => server.fake.requests.filter((r) => r.path === '/v1/chat/completions')

/** Drafting composed with the AI module's real provider (as create-core does): key, budget and call log are the AI module's. */
describe('drafting through the AI module’s provider (real SQLite, fake-openai over HTTP)', () => {
  let temp: ReturnType<typeof makeTempDir>
  let db: Database
  let settings: Settings
  let secrets: MemorySecretStore
  let discovery: DiscoveryModule
  let ai: AiModule
  let drafting: DraftingModule
  let jobId: number

  const call = async <C extends ChannelName & keyof DraftingModule['handlers']>(name: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> =>
    (drafting.handlers[name] as (i: never) => Promise<ChannelOutput<C>>)(channels[name].input.parse(input) as never)

  beforeEach(async () => {
    temp = makeTempDir()
    const clock = new ManualClock(T0)
    settings = defaultSettings()
    settings.ai.baseUrl = server.fake.url
    secrets = new MemorySecretStore()
    await secrets.set('openai.apiKey', 'sk-test')
    db = await openDatabase({ file: join(temp.dir, 'p.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
    const t = translator('en')
    discovery = createDiscoveryModule({ db, reads: {} as never, clock, logger: createMemoryLogger(), t, settings: () => settings.notifications, notify: () => ({ shown: false }) as never, pruneEveryMs: 0 })
    ai = createTestAiModule({ db, settings: () => settings.ai, secrets, clock, t, discovery })
    drafting = createDraftingModule({ db, clock, logger: createMemoryLogger(), sources: { job: (id) => discovery.jobs.get(id), profile: () => discovery.profile.get() }, ai: ai.provider })
    await drafting.ready
    await discovery.profile.update({ name: 'Olena', skills: ['React', 'TypeScript'], hourlyRate: 50 })
    const search = await discovery.searches.create({ name: 'React', filters: { query: 'react' } })
    jobId = (await discovery.ingest.ingest(search.id, [jobSummary(1)])).newJobIds[0]!
  })
  afterEach(async () => {
    await drafting.dispose?.()
    await ai.dispose?.()
    await discovery.dispose?.()
    await db.close()
    temp.cleanup()
  })

  it('the AI version points at the AiCall row the provider logged (task, tokens)', async () => {
    server.fake.setScript([{ content: LETTER, usage: { prompt_tokens: 700, completion_tokens: 60 } }])
    const draft = await call('drafts:create', { jobId })
    await call('drafts:generate', { id: draft.id })
    await drafting.generator.idle(draft.id)
    const done = await call('drafts:get', { id: draft.id })
    expect(done).toMatchObject({ generation: 'done', text: LETTER, checks: [] })
    const row = await db.prisma.aiCall.findUniqueOrThrow({ where: { id: done.versions[0]!.aiCallId! } })
    expect(row).toMatchObject({ task: 'proposal_draft', ok: true, promptTokens: 700, completionTokens: 60 })
    expect(chatRequests()).toHaveLength(1)
  })

  it('over the daily token budget: refused in plain words before anything is saved or sent', async () => {
    settings.ai.dailyTokenBudget = 1000 // less than one draft's estimate (prompt + the answer's cap)
    const draft = await call('drafts:create', { jobId })
    await expect(call('drafts:generate', { id: draft.id })).rejects.toMatchObject({ code: expect.stringMatching(/budget/) })
    expect((await call('drafts:get', { id: draft.id })).versions).toEqual([])
    expect(chatRequests()).toHaveLength(0)
  })

  it('no key for a remote provider: AI drafting says so, and a template draft works all the same', async () => {
    settings.ai.baseUrl = 'https://api.openai.com/v1'
    await secrets.delete('openai.apiKey')
    const template = await call('templates:create', { name: 'Plain', body: 'Hi {{clientName|there}}, I know {{matchingSkills}}.' })
    const draft = await call('drafts:create', { jobId, templateId: template.id })
    expect(draft.text).toBe('Hi there, I know React, TypeScript.')
    await expect(call('drafts:generate', { id: draft.id })).rejects.toMatchObject({ code: 'ai_not_configured' })
    expect((await call('drafts:get', { id: draft.id })).versions).toHaveLength(1)
    expect(server.fake.requests).toHaveLength(0)
  })
})
