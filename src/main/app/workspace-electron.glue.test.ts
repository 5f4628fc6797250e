/**
 * Glue test of Electron's composition root (src/main/index.ts) through the workspace host: the
 * real index.ts runs with the `electron` module replaced (there is no Electron binary here), on a
 * temporary data folder, with real cores (SQLite, settings files, logs). electron-store is given
 * its own base class, `conf` (electron-store is conf plus Electron's paths; same file format),
 * because it imports the real `electron` from node_modules, which the mock cannot reach.
 *
 * What it pins: IPC is registered once, and after a workspace switch the same registered handlers
 * answer from the new core; the window is told (`workspace:changed`, on which the renderer starts
 * over) and hears only the open core's events; quitting closes the open core.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { channelNames } from '@shared/contract'
import type { IpcResult } from '@shared/ipc-result'
import { DEMO_DIR_NAME } from '../demo/demo-workspace'

type Handler = (event: unknown, input?: unknown) => Promise<IpcResult<unknown>>

const e = vi.hoisted(() => {
  const handlers = new Map<string, Handler>()
  const registrations: string[] = []
  const appListeners = new Map<string, (...args: unknown[]) => void>()
  const sent: Array<{ event: string; payload: unknown }> = []
  const windows: unknown[] = []
  const exits: number[] = []
  return { handlers, registrations, appListeners, sent, windows, exits, dataDir: '' }
})

vi.mock('electron-store', async () => ({ default: (await import('conf')).default }))
vi.mock('electron', () => {
  const noop = (): void => undefined
  class FakeWindow {
    webContents = { on: noop, setWindowOpenHandler: noop, send: (event: string, payload: unknown) => void e.sent.push({ event, payload }) }
    constructor() {
      e.windows.push(this)
    }
    once = noop
    loadURL = (): Promise<void> => Promise.resolve()
    isDestroyed = (): boolean => false
    isMinimized = (): boolean => false
    show = noop
    focus = noop
    restore = noop
  }
  return {
    app: {
      isPackaged: false,
      whenReady: () => Promise.resolve(),
      requestSingleInstanceLock: () => true,
      getPath: () => e.dataDir,
      setPath: noop,
      getVersion: () => '0.0.0-glue',
      getAppPath: () => process.cwd(),
      getPreferredSystemLanguages: () => ['en-US'],
      getLocale: () => 'en',
      setBadgeCount: noop,
      on: (name: string, fn: (...args: unknown[]) => void) => void e.appListeners.set(name, fn),
      quit: noop,
      relaunch: noop,
      exit: (code: number) => void e.exits.push(code)
    },
    ipcMain: {
      handle: (name: string, fn: Handler) => {
        e.registrations.push(name)
        e.handlers.set(name, fn)
      },
      removeHandler: (name: string) => void e.handlers.delete(name)
    },
    safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text' },
    session: { defaultSession: { setPermissionRequestHandler: noop, setPermissionCheckHandler: noop, setDevicePermissionHandler: noop } },
    shell: { openExternal: () => Promise.resolve() },
    BrowserWindow: FakeWindow,
    Tray: class {
      on = noop
      setToolTip = noop
      setContextMenu = noop
      setTitle = noop
      destroy = noop
    },
    Menu: { buildFromTemplate: (items: unknown[]) => items },
    nativeImage: { createFromPath: () => ({ isEmpty: () => true }), createEmpty: () => ({}) },
    Notification: Object.assign(class {}, { isSupported: () => false }),
    protocol: { handle: noop, registerSchemesAsPrivileged: noop },
    net: { isOnline: () => true, fetch: () => Promise.reject(new Error('no network in the glue test')) },
    powerMonitor: { on: noop, removeListener: noop },
    dialog: { showMessageBox: () => Promise.resolve({ response: 0 }) },
    clipboard: { writeText: noop }
  }
})

const trusted = { senderFrame: { url: 'app://gigpilot/index.html', parent: null } }
async function call<T>(name: string, input?: unknown): Promise<T> {
  const result = await e.handlers.get(name)!(trusted, input)
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

let processListeners: { uncaught: unknown[]; rejection: unknown[] }
const savedEnv = process.env.GIGPILOT_DATA_DIR

beforeAll(async () => {
  e.dataDir = mkdtempSync(join(tmpdir(), 'gigpilot-electron-glue-'))
  process.env.GIGPILOT_DATA_DIR = e.dataDir
  processListeners = { uncaught: process.listeners('uncaughtException'), rejection: process.listeners('unhandledRejection') }
  await import('../index')
  // start() runs on its own: done once the window exists (after IPC is registered).
  await vi.waitFor(() => expect(e.windows).toHaveLength(1), { timeout: 20_000 })
})

afterAll(async () => {
  // Quit as the tray does: before-quit closes the open core, then exits.
  e.appListeners.get('before-quit')?.({ preventDefault: () => undefined })
  await vi.waitFor(() => expect(e.exits).toEqual([0]), { timeout: 20_000 })
  for (const l of process.listeners('uncaughtException')) if (!processListeners.uncaught.includes(l)) process.off('uncaughtException', l as never)
  for (const l of process.listeners('unhandledRejection')) if (!processListeners.rejection.includes(l)) process.off('unhandledRejection', l as never)
  if (savedEnv === undefined) delete process.env.GIGPILOT_DATA_DIR
  else process.env.GIGPILOT_DATA_DIR = savedEnv
  rmSync(e.dataDir, { recursive: true, force: true })
})

describe('Electron main through the workspace host', () => {
  it('registers each contract channel once, on the real workspace', async () => {
    expect([...e.registrations].sort()).toEqual([...channelNames].sort())
    expect((await call<{ dataDir: string }>('app:getInfo')).dataDir).toBe(e.dataDir)
    expect(await call('workspace:get')).toEqual({ kind: 'real', demoStartedAt: null })
  })

  it('entering the demo re-routes the same IPC handlers to the demo core and tells the window; leaving routes back', async () => {
    const before = new Map(e.handlers)
    e.sent.length = 0
    const info = await call<{ kind: string }>('workspace:enterDemo')
    expect(info.kind).toBe('demo')
    // The window is told (the renderer starts over on it), with the new workspace.
    expect(e.sent.filter((s) => s.event === 'workspace:changed').map((s) => s.payload)).toEqual([info])
    // Nothing was registered again: the handlers already in ipcMain now answer from the demo's core.
    expect(e.registrations).toHaveLength(channelNames.length)
    expect(new Map(e.handlers)).toEqual(before)
    expect((await call<{ dataDir: string }>('app:getInfo')).dataDir).toBe(join(e.dataDir, DEMO_DIR_NAME))
    expect(await call('upwork:getAccount')).toMatchObject({ state: 'connected', userName: 'Demo account' })
    // The demo's searches, not the real workspace's (which has none).
    expect((await call<Array<{ name: string }>>('searches:list')).map((s) => s.name)).toEqual(['React', 'Node.js'])

    e.sent.length = 0
    expect(await call('workspace:leaveDemo')).toEqual({ kind: 'real', demoStartedAt: null })
    expect(e.sent.filter((s) => s.event === 'workspace:changed').map((s) => s.payload)).toEqual([{ kind: 'real', demoStartedAt: null }])
    expect((await call<{ dataDir: string }>('app:getInfo')).dataDir).toBe(e.dataDir)
    expect(await call('searches:list')).toEqual([])
    expect(await call('upwork:getAccount')).toMatchObject({ state: 'not_configured' })
  })

  it('a second visit to the demo: a foreign sender is still refused, and the demo log is written again (its folder was deleted on leaving)', async () => {
    await call('workspace:enterDemo')
    const foreign = await e.handlers.get('app:getInfo')!({ senderFrame: { url: 'https://evil.example/', parent: null } })
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } })
    expect(readFileSync(join(e.dataDir, DEMO_DIR_NAME, 'logs', 'main.log'), 'utf8')).toContain('IPC refused: untrusted sender')
    await call('workspace:leaveDemo')
  })
})
