import type { JobListItem } from '@shared/discovery'
import type { Language, Translate } from '@shared/i18n'
import type { BadgeTone } from '../../ui'

/** Words and numbers of the jobs view, in the language in force. Pure: tested without a DOM. */

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** "posted 12 min ago", "posted 3 h ago", "posted 2 days ago" (uk plural forms from the catalog). */
export function postedAgo(t: Translate, publishedAt: number, now: number): string {
  const age = Math.max(0, now - publishedAt)
  if (age < MINUTE) return t('jobs.posted.justNow')
  if (age < HOUR) return t('jobs.posted.minutes', { n: Math.floor(age / MINUTE) })
  if (age < DAY) return t('jobs.posted.hours', { n: Math.floor(age / HOUR) })
  return t('jobs.posted.days', { n: Math.floor(age / DAY) })
}

const money = (language: Language, amount: number, currency: string | null): string => {
  const cents = amount < 100 && !Number.isInteger(amount) ? 2 : 0
  const options: Intl.NumberFormatOptions = { minimumFractionDigits: cents, maximumFractionDigits: cents }
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat(language, { ...options, style: 'currency', currency }).format(amount)
    } catch {
      // An unknown currency code: the number and the code as given.
    }
  }
  const n = new Intl.NumberFormat(language, options).format(amount)
  return currency ? `${n} ${currency}` : n
}

/** Compact money for client spend ("$12K"). */
export const compactMoney = (language: Language, amount: number, currency = 'USD'): string =>
  new Intl.NumberFormat(language, { style: 'currency', currency, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(amount)

/** A client's feedback (0–5) with one decimal, in the language's digits ("4.9", "4,9"). */
export const rating = (language: Language, value: number): string => new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)

/** "$30–$60/h", "$500 fixed", or "budget not given". */
export function budgetText(t: Translate, language: Language, job: Pick<JobListItem, 'hourlyMin' | 'hourlyMax' | 'fixedAmount' | 'currency' | 'jobType'>): string {
  const currency = job.currency ?? 'USD'
  const { hourlyMin: lo, hourlyMax: hi } = job
  if (lo !== null || hi !== null) {
    const range = lo !== null && hi !== null && lo !== hi ? `${money(language, lo, currency)}–${money(language, hi, currency)}` : money(language, (lo ?? hi)!, currency)
    return t('jobs.budget.hourly', { range })
  }
  if (job.fixedAmount !== null) return t('jobs.budget.fixed', { amount: money(language, job.fixedAmount, currency) })
  return t('jobs.budget.unknown')
}

/** The score badge's colour band; the number is always shown as text beside it. */
export function scoreTone(score: number | null): BadgeTone {
  if (score === null) return 'neutral'
  if (score >= 70) return 'ok'
  if (score >= 40) return 'warn'
  return 'danger'
}
