import { describe, expect, it, vi } from 'vitest'

/** Only `electron` is replaced: Tray and Menu record what GigPilot shows. */
type Item = { label?: string; type?: string; checked?: boolean; click?: (item: { checked: boolean }) => void }
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

describe('AppTray', async () => {
  const { AppTray } = await import('./tray')
  const actions = { open: vi.fn(), setPaused: vi.fn(), quit: vi.fn() }
  const tray = new AppTray('/icon.png', actions)

  it('offers Open, Pause automation and Quit', () => {
    expect(menu.filter((i) => i.label).map((i) => i.label)).toEqual(['Open GigPilot', 'Pause automation', 'Quit'])
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
  })
})
