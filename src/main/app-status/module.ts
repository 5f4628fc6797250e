import type { AppInfo, AppStatus, SecretStorageStatus } from '@shared/types'
import type { DomainModule } from '../core/domain-module'
import type { SettingsStore } from '../settings/settings-store'

export interface AppStatusDeps {
  info: AppInfo
  settings: SettingsStore
  secretStorage: SecretStorageStatus
  /** The merged status of every domain (the composition root builds it). */
  status: () => AppStatus
}

/** The app itself: what it is, its status (status bar, banners) and pausing automation. */
export function createAppStatusModule(deps: AppStatusDeps): DomainModule<'app:getInfo' | 'app:getStatus' | 'automation:setPaused'> {
  return {
    name: 'app',
    handlers: {
      'app:getInfo': () => deps.info,
      'app:getStatus': () => deps.status(),
      'automation:setPaused': ({ paused }) => {
        deps.settings.update({ automationPaused: paused })
        return deps.status()
      }
    },
    status: () => ({ automationPaused: deps.settings.get().automationPaused, secretStorage: deps.secretStorage })
  }
}
