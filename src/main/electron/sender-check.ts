/**
 * The only senders IPC trusts: the app's own top-level frame, served from our origin. Everything
 * else (a sub-frame, a frame that navigated away, a destroyed frame reported as null) is refused.
 * Kept free of Electron imports (only types) so it can be tested with plain objects.
 */
export interface SenderFrameLike {
  url: string
  parent: unknown
}

export function isTrustedSender(frame: SenderFrameLike | null | undefined, trustedOrigins: readonly string[]): boolean {
  if (!frame) return false
  if (frame.parent !== null) return false
  let origin: string
  try {
    const url = new URL(frame.url)
    // URL.origin is the string 'null' for custom schemes; compare scheme + host explicitly instead.
    origin = `${url.protocol}//${url.host}`
  } catch {
    return false
  }
  return trustedOrigins.includes(origin)
}
