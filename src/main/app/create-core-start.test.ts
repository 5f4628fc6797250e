import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createLogger } from '../logging/create-logger'
import { redact } from '../logging/redact'
import { systemClock } from '../ports/clock'
import { MemorySecretStore } from '../secrets/memory-secret-store'
import { createNodeSettingsStore } from '../settings/create-node-settings-store'
import { createCore, type CoreOptions, type CoreSecrets } from './create-core'
import { databaseFileOf } from './data-dir'
import { standaloneWorkspaceModule } from './workspace-module'

/** Start-up order (cold start): the secret store's choice (the keychain probe) runs while the database opens. */
let dataDir: string
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'gigpilot-start-'))
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

const options = (secrets: CoreOptions['secrets']): CoreOptions => {
  const logger = createLogger({ dataDir, level: 'debug', console: false })
  return {
    runtime: 'harness',
    appVersion: 'test',
    platform: process.platform,
    dataDir,
    migrationsDir: resolve(__dirname, '../../../prisma/migrations'),
    env: {},
    logger,
    redact,
    clock: systemClock,
    settings: createNodeSettingsStore({ dataDir, logger }),
    secrets,
    notifier: { notify: () => undefined },
    openBrowser: async () => undefined,
    openExternal: async () => undefined,
    workspace: standaloneWorkspaceModule()
  }
}

const memory = (): CoreSecrets => ({ store: new MemorySecretStore(), status: { backend: 'memory', persistent: false, message: 'memory' } })

describe('createCore: the secret store is chosen while the database opens', () => {
  it('opens the database before the secret store is known, then uses the store it is given', async () => {
    let choose!: (s: CoreSecrets) => void
    const chosen = new Promise<CoreSecrets>((r) => (choose = r))
    const starting = createCore(options(chosen))
    // The database is being opened (its file made) while the keychain probe is still running.
    await vi.waitFor(() => expect(existsSync(databaseFileOf(dataDir))).toBe(true))
    choose(memory())
    const core = await starting
    try {
      expect(core.status().secretStorage.backend).toBe('memory')
      expect(await core.db.prisma.proposal.count()).toBe(0)
    } finally {
      await core.close()
    }
  })

  it('a failed choice fails the start and closes the database it opened (the file can be opened again)', async () => {
    await expect(createCore(options(Promise.reject(new Error('keychain exploded'))))).rejects.toThrow('keychain exploded')
    const core = await createCore(options(memory()))
    await core.close()
  })
})
