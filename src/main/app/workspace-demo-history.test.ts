import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChannelName, ChannelOutput } from '@shared/contract'
import { createCore, type Core } from './create-core'
import { WorkspaceHost } from './workspace-host'
import { MIGRATIONS_DIR } from '../db/test-support/temp-files'
import { dispatch } from '../ipc/dispatch'
import { createLogger } from '../logging/create-logger'
import { ManualScheduler } from '../scheduler/manual-scheduler'
import { MemorySecretStore } from '../secrets/memory-secret-store'
import { createNodeSettingsStore } from '../settings/create-node-settings-store'
import { ManualClock } from '../test-support/clocks'
import { DEMO_HISTORY } from '../demo/sample-history'

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

function setup(dataDir: string, clock: ManualClock) {
  const host = new WorkspaceHost({
    dataDir,
    clock,
    openCore: async (spec): Promise<Core> => {
      const logger = createLogger({ dataDir: spec.dataDir, level: 'warn' })
      const secrets = new MemorySecretStore()
      return createCore({
        runtime: 'harness',
        appVersion: '0.0.0-test',
        platform: process.platform,
        dataDir: spec.dataDir,
        migrationsDir: MIGRATIONS_DIR,
        env: {},
        logger,
        redact: (s) => s,
        clock,
        settings: createNodeSettingsStore({ dataDir: spec.dataDir, logger }),
        secrets: spec.secrets ?? { store: secrets, status: { backend: secrets.backend, persistent: true, message: 'real' } },
        notifier: { notify: () => undefined },
        openBrowser: async () => undefined,
        openExternal: async () => undefined,
        workspace: spec.workspace,
        scheduler: new ManualScheduler(),
        ...(spec.upworkFetch ? { upworkFetch: spec.upworkFetch } : {})
      })
    }
  })
  const call = async <C extends ChannelName>(channel: C, input?: unknown): Promise<ChannelOutput<C>> => {
    const result = await dispatch(host.dispatchOptions, channel, input)
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
    return result.value as ChannelOutput<C>
  }
  return { host, call }
}

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
})
