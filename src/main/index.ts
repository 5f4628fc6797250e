/**
 * The Electron composition root: it creates the adapters, builds the core services, and wires
 * IPC, the window, the tray and notifications. It holds no logic of its own.
 */
import { app, ipcMain, safeStorage, session, shell, type BrowserWindow } from 'electron'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AREAS } from '@shared/types'
import { createCore } from './app/create-core'
import { WorkspaceHost } from './app/workspace-host'
import { databaseFileOf, resolveDataDir } from './app/data-dir'
import { DatabaseCorruptError } from './db/errors'
import { restoreLatestBackup } from './db/restore-backup'
import { ElectronNotifier } from './electron/electron-notifier'
import { createElectronOnlineStatus, createElectronPowerMonitor } from './electron/power-monitor'
import { registerIpc } from './electron/ipc'
import { denyAllPermissions } from './electron/permissions'
import { APP_ORIGIN, handleAppScheme, registerAppSchemePrivileges } from './electron/protocol'
import { showStartupError, startupErrorMessage } from './electron/startup-error'
import { electronSystemLanguages } from './electron/system-languages'
import { AppTray } from './electron/tray'
import { createMainWindow, preloadPathFrom } from './electron/window'
import { createMainI18n } from './i18n/main-translator'
import { createLogger } from './logging/create-logger'
import { redact } from './logging/redact'
import { systemClock } from './ports/clock'
import { chooseSecretStore } from './secrets/choose-secret-store'
import { loadKeytar } from './secrets/keytar-like'
import { createElectronSettingsStore } from './settings/create-electron-settings-store'

const mainDir = fileURLToPath(new URL('.', import.meta.url))
// Only a development build may load the renderer from a dev server (and trust its origin for IPC).
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const dataDir = resolveDataDir(process.env, app.getPath('userData'))
/** Icons ship beside the asar when packaged (electron-builder extraResources), in resources/ in development. */
const resourcePath = (name: string): string =>
  app.isPackaged ? join(process.resourcesPath, 'icons', name) : join(mainDir, '../../resources', name)
if (process.env.GIGPILOT_DATA_DIR) app.setPath('userData', dataDir)

registerAppSchemePrivileges()

if (!app.requestSingleInstanceLock()) {
  // Another GigPilot is running on this data folder: it gets focus (second-instance), we leave.
  app.quit()
} else {
  void start()
}

async function start(): Promise<void> {
  await app.whenReady()
  const logger = createLogger({ dataDir, level: app.isPackaged ? 'info' : 'debug', console: !app.isPackaged })
  process.on('uncaughtException', (e) => logger.error('Uncaught exception', { error: e.stack ?? e.message }))
  process.on('unhandledRejection', (e) => logger.error('Unhandled rejection', { error: String(e) }))

  const settings = await createElectronSettingsStore({ dataDir, logger })
  // Start-up dialogs speak the language of the settings ('system' = the OS's); the tray follows the open workspace.
  const i18n = createMainI18n(settings, electronSystemLanguages)
  const { t } = i18n
  const { keytar, error: keytarLoadError } = await loadKeytar()
  // Not awaited: the keychain probe (~30 ms) runs while createCore opens the database.
  const secrets = chooseSecretStore({ keytar, safeStorage, dataDir, logger, ...(keytarLoadError ? { keytarLoadError } : {}) })
  const notifier = new ElectronNotifier()
  const power = createElectronPowerMonitor()
  const online = createElectronOnlineStatus()

  // The real workspace (this data folder, the keychain) or the demo's (its own folder, demo secrets, sample jobs).
  const host = new WorkspaceHost({
    dataDir,
    clock: systemClock,
    logger,
    openCore: async (spec) => {
      const real = spec.kind === 'real'
      const wsLogger = real ? logger : createLogger({ dataDir: spec.dataDir, level: app.isPackaged ? 'info' : 'debug', console: !app.isPackaged })
      return createCore({
        runtime: 'electron',
        appVersion: app.getVersion(),
        platform: process.platform,
        dataDir: spec.dataDir,
        migrationsDir: app.isPackaged ? join(process.resourcesPath, 'migrations') : join(app.getAppPath(), 'prisma/migrations'),
        env: process.env,
        logger: wsLogger,
        redact,
        clock: systemClock,
        settings: real ? settings : await createElectronSettingsStore({ dataDir: spec.dataDir, logger: wsLogger }),
        secrets: spec.secrets ?? secrets,
        notifier: spec.decorateNotifier ? spec.decorateNotifier(notifier) : notifier,
        openBrowser: (url) => shell.openExternal(url),
        openExternal: (url) => shell.openExternal(url),
        systemLanguages: electronSystemLanguages,
        power,
        online,
        workspace: spec.workspace,
        exportDir: app.getPath('downloads'),
        revealFile: (path) => shell.showItemInFolder(path),
        ...(spec.upworkFetch ? { upworkFetch: spec.upworkFetch } : {})
      })
    }
  })
  try {
    await host.start()
  } catch (e) {
    logger.error('Start-up failed', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) })
    const damaged = e instanceof DatabaseCorruptError
    const outcome = await showStartupError({
      message: startupErrorMessage(e, t),
      detail: t('startup.detail', { dataDir, logsDir: join(dataDir, 'logs') }),
      t,
      ...(damaged
        ? {
            restore: async () => {
              const r = await restoreLatestBackup({ file: databaseFileOf(dataDir), backupDir: join(dataDir, 'backups') })
              return t('startup.restored.detail', { backup: r.restoredFrom, damaged: r.damagedCopy })
            }
          }
        : {})
    })
    if (outcome === 'restored') app.relaunch()
    app.exit(outcome === 'restored' ? 0 : 1)
    return
  }

  const trustedOrigins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN]
  handleAppScheme(join(mainDir, '../renderer'))
  denyAllPermissions(session.defaultSession)
  // Not spread: the host's dispatch options are getters that follow the open workspace's core.
  registerIpc(ipcMain, Object.assign(Object.create(host.dispatchOptions) as typeof host.dispatchOptions, { trustedOrigins }))

  let window: BrowserWindow | null = null
  const showWindow = (): BrowserWindow => {
    if (!window || window.isDestroyed()) {
      window = createMainWindow({
        preloadPath: preloadPathFrom(mainDir),
        startUrl: devServerUrl ?? `${APP_ORIGIN}/index.html`,
        trustedOrigins,
        iconPath: resourcePath('icon.png'),
        logger,
        devTools: !app.isPackaged
      })
    }
    if (window.isMinimized()) window.restore()
    window.show()
    window.focus()
    return window
  }
  host.bus.onAny((event, payload) => {
    if (window && !window.isDestroyed()) window.webContents.send(event, payload)
  })

  const tray = new AppTray(resourcePath('tray.png'), {
    open: () => {
      showWindow()
      host.bus.emit('app:navigate', { area: AREAS[0]! })
    },
    openThread: (roomId) => {
      host.bus.emit('app:navigate', { area: 'inbox' })
      host.bus.emit('messaging:openThread', { roomId })
    },
    setPaused: (paused) => host.core.settings.update({ automationPaused: paused }),
    quit: () => app.quit()
  }, i18n)
  // Unread client messages: their sum joins the badge, the newest threads the menu.
  const syncMessages = (): void => {
    void Promise.resolve(host.dispatchOptions.handlers['messaging:threads']({ filter: 'unread', cursor: null, limit: 200 })).then(
      (page) => tray.setMessages(page.items.reduce((n, th) => n + th.unreadCount, 0), page.items),
      () => undefined
    )
  }
  const syncTray = (): void => {
    tray.setPaused(host.core.settings.get().automationPaused)
    void Promise.resolve(host.dispatchOptions.handlers['jobs:badgeCount'](undefined)).then(({ count }) => tray.setBadge(count), () => undefined)
    syncMessages()
  }
  syncTray()
  host.bus.on('messaging:threadsChanged', () => syncMessages())
  // A message notification or the tray menu opens a thread: bring the window up for it.
  host.bus.on('messaging:openThread', () => void showWindow())
  host.bus.on('app:status', (s) => tray.setPaused(s.automationPaused))
  // New jobs at or above the notification threshold (discovery: at start and whenever it changes).
  host.bus.on('discovery:badge', ({ count }) => tray.setBadge(count))
  // Another workspace: its pause switch and badge; the window starts over on the new workspace.
  host.bus.on('workspace:changed', () => syncTray())

  app.on('second-instance', () => showWindow())
  app.on('activate', () => showWindow())
  // GigPilot lives in the tray: closing the window keeps watching; Quit is in the tray menu.
  app.on('window-all-closed', () => undefined)
  let quitting = false
  app.on('before-quit', (event) => {
    if (quitting) return
    quitting = true
    event.preventDefault()
    tray.destroy()
    void host.close().finally(() => app.exit(0))
  })
  showWindow()
}
