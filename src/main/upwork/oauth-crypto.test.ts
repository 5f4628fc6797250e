import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { codeChallengeS256, constantTimeEqual, generateCodeVerifier, generateState } from './oauth-crypto'

describe('oauth crypto', () => {
  it('makes a state of at least 128 random bits, different every time', () => {
    const a = generateState()
    expect(Buffer.from(a, 'base64url').length * 8).toBeGreaterThanOrEqual(128)
    expect(a).not.toBe(generateState())
  })

  it('makes an RFC 7636 code verifier and its S256 challenge', () => {
    const v = generateCodeVerifier()
    expect(v).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/)
    expect(codeChallengeS256(v)).toBe(createHash('sha256').update(v).digest('base64url'))
    // RFC 7636 appendix B example
    expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')
  })

  it('compares strings of any length without throwing', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true)
    expect(constantTimeEqual('abc', 'abd')).toBe(false)
    expect(constantTimeEqual('abc', 'abcd')).toBe(false)
    expect(constantTimeEqual('', 'x')).toBe(false)
  })
})
