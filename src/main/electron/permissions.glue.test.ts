import { describe, expect, it } from 'vitest'
import { denyAllPermissions } from './permissions'

/** A stand-in for Electron's Session that records the handlers GigPilot installs (security requirement 6). */
function fakeSession() {
  const handlers: Record<string, (...args: never[]) => unknown> = {}
  return {
    handlers,
    session: {
      setPermissionRequestHandler: (fn: (...args: never[]) => unknown) => (handlers.request = fn),
      setPermissionCheckHandler: (fn: (...args: never[]) => unknown) => (handlers.check = fn),
      setDevicePermissionHandler: (fn: (...args: never[]) => unknown) => (handlers.device = fn)
    }
  }
}

describe('denyAllPermissions', () => {
  it('denies every permission request and check', () => {
    const { handlers, session } = fakeSession()
    denyAllPermissions(session as never)
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid']) {
      let answer: boolean | null = null
      ;(handlers.request as (wc: unknown, p: string, cb: (ok: boolean) => void) => void)({}, permission, (ok) => (answer = ok))
      expect(answer, permission).toBe(false)
      expect((handlers.check as (wc: unknown, p: string) => boolean)({}, permission), permission).toBe(false)
    }
    expect((handlers.device as () => boolean)()).toBe(false)
  })
})
