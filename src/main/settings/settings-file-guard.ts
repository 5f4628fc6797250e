import { text as userText, type UserText } from '@shared/i18n'
import { copyFileSync, existsSync, readFileSync, renameSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'
import type { Settings } from '../../shared/settings'
import type { Logger } from '../logging/logger'
import { salvageSettings } from './salvage-settings'

export interface SettingsFileCheck {
  /** Plain words for the UI, or null when the file was fine (or absent). */
  /** What to tell the user (rendered in the language in force when shown). */
  problem: UserText | null
  /** Where the unreadable original was kept, if it was. */
  keptCopyAt: string | null
  /** Valid settings recovered from a partly invalid file, to be written back in its place. */
  repaired: Settings | null
  /**
   * True when the file is broken and could not be moved or copied aside: it must then not be
   * opened for writing (that would overwrite the only copy), so the store runs in memory.
   */
  unusable: boolean
}

const OK: SettingsFileCheck = { problem: null, keptCopyAt: null, repaired: null, unusable: false }

/**
 * Checks the settings file BEFORE conf/electron-store opens it. conf throws on invalid JSON at
 * construction (its `clearInvalidConfig` defaults to false, and setting it true would silently
 * empty the file), so a broken file would otherwise stop the app from starting at all.
 *
 * - invalid JSON, or JSON that is not an object: the file is moved aside to
 *   `settings.broken-<timestamp>.json` and the app starts from defaults;
 * - valid JSON with some invalid values: a copy is kept the same way, and the valid values are
 *   returned in `repaired` (invalid ones defaulted) to be written back.
 */
export function guardSettingsFile(
  filePath: string,
  options: { logger: Logger; now?: () => Date }
): SettingsFileCheck {
  const { logger } = options
  const now = options.now ?? (() => new Date())

  let text: string
  try {
    text = readFileSync(filePath, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return OK
    return keepAsideAndStartOver(filePath, `it could not be opened: ${(e as Error).message}`, logger, now)
  }

  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    // An empty file after a power cut lands here too.
    return keepAsideAndStartOver(filePath, `it is not valid JSON: ${(e as Error).message}`, logger, now)
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return keepAsideAndStartOver(filePath, 'it does not contain a settings object', logger, now)
  }

  const { settings, dropped } = salvageSettings(data)
  if (dropped.length === 0) return OK

  const target = brokenCopyPath(filePath, now)
  try {
    copyFileSync(filePath, target)
  } catch (e) {
    logger.error('Settings file has invalid values and could not be copied aside; running on in-memory settings', {
      file: filePath,
      invalid: dropped,
      error: e
    })
    return {
      problem: userText('settings.problem.invalidNotBackedUp', { fields: dropped.join(', ') }),
      keptCopyAt: null,
      repaired: settings,
      unusable: true
    }
  }
  logger.warn('Settings file had invalid values; kept a copy and reset those values to defaults', {
    file: filePath,
    keptCopyAt: target,
    invalid: dropped
  })
  return {
    problem: userText('settings.problem.invalidKept', { fields: dropped.join(', '), file: target }),
    keptCopyAt: target,
    repaired: settings,
    unusable: false
  }
}

function keepAsideAndStartOver(filePath: string, reason: string, logger: Logger, now: () => Date): SettingsFileCheck {
  const target = brokenCopyPath(filePath, now)
  try {
    renameSync(filePath, target)
  } catch (e) {
    logger.error('Settings file is unreadable and could not be moved aside; running on in-memory defaults', {
      file: filePath,
      reason,
      error: e
    })
    return {
      problem: userText('settings.problem.unreadableNotMoved', { reason, file: filePath }),
      keptCopyAt: null,
      repaired: null,
      unusable: true
    }
  }
  logger.warn('Settings file could not be read; moved it aside and started with defaults', {
    file: filePath,
    keptCopyAt: target,
    reason
  })
  return {
    problem: userText('settings.problem.unreadableKept', { file: target }),
    keptCopyAt: target,
    repaired: null,
    unusable: false
  }
}

/** `settings.broken-2026-08-22T10-11-12-345Z.json` next to the file; never overwrites an earlier copy. */
function brokenCopyPath(filePath: string, now: () => Date): string {
  const ext = extname(filePath) || '.json'
  const name = basename(filePath, extname(filePath))
  const stamp = now().toISOString().replace(/[:.]/g, '-')
  let target = join(dirname(filePath), `${name}.broken-${stamp}${ext}`)
  for (let n = 1; existsSync(target); n++) target = join(dirname(filePath), `${name}.broken-${stamp}-${n}${ext}`)
  return target
}
