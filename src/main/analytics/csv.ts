/**
 * CSV export of proposals with their outcomes and features: RFC 4180 (CRLF rows, a field quoted
 * when it holds a comma, a quote, CR or LF, quotes doubled), UTF-8 with a byte-order mark so
 * spreadsheets open it as UTF-8, and a guard against formula injection: a text cell that starts
 * with = + - @ (or a tab / CR, which some spreadsheets skip) gets a leading ' so it is shown as
 * text, never run (a NUL too: OWASP ASVS 5.0 1.2.10). Job titles come from Upwork and are untrusted.
 *
 * Column names are stable identifiers (snake_case, the same in every language) so scripts and
 * re-imports can rely on them.
 */
import type { HistoryRow } from './history'
import { stageOfRank } from './history'

export const CSV_BOM = '\uFEFF'

/** One cell: '' for null, numbers as they are (finite only), text guarded and quoted as needed. */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return ''
  if (typeof value === 'boolean') return value ? '1' : '0'
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  const text = /^[=+\-@\t\r\0]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(cells: ReadonlyArray<string | number | boolean | null>): string {
  return cells.map(csvCell).join(',')
}

export const CSV_COLUMNS = [
  'proposal_id',
  'submitted_at',
  'job_title',
  'upwork_job_id',
  'status',
  'stage',
  'furthest_stage',
  'viewed',
  'replied',
  'interview',
  'hired',
  'hours_to_first_reply',
  'bid',
  'connects',
  'template',
  'template_id',
  'strategy',
  'category',
  'client_country',
  'client_hires',
  'client_verified',
  'client_total_spent',
  'client_feedback',
  'fit_score',
  'minutes_posting_to_sending',
  'hour_of_day',
  'job_type',
  'fixed_budget',
  'hourly_min',
  'hourly_max',
  'applicants',
  'experience_level'
] as const

export function csvRow(r: HistoryRow): Array<string | number | boolean | null> {
  return [
    r.id,
    new Date(r.sentAt).toISOString(),
    r.jobTitle,
    r.upworkJobId,
    r.status,
    r.stage,
    stageOfRank(r.furthest),
    r.furthest >= 1,
    r.furthest >= 2,
    r.furthest >= 3,
    r.furthest >= 4,
    r.firstReplyAt === null ? null : Math.round(((r.firstReplyAt - r.sentAt) / 3_600_000) * 100) / 100,
    r.bidAmount,
    r.connectsSpent,
    r.templateName,
    r.templateId,
    r.strategy,
    r.category,
    r.clientCountry,
    r.clientHires,
    r.clientVerified,
    r.clientTotalSpent,
    r.clientFeedback,
    r.score,
    r.minutesSincePosting,
    new Date(r.sentAt).getHours(),
    r.jobType,
    r.fixedAmount,
    r.hourlyMin,
    r.hourlyMax,
    r.totalApplicants,
    r.experienceLevel
  ]
}

/** The whole file: BOM, header, one row per proposal, CRLF after each row. */
export function toCsv(rows: readonly HistoryRow[]): string {
  const lines = [csvLine(CSV_COLUMNS), ...rows.map((r) => csvLine(csvRow(r)))]
  return CSV_BOM + lines.join('\r\n') + '\r\n'
}
