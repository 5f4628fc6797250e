import type { Session } from 'electron'

/** GigPilot needs no camera, microphone, location, notifications-from-web or anything else: deny all. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}
