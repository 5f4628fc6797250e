import { afterAll, describe, expect, it, vi } from 'vitest'
import { createMainI18n } from '../i18n/main-translator'
import { tempSettingsStores } from '../i18n/test-support/temp-settings-store'

/** Only `electron` is replaced: Tray and Menu record what GigPilot shows. Settings are a real file. */
type Item = { label?: string; type?: string; checked?: boolean; enabled?: boolean; click?: (item: { checked: boolean }) => void }
let menu: Item[] = []
let tooltip = ''
const setBadgeCount = vi.fn()
vi.mock('electron', () => ({
  app: { setBadgeCount },
  nativeImage: { createFromPath: () => ({ isEmpty: () => true }), createEmpty: () => ({}) },
  Menu: { buildFromTemplate: (items: Item[]) => ((menu = items), items) },
  Tray: class {
    on(): void {}
    setToolTip(t: string): void {
      tooltip = t
    }
    setContextMenu(): void {}
    setTitle(): void {}
    destroy(): void {}
  }
}))

const { AppTray } = await import('./tray')
const stores = tempSettingsStores()
afterAll(() => stores.cleanup())
const settingsStore = () => stores.create()
const labels = (): Array<string | undefined> => menu.filter((i) => i.label).map((i) => i.label)

describe('AppTray', () => {
  const settings = settingsStore()
  settings.update({ language: 'en' })
  const actions = { open: vi.fn(), setPaused: vi.fn(), quit: vi.fn() }
  const tray = new AppTray('/icon.png', actions, createMainI18n(settings))

  it('offers Open, Pause automation and Quit', () => {
    expect(labels()).toEqual(['Open GigPilot', 'Pause automation', 'Quit'])
    menu.find((i) => i.label === 'Open GigPilot')!.click!({ checked: false })
    expect(actions.open).toHaveBeenCalled()
    menu.find((i) => i.label === 'Pause automation')!.click!({ checked: true })
    expect(actions.setPaused).toHaveBeenCalledWith(true)
    menu.find((i) => i.label === 'Quit')!.click!({ checked: false })
    expect(actions.quit).toHaveBeenCalled()
  })

  it('shows the paused state and the unread badge', () => {
    tray.setPaused(true)
    expect(menu.find((i) => i.label === 'Pause automation')!.checked).toBe(true)
    expect(tooltip).toContain('automation paused')
    tray.setBadge(5)
    expect(setBadgeCount).toHaveBeenLastCalledWith(5)
    expect(tooltip).toBe('GigPilot: 5 new (automation paused)')
    expect(menu[0]!.label).toBe('Open GigPilot (5 new)')
    tray.destroy()
  })
})

describe('AppTray: unread messages', () => {
  it('the badge is new matches + unread messages; the menu lists up to 5 unread threads and a click opens that thread', () => {
    const settings = settingsStore()
    settings.update({ language: 'en' })
    const actions = { open: vi.fn(), setPaused: vi.fn(), quit: vi.fn(), openThread: vi.fn() }
    const tray = new AppTray('/icon.png', actions, createMainI18n(settings, () => ['en-US']))
    tray.setBadge(2)
    const threads = Array.from({ length: 7 }, (_, i) => ({ roomId: `room_${i}`, title: `Job ${i}`, clientName: i === 0 ? 'Maya & Co\nLtd' : i === 1 ? null : `Client ${i}`, unreadCount: i + 1 }))
    tray.setMessages(4, threads)
    expect(setBadgeCount).toHaveBeenLastCalledWith(6)
    expect(tooltip).toBe('GigPilot: 6 new (watching)')
    expect(labels()).toEqual(['Open GigPilot (6 new)', 'Unread messages', 'Maya && Co Ltd: 1 unread', 'Job 1: 2 unread', 'Client 2: 3 unread', 'Client 3: 4 unread', 'Client 4: 5 unread', 'Pause automation', 'Quit'])
    expect(menu.find((i) => i.label === 'Unread messages')!.enabled).toBe(false)
    menu.find((i) => i.label === 'Client 3: 4 unread')!.click!({ checked: false })
    expect(actions.openThread).toHaveBeenCalledWith('room_3')
    // All read: the section goes, the badge is the matches alone.
    tray.setMessages(0, [])
    expect(setBadgeCount).toHaveBeenLastCalledWith(2)
    expect(labels()).toEqual(['Open GigPilot (2 new)', 'Pause automation', 'Quit'])
    tray.destroy()
  })

  it('in Ukrainian', () => {
    const settings = settingsStore()
    settings.update({ language: 'uk' })
    const tray = new AppTray('/icon.png', { open: vi.fn(), setPaused: vi.fn(), quit: vi.fn() }, createMainI18n(settings, () => ['en-US']))
    tray.setMessages(3, [{ roomId: 'r', title: 'Робота', clientName: 'Олена', unreadCount: 3 }])
    expect(labels()).toContain('Непрочитані повідомлення')
    expect(labels()).toContain('Олена: 3 непрочитані')
    tray.destroy()
  })
})

describe('AppTray in Ukrainian', () => {
  it('is Ukrainian when the language setting is uk', () => {
    const settings = settingsStore()
    settings.update({ language: 'uk' })
    const tray = new AppTray('/icon.png', { open: vi.fn(), setPaused: vi.fn(), quit: vi.fn() }, createMainI18n(settings, () => ['en-US']))
    expect(labels()).toEqual(['Відкрити GigPilot', 'Призупинити автоматизацію', 'Вийти'])
    expect(tooltip).toBe('GigPilot (стежить)')
    tray.setBadge(3)
    expect(menu[0]!.label).toBe('Відкрити GigPilot (нових: 3)')
    tray.destroy()
  })

  it("follows the OS language when the setting is 'system'", () => {
    const settings = settingsStore()
    settings.update({ language: 'system' })
    const tray = new AppTray('/icon.png', { open: vi.fn(), setPaused: vi.fn(), quit: vi.fn() }, createMainI18n(settings, () => ['uk-UA', 'en-US']))
    expect(labels()).toEqual(['Відкрити GigPilot', 'Призупинити автоматизацію', 'Вийти'])
    tray.destroy()
  })

  it('relabels when the language setting changes, and stops following it once destroyed', () => {
    const settings = settingsStore()
    settings.update({ language: 'en' })
    const tray = new AppTray('/icon.png', { open: vi.fn(), setPaused: vi.fn(), quit: vi.fn() }, createMainI18n(settings, () => ['en-US']))
    tray.setPaused(true)
    expect(labels()).toEqual(['Open GigPilot', 'Pause automation', 'Quit'])
    settings.update({ language: 'uk' })
    expect(labels()).toEqual(['Відкрити GigPilot', 'Призупинити автоматизацію', 'Вийти'])
    expect(tooltip).toBe('GigPilot (автоматизацію призупинено)')
    expect(menu.find((i) => i.type === 'checkbox')!.checked).toBe(true)
    tray.destroy()
    menu = []
    settings.update({ language: 'en' })
    expect(menu).toEqual([])
  })
})
