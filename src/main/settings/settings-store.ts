import { inEnglish, text, type UserText } from '@shared/i18n'
import { isDeepStrictEqual } from 'node:util'
import { defaultSettings, mergeSettings, settingsPatchSchema, type Settings, type SettingsPatch } from '../../shared/settings'
import { AppError } from '../core/app-error'
import type { Logger } from '../logging/logger'
import type { KeyValueBacking } from './key-value-backing'
import { salvageSettings } from './salvage-settings'

export type SettingsListener = (next: Settings, previous: Settings) => void

export interface SettingsStoreOptions {
  backing: KeyValueBacking
  logger: Logger
  /** What went wrong opening the file (from guardSettingsFile), shown to the user once. */
  loadProblem?: UserText | null
}

/**
 * The user's non-secret preferences. Reads the backing once, keeps the parsed value in memory,
 * and writes the whole object back on every change (conf/electron-store write atomically).
 * Secrets never go here: the patch schema is strict, so no unknown key can be stored.
 */
export class SettingsStore {
  private current: Settings
  private problem: UserText | null
  private readonly listeners = new Set<SettingsListener>()
  private readonly backing: KeyValueBacking
  private readonly logger: Logger

  constructor(options: SettingsStoreOptions) {
    this.backing = options.backing
    this.logger = options.logger.child('settings')
    this.problem = options.loadProblem ?? null

    let raw: unknown = {}
    try {
      raw = this.backing.store
    } catch (e) {
      this.logger.error('Settings could not be read; using defaults', { error: e })
      this.problem ??= text('settings.problem.notRead', { detail: (e as Error).message })
    }
    // The file guard has normally repaired the file already; this covers any other backing.
    const { settings, dropped } = salvageSettings(raw)
    if (dropped.length > 0) {
      this.logger.warn('Stored settings had invalid values; using defaults for them', { invalid: dropped })
      this.problem ??= text('settings.problem.invalidReset', { fields: dropped.join(', ') })
    }
    this.current = settings
  }

  /** Null, or (in English) what went wrong with the settings file at start. */
  get lastLoadProblem(): string | null {
    return this.problem && inEnglish(this.problem)
  }

  /** The same as a text, for the banner in the language in force. */
  get lastLoadProblemText(): UserText | null {
    return this.problem
  }

  /** The user has seen the message (it is not shown again this session). */
  dismissLoadProblem(): void {
    this.problem = null
  }

  /** A copy: callers cannot change the stored value by mutating what they got. */
  get(): Settings {
    return structuredClone(this.current)
  }

  /**
   * Validates `patch` (throws the ZodError, and writes nothing, when it is invalid or has unknown
   * keys), merges it, saves, then notifies listeners. A patch that changes nothing writes nothing.
   */
  update(patch: SettingsPatch): Settings {
    const parsed = settingsPatchSchema.parse(patch)
    return this.replace(mergeSettings(this.current, parsed))
  }

  reset(): Settings {
    return this.replace(defaultSettings())
  }

  /** Called after each saved change with the new and previous settings; returns an unsubscribe function. */
  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  private replace(next: Settings): Settings {
    const previous = this.current
    if (isDeepStrictEqual(next, previous)) return this.get()
    try {
      this.backing.store = structuredClone(next) as Record<string, unknown>
    } catch (e) {
      this.logger.error('Settings could not be saved', { file: this.backing.path, error: e })
      throw new AppError(
        'settings_not_saved',
        text('settings.err.notSaved', { detail: (e as Error).message }),
        { cause: e }
      )
    }
    this.current = next
    for (const listener of [...this.listeners]) {
      try {
        listener(structuredClone(next), structuredClone(previous))
      } catch (e) {
        // One faulty listener must not stop the others or undo a saved change.
        this.logger.error('A settings listener failed', { error: e })
      }
    }
    return this.get()
  }
}
