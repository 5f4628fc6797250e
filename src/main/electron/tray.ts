import { Menu, Tray, app, nativeImage } from 'electron'
import type { MainI18n } from '../i18n/main-translator'

export interface TrayActions {
  open(): void
  /** Show this conversation (a click on an unread thread in the menu). */
  openThread?(roomId: string): void
  setPaused(paused: boolean): void
  quit(): void
}

/** Unread threads listed in the tray menu. */
export const MAX_TRAY_THREADS = 5

export interface TrayThread {
  roomId: string
  title: string
  clientName: string | null
  unreadCount: number
}

/** A client's name in a menu label: one line, bounded, no menu mnemonic (&). */
function trayLabel(name: string): string {
  const flat = name.replace(/\s+/g, ' ').replace(/&/g, '&&').trim()
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat || '—'
}

/**
 * The tray icon lives all day: it shows what needs attention (the badge count) and whether
 * automation is paused, and offers the three things a user reaches for without the window.
 */
export class AppTray {
  private readonly tray: Tray
  private paused = false
  private unread = 0
  private newJobs = 0
  private unreadMessages = 0
  private threads: readonly TrayThread[] = []
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

  /** New job matches; with the unread messages, shown in the tooltip, the menu and the dock/launcher badge. */
  setBadge(count: number): void {
    this.newJobs = Math.max(0, Math.floor(count))
    this.updateBadge()
  }

  /** Unread client messages and the newest unread threads (the menu lists up to MAX_TRAY_THREADS). */
  setMessages(unreadMessages: number, threads: readonly TrayThread[]): void {
    this.unreadMessages = Math.max(0, Math.floor(unreadMessages))
    this.threads = threads.slice(0, MAX_TRAY_THREADS)
    this.updateBadge()
  }

  private updateBadge(): void {
    this.unread = this.newJobs + this.unreadMessages
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
        ...(this.threads.length > 0
          ? [
              { type: 'separator' as const },
              { label: t('messaging.tray.unreadHeader'), enabled: false },
              ...this.threads.map((th) => ({
                label: t('messaging.tray.thread', { client: trayLabel(th.clientName ?? th.title), count: th.unreadCount }),
                click: () => this.actions.openThread?.(th.roomId)
              }))
            ]
          : []),
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
