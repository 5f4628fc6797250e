import type { Language } from '@shared/i18n'

const DAY = 24 * 60 * 60_000

/** Intl formatters are costly to make and the inbox formats a time per row and per message: one per language and style. */
const formatters = new Map<string, Intl.DateTimeFormat>()
const formatter = (language: Language, style: 'time' | 'weekday' | 'date' | 'dateYear' | 'full'): Intl.DateTimeFormat => {
  const key = `${language}|${style}`
  let f = formatters.get(key)
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === 'time'
        ? { hour: '2-digit', minute: '2-digit' }
        : style === 'weekday'
          ? { weekday: 'short' }
          : style === 'date'
            ? { day: 'numeric', month: 'short' }
            : style === 'dateYear'
              ? { day: 'numeric', month: 'short', year: 'numeric' }
              : { dateStyle: 'medium', timeStyle: 'short' }
    formatters.set(key, (f = new Intl.DateTimeFormat(language, options)))
  }
  return f
}

const sameDay = (a: Date, b: Date): boolean => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()

/** A thread's last activity: the time today, the weekday this week, else the date (like a mail client). */
export function activityTime(language: Language, at: number, now: number): string {
  const when = new Date(at)
  const today = new Date(now)
  if (sameDay(when, today)) return formatter(language, 'time').format(at)
  if (now >= at && now - at < 6 * DAY) return formatter(language, 'weekday').format(at)
  return formatter(language, when.getFullYear() === today.getFullYear() ? 'date' : 'dateYear').format(at)
}

/** A message's time in full ("1 Dec 2026, 09:04"). */
export const messageTime = (language: Language, at: number): string => formatter(language, 'full').format(at)
