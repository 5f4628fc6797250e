import { describe, expect, it } from 'vitest'
import { en } from './i18n/en'
import { uk } from './i18n/uk'
import { defaultSettings, mergeSettings, SETTINGS_FIELD_MESSAGES as M, settingsPatchProblems } from './settings'

describe('Settings → AI: hourly request limit and automatic analysis', () => {
  it('defaults to 1,000 requests an hour and automatic analysis off (top 5 at 80+)', () => {
    const ai = defaultSettings().ai
    expect(ai.hourlyRequestLimit).toBe(1000)
    expect(ai.autoAnalyze).toEqual({ enabled: false, topK: 5, minScore: 80 })
  })

  it.each([
    [{ ai: { hourlyRequestLimit: 0 } }, 'ai.hourlyRequestLimit', M.aiHourlyRequestLimit],
    [{ ai: { hourlyRequestLimit: 1.5 } }, 'ai.hourlyRequestLimit', M.aiHourlyRequestLimit],
    [{ ai: { autoAnalyze: { topK: 0 } } }, 'ai.autoAnalyze.topK', M.autoAnalyzeTopK],
    [{ ai: { autoAnalyze: { topK: 51 } } }, 'ai.autoAnalyze.topK', M.autoAnalyzeTopK],
    [{ ai: { autoAnalyze: { minScore: 101 } } }, 'ai.autoAnalyze.minScore', M.minScore],
    [{ ai: { autoAnalyze: { enabled: 'yes' } } }, 'ai.autoAnalyze.enabled', M.onOff]
  ])('explains %j at its field in plain words', (patch, field, message) => {
    expect(settingsPatchProblems(patch)).toEqual({ [field]: message })
  })

  it('a partial update of autoAnalyze keeps its other fields', () => {
    const next = mergeSettings(defaultSettings(), { ai: { autoAnalyze: { enabled: true } } })
    expect(next.ai.autoAnalyze).toEqual({ enabled: true, topK: 5, minScore: 80 })
    expect(next.ai.model).toBe('gpt-4o-mini')
  })

  it('has the field messages in English and Ukrainian', () => {
    expect(en['settingsField.aiHourlyRequestLimit']).toBe(M.aiHourlyRequestLimit)
    expect(en['settingsField.autoAnalyzeTopK']).toBe(M.autoAnalyzeTopK)
    expect(uk['settingsField.aiHourlyRequestLimit']).toMatch(/годину/)
    expect(uk['settingsField.autoAnalyzeTopK']).toMatch(/вакансій/)
  })
})
