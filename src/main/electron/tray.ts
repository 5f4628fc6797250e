import { Menu, Tray, app, nativeImage } from 'electron'

export interface TrayActions {
  open(): void
  setPaused(paused: boolean): void
  quit(): void
}

/**
 * The tray icon lives all day: it shows what needs attention (the badge count) and whether
 * automation is paused, and offers the three things a user reaches for without the window.
 */
export class AppTray {
  private readonly tray: Tray
  private paused = false
  private unread = 0

  constructor(
    iconPath: string,
    private readonly actions: TrayActions
  ) {
    const image = nativeImage.createFromPath(iconPath)
    this.tray = new Tray(image.isEmpty() ? nativeImage.createEmpty() : image.resize({ width: 16, height: 16 }))
    this.tray.on('click', () => actions.open())
    this.render()
  }

  setPaused(paused: boolean): void {
    this.paused = paused
    this.render()
  }

  /** New matches + unread messages; shown in the tooltip, the menu and the dock/launcher badge. */
  setBadge(count: number): void {
    this.unread = Math.max(0, Math.floor(count))
    app.setBadgeCount(this.unread)
    this.render()
  }

  destroy(): void {
    this.tray.destroy()
  }

  private render(): void {
    const status = this.paused ? 'automation paused' : 'watching'
    this.tray.setToolTip(this.unread > 0 ? `GigPilot: ${this.unread} new (${status})` : `GigPilot (${status})`)
    if (process.platform === 'darwin') this.tray.setTitle(this.unread > 0 ? String(this.unread) : '')
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: this.unread > 0 ? `Open GigPilot (${this.unread} new)` : 'Open GigPilot', click: () => this.actions.open() },
        { type: 'separator' },
        {
          label: 'Pause automation',
          type: 'checkbox',
          checked: this.paused,
          click: (item) => this.actions.setPaused(item.checked)
        },
        { type: 'separator' },
        { label: 'Quit', click: () => this.actions.quit() }
      ])
    )
  }
}
