import { describe, expect, it } from 'vitest'
import { cleanServerText } from './token-client'

describe('cleanServerText', () => {
  const secret = 'q7Zr9XkPfa3LmN2bV8cT5yH1jD4sW6eQ'

  it('redacts a secret echoed whole, wherever it stands', () => {
    const out = cleanServerText(`bad client ${secret} here`, [secret])
    expect(out).not.toContain(secret.slice(0, 8))
    expect(out).toMatch(/^bad client .+ here$/)
  })

  it('never shows part of a secret that padding moved across a length cut (security review)', () => {
    // White space collapses to one space, so text from past a cut could come into the kept part.
    for (const pad of [1186, 1190, 1195, 5000, 64 * 1024 - 10]) {
      const out = cleanServerText(' '.repeat(pad) + 'x ' + secret, [secret]) ?? ''
      for (let k = 4; k <= secret.length; k++) expect(out, `pad ${pad}`).not.toContain(secret.slice(0, k))
    }
  })

  it('keeps ordinary text, strips controls and bidi characters, caps the length', () => {
    expect(cleanServerText('The\u202e redirect\u0000 URI\n\tdoes not match')).toBe('The redirect URI does not match')
    const long = cleanServerText('a'.repeat(10_000)) ?? ''
    expect(long.length).toBeLessThanOrEqual(300)
    expect(long.endsWith('…')).toBe(true)
    expect(cleanServerText('   ')).toBeNull()
    expect(cleanServerText(42)).toBeNull()
  })
})
