import { resolveLanguage, translator, type Language, type Translate } from '@shared/i18n'
import type { SettingsStore } from '../settings/settings-store'

/**
 * The strings main shows itself (tray menu, notifications, start-up dialogs), from the same
 * catalogs as the renderer (src/shared/i18n), in the language the settings ask for: 'en', 'uk', or
 * 'system' (the OS's preferred languages: Electron's app.getPreferredSystemLanguages(), Node's
 * default locale). `t` resolves the language on every call, so the next string read after a
 * change is in the new language; `onLanguageChange` tells long-lived labels (the tray) to re-read.
 */
export interface MainI18n {
  t: Translate
  language(): Language
  /** Called with the new language when a settings change changes the resolved language. */
  onLanguageChange(listener: (language: Language) => void): () => void
}

/** The OS's language as Node sees it (ICU's default locale: LANG / LC_ALL on Linux). Electron passes its own. */
export const nodeSystemLanguages = (): readonly string[] => [Intl.DateTimeFormat().resolvedOptions().locale]

export function createMainI18n(
  settings: Pick<SettingsStore, 'get' | 'onChange'>,
  systemLanguages: () => readonly string[] = nodeSystemLanguages
): MainI18n {
  const translators = new Map<Language, Translate>()
  const language = (): Language => resolveLanguage(settings.get().language, systemLanguages())
  const t: Translate = (key, vars) => {
    const lang = language()
    let tr = translators.get(lang)
    if (!tr) translators.set(lang, (tr = translator(lang)))
    return tr(key, vars)
  }
  return {
    t,
    language,
    onLanguageChange(listener) {
      let last = language()
      return settings.onChange(() => {
        const now = language()
        if (now === last) return
        last = now
        listener(now)
      })
    }
  }
}
