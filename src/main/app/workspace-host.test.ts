import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import type * as KeytarModule from 'keytar'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChannelName, ChannelOutput } from '@shared/contract'
import type { SecretStorageStatus } from '@shared/types'
import { DEMO_DIR_NAME } from '../demo/demo-workspace'
import { dispatch } from '../ipc/dispatch'
import type { AppNotification, Notifier } from '../ports/notifier'
import { ManualScheduler } from '../scheduler/manual-scheduler'
import { KeytarSecretStore } from '../secrets/keytar-secret-store'
import { loadKeytar } from '../secrets/keytar-like'
import { MemorySecretStore } from '../secrets/memory-secret-store'
import { probeKeychain } from '../secrets/probe-keychain'
import { SECRET_KEYS, type SecretStore } from '../secrets/secret-store'
import { keychainRequired } from '../secrets/test-support/keychain-env'
import { ManualClock } from '../test-support/clocks'
import { ACTIVE_WORKSPACE_FILE, type WorkspaceHost, type WorkspaceCoreSpec } from './workspace-host'
import { openTestWorkspaceHost } from './test-support/test-workspace-host'

/**
 * The workspace host with real cores (real SQLite files, settings files, logs), the real poller,
 * ingest, scoring and notifications fed by the demo's sample job source, and — where a keyring
 * answers — the real OS keychain as the user's secret store.
 */

const serviceName = `GigPilot-test-workspace-${randomUUID()}`
const loaded = await loadKeytar()
const keytar = loaded.keytar as typeof KeytarModule | null
const keychainOk = keytar ? (await probeKeychain(keytar, { serviceName, timeoutMs: 5_000 })).ok : false
if (!keychainOk && keychainRequired()) throw new Error('No system keychain answered (GIGPILOT_REQUIRE_KEYCHAIN=1)')

const START = Date.UTC(2026, 11, 1, 12, 0, 0)
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

class Recorder implements Notifier {
  readonly shown: AppNotification[] = []
  notify(n: AppNotification): void {
    this.shown.push(n)
  }
}

interface Setup {
  host: WorkspaceHost
  dataDir: string
  clock: ManualClock
  notifier: Recorder
  realSecrets: SecretStore
  /** One scheduler per opened core, in order, with the workspace it belongs to. */
  schedulers: Array<{ kind: WorkspaceCoreSpec['kind']; scheduler: ManualScheduler }>
  /** Called with the spec just before a core is built (a test can look at the disk then). */
  beforeOpen: Array<(spec: WorkspaceCoreSpec) => void | Promise<void>>
  call<C extends ChannelName>(channel: C, input?: unknown): Promise<ChannelOutput<C>>
}

function setup(dataDir = mkdtempSync(join(tmpdir(), 'gigpilot-ws-')), shared?: Pick<Setup, 'clock' | 'realSecrets'>): Setup {
  mkdirSync(dataDir, { recursive: true })
  const clock = shared?.clock ?? new ManualClock(START)
  const realSecrets: SecretStore = shared?.realSecrets ?? (keychainOk && keytar ? new KeytarSecretStore({ keytar, serviceName }) : new MemorySecretStore())
  const realStatus: SecretStorageStatus = { backend: realSecrets.backend, persistent: true, message: 'real' }
  const notifier = new Recorder()
  const schedulers: Setup['schedulers'] = []
  const beforeOpen: Setup['beforeOpen'] = []
  const { host, call } = openTestWorkspaceHost({
    dataDir,
    clock,
    secrets: { store: realSecrets, status: realStatus },
    notifier,
    logLevel: 'debug',
    core: async (spec) => {
      for (const f of beforeOpen) await f(spec)
      const scheduler = new ManualScheduler()
      schedulers.push({ kind: spec.kind, scheduler })
      return { scheduler }
    }
  })
  cleanups.push(async () => {
    await host.close().catch(() => undefined)
  })
  if (!shared) {
    cleanups.unshift(async () => {
      for (const key of SECRET_KEYS) await realSecrets.delete(key)
      rmSync(dataDir, { recursive: true, force: true })
    })
  }
  return { host, dataDir, clock, notifier, realSecrets, schedulers, beforeOpen, call }
}

/** Every file under the real folder except the demo's folder and the active-workspace marker: path → bytes. */
function snapshot(dataDir: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const entry of readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = relative(dataDir, join(entry.parentPath, entry.name))
    if (path.startsWith(DEMO_DIR_NAME) || path === ACTIVE_WORKSPACE_FILE) continue
    out.set(path, readFileSync(join(dataDir, path)).toString('base64'))
  }
  return out
}

async function secretsOf(store: SecretStore): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {}
  for (const key of SECRET_KEYS) out[key] = await store.get(key)
  return out
}

/** Both demo searches have run at least `runs` times since the given moment. */
async function searchesRan(s: Setup, since: number): Promise<void> {
  await expect.poll(async () => (await s.call('searches:list')).every((x) => x.lastRunAt !== null && x.lastRunAt >= since && x.lastResult !== null)).toBe(true)
}

/** The number of jobs the notifications named ("12 new jobs match 'React'" names 12; a single job notification names 1). */
const namedJobs = (shown: readonly AppNotification[]): number =>
  shown.reduce((n, x) => n + (Number(/(\d+) new jobs/.exec(x.title)?.[1] ?? 1) || 1), 0)

describe('workspace host', () => {
  it('opens the real workspace, enters the demo (its own folder, a connected Demo account) and says so with workspace:changed', async () => {
    const s = setup()
    const events: string[] = []
    s.host.bus.on('workspace:changed', (w) => void events.push(w.kind))
    expect(await s.host.start()).toEqual({ kind: 'real', demoStartedAt: null })
    expect((await s.call('app:getInfo')).dataDir).toBe(s.dataDir)
    expect((await s.call('upwork:getAccount')).state).toBe('not_configured')
    // No Upwork sign-in: the poller says so (not a failing run per search).
    expect((await s.call('app:getStatus')).pollingPaused).toEqual(['notConnected'])

    expect(await s.call('workspace:enterDemo')).toEqual({ kind: 'demo', demoStartedAt: START })
    expect((await s.call('app:getStatus')).pollingPaused).toEqual([])
    expect(events).toEqual(['demo'])
    expect(await s.call('workspace:get')).toEqual({ kind: 'demo', demoStartedAt: START })
    expect((await s.call('app:getInfo')).dataDir).toBe(join(s.dataDir, DEMO_DIR_NAME))
    const account = await s.call('upwork:getAccount')
    expect(account).toMatchObject({ state: 'connected', userName: 'Demo account' })
    expect((await s.call('settings:get')).onboardingCompleted).toBe(true)
    expect((await s.call('searches:list')).map((x) => [x.name, x.intervalMinutes])).toEqual([
      ['React', 1],
      ['Node.js', 1]
    ])
    expect((await s.call('profile:get')).skills).toContain('React')
    expect(JSON.parse(readFileSync(join(s.dataDir, ACTIVE_WORKSPACE_FILE), 'utf8'))).toEqual({ active: 'demo' })
  })

  it('runs the sample jobs through the real poller, ingest and scoring: jobs arrive over time, one grouped "Demo:" notification per search, none twice (also after a restart)', async () => {
    const s = setup()
    await s.host.start()
    await s.call('workspace:enterDemo')
    await searchesRan(s, START)
    const first = await s.call('jobs:list', { limit: 200 })
    expect(first.total).toBeGreaterThanOrEqual(8)
    expect(first.items.every((j) => typeof j.score === 'number')).toBe(true)
    const detail = await s.call('jobs:get', { id: first.items[0]!.id })
    expect(detail.reasons.length).toBeGreaterThan(0)
    expect(s.notifier.shown.length).toBeGreaterThanOrEqual(1)
    expect(s.notifier.shown.length).toBeLessThanOrEqual(2)
    for (const n of s.notifier.shown) expect(n.title).toMatch(/^Demo: /)

    // A minute and a bit later: new posts, the next runs find only them.
    s.clock.advance(75_000)
    const demoScheduler = s.schedulers.at(-1)!
    expect(demoScheduler.kind).toBe('demo')
    const second = s.clock.now()
    demoScheduler.scheduler.tick()
    await searchesRan(s, second)
    const after = await s.call('jobs:list', { limit: 200 })
    expect(after.total).toBeGreaterThan(first.total)
    const notified = after.items.filter((j) => (j.score ?? 0) >= 50).length
    await expect.poll(() => namedJobs(s.notifier.shown)).toBe(notified)

    // A restart reopens the demo (the marker), and the jobs already seen are not notified again.
    const shownBefore = s.notifier.shown.length
    await s.host.close()
    const again = setup(s.dataDir, s)
    expect(await again.host.start()).toEqual({ kind: 'demo', demoStartedAt: START })
    again.schedulers.at(-1)!.scheduler.tick()
    await searchesRan(again, second)
    expect((await again.call('jobs:list', { limit: 200 })).total).toBe(after.total)
    expect(again.notifier.shown).toEqual([])
    expect(shownBefore).toBe(s.notifier.shown.length)
  })

  it('in the demo: Connect does not open the real sign-in, a sample job has no Upwork page, and the Demo account is named in the language in force', async () => {
    const s = setup()
    await s.host.start()
    await s.call('workspace:enterDemo')
    const connect = await dispatch(s.host.dispatchOptions, 'upwork:connect', undefined)
    expect(connect).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/sample account.*leave the demo/) } })
    expect((await s.call('upwork:getAccount')).state).toBe('connected')

    await searchesRan(s, START)
    const job = await s.call('jobs:get', { id: (await s.call('jobs:list', {})).items[0]!.id })
    expect(job.url).toMatch(/^https:\/\/www\.upwork\.com\/jobs\/~02demo/)
    const open = await dispatch(s.host.dispatchOptions, 'shell:openExternal', { url: job.url })
    expect(open).toMatchObject({ ok: false, error: { code: 'unavailable', message: 'This is a sample job from the demo workspace: it is not on Upwork.' } })
    // Other links are the shell's to vet as usual.
    expect(await dispatch(s.host.dispatchOptions, 'shell:openExternal', { url: 'https://www.upwork.com/nx/find-work/' })).toMatchObject({ ok: true })

    const events: Array<{ userName?: string }> = []
    s.host.bus.on('upwork:account', (a) => void events.push(a))
    await s.call('settings:update', { language: 'uk' })
    const account = await s.call('upwork:getAccount')
    expect(account).toMatchObject({ userName: 'Демо-акаунт', organizations: [{ id: 'demo-org', name: 'Демо-акаунт' }] })
    expect(await dispatch(s.host.dispatchOptions, 'upwork:connect', undefined)).toMatchObject({ ok: false, error: { message: expect.stringContaining('вийдіть із демо') } })
    // What the account file holds (written once, in English) reaches the window renamed too.
    s.host.core.bus.emit('upwork:account', { ...account, userName: 'Demo account' })
    expect(events.at(-1)?.userName).toBe('Демо-акаунт')
    await s.call('settings:update', { language: 'en' })
    expect((await s.call('upwork:getAccount')).userName).toBe('Demo account')
  })

  it('the real workspace is untouched by the demo rules: its Connect and its links reach the core', async () => {
    const s = setup()
    await s.host.start()
    const demoLink = await dispatch(s.host.dispatchOptions, 'shell:openExternal', { url: 'https://www.upwork.com/jobs/~02demo00000001' })
    expect(demoLink).toMatchObject({ ok: true })
    const connect = await dispatch(s.host.dispatchOptions, 'upwork:connect', undefined)
    // No API key saved: the connection's own refusal, not the demo's.
    expect(connect.ok ? '' : connect.error.message).not.toMatch(/demo/i)
  })

  it('leaving deletes the demo folder and the marker, and the real folder and keychain are byte-identical to before the demo', async () => {
    const s = setup()
    await s.host.start()
    // The user's own workspace has something in it.
    await s.call('settings:update', { theme: 'dark' })
    await s.call('upwork:saveCredentials', { clientId: 'real-client-id-123', clientSecret: 'real-client-secret-456' })
    await s.call('workspace:enterDemo')
    const before = snapshot(s.dataDir)
    const secretsBefore = await secretsOf(s.realSecrets)
    expect(before.size).toBeGreaterThan(2)
    expect(secretsBefore['upwork.clientId']).toBe('real-client-id-123')

    // The demo does what users do: polls, statuses, settings, a disconnect and new key.
    await searchesRan(s, START)
    const job = (await s.call('jobs:list', {})).items[0]!
    await s.call('jobs:setStatus', { id: job.id, status: 'saved' })
    await s.call('settings:update', { theme: 'light', notifications: { minScore: 10 } })
    await s.call('upwork:disconnect', { forgetKey: true })
    await s.call('upwork:saveCredentials', { clientId: 'typed-in-demo', clientSecret: 'typed-in-demo-secret' })

    let atReopen: Map<string, string> | null = null
    s.beforeOpen.push((spec) => {
      if (spec.kind === 'real') atReopen = snapshot(s.dataDir)
    })
    expect(await s.call('workspace:leaveDemo')).toEqual({ kind: 'real', demoStartedAt: null })
    expect(existsSync(join(s.dataDir, DEMO_DIR_NAME))).toBe(false)
    expect(existsSync(join(s.dataDir, ACTIVE_WORKSPACE_FILE))).toBe(false)
    // Between closing the demo and reopening the real workspace: every real file as it was.
    expect(atReopen).toEqual(before)
    expect(await secretsOf(s.realSecrets)).toEqual(secretsBefore)
    // And the real workspace is the user's again.
    expect((await s.call('settings:get')).theme).toBe('dark')
    expect((await s.call('app:getInfo')).dataDir).toBe(s.dataDir)
    expect((await s.call('jobs:list', {})).total).toBe(0)
  })

  it('follows the open core: the old core is closed, its events stop, the demo poller stops when leaving', async () => {
    const s = setup()
    await s.host.start()
    const real = s.host.core
    const relayed: string[] = []
    s.host.bus.onAny((event) => void relayed.push(event))
    await s.call('workspace:enterDemo')
    real.bus.emit('app:navigate', { area: 'settings' })
    expect(relayed).not.toContain('app:navigate')
    const demo = s.host.core
    expect(demo).not.toBe(real)
    const demoScheduler = s.schedulers.find((x) => x.kind === 'demo')!.scheduler
    expect(demoScheduler.active).toBeGreaterThan(0)
    expect(s.schedulers[0]!.scheduler.active).toBe(0) // the real core's poller stopped on entering

    await s.call('workspace:leaveDemo')
    expect(demoScheduler.active).toBe(0)
    relayed.length = 0
    demo.bus.emit('app:navigate', { area: 'settings' })
    s.host.core.bus.emit('app:navigate', { area: 'jobs' })
    expect(relayed).toEqual(['app:navigate'])
    // Entering and leaving twice is fine, and leaving while in the real workspace changes nothing.
    expect(await s.call('workspace:leaveDemo')).toEqual({ kind: 'real', demoStartedAt: null })
  })

  it('answers "switching" while no core is open, and a demo that fails to open leaves the user where they were', async () => {
    const s = setup()
    await s.host.start()
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    let arrived!: () => void
    const opening = new Promise<void>((r) => (arrived = r))
    s.beforeOpen.push(async (spec) => {
      if (spec.kind !== 'demo') return
      arrived()
      await gate
      throw new Error('disk full')
    })
    const entering = s.call('workspace:enterDemo')
    await opening
    const mid = await dispatch(s.host.dispatchOptions, 'app:getInfo', undefined)
    expect(mid).toMatchObject({ ok: false, error: { code: 'unavailable', message: 'GigPilot is switching workspaces. Try again in a moment.' } })
    release()
    await expect(entering).rejects.toThrow(/internal/)
    expect(s.host.info()).toEqual({ kind: 'real', demoStartedAt: null })
    expect((await s.call('app:getInfo')).dataDir).toBe(s.dataDir)
    expect(existsSync(join(s.dataDir, DEMO_DIR_NAME))).toBe(false)
    expect(existsSync(join(s.dataDir, ACTIVE_WORKSPACE_FILE))).toBe(false)
  })

  it('a marker left behind without a demo folder opens the real workspace and is removed', async () => {
    const s = setup()
    mkdirSync(s.dataDir, { recursive: true })
    const { writeFileSync } = await import('node:fs')
    writeFileSync(join(s.dataDir, ACTIVE_WORKSPACE_FILE), JSON.stringify({ active: 'demo' }))
    expect((await s.host.start()).kind).toBe('real')
    expect(existsSync(join(s.dataDir, ACTIVE_WORKSPACE_FILE))).toBe(false)
  })
})
