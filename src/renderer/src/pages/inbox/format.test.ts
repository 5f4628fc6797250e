import { describe, expect, it } from 'vitest'
import { activityTime, messageTime } from './format'

describe('inbox times', () => {
  const now = new Date(2026, 11, 3, 15, 0).getTime()
  it('today as the time, this week as the weekday, else the date (with the year when not this one)', () => {
    expect(activityTime('en', new Date(2026, 11, 3, 9, 4).getTime(), now)).toMatch(/^09:04/)
    expect(activityTime('en', new Date(2026, 11, 1, 9, 4).getTime(), now)).toBe('Tue')
    expect(activityTime('en', new Date(2026, 10, 20, 9, 4).getTime(), now)).toMatch(/^(20 Nov|Nov 20)$/)
    expect(activityTime('en', new Date(2025, 10, 20, 9, 4).getTime(), now)).toMatch(/^(20 Nov 2025|Nov 20, 2025)$/)
    expect(activityTime('uk', new Date(2026, 11, 1, 9, 4).getTime(), now)).toBe('вт')
  })
  it('a message time in full', () => {
    expect(messageTime('en', new Date(2026, 11, 1, 9, 4).getTime())).toMatch(/Dec 2026.*09:04|Dec 1, 2026.*9:04/)
  })
})
