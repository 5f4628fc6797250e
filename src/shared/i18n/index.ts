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

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k)

const pluralRules = new Map<Language, Intl.PluralRules>()
/** The plural category of `n` in `language` (uk: one/few/many/other; en: one/other). */
export function pluralCategory(language: Language, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(language)
  if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(language)))
  return rules.select(n)
}

/** `{n, plural, one {# day} few {# дні} many {# днів} other {# дня}}`: the ICU plural subset, no nesting. */
const PLURAL = /\{(\w+), plural,((?:\s*\w+\s*\{[^{}]*\})+)\s*\}/g
const PLURAL_FORM = /(\w+)\s*\{([^{}]*)\}/g

/**
 * Fills `{name}` placeholders and `{name, plural, one {…} few {…} many {…} other {…}}` blocks
 * (`#` is the number; a missing category falls back to `other`). Unknown placeholders stay
 * visible, so gaps show.
 */
const countFormats = new Map<Language, Intl.NumberFormat>()
function countFormat(language: Language): Intl.NumberFormat {
  let f = countFormats.get(language)
  if (!f) countFormats.set(language, (f = new Intl.NumberFormat(language === 'uk' ? 'uk-UA' : 'en-US', { maximumFractionDigits: 2 })))
  return f
}

export function format(template: string, vars?: Vars, language: Language = 'en'): string {
  if (!vars) return template
  const plural = template.replace(PLURAL, (m, name: string, body: string) => {
    if (!has(vars, name)) return m
    const n = Number(vars[name])
    const forms = new Map([...body.matchAll(PLURAL_FORM)].map((f) => [f[1]!, f[2]!]))
    const form = forms.get(pluralCategory(language, n)) ?? forms.get('other') ?? m
    // `#` is the count as the language writes it ("1,332", «1 332»); a non-number stays as given.
    return form.replace(/#/g, typeof vars[name] === 'number' && Number.isFinite(n) ? countFormat(language).format(n) : String(vars[name]))
  })
  return plural.replace(/\{(\w+)\}/g, (m, name: string) => (has(vars, name) ? String(vars[name]) : m))
}

export function translator(language: Language): Translate {
  const catalog = catalogs[language]
  return (key, vars) => format(catalog[key] ?? en[key] ?? key, vars, language)
}

/**
 * A text for the user as data: a catalog key and its parameters, a parameter possibly a text
 * itself (a message that embeds another, e.g. "…: {detail}"). Errors and stateful texts (notices,
 * the account's last error, capability reasons) keep this and are rendered in the language in
 * force when they are read, so a language change re-renders them. Plain JSON: it can be saved.
 */
export interface UserText {
  key: MessageKey
  params?: Readonly<Record<string, string | number | UserText>>
}

export const text = (key: MessageKey, params?: UserText['params']): UserText => (params ? { key, params } : { key })

export const isUserText = (v: unknown): v is UserText =>
  typeof v === 'object' && v !== null && typeof (v as { key?: unknown }).key === 'string' && isMessageKey((v as { key: string }).key)

/** The words of `value` in `t`'s language (nested texts first). */
export function renderText(t: Translate, value: UserText): string {
  if (!value.params) return t(value.key)
  const vars: Vars = {}
  for (const [name, p] of Object.entries(value.params)) vars[name] = typeof p === 'object' ? renderText(t, p) : p
  return t(value.key, vars)
}

const english = translator('en')
/** English words of a text: for `Error.message`, logs and tests (English is the default language). */
export const inEnglish = (value: UserText): string => renderText(english, value)

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
 * The words for an error as {code, message}. Main renders its messages in the language in force
 * (see src/main/README.md, "Words for the user"), so a message is shown as it is. Only an error
 * without words (the renderer's own 'unavailable' when there is no bridge) is shown from the
 * catalog by its code (`errors.<code>`).
 */
export function describeError(t: Translate, error: { code?: string; message: string }, _language?: Language): string {
  const key = `errors.${error.code ?? ''}`
  if (error.message.trim() === '' && error.code && isMessageKey(key)) return t(key as MessageKey)
  return error.message
}

export { en, uk, type Catalog, type MessageKey }
