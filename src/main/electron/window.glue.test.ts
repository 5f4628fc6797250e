import { describe, expect, it, vi } from 'vitest'
import { createMemoryLogger } from '../test-support/memory-logger'

/** Only `electron` is replaced: BrowserWindow records its options and the handlers GigPilot installs. */
const openExternal = vi.fn(async () => undefined)
const contentsHandlers = new Map<string, (...args: unknown[]) => unknown>()
let windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null
let lastOptions: Record<string, unknown> | null = null

vi.mock('electron', () => ({
  shell: { openExternal },
  BrowserWindow: class {
    webContents = {
      on: (name: string, fn: (...args: unknown[]) => unknown) => contentsHandlers.set(name, fn),
      setWindowOpenHandler: (fn: typeof windowOpenHandler) => (windowOpenHandler = fn)
    }
    constructor(options: Record<string, unknown>) {
      lastOptions = options
    }
    once(): void {}
    loadURL(): Promise<void> {
      return Promise.resolve()
    }
  }
}))

describe('createMainWindow', async () => {
  const { createMainWindow } = await import('./window')
  createMainWindow({
    preloadPath: '/app/out/preload/index.cjs',
    startUrl: 'app://gigpilot/index.html',
    trustedOrigins: ['app://gigpilot'],
    iconPath: '/icon.png',
    logger: createMemoryLogger(),
    devTools: false
  })

  it('uses secure web preferences', () => {
    expect(lastOptions!.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      devTools: false
    })
  })

  it('blocks navigation away from the app', () => {
    const navigate = contentsHandlers.get('will-navigate')!
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'https://www.upwork.com/', 'app://gigpilot.evil/']) {
      const event = { preventDefault: vi.fn() }
      navigate(event, url)
      expect(event.preventDefault, url).toHaveBeenCalled()
    }
    const inside = { preventDefault: vi.fn() }
    navigate(inside, 'app://gigpilot/index.html#settings')
    expect(inside.preventDefault).not.toHaveBeenCalled()
  })

  it('denies every window.open and hands only Upwork https links to the system browser', () => {
    openExternal.mockClear()
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'smb://host/share', 'https://upwork.com.attacker.example/', 'http://www.upwork.com/']) {
      expect(windowOpenHandler!({ url })).toEqual({ action: 'deny' })
    }
    expect(openExternal).not.toHaveBeenCalled()
    expect(windowOpenHandler!({ url: 'https://www.upwork.com/jobs/~01abc' })).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledTimes(1)
    expect(openExternal).toHaveBeenCalledWith('https://www.upwork.com/jobs/~01abc')
  })

  it('refuses to attach webviews', () => {
    const event = { preventDefault: vi.fn() }
    contentsHandlers.get('will-attach-webview')!(event)
    expect(event.preventDefault).toHaveBeenCalled()
  })
})
