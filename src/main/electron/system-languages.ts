import { app } from 'electron'

/** The OS's preferred languages (e.g. ['uk-UA', 'en-US']), for the 'system' language setting. Call after `app.whenReady()`. */
export function electronSystemLanguages(): readonly string[] {
  const preferred = app.getPreferredSystemLanguages()
  return preferred.length > 0 ? preferred : [app.getLocale()]
}
