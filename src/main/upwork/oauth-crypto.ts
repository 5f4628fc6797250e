import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** 32 random bytes = 256 bits (RFC 6749 §10.12 wants it unguessable; we need ≥ 128). Base64url, 43 chars. */
export function generateState(): string {
  return randomBytes(32).toString('base64url')
}

/** RFC 7636 §4.1: 43–128 characters from the unreserved set (48 random bytes → 64 base64url characters). */
export function generateCodeVerifier(): string {
  return randomBytes(48).toString('base64url')
}

/** RFC 7636 §4.2: BASE64URL(SHA256(ASCII(code_verifier))). */
export function codeChallengeS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url')
}

/**
 * Constant-time string comparison. Both sides are hashed first so the buffers given to
 * `timingSafeEqual` always have equal length (it throws otherwise) and the comparison time does
 * not depend on where, or whether, the lengths differ.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest()
  const hb = createHash('sha256').update(b, 'utf8').digest()
  return timingSafeEqual(ha, hb)
}
