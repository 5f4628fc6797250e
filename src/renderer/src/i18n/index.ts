import { create } from 'zustand'
import { describeError, resolveLanguage, translator, type Language, type LanguageSetting, type MessageKey, type Translate } from '@shared/i18n'

/**
 * The renderer's language: the catalogs live in src/shared/i18n (main uses the same ones for the
 * tray, notifications and start-up dialogs). Components call `useT()` so they re-render when the
 * language changes; non-React code can call `t()`, which reads the current language.
 */
interface I18nState {
  language: Language
  t: Translate
}

const osLanguages = (): readonly string[] => (typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]))

export const useI18n = create<I18nState>(() => {
  const language = resolveLanguage('system', osLanguages())
  return { language, t: translator(language) }
})

export function setLanguage(language: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language
  if (useI18n.getState().language !== language) useI18n.setState({ language, t: translator(language) })
}

/** Follows the language setting ('system' = the OS's preferred languages); sets <html lang>. */
export function applyLanguageSetting(setting: LanguageSetting | string | undefined): Language {
  const language = resolveLanguage(setting ?? 'system', osLanguages())
  setLanguage(language)
  return language
}

export const t: Translate = (key, vars) => useI18n.getState().t(key, vars)

export const useT = (): Translate => useI18n((s) => s.t)

/** An error as the user should read it: a known code in their language, else main's message. */
export const useErrorText = (): ((error: { code?: string; message: string }) => string) => {
  const { t: tr, language } = useI18n()
  return (error) => describeError(tr, error, language)
}

export type { Language, LanguageSetting, MessageKey, Translate }
