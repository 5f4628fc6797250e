import { describe, expect, it } from 'vitest'
import { en } from './i18n/en'
import { uk } from './i18n/uk'
import { defaultSettings, mergeSettings, SETTINGS_FIELD_MESSAGES as M, settingsPatchProblems } from './settings'

describe('Settings → Autopilot (review.autopilot)', () => {
  it('is off by default: daily at 09:00, top 5 a day at 80+', () => {
    expect(defaultSettings().review.autopilot).toEqual({ enabled: false, schedule: 'daily', time: '09:00', intervalHours: 4, topN: 5, minScore: 80 })
  })

  it.each([
    [{ review: { autopilot: { topN: 0 } } }, 'review.autopilot.topN', M.autopilotTopN],
    [{ review: { autopilot: { topN: 51 } } }, 'review.autopilot.topN', M.autopilotTopN],
    [{ review: { autopilot: { intervalHours: 25 } } }, 'review.autopilot.intervalHours', M.autopilotIntervalHours],
    [{ review: { autopilot: { minScore: -1 } } }, 'review.autopilot.minScore', M.minScore],
    [{ review: { autopilot: { time: '9am' } } }, 'review.autopilot.time', M.time],
    [{ review: { autopilot: { schedule: 'hourly' } } }, 'review.autopilot.schedule', M.choice],
    [{ review: { autopilot: { enabled: 1 } } }, 'review.autopilot.enabled', M.onOff]
  ])('explains %j at its field in plain words', (patch, field, message) => {
    expect(settingsPatchProblems(patch)).toEqual({ [field]: message })
  })

  it('a partial update keeps the other fields', () => {
    const next = mergeSettings(defaultSettings(), { review: { autopilot: { enabled: true, topN: 3 } } })
    expect(next.review.autopilot).toMatchObject({ enabled: true, topN: 3, minScore: 80, time: '09:00' })
  })

  it('has the field messages in English and Ukrainian', () => {
    expect(en['settingsField.autopilotTopN']).toBe(M.autopilotTopN)
    expect(en['settingsField.autopilotIntervalHours']).toBe(M.autopilotIntervalHours)
    expect(uk['settingsField.autopilotTopN']).toMatch(/Автопілот/)
    expect(uk['settingsField.autopilotIntervalHours']).toMatch(/годин/)
  })
})
