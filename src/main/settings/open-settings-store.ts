import { text } from '@shared/i18n'
import type { Logger } from '../logging/logger'
import { MemoryBacking, type KeyValueBacking } from './key-value-backing'
import { guardSettingsFile } from './settings-file-guard'
import { SettingsStore } from './settings-store'

export const SETTINGS_FILE_NAME = 'settings.json'

export interface OpenSettingsStoreOptions {
  /** The file the backing will use (`<dataDir>/settings.json`). */
  filePath: string
  logger: Logger
  /** Constructs conf / electron-store; called only after the file was checked. */
  openBacking: () => KeyValueBacking
  now?: () => Date
}

/**
 * The start-up sequence shared by the Node and Electron factories: check the file (moving a
 * broken one aside), open the backing, write back repaired values, build the store. Whatever
 * goes wrong, the result is a working SettingsStore with `lastLoadProblem` explaining it.
 */
export function openSettingsStore(options: OpenSettingsStoreOptions): SettingsStore {
  const logger = options.logger.child('settings')
  const check = guardSettingsFile(options.filePath, { logger, ...(options.now ? { now: options.now } : {}) })
  let problem = check.problem
  let backing: KeyValueBacking

  if (check.unusable) {
    backing = new MemoryBacking(check.repaired ?? {})
  } else {
    try {
      backing = options.openBacking()
    } catch (e) {
      logger.error('Settings storage could not be opened; running on in-memory defaults', { file: options.filePath, error: e })
      backing = new MemoryBacking(check.repaired ?? {})
      problem ??= text('settings.problem.notOpened', { detail: (e as Error).message })
    }
    if (check.repaired && !(backing instanceof MemoryBacking)) {
      try {
        // The original is already kept aside, so the repaired values may replace it.
        backing.store = check.repaired as unknown as Record<string, unknown>
      } catch (e) {
        logger.error('Repaired settings could not be written back', { file: options.filePath, error: e })
      }
    }
  }
  return new SettingsStore({ backing, logger: options.logger, loadProblem: problem })
}
