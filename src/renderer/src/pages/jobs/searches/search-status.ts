import type { SavedSearchDto } from '@shared/discovery'
import type { Translate } from '../../../i18n'

/** "3 min ago", "2 h ago", "just now" (the panel re-renders each minute). */
export function ago(t: Translate, at: number, now: number): string {
  const minutes = Math.max(0, Math.round((now - at) / 60_000))
  if (minutes < 1) return t('searches.time.justNow')
  if (minutes < 60) return t('searches.time.minutesAgo', { n: minutes })
  const hours = Math.round(minutes / 60)
  if (hours < 48) return t('searches.time.hoursAgo', { n: hours })
  return t('searches.time.daysAgo', { n: Math.round(hours / 24) })
}

/** "in 4 min", "in 2 h", "due now". */
export function inTime(t: Translate, at: number, now: number): string {
  const minutes = Math.round((at - now) / 60_000)
  if (minutes < 1) return t('searches.time.dueNow')
  if (minutes < 60) return t('searches.time.inMinutes', { n: minutes })
  return t('searches.time.inHours', { n: Math.round(minutes / 60) })
}

export type SearchState = 'paused' | 'failed' | 'running' | 'waiting' | 'ok'

/**
 * What a search is doing, in one word: paused by the user; failed (the last run's error, never a
 * silent zero); running (its run is due now); waiting (never ran yet); ok.
 */
export function searchState(s: SavedSearchDto, now: number): SearchState {
  if (s.paused) return 'paused'
  if (s.lastError || (s.lastResult && !s.lastResult.ok)) return 'failed'
  if (s.nextRunAt !== null && s.nextRunAt <= now) return 'running'
  if (s.lastRunAt === null) return 'waiting'
  return 'ok'
}

/** The status line under a search's name. */
export function statusLine(t: Translate, s: SavedSearchDto, now: number): string {
  const state = searchState(s, now)
  const last = s.lastRunAt !== null ? ago(t, s.lastRunAt, now) : null
  const result = s.lastResult
  const lastRun =
    last && result && result.ok
      ? t('searches.status.lastRun', { when: last, found: result.found, new: result.new })
      : last
        ? t('searches.status.lastRunAt', { when: last })
        : null
  const skipped = result && result.skipped > 0 ? t('searches.status.skipped', { n: result.skipped }) : null
  const filtered = result && (result.filteredOut ?? 0) > 0 ? t('searches.status.filteredOut', { n: result.filteredOut! }) : null
  const next = s.nextRunAt !== null && !s.paused ? t('searches.status.next', { when: inTime(t, s.nextRunAt, now) }) : null
  switch (state) {
    case 'paused':
      return [t('searches.status.paused'), lastRun].filter(Boolean).join(' · ')
    case 'failed':
      return [last ? t('searches.status.failedAt', { when: last }) : t('searches.status.failed'), next].filter(Boolean).join(' · ')
    case 'running':
      return [t('searches.status.running'), lastRun].filter(Boolean).join(' · ')
    case 'waiting':
      return [t('searches.status.waiting'), next].filter(Boolean).join(' · ')
    default:
      return [lastRun, filtered, skipped, next].filter(Boolean).join(' · ')
  }
}
