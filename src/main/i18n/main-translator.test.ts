import { afterAll, describe, expect, it } from 'vitest'
import { en, text, uk } from '@shared/i18n'
import { MemoryBacking } from '../settings/key-value-backing'
import { createSettingsModule } from '../settings/module'
import { SettingsStore } from '../settings/settings-store'
import { createMemoryLogger } from '../test-support/memory-logger'
import { createNotificationsModule } from '../notifications/module'
import type { AppNotification } from '../ports/notifier'
import { ManualClock } from '../test-support/clocks'
import { createMainI18n, nodeSystemLanguages } from './main-translator'
import { tempSettingsStores } from './test-support/temp-settings-store'

const stores = tempSettingsStores()
afterAll(() => stores.cleanup())
const settingsStore = () => stores.create()

describe('createMainI18n', () => {
  it("uses the setting's language, or the OS's first language GigPilot has when it is 'system'", () => {
    const settings = settingsStore()
    let os: readonly string[] = ['de-DE', 'uk-UA', 'en-US']
    const i18n = createMainI18n(settings, () => os)
    expect(settings.get().language).toBe('system')
    expect(i18n.language()).toBe('uk')
    expect(i18n.t('tray.quit')).toBe('Вийти')
    os = ['fr-FR']
    expect(i18n.language()).toBe('en')
    settings.update({ language: 'uk' })
    expect(i18n.t('tray.openWithCount', { count: 2 })).toBe('Відкрити GigPilot (нових: 2)')
    settings.update({ language: 'en' })
    expect(i18n.t('tray.quit')).toBe('Quit')
  })

  it('reports a change of the resolved language only', () => {
    const settings = settingsStore()
    const i18n = createMainI18n(settings, () => ['en-GB'])
    const seen: string[] = []
    const off = i18n.onLanguageChange((l) => seen.push(l))
    settings.update({ language: 'en' }) // system was English already
    settings.update({ automationPaused: true })
    settings.update({ language: 'uk' })
    settings.update({ language: 'system' })
    off()
    settings.update({ language: 'uk' })
    expect(seen).toEqual(['uk', 'en'])
  })

  it("reads Node's locale by default", () => {
    expect(nodeSystemLanguages()).toEqual([Intl.DateTimeFormat().resolvedOptions().locale])
  })
})

describe("the test notification ('notifications:test')", () => {
  it('is in the language of the settings', async () => {
    const settings = settingsStore()
    const shown: AppNotification[] = []
    const notifications = createNotificationsModule({
      settings: () => settings.get().notifications,
      notifier: { notify: (n) => shown.push(n) },
      clock: new ManualClock(Date.parse('2026-12-01T12:00:00Z')),
      t: createMainI18n(settings, () => ['en-US']).t
    })
    settings.update({ language: 'uk' })
    expect(await notifications.handlers['notifications:test'](undefined)).toEqual({ shown: true })
    settings.update({ language: 'en' })
    await notifications.handlers['notifications:test'](undefined)
    expect(shown.map((n) => n.title)).toEqual(['Сповіщення GigPilot працюють', 'GigPilot notifications work'])
    expect(shown[0]!.body).toBe('Нові відповідні вакансії та повідомлення клієнтів з’являтимуться ось так.')
  })
})

describe('stateful texts from main follow the language', () => {
  it('the test notification says why it was not shown in the language in force', async () => {
    const settings = settingsStore()
    const notifications = createNotificationsModule({
      settings: () => settings.get().notifications,
      notifier: { notify: () => undefined },
      clock: new ManualClock(Date.parse('2026-12-01T12:00:00Z')),
      t: createMainI18n(settings, () => ['en-US']).t
    })
    settings.update({ language: 'uk', notifications: { enabled: false } })
    expect(await notifications.handlers['notifications:test'](undefined)).toEqual({ shown: false, reason: uk['notifications.reason.off'] })
    settings.update({ language: 'en' })
    expect(await notifications.handlers['notifications:test'](undefined)).toEqual({ shown: false, reason: en['notifications.reason.off'] })
  })

  it('the settings problem banner is re-worded when the language changes', () => {
    const settings = settingsStore()
    const store = new SettingsStore({ backing: new MemoryBacking({}), logger: createMemoryLogger(), loadProblem: text('settings.problem.unreadableKept', { file: '/x/settings.broken.json' }) })
    const module = createSettingsModule({ store, t: createMainI18n(settings, () => ['en-US']).t })
    expect(module.status?.().settingsProblem).toBe('Your settings file could not be read; we kept a copy at /x/settings.broken.json and started with defaults.')
    settings.update({ language: 'uk' })
    expect(module.status?.().settingsProblem).toBe('Файл налаштувань не вдалося прочитати; ми зберегли його копію в /x/settings.broken.json і запустилися з типовими налаштуваннями.')
    expect(store.lastLoadProblem).toMatch(/^Your settings file could not be read/)
  })
})
