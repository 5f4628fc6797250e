import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ManualClock } from '../test-support/clocks'
import { DEMO_HISTORY } from '../demo/sample-history'
import { openTestWorkspaceHost } from './test-support/test-workspace-host'

/**
 * The demo workspace's sample history through the real workspace host and cores: entering the
 * demo writes it (labelled sample), reopening does not write it twice, and the user's real
 * workspace never gets it.
 */
const START = Date.UTC(2026, 11, 1, 12, 0, 0)
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const setup = (dataDir: string, clock: ManualClock) => openTestWorkspaceHost({ dataDir, clock })

describe('the demo workspace sample history', () => {
  it('fills the demo Analytics page (sample: true), once, and never the real workspace', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gigpilot-demo-history-'))
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const clock = new ManualClock(START)
    const s = setup(dataDir, clock)
    cleanups.push(() => s.host.close().catch(() => undefined))
    await s.host.start()
    const real = await s.call('analytics:dashboard', { period: 'all' })
    expect(real).toMatchObject({ sample: false, total: 0, notEnough: { have: 0 } })

    await s.call('workspace:enterDemo')
    const demo = await s.call('analytics:dashboard', { period: 'all' })
    expect(demo.sample).toBe(true)
    expect(demo.total).toBe(DEMO_HISTORY.proposals)
    expect(demo.notEnough).toBeNull()
    expect(demo.funnel[2]!.count).toBeGreaterThan(0)
    expect(demo.recommendations.length).toBeGreaterThan(0)
    expect((await s.call('analytics:backtest', {})).sample).toBe(true)
    // A clearly labelled running experiment over the sample history (experiments/demo.ts).
    expect(await s.call('experiments:list')).toEqual([expect.objectContaining({ name: 'Demo: Short + question vs Portfolio-led', state: 'running', variantCount: 2 })])

    // Reopened (a restart in the demo): the same history, not a second one.
    await s.host.close()
    const again = setup(dataDir, clock)
    cleanups.push(() => again.host.close().catch(() => undefined))
    await again.host.start()
    expect(await again.call('workspace:get')).toMatchObject({ kind: 'demo' })
    expect((await again.call('analytics:dashboard', { period: 'all' })).total).toBe(DEMO_HISTORY.proposals)

    // Back to the real workspace: nothing of the sample there.
    await again.call('workspace:leaveDemo')
    expect(await again.call('analytics:dashboard', { period: 'all' })).toMatchObject({ sample: false, total: 0 })
    expect(await again.call('experiments:list')).toEqual([])
  }, 60_000)

  it('the success model trains on it when the demo opens (Settings → Analytics shows its quality); the real workspace has none', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gigpilot-demo-prediction-'))
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const s = setup(dataDir, new ManualClock(START))
    cleanups.push(() => s.host.close().catch(() => undefined))
    await s.host.start()
    await vi.waitFor(async () => expect((await s.call('prediction:quality')).training).toMatchObject({ running: false, lastAttemptAt: START }), { timeout: 30_000 })
    expect((await s.call('prediction:quality')).reply).toMatchObject({ state: 'prior', available: 0 })

    await s.call('workspace:enterDemo')
    // written after the demo's core started (its start-up training saw no history): the hook trains again
    await vi.waitFor(async () => expect((await s.call('prediction:quality')).reply.state).toBe('trained'), { timeout: 30_000, interval: 100 })
    const q = await s.call('prediction:quality')
    expect(q.reply).toMatchObject({ version: 1, needMore: null })
    expect(q.reply.n).toBeGreaterThan(DEMO_HISTORY.proposals * 0.8)
    expect(q.reply.heldOut!.auc!).toBeGreaterThan(q.reply.priorHeldOut!.auc!)
    expect(q.training.error).toBeNull()

    await s.call('workspace:leaveDemo')
    expect((await s.call('prediction:quality')).reply.state).toBe('prior')
  }, 60_000)

  it('stays current: reopened 10 days later, the sample is replaced by one ending now (the 7-day view is not empty), no duplicates, the demo experiment and what the user made stay', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gigpilot-demo-current-'))
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const clock = new ManualClock(START)
    const s = setup(dataDir, clock)
    cleanups.push(() => s.host.close().catch(() => undefined))
    await s.host.start()
    await s.call('workspace:enterDemo')
    expect((await s.call('analytics:dashboard', { period: '7d' })).total).toBeGreaterThan(0)
    const templates = (await s.call('templates:list', {})).map((t) => t.id).sort()
    const [experiment] = await s.call('experiments:list')
    // The user's own proposal in the demo (submitted on upwork.com): not sample, so it stays.
    const db = s.host.core.db
    await db.client.execute({
      sql: `INSERT INTO "Proposal" ("upworkJobId", "jobTitle", "status", "stage", "submissionSource", "coverLetter", "submittedAt", "statusChangedAt", "createdAt", "updatedAt") VALUES ('1', 'Mine', 'Pending', 'submitted', 'manual', 'My own letter', ?, ?, ?, ?)`,
      args: Array(4).fill(new Date(START).toISOString())
    })
    const sampleCount = (await s.call('proposals:list')).length - 1
    expect(sampleCount).toBe(DEMO_HISTORY.proposals)
    // Paused, so the demo's saved searches (due again ten days on) do not run at the reopen: with a
    // ManualClock that stands still, a search run started then never ends and the core's close waits on it.
    await s.call('settings:update', { automationPaused: true })
    await s.host.close()

    // Ten days on: without the refresh the last 7 days would hold no sample proposal at all.
    clock.advance(10 * 24 * 60 * 60_000)
    const later = setup(dataDir, clock)
    cleanups.push(() => later.host.close().catch(() => undefined))
    await later.host.start()
    expect(await later.call('workspace:get')).toMatchObject({ kind: 'demo' })
    const week = await later.call('analytics:dashboard', { period: '7d' })
    expect(week).toMatchObject({ sample: true })
    expect(week.total).toBeGreaterThan(DEMO_HISTORY.proposals / 50)
    const all = await later.call('proposals:list')
    expect(all).toHaveLength(DEMO_HISTORY.proposals + 1)
    expect(all.filter((p) => p.jobTitle === 'Mine')).toHaveLength(1)
    expect(new Set(all.map((p) => p.upworkProposalId ?? `local:${p.id}`)).size).toBe(all.length)
    expect(Math.max(...all.map((p) => Date.parse(p.submittedAt!)))).toBeGreaterThan(clock.now() - 24 * 60 * 60_000)
    // The same sample templates (no second copy), the same demo experiment, its variants on the fresh drafts.
    expect((await later.call('templates:list', {})).map((t) => t.id).sort()).toEqual(templates)
    expect(await later.call('experiments:list')).toEqual([expect.objectContaining({ id: experiment!.id, state: 'running', variantCount: 2 })])
    const results = await later.call('experiments:get', { id: experiment!.id })
    for (const v of results.variants) expect(v.n).toBeGreaterThan(20)
    // The success model learns from the fresh history.
    await vi.waitFor(async () => expect((await later.call('prediction:quality')).training).toMatchObject({ running: false, lastAttemptAt: clock.now() }), { timeout: 30_000, interval: 100 })

    // Reopened at once: current, so nothing is rewritten.
    const ids = all.map((p) => p.id).sort()
    await later.host.close()
    const again = setup(dataDir, clock)
    cleanups.push(() => again.host.close().catch(() => undefined))
    await again.host.start()
    expect((await again.call('proposals:list')).map((p) => p.id).sort()).toEqual(ids)
  }, 120_000)
})
