import { Notification } from 'electron'
import type { AppNotification, Notifier } from '../ports/notifier'

/** Native notifications through Electron; silently a no-op where the OS has none. */
export class ElectronNotifier implements Notifier {
  // Keep references: a garbage-collected Notification loses its click handler.
  private readonly live = new Set<Notification>()

  notify(n: AppNotification): void {
    if (!Notification.isSupported()) return
    const notification = new Notification({ title: n.title, body: n.body, silent: n.silent ?? false })
    this.live.add(notification)
    notification.on('click', () => n.onClick?.())
    notification.on('close', () => this.live.delete(notification))
    notification.show()
  }
}
