/**
 * The Electron composition root: it creates the adapters, builds the core services, and wires
 * IPC, the window, the tray and notifications. It holds no logic of its own.
 */
import { app, ipcMain, safeStorage, session, shell, type BrowserWindow } from 'electron'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AREAS } from '@shared/types'
import { createCore, type Core } from './app/create-core'
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
  // Tray, notifications and start-up dialogs speak the language of the settings ('system' = the OS's).
  const i18n = createMainI18n(settings, electronSystemLanguages)
  const { t } = i18n
  const { keytar, error: keytarLoadError } = await loadKeytar()
  const secrets = await chooseSecretStore({ keytar, safeStorage, dataDir, logger, ...(keytarLoadError ? { keytarLoadError } : {}) })

  let core: Core
  try {
    core = await createCore({
      runtime: 'electron',
      appVersion: app.getVersion(),
      platform: process.platform,
      dataDir,
      migrationsDir: app.isPackaged ? join(process.resourcesPath, 'migrations') : join(app.getAppPath(), 'prisma/migrations'),
      env: process.env,
      logger,
      redact,
      clock: systemClock,
      settings,
      secrets,
      notifier: new ElectronNotifier(),
      openBrowser: (url) => shell.openExternal(url),
      openExternal: (url) => shell.openExternal(url),
      systemLanguages: electronSystemLanguages,
      power: createElectronPowerMonitor(),
      online: createElectronOnlineStatus()
    })
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
  registerIpc(ipcMain, { ...core.dispatchOptions, trustedOrigins })

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
  core.bus.onAny((event, payload) => {
    if (window && !window.isDestroyed()) window.webContents.send(event, payload)
  })

  const tray = new AppTray(resourcePath('tray.png'), {
    open: () => {
      showWindow()
      core.bus.emit('app:navigate', { area: AREAS[0]! })
    },
    setPaused: (paused) => core.settings.update({ automationPaused: paused }),
    quit: () => app.quit()
  }, i18n)
  tray.setPaused(core.settings.get().automationPaused)
  core.bus.on('app:status', (s) => tray.setPaused(s.automationPaused))
  // New jobs at or above the notification threshold (discovery: at start and whenever it changes).
  core.bus.on('discovery:badge', ({ count }) => tray.setBadge(count))
  void Promise.resolve(core.dispatchOptions.handlers['jobs:badgeCount'](undefined)).then(({ count }) => tray.setBadge(count), () => undefined)

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
    void core.close().finally(() => app.exit(0))
  })
  showWindow()
}
