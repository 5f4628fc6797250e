import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { inEnglish } from '@shared/i18n'
import type { PredictionDto, PredictionQualityDto } from '@shared/prediction'
import { PredictionStore } from './prediction-store'
import { DAY_MS, DEBOUNCE_MS } from './service'
import { MIN_OUTCOMES } from './train'
import { NOW, setupPrediction, type PredictionSetup } from './test-support/setup'
import { TrainRunner } from './worker/train-runner'

/**
 * The prediction module on the real parts: a real SQLite file with a synthetic history written
 * into the real tables, the real training worker thread, the manual clock and scheduler.
 */
const setups: PredictionSetup[] = []
afterEach(async () => {
  for (const s of setups.splice(0).reverse()) await s.close()
})
const setup = async (...args: Parameters<typeof setupPrediction>): Promise<PredictionSetup> => {
  const s = await setupPrediction(...args)
  setups.push(s)
  return s
}

const finite = (p: PredictionDto): boolean =>
  [p.reply.p, p.reply.low, p.reply.high, p.hire.p, p.hire.low, p.hire.high, p.priorShare, p.hirePriorShare, ...p.reasons.map((r) => r.contribution)].every(Number.isFinite)

const call = <C extends keyof PredictionSetup['module']['handlers']>(s: PredictionSetup, name: C, input: Parameters<PredictionSetup['module']['handlers'][C]>[0]) =>
  (s.module.handlers[name] as (i: typeof input) => Promise<unknown>)(input)

describe('prior only until there is enough history, in plain words, never NaN', () => {
  it('no outcomes yet (every proposal too recent to know): prior, "N more", predictions from the fit score', async () => {
    const s = await setup()
    const h = await s.history({ seed: 1, proposals: 30, days: 5 })
    const q = (await call(s, 'prediction:retrain', undefined)) as PredictionQualityDto
    expect(q.reply).toMatchObject({ state: 'prior', version: null, available: 0, needMore: MIN_OUTCOMES, heldOut: null, priorShare: 1 })
    expect(inEnglish(q.reply.lastDecision!)).toBe(`Not enough outcomes yet: ${MIN_OUTCOMES} more needed (0 so far). Until then predictions come from the fit score.`)
    expect(q.training.error).toBeNull()
    const jobIds = await jobIdsOf(s, 3)
    const preds = (await call(s, 'prediction:forJobs', { jobIds: [...jobIds, 999_999] })) as PredictionDto[]
    expect(preds.map((p) => p.jobId)).toEqual(jobIds) // the unknown id is left out
    for (const p of preds) {
      expect(finite(p)).toBe(true)
      expect(p).toMatchObject({ priorShare: 1, hirePriorShare: 1, modelVersion: null, draftId: null, confidence: 'low' })
      expect(p.reasons.map((r) => r.feature)).toEqual(['score'])
      expect(p.hire.p).toBeLessThan(p.reply.p)
    }
    expect(h.proposals).toBe(30)
    expect(await new PredictionStore(s.db).versions('reply')).toEqual([])
  })

  it('one outcome: still the prior; every outcome the same: "nothing to learn", prior, no NaN', async () => {
    const one = await setup()
    await one.history({ seed: 2, proposals: 1, days: 60, now: NOW - 40 * DAY_MS })
    const q1 = (await call(one, 'prediction:retrain', undefined)) as PredictionQualityDto
    expect(q1.reply).toMatchObject({ state: 'prior', available: 1, needMore: MIN_OUTCOMES - 1 })

    const same = await setup()
    await same.history({ seed: 3, proposals: 300, days: 300, effects: { baseReplyRate: 0 } })
    const q = (await call(same, 'prediction:retrain', undefined)) as PredictionQualityDto
    expect(q.reply.state).toBe('prior')
    expect(q.reply.availablePositives).toBe(0)
    expect(inEnglish(q.reply.lastDecision!)).toMatch(/^Every one of the [\d,]+ outcomes so far is the same/)
    expect(q.hire.state).toBe('prior')
    const [p] = (await call(same, 'prediction:forJobs', { jobIds: await jobIdsOf(same, 1) })) as PredictionDto[]
    expect(finite(p!)).toBe(true)
    // the prior's base rate learned that replies are rare here (shrunk toward the default, not 0)
    expect(p!.reply.p).toBeGreaterThan(0)
    expect(p!.reply.p).toBeLessThan(0.05)
  })
})

describe('hire before its model', () => {
  it('replies learned but no hires yet: P(hire) is the reply model’s P(reply) × the conversion, with the reply’s prior share', async () => {
    const s = await setup()
    await s.history({ seed: 18, proposals: 1_500, days: 365, effects: { hireGivenInterview: 0 } })
    const q = (await call(s, 'prediction:retrain', undefined)) as PredictionQualityDto
    expect(q.reply.state).toBe('trained')
    expect(q.hire).toMatchObject({ state: 'prior', availablePositives: 0 })
    const preds = (await call(s, 'prediction:forJobs', { jobIds: await jobIdsOf(s, 3) })) as PredictionDto[]
    for (const p of preds) {
      expect(finite(p)).toBe(true)
      expect(p.hirePriorShare).toBe(p.priorShare)
      expect(p.priorShare).toBeLessThan(0.5)
      const conversion = p.hire.p / p.reply.p
      expect(conversion).toBeGreaterThan(0)
      expect(conversion).toBeLessThan(0.25) // shrunk toward the user's 0 hires from the default 25 %
      expect(p.hire.low).toBeLessThan(p.hire.p)
      expect(p.hire.high).toBeGreaterThan(p.hire.p)
      expect(p.hireReasons).toEqual(p.reasons)
    }
    // the same conversion for every job: it is the prior's, the job's differences come from the reply model
    const [first, ...rest] = preds.map((p) => p.hire.p / p.reply.p)
    for (const c of rest) expect(c).toBeCloseTo(first!, 2)
  })

})

describe('training, versions and the schedule', () => {
  it('trains in the worker on the history, keeps a version only when it is not worse, and says so', async () => {
    const s = await setup()
    await s.history({ seed: 7, proposals: 3_000, days: 365 })
    const q = (await call(s, 'prediction:retrain', undefined)) as PredictionQualityDto
    expect(q.reply).toMatchObject({ state: 'trained', version: 1, featureSchemaVersion: 1, needMore: null })
    expect(q.reply.priorShare).toBeLessThan(0.1)
    expect(inEnglish(q.reply.lastDecision!)).toMatch(/^Version 1 learned from [\d,]+ outcomes and beat the prior on the newest [\d,]+ \(log-loss/)
    expect(q.training).toMatchObject({ running: false, error: null, lastAttemptAt: NOW })
    expect(s.runner.starts).toBe(1)
    // the event: training started, then finished with the new quality
    expect(s.events.map((e) => e.training.running)).toEqual([true, false])
    expect(s.events[1]!.reply.version).toBe(1)

    // nothing new since: the version in use stays (too few new outcomes to compare)
    s.clock.advance(60_000)
    const again = (await call(s, 'prediction:retrain', undefined)) as PredictionQualityDto
    expect(again.reply.version).toBe(1)
    expect(inEnglish(again.reply.lastDecision!)).toBe('Kept version 1: only 0 outcomes have arrived since it was trained, too few to compare; it is checked again as more arrive.')
    expect(await new PredictionStore(s.db).versions('reply')).toMatchObject([{ version: 1, status: 'active' }])

    // a restart reads the version in use back
    const restarted = s.reopen()
    const q2 = (await call(restarted, 'prediction:quality', undefined)) as PredictionQualityDto
    expect(q2.reply).toMatchObject({ state: 'trained', version: 1, n: q.reply.n })
    expect(q2.reply.heldOut).toEqual(q.reply.heldOut)
    const jobIds = await jobIdsOf(s, 5)
    expect(await call(restarted, 'prediction:forJobs', { jobIds })).toEqual(await call(s, 'prediction:forJobs', { jobIds }))
  })

  it('a newer history: the new version replaces the old only when not worse on outcomes the old never saw', async () => {
    const s = await setup({ now: NOW - 120 * DAY_MS })
    await s.history({ seed: 8, proposals: 2_000, days: 300 })
    await call(s, 'prediction:retrain', undefined)
    s.clock.advance(120 * DAY_MS)
    await s.history({ seed: 9, proposals: 1_500, days: 120 })
    const q = (await call(s, 'prediction:retrain', undefined)) as PredictionQualityDto
    const versions = await new PredictionStore(s.db).versions('reply')
    if (q.reply.version === 2) {
      expect(inEnglish(q.reply.lastDecision!)).toMatch(/^Version 2 replaced version 1: on the newest [\d,]+ outcomes it was not worse/)
      expect(versions).toMatchObject([{ version: 2, status: 'active' }, { version: 1, status: 'retired' }])
    } else {
      expect(inEnglish(q.reply.lastDecision!)).toMatch(/^Kept version 1: the new training was worse/)
      expect(versions).toMatchObject([{ version: 1, status: 'active' }])
    }
    // the same truth generated both: the fresh model is not worse, so it replaces the old
    expect(q.reply.version).toBe(2)
  })

  it('asked again while a training runs: one more training after it (it may have read the history too early), shared by the calls meanwhile', async () => {
    const s = await setup()
    await s.history({ seed: 15, proposals: 600, days: 365 })
    const first = s.module.retrain()
    const second = s.module.retrain()
    const third = s.module.retrain()
    expect(third).toBe(second)
    expect(second).not.toBe(first)
    await Promise.all([first, second])
    expect(s.logger.entries.filter((e) => e.message === 'trained')).toHaveLength(2)
    expect(s.events.map((e) => e.training.running)).toEqual([true, false, true, false])
  })

  it('reads the newest MAX rows in pages, oldest first, each labelled as of now', async () => {
    const s = await setup()
    await s.history({ seed: 16, proposals: 1_234, days: 365 })
    const store = new PredictionStore(s.db)
    const all = await store.trainingRows(NOW)
    expect(all).toHaveLength(1_234)
    for (let i = 1; i < all.length; i++) expect(all[i]!.at).toBeGreaterThanOrEqual(all[i - 1]!.at)
    const newest = await store.trainingRows(NOW, 700)
    expect(newest).toEqual(all.slice(-700))
    // the newest two weeks: not known yet
    expect(all.filter((r) => r.reply === null).every((r) => r.at > NOW - 15 * DAY_MS)).toBe(true)
    expect(all.some((r) => r.reply === null)).toBe(true)
  })

  it('the heartbeat trains after outcomes settle (told or seen in the history), and once a day', async () => {
    const s = await setup()
    await s.history({ seed: 10, proposals: 800, days: 365 })
    await call(s, 'prediction:retrain', undefined)
    const attempts = () => s.module.service.quality().training.lastAttemptAt
    expect(attempts()).toBe(NOW)

    // told: outcomes changed → not at once, after DEBOUNCE_MS without further changes
    s.clock.advance(60_000)
    s.outcomesChanged()
    await tickAndSettle(s)
    expect(attempts()).toBe(NOW)
    s.clock.advance(DEBOUNCE_MS - 1)
    await tickAndSettle(s)
    expect(attempts()).toBe(NOW)
    s.clock.advance(1)
    // the scheduler's heartbeat is what calls tick in the app
    expect(s.scheduler.active).toBe(1)
    s.scheduler.tick()
    await vi.waitFor(() => expect(attempts()).toBe(s.clock.now()))
    await s.module.idle()

    // seen: history written by another path (no event) changes the signature → trains after it settles
    await s.history({ seed: 11, proposals: 50, days: 30 })
    s.clock.advance(1_000)
    await tickAndSettle(s)
    const seenAt = attempts()
    s.clock.advance(DEBOUNCE_MS)
    await tickAndSettle(s)
    expect(attempts()).toBe(s.clock.now())
    expect(attempts()).not.toBe(seenAt)

    // daily
    const last = attempts()!
    s.clock.advance(DAY_MS - 1)
    await tickAndSettle(s)
    expect(attempts()).toBe(last)
    s.clock.advance(1)
    await tickAndSettle(s)
    expect(attempts()).toBe(last + DAY_MS)
  })
})

describe('a failed training leaves the model in use', () => {
  it('the worker killed mid-training: version 1 stays, predictions unchanged, the status says so; the next training works', async () => {
    const s = await setup()
    await s.history({ seed: 12, proposals: 2_000, days: 365 })
    await call(s, 'prediction:retrain', undefined)
    const jobIds = await jobIdsOf(s, 4)
    const before = await call(s, 'prediction:forJobs', { jobIds })

    s.clock.advance(60_000)
    const training = s.module.retrain()
    await vi.waitFor(() => expect(s.runner.busy).toBe(true))
    await s.runner.simulateCrashForTest()
    const q = await training
    expect(q.reply).toMatchObject({ state: 'trained', version: 1 })
    expect(inEnglish(q.training.error!)).toMatch(/^Training stopped unexpectedly \(the training worker stopped \(exit code \d+\)\); the previous model stays in use\.$/)
    expect(await call(s, 'prediction:forJobs', { jobIds })).toEqual(before)
    expect(s.events.at(-1)!.training.error).not.toBeNull()

    const next = (await call(s, 'prediction:retrain', undefined)) as PredictionQualityDto
    expect(next.training.error).toBeNull()
    expect(s.runner.starts).toBe(2) // a new worker
  })

  it('at quit a training in flight is stopped and none starts after it; the version in use is kept on disk', async () => {
    const s = await setup()
    await s.history({ seed: 17, proposals: 1_500, days: 365 })
    await call(s, 'prediction:retrain', undefined)
    s.clock.advance(60_000)
    const training = s.module.retrain()
    const queued = s.module.retrain()
    await vi.waitFor(() => expect(s.runner.busy).toBe(true))
    await s.module.dispose?.()
    expect((await training).training.error).not.toBeNull()
    expect((await queued).reply.version).toBe(1)
    expect(s.runner.starts).toBe(1)
    expect(await new PredictionStore(s.db).versions('reply')).toMatchObject([{ version: 1, status: 'active' }])
  })

  it('a worker that dies at start, and one that overruns its time: the previous version stays', async () => {
    const s = await setup()
    await s.history({ seed: 13, proposals: 1_500, days: 365 })
    await call(s, 'prediction:retrain', undefined)

    const dying = join(s.dir, 'dying-worker.mjs')
    writeFileSync(dying, 'process.exit(3)\n')
    const crashed = s.reopen(new TrainRunner({ entry: { script: pathToFileURL(dying) } }))
    const q = (await call(crashed, 'prediction:retrain', undefined)) as PredictionQualityDto
    expect(q.reply.version).toBe(1)
    expect(inEnglish(q.training.error!)).toBe('Training stopped unexpectedly (the training worker stopped (exit code 3)); the previous model stays in use.')

    const slow = s.reopen(new TrainRunner({ timeoutMs: 1 }))
    const q2 = (await call(slow, 'prediction:retrain', undefined)) as PredictionQualityDto
    expect(q2.reply.version).toBe(1)
    expect(inEnglish(q2.training.error!)).toBe('Training took longer than 1 s and was stopped; the previous model stays in use.')
    expect(await new PredictionStore(s.db).versions('reply')).toMatchObject([{ version: 1, status: 'active' }])
  })
})

describe('drafts', () => {
  it('prediction:forDraft uses the draft’s features (bid, length, template, strategy) beside the job’s; an unknown draft is refused in words', async () => {
    const s = await setup()
    const h = await s.history({ seed: 14, proposals: 3_000, days: 365 })
    await call(s, 'prediction:retrain', undefined)
    const [jobId] = await jobIdsOf(s, 1)
    const job = (await s.jobs.get(jobId!))!
    const templateB = h.templateIds['B']!
    const templateA = h.templateIds['A']!
    const draftWith = async (templateId: number) =>
      s.drafts.create({
        kind: 'proposal',
        jobId: job.id,
        threadId: null,
        job: { jobId: job.id, upworkId: job.upworkId, url: job.url, title: job.title, description: '', jobType: job.jobType, hourlyMin: job.hourlyMin, hourlyMax: job.hourlyMax, fixedAmount: job.fixedAmount, currency: job.currency, skills: [], experienceLevel: job.experienceLevel, durationLabel: null, category: job.category, client: { name: null, country: job.client.country, totalSpent: job.client.totalSpent, hires: job.client.hires, feedback: job.client.feedback, verified: job.client.verified }, screeningQuestions: [], connectsCost: null, capturedAt: NOW },
        bid: { amount: 100, kind: job.jobType === 'FIXED' ? 'fixed' : 'hourly', currency: 'USD', suggested: null, aboveBudget: false },
        durationLabel: null,
        connectsCost: null,
        templateId,
        strategy: 'short',
        variantId: null,
        firstVersion: { text: 'Hello, I have done this before. '.repeat(20), source: 'TEMPLATE', author: 'template' }
      })
    const better = (await call(s, 'prediction:forDraft', { draftId: await draftWith(templateB) })) as PredictionDto
    const reference = (await call(s, 'prediction:forDraft', { draftId: await draftWith(templateA) })) as PredictionDto
    expect(finite(better)).toBe(true)
    expect(better).toMatchObject({ jobId: job.id, modelVersion: 1 })
    expect(better.draftId).not.toBeNull()
    // the better template (1.5× in the truth) predicts more replies, all else equal
    expect(better.reply.p).toBeGreaterThan(reference.reply.p)
    const [jobOnly] = (await call(s, 'prediction:forJobs', { jobIds: [job.id] })) as PredictionDto[]
    expect(jobOnly!.reply.p).not.toBe(better.reply.p)
    expect(better.reasons.length).toBe(3)
    for (const r of better.reasons) expect(inEnglish(r.text)).toMatch(/: (raises|lowers) the chance$/)

    await expect(call(s, 'prediction:forDraft', { draftId: 999_999 })).rejects.toMatchObject({ code: 'PREDICTION_DRAFT_NOT_FOUND', message: 'This draft no longer exists.' })
  })
})

async function jobIdsOf(s: PredictionSetup, n: number): Promise<number[]> {
  const r = await s.db.client.execute({ sql: `SELECT "id" FROM "Job" ORDER BY "id" LIMIT ?`, args: [n] })
  return r.rows.map((row) => Number((row as unknown as { id: number }).id))
}

/** One heartbeat and whatever training it started. */
async function tickAndSettle(s: PredictionSetup): Promise<void> {
  await s.module.service.tick()
  await s.module.idle()
}
