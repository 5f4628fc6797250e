import { en, type MessageKey } from './en'

const dictionaries = { en } as const
let current: Record<MessageKey, string> = en

export function setLanguage(lang: keyof typeof dictionaries): void {
  current = dictionaries[lang]
}

/** Looks up a string and fills `{name}` placeholders. Unknown placeholders stay visible, so gaps show. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const template = current[key] ?? en[key] ?? key
  if (!vars) return template
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
}

export type { MessageKey }
