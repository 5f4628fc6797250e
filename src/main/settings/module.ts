import { renderText, translator, type Translate } from '@shared/i18n'
import type { Settings } from '@shared/settings'
import type { DomainModule } from '../core/domain-module'
import type { SettingsStore } from './settings-store'

/** The user's preferences over IPC; every saved change goes out as `settings:changed`. */
/** `t`: main's translator, so the settings problem is worded in the language in force (default English). */
export function createSettingsModule(deps: { store: SettingsStore; t?: Translate }): DomainModule<'settings:get' | 'settings:update' | 'settings:reset'> {
  const { store } = deps
  const t = deps.t ?? translator('en')
  return {
    name: 'settings',
    handlers: {
      'settings:get': () => store.get(),
      'settings:update': (patch) => store.update(patch),
      'settings:reset': () => store.reset()
    },
    wireEvents: ({ bus, statusChanged }) =>
      store.onChange((next: Settings, previous: Settings) => {
        bus.emit('settings:changed', next)
        if (next.automationPaused !== previous.automationPaused) statusChanged()
      }),
    status: () => {
      const problem = store.lastLoadProblemText
      return { settingsProblem: problem && renderText(t, problem) }
    }
  }
}
