import { BrowserWindow, shell, type WebPreferences } from 'electron'
import { join } from 'node:path'
import type { Logger } from '../logging/logger'
import { vetExternalUrl } from '../security/external-url'

/** The web preferences every GigPilot window uses; checked by the glue tests and the Electron smoke test. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: true
  }
}

export interface MainWindowOptions {
  preloadPath: string
  /** app://gigpilot/index.html in production, the Vite dev server in development. */
  startUrl: string
  trustedOrigins: readonly string[]
  iconPath: string
  logger: Logger
  devTools: boolean
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'GigPilot',
    icon: opts.iconPath,
    autoHideMenuBar: true,
    webPreferences: { ...secureWebPreferences(opts.preloadPath), devTools: opts.devTools }
  })
  hardenWebContents(win, opts)
  win.once('ready-to-show', () => win.show())
  void win.loadURL(opts.startUrl)
  return win
}

/** Navigation and new windows are denied; vetted Upwork links go to the system browser. */
function hardenWebContents(win: BrowserWindow, opts: MainWindowOptions): void {
  const contents = win.webContents
  contents.on('will-navigate', (event, url) => {
    const origin = safeOrigin(url)
    if (origin && opts.trustedOrigins.includes(origin)) return
    event.preventDefault()
    opts.logger.warn('Navigation blocked', { url })
  })
  contents.on('will-redirect', (event, url) => {
    const origin = safeOrigin(url)
    if (!origin || !opts.trustedOrigins.includes(origin)) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    const vetted = vetExternalUrl(url)
    if (vetted) void shell.openExternal(vetted)
    else opts.logger.warn('window.open blocked', { url })
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

function safeOrigin(raw: string): string | null {
  try {
    const u = new URL(raw)
    return `${u.protocol}//${u.host}`
  } catch {
    return null
  }
}

export const preloadPathFrom = (mainDir: string): string => join(mainDir, '../preload/index.cjs')
