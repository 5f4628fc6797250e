import type { WorkspaceInfo } from '@shared/contract/workspace'
import { AppError } from '../core/app-error'
import type { DomainModule } from '../core/domain-module'

export type WorkspaceChannel = 'workspace:get' | 'workspace:enterDemo' | 'workspace:leaveDemo'

export type WorkspaceModule = DomainModule<WorkspaceChannel>

/**
 * The workspace channels, served by every core the host opens (so the IPC map stays one
 * contract), answered by the host itself. `workspace:changed` is emitted on the host's bus.
 */
export function createWorkspaceModule(host: {
  info(): WorkspaceInfo
  enterDemo(): Promise<WorkspaceInfo>
  leaveDemo(): Promise<WorkspaceInfo>
}): WorkspaceModule {
  return {
    name: 'workspace',
    handlers: {
      'workspace:get': () => host.info(),
      'workspace:enterDemo': () => host.enterDemo(),
      'workspace:leaveDemo': () => host.leaveDemo()
    }
  }
}

/** For a core run without a host (tests, benchmarks): the real workspace, and no demo to enter. */
export function standaloneWorkspaceModule(): WorkspaceModule {
  const info: WorkspaceInfo = { kind: 'real', demoStartedAt: null }
  const refuse = (): Promise<WorkspaceInfo> => Promise.reject(new AppError('unavailable', 'demo.err.noHost'))
  return createWorkspaceModule({ info: () => info, enterDemo: refuse, leaveDemo: refuse })
}
