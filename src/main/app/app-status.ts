import type { AppStatus, SecretStorageStatus } from '@shared/types'
import type { Settings } from '@shared/settings'

/** What the status bar and banners show; derived, never stored. */
export function buildAppStatus(settings: Settings, secretStorage: SecretStorageStatus, settingsProblem: string | null, notices: string[]): AppStatus {
  return {
    automationPaused: settings.automationPaused,
    secretStorage,
    settingsProblem,
    notices: [...notices]
  }
}
