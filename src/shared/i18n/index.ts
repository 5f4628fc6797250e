import { en, type Catalog, type MessageKey } from './en'
import { uk } from './uk'

/**
 * The translator shared by every runtime (renderer, tray, notifications, start-up dialogs).
 * Pure TypeScript: no DOM, no Node, no Electron.
 */
export const LANGUAGES = ['en', 'uk'] as const
export type Language = (typeof LANGUAGES)[number]
/** What the user can choose in Settings: a language, or whatever the OS prefers. */
export type LanguageSetting = Language | 'system'

export const catalogs: Record<Language, Catalog> = { en, uk }

export type Vars = Record<string, string | number>
export type Translate = (key: MessageKey, vars?: Vars) => string

/** Fills `{name}` placeholders. Unknown placeholders stay visible, so gaps show. */
export function format(template: string, vars?: Vars): string {
  if (!vars) return template
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : m))
}

export function translator(language: Language): Translate {
  const catalog = catalogs[language]
  return (key, vars) => format(catalog[key] ?? en[key] ?? key, vars)
}

/** True when `key` is in the catalogs (e.g. `errors.<code>` for a code main sent). */
export const isMessageKey = (key: string): key is MessageKey => Object.prototype.hasOwnProperty.call(en, key)

/**
 * The language to show: the user's choice, else the first of the OS's preferred languages that
 * we have (uk, uk-UA → uk), else English.
 */
export function resolveLanguage(setting: LanguageSetting | string | undefined, preferred: readonly string[]): Language {
  if (setting === 'en' || setting === 'uk') return setting
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0]
    if (base === 'uk') return 'uk'
    if (base === 'en') return 'en'
  }
  return 'en'
}

/**
 * The words for an error main sent as {code, message}. Main writes its messages in English for
 * users, often with the specifics (the port, the callback URL to check, the HTTP status): in
 * English they are shown as they are. In another language a known code is shown from the
 * catalog (`errors.<code>`); an unknown code falls back to main's message.
 */
export function describeError(t: Translate, error: { code?: string; message: string }, language: Language): string {
  const key = `errors.${error.code ?? ''}`
  const known = Boolean(error.code) && isMessageKey(key)
  if (known && (language !== 'en' || error.message.trim() === '')) return t(key as MessageKey)
  return error.message
}

export { en, uk, type Catalog, type MessageKey }
