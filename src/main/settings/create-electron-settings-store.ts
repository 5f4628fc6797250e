import { join } from 'node:path'
import type { Logger } from '../logging/logger'
import { openSettingsStore, SETTINGS_FILE_NAME } from './open-settings-store'
import type { SettingsStore } from './settings-store'

/**
 * Settings in `<dataDir>/settings.json` through `electron-store`, for the Electron main process.
 * electron-store imports `electron` at load time, so it is imported here, lazily: tests and the
 * Node harness never load it (they use createNodeSettingsStore, same file format).
 */
export async function createElectronSettingsStore(options: {
  dataDir: string
  logger: Logger
  now?: () => Date
}): Promise<SettingsStore> {
  const { default: ElectronStore } = await import('electron-store')
  return openSettingsStore({
    filePath: join(options.dataDir, SETTINGS_FILE_NAME),
    logger: options.logger,
    ...(options.now ? { now: options.now } : {}),
    openBacking: () =>
      new ElectronStore<Record<string, unknown>>({
        cwd: options.dataDir,
        name: 'settings',
        clearInvalidConfig: false,
        configFileMode: 0o600
      })
  })
}
