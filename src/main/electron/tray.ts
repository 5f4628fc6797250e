import { Menu, Tray, app, nativeImage } from 'electron'
import type { MainI18n } from '../i18n/main-translator'

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
  private readonly stopFollowingLanguage: () => void

  constructor(
    iconPath: string,
    private readonly actions: TrayActions,
    /** Main's strings in the language setting's language; the labels are rebuilt when it changes. */
    private readonly i18n: MainI18n
  ) {
    const image = nativeImage.createFromPath(iconPath)
    this.tray = new Tray(image.isEmpty() ? nativeImage.createEmpty() : image.resize({ width: 16, height: 16 }))
    this.tray.on('click', () => actions.open())
    this.stopFollowingLanguage = i18n.onLanguageChange(() => this.render())
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
    this.stopFollowingLanguage()
    this.tray.destroy()
  }

  private render(): void {
    const { t } = this.i18n
    const state = t(this.paused ? 'tray.state.paused' : 'tray.state.watching')
    this.tray.setToolTip(this.unread > 0 ? t('tray.tooltipWithCount', { count: this.unread, state }) : t('tray.tooltip', { state }))
    if (process.platform === 'darwin') this.tray.setTitle(this.unread > 0 ? String(this.unread) : '')
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: this.unread > 0 ? t('tray.openWithCount', { count: this.unread }) : t('tray.open'), click: () => this.actions.open() },
        { type: 'separator' },
        {
          label: t('tray.pause'),
          type: 'checkbox',
          checked: this.paused,
          click: (item) => this.actions.setPaused(item.checked)
        },
        { type: 'separator' },
        { label: t('tray.quit'), click: () => this.actions.quit() }
      ])
    )
  }
}
