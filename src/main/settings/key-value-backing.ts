/**
 * Where SettingsStore keeps its JSON object. `conf` and `electron-store` (a subclass of conf)
 * both satisfy it with their `.store` getter/setter, which read and atomically write the file.
 */
export interface KeyValueBacking {
  get store(): Record<string, unknown>
  set store(value: Record<string, unknown>)
  /** The file behind it, when there is one (shown in messages). */
  readonly path?: string
}

/**
 * A backing that lives only in memory. Used when the settings file can be neither read nor
 * moved aside: the app still starts, with defaults, and does not overwrite a file it could not read.
 */
export class MemoryBacking implements KeyValueBacking {
  private value: Record<string, unknown>

  constructor(initial: Record<string, unknown> = {}) {
    this.value = structuredClone(initial)
  }

  get store(): Record<string, unknown> {
    return structuredClone(this.value)
  }

  set store(value: Record<string, unknown>) {
    this.value = structuredClone(value)
  }
}
