import { describe, expect, it } from 'vitest'
import { defaultSettings, mergeSettings, SETTINGS_FIELD_MESSAGES as M, settingsPatchProblems, settingsPatchSchema, settingsSchema } from './settings'

describe('settings schema', () => {
  it('offers system, English and Ukrainian, defaulting to the system language; a stored "en" still reads', () => {
    expect(defaultSettings().language).toBe('system')
    expect(settingsSchema.parse({ language: 'en' }).language).toBe('en')
    expect(settingsPatchSchema.parse({ language: 'uk' })).toEqual({ language: 'uk' })
    expect(settingsPatchProblems({ language: 'fr' })).toEqual({ language: M.choice })
  })

  it('limits the AI model name to 200 characters, in plain words', () => {
    expect(settingsPatchSchema.safeParse({ ai: { model: 'm'.repeat(200) } }).success).toBe(true)
    expect(settingsPatchProblems({ ai: { model: 'm'.repeat(201) } })).toEqual({ 'ai.model': M.modelTooLong })
    expect(settingsPatchProblems({ ai: { model: '   ' } })).toEqual({ 'ai.model': M.modelEmpty })
  })

  it.each([
    [{ upwork: { hourlyRequestBudget: 0 } }, 'upwork.hourlyRequestBudget', M.hourlyRequestBudget],
    [{ upwork: { callbackPort: 80 } }, 'upwork.callbackPort', M.callbackPort],
    [{ upwork: { callbackPort: 50000.5 } }, 'upwork.callbackPort', M.callbackPort],
    [{ notifications: { minScore: 150 } }, 'notifications.minScore', M.minScore],
    [{ notifications: { minScore: 'high' } }, 'notifications.minScore', M.minScore],
    [{ notifications: { quietHours: { start: '25:00' } } }, 'notifications.quietHours.start', M.time],
    [{ upwork: { graphqlUrl: 'not a url' } }, 'upwork.graphqlUrl', M.url],
    [{ upwork: { tokenUrl: 'http://evil.example/token' } }, 'upwork.tokenUrl', M.urlRule],
    [{ upwork: { tenantId: 'a\r\nX-Evil: 1' } }, 'upwork.tenantId', M.tenantId],
    [{ ai: { dailyTokenBudget: 5 } }, 'ai.dailyTokenBudget', M.dailyTokenBudget],
    [{ theme: 'purple' }, 'theme', M.choice],
    [{ automationPaused: 'yes' }, 'automationPaused', M.onOff],
    [{ notifications: 'loud' }, 'notifications', M.group],
    [{ secret: 'x' }, 'secret', M.unknown]
  ])('explains %j at its field in plain words', (patch, field, message) => {
    const problems = settingsPatchProblems(patch)
    expect(problems).toEqual({ [field]: message })
    // No validator jargon reaches the field.
    expect(Object.values(problems!).join(' ')).not.toMatch(/invalid|expected|received|too (small|big)|nan/i)
  })

  it('derives the update schema from the settings schema: every field is patchable, nested keys included', () => {
    const d = defaultSettings()
    // A patch that sets every field to its default is valid, and merges back to the defaults.
    expect(settingsPatchSchema.parse(d)).toEqual(d)
    expect(mergeSettings(d, settingsPatchSchema.parse(d))).toEqual(d)
    expect(settingsPatchSchema.parse({})).toEqual({})
    expect(mergeSettings(d, { notifications: { quietHours: { enabled: true } } }).notifications.quietHours).toEqual({
      enabled: true,
      start: '22:00',
      end: '08:00'
    })
    expect(settingsPatchProblems({ notifications: { quietHours: { colour: 'red' } } })).toEqual({ 'notifications.quietHours.colour': M.unknown })
  })
})
