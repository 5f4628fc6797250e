import { randomBytes } from 'node:crypto'
import type { KeytarLike } from './keytar-like'
import { withTimeout } from './with-timeout'

export type KeychainProbeResult = { ok: true } | { ok: false; reason: string }

export const DEFAULT_PROBE_TIMEOUT_MS = 3_000

/**
 * Asks the keychain to really store, read back and delete a throwaway entry. Loading keytar
 * proves nothing: on Linux the call is where it fails ("Cannot autolaunch D-Bus without X11
 * $DISPLAY", "The name org.freedesktop.secrets was not provided", "Cannot create an item in a
 * locked collection"), or hangs behind an unlock prompt nobody can see, hence the timeout.
 */
export async function probeKeychain(
  keytar: KeytarLike,
  options: { serviceName: string; timeoutMs?: number }
): Promise<KeychainProbeResult> {
  const account = `gigpilot-probe-${randomBytes(8).toString('hex')}`
  const expected = randomBytes(16).toString('hex')
  const roundTrip = async (): Promise<void> => {
    await keytar.setPassword(options.serviceName, account, expected)
    try {
      const actual = await keytar.getPassword(options.serviceName, account)
      if (actual !== expected) throw new Error('the keychain returned a different value than was stored')
    } finally {
      // Also runs when the probe already timed out and the keychain answers late: no entry is left behind.
      await keytar.deletePassword(options.serviceName, account).catch(() => false)
    }
  }
  try {
    await withTimeout(roundTrip(), options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS, 'The system keychain')
    return { ok: true }
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) }
  }
}
