import { inEnglish, text, type UserText } from '@shared/i18n'
import type { Settings } from '@shared/settings'

/** Minutes since midnight for "HH:MM". */
const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

/**
 * Whether `at` (local time) falls in the user's quiet hours. The window may cross midnight
 * (22:00–08:00); equal start and end means no quiet time at all.
 */
export function inQuietHours(quiet: Settings['notifications']['quietHours'], at: Date): boolean {
  if (!quiet.enabled) return false
  const start = minutesOf(quiet.start)
  const end = minutesOf(quiet.end)
  if (start === end) return false
  const now = at.getHours() * 60 + at.getMinutes()
  return start < end ? now >= start && now < end : now >= start || now < end
}

/** `reason` in English (logs); `reasonText` for the user, rendered in the language in force. */
export type NotificationDecision = { show: true } | { show: false; reason: string; reasonText: UserText }

const notShown = (reasonText: UserText): NotificationDecision => ({ show: false, reason: inEnglish(reasonText), reasonText })

/** What every notification asks before it is shown: are they on, and is it quiet time? */
export function decideNotification(settings: Settings['notifications'], at: Date): NotificationDecision {
  if (!settings.enabled) return notShown(text('notifications.reason.off'))
  if (inQuietHours(settings.quietHours, at)) {
    return notShown(text('notifications.reason.quiet', { start: settings.quietHours.start, end: settings.quietHours.end }))
  }
  return { show: true }
}
