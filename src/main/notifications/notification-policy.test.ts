import { describe, expect, it } from 'vitest'
import { defaultSettings } from '@shared/settings'
import { decideNotification, inQuietHours } from './notification-policy'

const at = (hhmm: string): Date => new Date(`2026-11-28T${hhmm}:00`)
const quiet = (start: string, end: string) => ({ enabled: true, start, end })

describe('inQuietHours', () => {
  it('handles a window that crosses midnight', () => {
    const q = quiet('22:00', '08:00')
    expect(inQuietHours(q, at('23:30'))).toBe(true)
    expect(inQuietHours(q, at('03:00'))).toBe(true)
    expect(inQuietHours(q, at('08:00'))).toBe(false)
    expect(inQuietHours(q, at('12:00'))).toBe(false)
    expect(inQuietHours(q, at('22:00'))).toBe(true)
  })
  it('handles a daytime window', () => {
    const q = quiet('12:00', '13:30')
    expect(inQuietHours(q, at('12:45'))).toBe(true)
    expect(inQuietHours(q, at('13:30'))).toBe(false)
  })
  it('is never quiet when disabled or when start equals end', () => {
    expect(inQuietHours({ enabled: false, start: '00:00', end: '23:59' }, at('12:00'))).toBe(false)
    expect(inQuietHours(quiet('09:00', '09:00'), at('09:00'))).toBe(false)
  })
})

describe('decideNotification', () => {
  const base = defaultSettings().notifications
  it('shows by default', () => expect(decideNotification(base, at('12:00'))).toEqual({ show: true }))
  it('says why when turned off', () =>
    expect(decideNotification({ ...base, enabled: false }, at('12:00'))).toMatchObject({ show: false, reason: expect.stringContaining('turned off') }))
  it('says why during quiet hours', () =>
    expect(decideNotification({ ...base, quietHours: quiet('22:00', '08:00') }, at('23:00'))).toMatchObject({
      show: false,
      reason: expect.stringContaining('22:00–08:00')
    }))
})
