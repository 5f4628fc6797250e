import { describe, expect, it } from 'vitest'
import { formatLine } from './format-line'
import { Redactor } from './redact'

describe('Redactor', () => {
  const r = () => new Redactor()

  it('replaces registered values, including their JSON- and URL-escaped forms', () => {
    const red = r()
    red.register('p@ss "word"/with+chars')
    expect(red.redact('raw p@ss "word"/with+chars')).toBe('raw [REDACTED]')
    expect(red.redact(JSON.stringify({ v: 'p@ss "word"/with+chars' }))).toBe('{"v":"[REDACTED]"}')
    expect(red.redact(`?x=${encodeURIComponent('p@ss "word"/with+chars')}`)).toBe('?x=[REDACTED]')
    // Too short to be a credential, and would blank out ordinary words.
    red.register('abc')
    expect(red.redact('abc')).toBe('abc')
  })

  it.each([
    ['Authorization: Bearer abc.def-ghi', 'Authorization: [REDACTED]'],
    ['authorization: Basic dXNlcjpwYXNz', 'authorization: [REDACTED]'],
    ['{"Authorization":"Bearer tok"}', '{"Authorization":"[REDACTED]"}'],
    ['sent Bearer abc123 to server', 'sent Bearer [REDACTED] to server'],
    ['token oauth2v2_a1b2c3d4e5', 'token oauth2v2_[REDACTED]'],
    ['key sk-abcdefghijKLMNOP_-12', 'key sk-[REDACTED]'],
    ['task-abcdefghijklmnop', 'task-abcdefghijklmnop'],
    ['{"access_token":"abc","expires_in":86399}', '{"access_token":"[REDACTED]","expires_in":86399}'],
    ['{"refresh_token": "x"}', '{"refresh_token": "[REDACTED]"}'],
    ["{ refreshToken: 'r-1', clientSecret: 's-1' }", "{ refreshToken: '[REDACTED]', clientSecret: '[REDACTED]' }"],
    ['grant_type=refresh_token&refresh_token=r1&client_secret=s1', 'grant_type=refresh_token&refresh_token=[REDACTED]&client_secret=[REDACTED]'],
    ['/callback?code=AbC123&state=xyz', '/callback?code=[REDACTED]&state=xyz'],
    ['code_verifier=v3r1f13r&x=1', 'code_verifier=[REDACTED]&x=1'],
    ['{"code":"SplxlOBeZQQYbYS6WxSbIA"}', '{"code":"[REDACTED]"}'],
    ['{"code":"a1b2c3d4e5f6"}', '{"code":"[REDACTED]"}'],
    // Error codes are not credentials and stay readable.
    ['{"code":"invalid_input","message":"x"}', '{"code":"invalid_input","message":"x"}'],
    ['{"code":"ECONNREFUSED"}', '{"code":"ECONNREFUSED"}'],
    ['{"code":"ERR_HTTP_429"}', '{"code":"ERR_HTTP_429"}'],
    ['exit code 1', 'exit code 1'],
    ['Basic plan selected', 'Basic plan selected']
  ])('%s', (input, expected) => {
    expect(r().redact(input)).toBe(expected)
  })

  it('redacts credential-named meta keys whatever their value looks like', () => {
    const line = r().redact(formatLine('upwork', 'saved', { accessToken: 'plain', apiKey: 'k', token: 't', ok: true, hasToken: false }))
    expect(line).toBe('[upwork] saved {"accessToken":"[REDACTED]","apiKey":"[REDACTED]","token":"[REDACTED]","ok":true,"hasToken":false}')
  })

  it('serialises awkward meta without throwing', () => {
    const cyclic: Record<string, unknown> = { n: 1n }
    cyclic.self = cyclic
    const line = formatLine(null, 'x', { cyclic, buf: Buffer.from('abc'), fn: () => 1 })
    expect(line).toBe('x {"cyclic":{"n":"1n","self":"[Circular]"},"buf":"[Buffer 3 bytes]"}')
  })
})
