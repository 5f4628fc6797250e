import { Notification } from 'electron'
import type { AppNotification, Notifier } from '../ports/notifier'

/** A notification's title is one line of at most this many characters; its body at most BODY_MAX. */
export const TITLE_MAX = 100
export const BODY_MAX = 300

const cut = (text: string, max: number): string => {
  if (text.length <= max) return text
  const code = text.charCodeAt(max - 2)
  // Never leave half of a surrogate pair before the ellipsis.
  return `${text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 2 : max - 1).trimEnd()}…`
}

/** The five characters the freedesktop markup reads, as entities. */
const escapeMarkup = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')

/**
 * What the OS is given. Titles and bodies carry other people's words (a client's name, a message
 * preview), so they are bounded here whatever the caller did: the title one line, both cut. On
 * Linux the notification server reads the body as markup (freedesktop `body-markup`: `<b>`,
 * `<a href>`, `<img>`) and Electron passes it on unescaped (libnotify_notification.cc), so a
 * client's `<a href="…">` would become a link the OS opens without GigPilot's URL check: the body
 * is escaped there, after cutting (a cut never splits an entity). The title (summary) is plain
 * text by the spec.
 */
export function nativeNotificationText(n: Pick<AppNotification, 'title' | 'body'>, platform: NodeJS.Platform = process.platform): { title: string; body: string } {
  const title = cut(n.title.replace(/\s+/g, ' ').trim(), TITLE_MAX)
  const body = cut(n.body.trim(), BODY_MAX)
  return { title, body: platform === 'linux' ? escapeMarkup(body) : body }
}

/** Native notifications through Electron; silently a no-op where the OS has none. */
export class ElectronNotifier implements Notifier {
  // Keep references: a garbage-collected Notification loses its click handler.
  private readonly live = new Set<Notification>()

  constructor(private readonly platform: NodeJS.Platform = process.platform) {}

  notify(n: AppNotification): void {
    if (!Notification.isSupported()) return
    const notification = new Notification({ ...nativeNotificationText(n, this.platform), silent: n.silent ?? false })
    this.live.add(notification)
    notification.on('click', () => n.onClick?.())
    notification.on('close', () => this.live.delete(notification))
    notification.show()
  }
}
