/**
 * Drafting's figures (issue 8), each the median of `runs` runs, against tools/fake-openai over
 * HTTP with the real openai SDK, a real SQLite file and the worker bundled as the app ships it:
 * - drafting.first_token_overhead_ms: the fake server writes its first streamed token → the draft's
 *   first characters arrive in the renderer (Chromium through the browser harness, window.gigpilot's
 *   drafting:chunk): the app's own overhead incl. the SDK and the hop to the page (target: within
 *   150 ms). Median of max(5, runs) generations; see runFirstTokenToRendererBench.
 * - drafting.generate_to_first_chunk_ms: drafts:generate called → the first drafting:chunk (the
 *   draft's version row saved, the request sent, the fake's first token back).
 * `npx tsx bench/drafting.bench.ts` prints them; `runDraftingBench` returns them.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { channels, type BridgeApi } from '../src/shared/contract'
import { translator } from '../src/shared/i18n'
import { defaultSettings } from '../src/shared/settings'
import { OpenAiLlmClient } from '../src/main/ai'
import { databaseFileOf } from '../src/main/app/data-dir'
import { EventBus } from '../src/main/core/event-bus'
import { openDatabase } from '../src/main/db/open-database'
import { createDiscoveryModule } from '../src/main/discovery/module'
import { jobSummary } from '../src/main/discovery/test-support/jobs'
import { createDraftingModule } from '../src/main/drafting/module'
import { createMemoryLogger } from '../src/main/test-support/memory-logger'
import { systemClock } from '../src/main/ports/clock'
import { startFakeOpenAi } from '../tools/fake-openai/index'
import { bundleWorkerForBench } from './db/built-worker'
import { withHarnessPage } from './harness-page'
import { median, round } from './stats'

const MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations', import.meta.url))
const NOW = Date.UTC(2026, 11, 1, 12)
const GENERATIONS_PER_RUN = 10
const LETTER = 'I have built React and TypeScript dashboards with charts and tables for four years, most recently for a logistics company. '.repeat(3)

export async function runDraftingBench(runs = 5): Promise<Record<string, number>> {
  const workerEntry = await bundleWorkerForBench()
  const fake = await startFakeOpenAi({ port: 0 })
  fake.setDefaultReply(LETTER)
  const toFirstChunk: number[] = []
  try {
    for (let run = 0; run < runs; run++) {
      const dir = mkdtempSync(join(tmpdir(), 'gigpilot-drafting-bench-'))
      const db = await openDatabase({ file: join(dir, 'bench.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'bench', workerEntry })
      const clock = { now: () => NOW }
      const settings = defaultSettings()
      const discovery = createDiscoveryModule({
        db,
        reads: {} as never,
        clock,
        logger: createMemoryLogger(),
        t: translator('en'),
        settings: () => settings.notifications,
        notify: () => ({ shown: false, reason: 'off' }) as never,
        pruneEveryMs: 0
      })
      const client = new OpenAiLlmClient({ baseUrl: fake.url, apiKey: 'sk-bench', model: 'gpt-4o-mini', maxRetries: 0 })
      const drafting = createDraftingModule({
        db,
        clock,
        logger: createMemoryLogger(),
        sources: { job: (id) => discovery.jobs.get(id), profile: () => discovery.profile.get() },
        ai: { client: async () => client, admit: async () => undefined, record: async () => 0 }
      })
      await drafting.ready
      await discovery.profile.update({ name: 'Olena', skills: ['React', 'TypeScript'], hourlyRate: 50 })
      const search = await discovery.searches.create({ name: 'React', filters: { query: 'react' } })
      const jobId = (await discovery.ingest.ingest(search.id, [jobSummary(1)])).newJobIds[0]!
      const bus = new EventBus(() => undefined)
      let onChunk: (() => void) | null = null
      bus.on('drafting:chunk', () => onChunk?.())
      const unwire = drafting.wireEvents!({ bus, statusChanged: () => undefined })
      const runFirst: number[] = []
      for (let i = 0; i < GENERATIONS_PER_RUN + 1; i++) {
        const draft = await drafting.handlers['drafts:create'](channels['drafts:create'].input.parse({ jobId }))
        const firstChunk = new Promise<number>((resolve) => {
          onChunk = () => {
            onChunk = null
            resolve(performance.now())
          }
        })
        const started = performance.now()
        await drafting.handlers['drafts:generate']({ id: draft.id })
        const chunkAt = await firstChunk
        await drafting.generator.idle(draft.id)
        if (i === 0) continue // warm-up: the SDK's first connection
        runFirst.push(chunkAt - started)
      }
      toFirstChunk.push(median(runFirst))
      unwire()
      await drafting.dispose?.()
      await discovery.dispose?.()
      await db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  } finally {
    await fake.close()
  }
  return {
    ...(await runFirstTokenToRendererBench(Math.max(5, runs))),
    'drafting.generate_to_first_chunk_ms': round(median(toFirstChunk), 1)
  }
}

/** A data folder with a profile and one job, through the real discovery module; returns the job's id. */
async function seedOneJob(dataDir: string): Promise<number> {
  const db = await openDatabase({ file: databaseFileOf(dataDir), migrationsDir: MIGRATIONS_DIR, appVersion: 'bench' })
  const settings = defaultSettings()
  const discovery = createDiscoveryModule({
    db, reads: {} as never, clock: systemClock, logger: createMemoryLogger(), t: translator('en'), settings: () => settings.notifications, notify: () => ({ shown: false, reason: 'off' }) as never, pruneEveryMs: 0
  })
  try {
    await discovery.profile.update({ name: 'Olena', skills: ['React', 'TypeScript'], hourlyRate: 50 })
    const search = await discovery.searches.create({ name: 'React', paused: true })
    const jobId = (await discovery.ingest.ingest(search.id, [jobSummary(1, {}, systemClock.now())])).newJobIds[0]
    if (!jobId) throw new Error('bench: the job was not stored')
    return jobId
  } finally {
    await discovery.dispose?.()
    await db.close()
  }
}

/**
 * drafting.first_token_overhead_ms: the fake OpenAI server handing its first content chunk to the
 * socket (FakeRequest.firstChunkAt) → the draft's first characters (a non-empty drafting:chunk for
 * that draft) arriving in the page, in Chromium through the browser harness (the real services in
 * Node with OPENAI_BASE_URL on the fake, the built renderer, window.gigpilot over the WebSocket
 * bridge). Both are epoch ms on the one machine clock (`performance.timeOrigin + performance.now()`
 * in Node and in the page). Median of `generations` drafts, after one warm-up.
 */
export async function runFirstTokenToRendererBench(generations = 5): Promise<Record<string, number>> {
  const fake = await startFakeOpenAi({ port: 0 })
  fake.setDefaultReply(LETTER)
  try {
    return await withHarnessPage('first-token', seedOneJob, async (page, jobId) => {
      const overheads: number[] = []
      for (let i = 0; i <= generations; i++) {
        fake.clearRequests()
        const arrivedAt = await page.evaluate(async (job) => {
          const g = (globalThis as unknown as { gigpilot: BridgeApi }).gigpilot
          const clock = globalThis.performance // the page's (not the bench's node:perf_hooks import)
          const draft = await g.drafts.create({ jobId: job })
          if (!draft.ok) throw new Error(`drafts:create: ${draft.error.message}`)
          const draftId = draft.value.id
          let first = 0
          const done = new Promise<void>((resolve, reject) => {
            const offs = [
              g.on('drafting:chunk', (e) => {
                if (first === 0 && e.draftId === draftId && e.text.length > 0) first = clock.timeOrigin + clock.now()
              }),
              g.on('drafting:status', (e) => {
                if (e.draftId !== draftId || e.generation === 'generating') return
                offs.forEach((off) => off())
                if (e.generation === 'done') resolve()
                else reject(new Error(`the generation ended ${e.generation}: ${e.error ?? ''}`))
              })
            ]
          })
          const started = await g.drafts.generate({ id: draftId })
          if (!started.ok) throw new Error(`drafts:generate: ${started.error.message}`)
          await done
          return first
        }, jobId)
        const sent = fake.requests.find((r) => r.path.endsWith('/chat/completions') && r.stream && r.firstChunkAt !== null)?.firstChunkAt
        if (!sent || !arrivedAt) throw new Error('bench: no streamed first token, or no first characters in the page')
        if (i > 0) overheads.push(arrivedAt - sent) // the first one warms the SDK's connection and the page
      }
      return { 'drafting.first_token_overhead_ms': round(median(overheads), 1) }
    }, { OPENAI_BASE_URL: fake.url })
  } finally {
    await fake.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await runDraftingBench(Number(process.argv[2] ?? 5))
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(40)} ${v}`)
}
