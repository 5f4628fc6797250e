import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from './content-security-policy'

const directives = (policy: string): string[] =>
  policy
    .split(';')
    .map((d) => d.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .sort()

describe('content security policy', () => {
  it('the meta tag in index.html says the same as the header (frame-ancestors only works as a header)', () => {
    const html = readFileSync(resolve('src/renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBeDefined()
    expect(directives(meta!)).toEqual(directives(CONTENT_SECURITY_POLICY).filter((d) => !d.startsWith('frame-ancestors')))
  })

  it('allows scripts and images only from the app itself', () => {
    const d = directives(CONTENT_SECURITY_POLICY)
    expect(d).toContain("script-src 'self'")
    expect(d).toContain("img-src 'self' data:")
    expect(d).toContain("object-src 'none'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/)
  })
})
