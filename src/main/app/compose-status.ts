import type { AppStatus, SecretStorageStatus } from '@shared/types'
import type { DomainModule } from '../core/domain-module'

/** The app status from every domain's contribution (derived on each call, never stored). */
export function composeStatus(modules: readonly Pick<DomainModule<never>, 'status'>[], secretStorage: SecretStorageStatus): AppStatus {
  const status: AppStatus = { automationPaused: false, secretStorage, settingsProblem: null, notices: [] }
  for (const m of modules) {
    const { notices, ...rest } = m.status?.() ?? {}
    Object.assign(status, rest)
    if (notices) status.notices.push(...notices)
  }
  return status
}
