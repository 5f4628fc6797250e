import { channel, defineDomain, event, none } from './define'

/** Which workspace the app runs: the user's own data folder, or the demo's sample workspace. */
export type WorkspaceKind = 'real' | 'demo'

export interface WorkspaceInfo {
  kind: WorkspaceKind
  /** When the demo workspace was created (epoch ms); null in the real workspace. */
  demoStartedAt: number | null
}

/**
 * The workspace host (src/main/app/workspace-host.ts): entering the demo closes the real
 * workspace and opens the demo's own folder; leaving deletes that folder and reopens the real
 * one. After either, the renderer starts over (it reloads), since every store belongs to the
 * workspace that was open.
 */
export const workspaceContract = defineDomain({
  channels: {
    'workspace:get': channel(none)<WorkspaceInfo>(),
    'workspace:enterDemo': channel(none)<WorkspaceInfo>(),
    'workspace:leaveDemo': channel(none)<WorkspaceInfo>()
  },
  events: {
    'workspace:changed': event<WorkspaceInfo>()
  }
})
