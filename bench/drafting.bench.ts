/**
 * Drafting's figures (issue 8), each the median of `runs` runs, against tools/fake-openai over
 * HTTP with the real openai SDK, a real SQLite file and the worker bundled as the app ships it:
 * - drafting.first_token_overhead_ms: the provider's first token (as the LlmClient yields it) →
 *   the draft's first characters reach the event emitter (drafting:chunk on the bus): the app's own
 *   overhead (target: within 150 ms). Median over 10 generations per run.
 * - drafting.generate_to_first_chunk_ms: drafts:generate called → the first drafting:chunk (the
 *   draft's version row saved, the request sent, the fake's first token back).
 * `npx tsx bench/drafting.bench.ts` prints them; `runDraftingBench` returns them.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { channels } from '../src/shared/contract'
import { translator } from '../src/shared/i18n'
import { defaultSettings } from '../src/shared/settings'
import { OpenAiLlmClient, type LlmClient, type LlmStream } from '../src/main/ai'
import { EventBus } from '../src/main/core/event-bus'
import { openDatabase } from '../src/main/db/open-database'
import { createDiscoveryModule } from '../src/main/discovery/module'
import { jobSummary } from '../src/main/discovery/test-support/jobs'
import { createDraftingModule } from '../src/main/drafting/module'
import { createMemoryLogger } from '../src/main/test-support/memory-logger'
import { startFakeOpenAi } from '../tools/fake-openai/index'
import { bundleWorkerForBench } from './db/built-worker'
import { median, round } from './stats'

const MIGRATIONS_DIR = fileURLToPath(new URL('../prisma/migrations', import.meta.url))
const NOW = Date.UTC(2026, 11, 1, 12)
const GENERATIONS_PER_RUN = 10
const LETTER = 'I have built React and TypeScript dashboards with charts and tables for four years, most recently for a logistics company. '.repeat(3)

/** The LlmClient with a stopwatch on the first token it yields (what "the provider's first token" means here). */
function timed(inner: LlmClient, onFirstToken: () => void): LlmClient {
  return {
    model: inner.model,
    complete: (r, o) => inner.complete(r, o),
    listModels: (o) => inner.listModels(o),
    stream: (r, o): LlmStream => {
      const s = inner.stream(r, o)
      let first = true
      return {
        result: s.result,
        cancel: () => s.cancel(),
        async *[Symbol.asyncIterator]() {
          for await (const piece of s) {
            if (first) {
              first = false
              onFirstToken()
            }
            yield piece
          }
        }
      }
    }
  }
}

export async function runDraftingBench(runs = 5): Promise<Record<string, number>> {
  const workerEntry = await bundleWorkerForBench()
  const fake = await startFakeOpenAi({ port: 0 })
  fake.setDefaultReply(LETTER)
  const overheads: number[] = []
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
      let firstTokenAt = 0
      const client = timed(new OpenAiLlmClient({ baseUrl: fake.url, apiKey: 'sk-bench', model: 'gpt-4o-mini', maxRetries: 0 }), () => (firstTokenAt = performance.now()))
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
      const runOverheads: number[] = []
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
        runOverheads.push(chunkAt - firstTokenAt)
        runFirst.push(chunkAt - started)
      }
      overheads.push(median(runOverheads))
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
    'drafting.first_token_overhead_ms': round(median(overheads), 2),
    'drafting.generate_to_first_chunk_ms': round(median(toFirstChunk), 1)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await runDraftingBench(Number(process.argv[2] ?? 5))
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(40)} ${v}`)
}
