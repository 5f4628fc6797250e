import { describe, expect, it } from 'vitest'
import { csvCell } from './csv'

describe('csvCell: formula injection guard (OWASP ASVS 5.0 1.2.10)', () => {
  it('a text cell starting with = + - @, a tab, a CR or a NUL gets a leading quote; other text and numbers stay as they are', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r', '\0']) expect(csvCell(`${lead}1+1`).replace(/^"/, '')).toMatch(/^'/)
    expect(csvCell('\0=HYPERLINK("http://evil.example")')).toBe(`"'\0=HYPERLINK(""http://evil.example"")"`)
    expect(csvCell('Plain title')).toBe('Plain title')
    expect(csvCell(-2)).toBe('-2')
  })
})
