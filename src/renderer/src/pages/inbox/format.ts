import type { Language } from '@shared/i18n'

const DAY = 24 * 60 * 60_000

/** A thread's last activity: the time today, the weekday this week, else the date (like a mail client). */
export function activityTime(language: Language, at: number, now: number): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString()
  if (sameDay) return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(at)
  if (now - at < 6 * DAY && now >= at) return new Intl.DateTimeFormat(language, { weekday: 'short' }).format(at)
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', ...(new Date(at).getFullYear() === new Date(now).getFullYear() ? {} : { year: 'numeric' }) }).format(at)
}

/** A message's time in full ("1 Dec 2026, 09:04"). */
export const messageTime = (language: Language, at: number): string => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(at)
