import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChannelName, ChannelOutput } from '@shared/contract'
import { KNOWN } from '../../../tools/fake-upwork/seed'
import { MIGRATIONS_DIR } from '../db/test-support/temp-files'
import { dispatch } from '../ipc/dispatch'
import { createLogger } from '../logging/create-logger'
import type { AppNotification } from '../ports/notifier'
import { ManualScheduler } from '../scheduler/manual-scheduler'
import { MemorySecretStore } from '../secrets/memory-secret-store'
import { createNodeSettingsStore } from '../settings/create-node-settings-store'
import { OffsetClock } from '../test-support/clocks'
import { browse, FAKE_CLIENT, useFakeUpwork } from '../test-support/fake-upwork'
import { freePort } from '../test-support/free-port'
import { createCore, type Core } from './create-core'
import { WorkspaceHost } from './workspace-host'

/**
 * Client messages through the real composition root (create-core: the messaging module with the
 * connection's account, the shared limiter, notifications, outcomes) against the fake Upwork over
 * HTTP: a restart — a new core on the same data folder — never notifies a message twice.
 */
const upwork = useFakeUpwork({ autoApprove: true })
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

function open(dataDir: string, clock: OffsetClock, secrets: MemorySecretStore, shown: AppNotification[]) {
  const host = new WorkspaceHost({
    dataDir,
    clock,
    openCore: async (spec): Promise<Core> => {
      const logger = createLogger({ dataDir: spec.dataDir, level: 'warn' })
      return createCore({
        runtime: 'harness',
        appVersion: '0.0.0-test',
        platform: process.platform,
        dataDir: spec.dataDir,
        migrationsDir: MIGRATIONS_DIR,
        env: { UPWORK_AUTH_URL: upwork.fake.authorizeUrl, UPWORK_TOKEN_URL: upwork.fake.tokenUrl, UPWORK_GRAPHQL_URL: upwork.fake.graphqlUrl },
        logger,
        redact: (s) => s,
        clock,
        settings: createNodeSettingsStore({ dataDir: spec.dataDir, logger }),
        secrets: { store: secrets, status: { backend: secrets.backend, persistent: true, message: 'test' } },
        notifier: { notify: (n) => void shown.push(n) },
        openBrowser: async (url) => void (await browse(url)),
        openExternal: async () => undefined,
        workspace: spec.workspace,
        scheduler: new ManualScheduler()
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

describe('messaging through the composition root', () => {
  it('history is not notified; a new client message is, once; a new core on the same data folder does not notify it again', async () => {
    expect((await fetch(`${upwork.fake.url}/__control/reset`, { method: 'POST' })).status).toBe(200)
    const dataDir = mkdtempSync(join(tmpdir(), 'gigpilot-messaging-core-'))
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const clock = new OffsetClock()
    const secrets = new MemorySecretStore()
    const shown: AppNotification[] = []
    const messages = () => shown.filter((n) => n.title.startsWith('New message'))

    let app = open(dataDir, clock, secrets, shown)
    cleanups.push(() => app.host.close().catch(() => undefined))
    await app.host.start()
    await app.call('settings:update', { upwork: { callbackPort: await freePort() } })
    await app.call('upwork:saveCredentials', FAKE_CLIENT)
    await app.call('upwork:connect')
    await vi.waitFor(async () => expect((await app.call('upwork:getAccount')).state).toBe('connected'))

    const first = await app.call('messaging:syncNow')
    expect(first).toMatchObject({ backfillDone: true, error: null, threads: KNOWN.roomIds.length })
    expect(messages()).toEqual([])

    upwork.fake.postClientMessage(KNOWN.roomIds[0], 'Before the restart')
    await app.call('messaging:syncNow')
    expect(messages().map((n) => n.body)).toEqual(['Before the restart'])

    await app.host.close()
    app = open(dataDir, clock, secrets, shown)
    await app.host.start()
    expect((await app.call('upwork:getAccount')).state).toBe('connected')
    await app.call('messaging:syncNow')
    expect(messages()).toHaveLength(1)
    const thread = await app.call('messaging:thread', { roomId: KNOWN.roomIds[0] })
    expect(thread.messages.at(-1)!.text).toBe('Before the restart')

    upwork.fake.postClientMessage(KNOWN.roomIds[2], 'After the restart')
    await app.call('messaging:syncNow')
    expect(messages().map((n) => n.body)).toEqual(['Before the restart', 'After the restart'])
  })
})
