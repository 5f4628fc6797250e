/** The part of `keytar` the app uses. The real module satisfies it; so does anything keytar-shaped. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

export const DEFAULT_SERVICE_NAME = 'GigPilot'

/**
 * Loads the native keytar module, or returns null with the reason when it cannot be loaded
 * (missing libsecret on Linux, a build for the wrong platform). Loading is lazy so that a broken
 * native module degrades to the fallback store instead of failing at import time.
 */
export async function loadKeytar(): Promise<{ keytar: KeytarLike; error: null } | { keytar: null; error: string }> {
  try {
    const mod = (await import('keytar')) as unknown as Partial<KeytarLike> & { default?: Partial<KeytarLike> }
    // keytar is CommonJS: under Node's ESM loader the complete object is `default` (the named-export
    // detection only finds `getPassword`), while bundlers may hand back the object itself.
    const keytar = [mod.default, mod].find(isKeytarLike)
    if (!keytar) return { keytar: null, error: 'the keytar module does not have the expected functions' }
    return { keytar, error: null }
  } catch (e) {
    return { keytar: null, error: e instanceof Error ? e.message : String(e) }
  }
}

function isKeytarLike(candidate: unknown): candidate is KeytarLike {
  const k = candidate as Partial<KeytarLike> | null | undefined
  return (
    !!k &&
    typeof k.getPassword === 'function' &&
    typeof k.setPassword === 'function' &&
    typeof k.deletePassword === 'function'
  )
}
