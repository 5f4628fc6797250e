import { join } from 'node:path'
import Conf from 'conf'
import type { Logger } from '../logging/logger'
import { openSettingsStore, SETTINGS_FILE_NAME } from './open-settings-store'
import type { SettingsStore } from './settings-store'

/**
 * Settings in `<dataDir>/settings.json` through `conf`, for plain Node (the harness, tests).
 * electron-store is conf plus Electron's default paths, so this is the same file format.
 */
export function createNodeSettingsStore(options: { dataDir: string; logger: Logger; now?: () => Date }): SettingsStore {
  return openSettingsStore({
    filePath: join(options.dataDir, SETTINGS_FILE_NAME),
    logger: options.logger,
    ...(options.now ? { now: options.now } : {}),
    openBacking: () =>
      new Conf<Record<string, unknown>>({
        cwd: options.dataDir,
        configName: 'settings',
        // Checked by guardSettingsFile first; true here would silently empty a broken file.
        clearInvalidConfig: false,
        configFileMode: 0o600
      })
  })
}
