import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../test-support/memory-logger'
import { chooseSecretStore, SECRET_STATUS_MESSAGES } from './choose-secret-store'
import type { KeytarLike } from './keytar-like'
import { AesSafeStorage } from './test-support/aes-safe-storage'
import { SlowKeytar } from './test-support/slow-keytar'

const run = promisify(execFile)
const tempDir = () => mkdtempSync(join(tmpdir(), 'gigpilot-choose-'))

/** A keytar whose every call fails the way keytar does without a session bus. */
const noBusKeytar: KeytarLike = {
  getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  setPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  deletePassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'))
}

describe('chooseSecretStore fallbacks', () => {
  it.runIf(process.platform === 'linux')(
    'falls back when the REAL keytar cannot reach D-Bus (child process with no session bus)',
    async () => {
      const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/gigpilot-test-bus' }
      delete env.DISPLAY
      delete env.WAYLAND_DISPLAY
      const script = resolve(import.meta.dirname, 'test-support/choose-in-child.ts')
      const { stdout } = await run(process.execPath, ['--import', 'tsx', script, `GigPilot-test-${randomUUID()}`], {
        env,
        cwd: resolve(import.meta.dirname, '../../..'),
        timeout: 30_000
      })
      const result = JSON.parse(stdout) as {
        withoutSafeStorage: { status: { backend: string; persistent: boolean; message: string; detail: string }; storeBackend: string }
        withSafeStorage: { status: { backend: string; persistent: boolean; message: string; detail: string }; storeBackend: string }
      }
      expect(result.withoutSafeStorage.storeBackend).toBe('memory')
      expect(result.withoutSafeStorage.status).toMatchObject({
        backend: 'memory',
        persistent: false,
        message: SECRET_STATUS_MESSAGES.memoryLinux
      })
      // The detail carries keytar's own error, e.g. "Could not connect: No such file or directory".
      expect(result.withoutSafeStorage.status.detail).toMatch(/^System keychain: .*(connect|D-Bus|DBus)/i)
      expect(result.withSafeStorage.status).toMatchObject({
        backend: 'safe-storage',
        persistent: true,
        message: SECRET_STATUS_MESSAGES.safeStorage
      })
    },
    40_000
  )

  it('uses safeStorage when keytar rejects, and the store persists across instances', async () => {
    const dataDir = tempDir()
    const safeStorage = new AesSafeStorage({ backend: 'gnome_libsecret' })
    const first = await chooseSecretStore({ keytar: noBusKeytar, safeStorage, dataDir, logger: createMemoryLogger() })
    expect(first.status.backend).toBe('safe-storage')
    expect(first.status.message).toBe(
      'No system keychain answered, so secrets are encrypted with Electron safeStorage in your data folder.'
    )
    await first.store.set('openai.apiKey', 'sk-persisted-0123456789')
    const second = await chooseSecretStore({ keytar: noBusKeytar, safeStorage, dataDir, logger: createMemoryLogger() })
    await expect(second.store.get('openai.apiKey')).resolves.toBe('sk-persisted-0123456789')
  })

  it('gives up on a keychain that hangs (locked, waiting for a prompt) after the probe timeout', async () => {
    const started = Date.now()
    const logger = createMemoryLogger()
    const { status } = await chooseSecretStore({
      keytar: new SlowKeytar(() => Infinity),
      safeStorage: new AesSafeStorage({ backend: 'kwallet5' }),
      dataDir: tempDir(),
      logger,
      probeTimeoutMs: 150
    })
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(status.backend).toBe('safe-storage')
    expect(status.detail).toMatch(/did not answer within 150 ms/)
    expect(logger.lines('warn').join('\n')).toMatch(/System keychain unavailable/)
  })

  it('refuses safeStorage on Linux basic_text: memory only, not persistent, nothing written', async () => {
    const dataDir = tempDir()
    const { store, status } = await chooseSecretStore({
      keytar: noBusKeytar,
      safeStorage: new AesSafeStorage({ backend: 'basic_text' }),
      dataDir,
      logger: createMemoryLogger(),
      platform: 'linux'
    })
    expect(status).toMatchObject({
      backend: 'memory',
      persistent: false,
      message:
        'No secure storage is available on this system (Linux without a keyring): secrets are kept in memory only ' +
        'and you will need to enter them again after a restart. Install and unlock gnome-keyring or KWallet to keep them.'
    })
    expect(status.detail).toMatch(/basic_text/)
    expect(store.backend).toBe('memory')
    await store.set('upwork.refreshToken', 'memory-only-token')
    await expect(store.get('upwork.refreshToken')).resolves.toBe('memory-only-token')
    expect(readdirSync(dataDir)).toEqual([])
  })

  it('uses memory when safeStorage cannot encrypt, or there is neither keytar nor safeStorage', async () => {
    const unavailable = await chooseSecretStore({
      keytar: noBusKeytar,
      safeStorage: new AesSafeStorage({ available: false }),
      dataDir: tempDir(),
      logger: createMemoryLogger(),
      platform: 'darwin'
    })
    expect(unavailable.status).toMatchObject({ backend: 'memory', persistent: false, message: SECRET_STATUS_MESSAGES.memory })
    expect(unavailable.status.detail).toMatch(/safeStorage: encryption is not available/)

    const nothing = await chooseSecretStore({ dataDir: tempDir(), logger: createMemoryLogger(), keytarLoadError: 'libsecret-1.so.0: cannot open' })
    expect(nothing.status.backend).toBe('memory')
    expect(nothing.status.detail).toMatch(/libsecret-1\.so\.0/)
  })

  it('accepts safeStorage without a backend name (macOS/Windows)', async () => {
    const dataDir = tempDir()
    const { status, store } = await chooseSecretStore({
      keytar: null,
      safeStorage: new AesSafeStorage(),
      dataDir,
      logger: createMemoryLogger()
    })
    expect(status.backend).toBe('safe-storage')
    await store.set('upwork.clientSecret', 'client-secret-value')
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(true)
  })
})
