import { describe, expect, it } from 'vitest'
import { dateTime, decimal, percent, percentRange, share } from './format'

describe('learning number formats', () => {
  it('never shows NaN: missing or non-finite values are a dash', () => {
    expect(percent('en', Number.NaN)).toBe('–')
    expect(percent('en', null)).toBe('–')
    expect(decimal('en', Number.POSITIVE_INFINITY)).toBe('–')
    expect(percentRange('en', 0.1, Number.NaN)).toBe('–')
    expect(dateTime('en', 'not a date')).toBe('–')
    expect(share(Number.NaN)).toBe(0)
  })
  it('formats shares and intervals in the language', () => {
    expect(percent('en', 0.125)).toBe('12.5%')
    expect(percentRange('en', 0.1, 0.18)).toBe('10%–18%')
    expect(percent('uk', 0.125)).toMatch(/12,5\s?%/)
    expect(share(1.4)).toBe(1)
    expect(share(-0.2)).toBe(0)
  })
})
