/** Native notifications, behind a port so services never import Electron. */
export interface AppNotification {
  title: string
  body: string
  /** No sound (the user turned sound off in Settings → Notifications). */
  silent?: boolean
  /** Called when the user clicks the notification (e.g. to open the exact job). */
  onClick?: () => void
}

export interface Notifier {
  notify(notification: AppNotification): void
}
