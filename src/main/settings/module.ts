import type { Settings } from '@shared/settings'
import type { DomainModule } from '../core/domain-module'
import type { SettingsStore } from './settings-store'

/** The user's preferences over IPC; every saved change goes out as `settings:changed`. */
export function createSettingsModule(deps: { store: SettingsStore }): DomainModule<'settings:get' | 'settings:update' | 'settings:reset'> {
  const { store } = deps
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
    status: () => ({ settingsProblem: store.lastLoadProblem })
  }
}
