import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { KNOWN } from '../../../tools/fake-upwork/seed'
import type { AppNotification } from '../ports/notifier'
import { MemorySecretStore } from '../secrets/memory-secret-store'
import { OffsetClock } from '../test-support/clocks'
import { browse, FAKE_CLIENT, useFakeUpwork } from '../test-support/fake-upwork'
import { freePort } from '../test-support/free-port'
import { openTestWorkspaceHost } from './test-support/test-workspace-host'

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
  return openTestWorkspaceHost({
    dataDir,
    clock,
    secrets: { store: secrets, status: { backend: secrets.backend, persistent: true, message: 'test' } },
    notifier: { notify: (n) => void shown.push(n) },
    core: () => ({
      env: { UPWORK_AUTH_URL: upwork.fake.authorizeUrl, UPWORK_TOKEN_URL: upwork.fake.tokenUrl, UPWORK_GRAPHQL_URL: upwork.fake.graphqlUrl },
      openBrowser: async (url) => void (await browse(url))
    })
  })
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
