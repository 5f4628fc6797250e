import type { Translate } from '@shared/i18n'
import { previewOf } from '@shared/messaging'
import type { PendingMessage } from './message-store'

/** The longest list of client names in a grouped notification's body. */
const MAX_NAMES = 3
/** A client's name (Upwork gives up to 200 characters, the client chooses it) is cut to this in a notification. */
export const NOTIFY_NAME_CHARS = 40

/**
 * One notification for one sync's new client messages: a single message shows who wrote and what
 * (a preview, as text); several say "3 new messages from 2 clients" with the names. Opens the
 * newest message's thread.
 */
export function notificationFor(messages: readonly PendingMessage[], t: Translate): { title: string; body: string; roomId: string } | null {
  const newest = messages[messages.length - 1]
  if (!newest) return null
  const name = (m: PendingMessage): string => previewOf(m.clientName ?? m.authorName ?? t('messaging.unknownClient'), NOTIFY_NAME_CHARS)
  if (messages.length === 1) {
    return { title: t('messaging.notify.one.title', { client: name(newest) }), body: t('messaging.notify.one.body', { preview: previewOf(newest.text, 120) }), roomId: newest.roomId }
  }
  const rooms = new Map<string, string>()
  for (const m of [...messages].reverse()) if (!rooms.has(m.roomId)) rooms.set(m.roomId, name(m))
  const names = [...new Set(rooms.values())]
  const shown = names.slice(0, MAX_NAMES).join(', ') + (names.length > MAX_NAMES ? ', …' : '')
  return {
    title: t('messaging.notify.many.title', { count: messages.length, clients: names.length }),
    body: t('messaging.notify.many.body', { names: shown }),
    roomId: newest.roomId
  }
}
