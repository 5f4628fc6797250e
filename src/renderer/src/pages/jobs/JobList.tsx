import { forwardRef, memo } from 'react'
import type { JobListItem } from '@shared/discovery'
import { useI18n, type MessageKey } from '../../i18n'
import { Badge } from '../../ui'
import { useVirtualListbox, type VirtualListboxHandle } from '../../ui/use-virtual-listbox'
import { budgetText, compactMoney, postedAgo, rating, scoreTone } from './format'
import { JobRowPrediction, useJobPredictions } from '../experiments/Prediction'

/** Every row is this tall (a title line and up to two lines of facts), so the list never measures: smooth at 10,000+ rows. */
export const ROW_HEIGHT = 72

export type JobListHandle = VirtualListboxHandle

const jobKey = (job: JobListItem): number => job.id

export interface JobListProps {
  items: readonly JobListItem[]
  total: number
  selectedId: number | null
  now: number
  label: string
  onSelect(id: number): void
  onOpen(id: number): void
  /** The user scrolled near the end of what is loaded. */
  onNearEnd(): void
  /** Called once, when rows are first on screen. */
  onRowsPainted?(): void
}

export const rowDomId = (id: number): string => `job-row-${id}`

/**
 * The job list: a listbox whose options are the jobs, virtualized (only the rows in view, plus a
 * few, are in the DOM). The keyboard is the page's (j/k, Enter); the active row is announced
 * through aria-activedescendant. A row's name is its text, title first (WCAG 2.5.3: the name holds
 * what is seen).
 */
export const JobList = forwardRef<JobListHandle, JobListProps>(function JobList({ items, total, selectedId, now, label, onSelect, onOpen, onNearEnd, onRowsPainted }, ref) {
  const { scroller, rows, totalSize, onScroll } = useVirtualListbox({ items, rowHeight: ROW_HEIGHT, keyOf: jobKey, onNearEnd, onRowsPainted }, ref)
  // The predictions of the rows on screen (asked for as they scroll in).
  useJobPredictions(rows.flatMap((r) => (items[r.index] ? [items[r.index]!.id] : [])))

  return (
    <div
      ref={scroller}
      className="job-list"
      data-testid="jobs-list"
      role="listbox"
      aria-label={label}
      tabIndex={0}
      onScroll={onScroll}
      aria-activedescendant={selectedId !== null && items.some((j) => j.id === selectedId) ? rowDomId(selectedId) : undefined}
    >
      <div style={{ height: totalSize, position: 'relative' }}>
        {rows.map((row) => {
          const job = items[row.index]!
          return (
            <JobRow
              key={job.id}
              job={job}
              index={row.index}
              setSize={total}
              top={row.start}
              selected={job.id === selectedId}
              now={now}
              onSelect={onSelect}
              onOpen={onOpen}
            />
          )
        })}
      </div>
    </div>
  )
})

interface JobRowProps {
  job: JobListItem
  index: number
  setSize: number
  top: number
  selected: boolean
  now: number
  onSelect(id: number): void
  onOpen(id: number): void
}

const JobRow = memo(function JobRow({ job, index, setSize, top, selected, now, onSelect, onOpen }: JobRowProps): React.JSX.Element {
  const { t, language } = useI18n()
  const title = job.contentPruned || !job.title ? t('jobs.row.pruned') : job.title
  const signals: string[] = []
  if (job.clientVerified !== null) signals.push(job.clientVerified ? t('jobs.client.verified') : t('jobs.client.unverified'))
  if (job.clientTotalSpent !== null) signals.push(t('jobs.client.spent', { amount: compactMoney(language, job.clientTotalSpent) }))
  if (job.clientFeedback !== null) signals.push(t('jobs.client.feedback', { rating: rating(language, job.clientFeedback) }))
  if (job.clientCountry) signals.push(job.clientCountry)
  const facts = [budgetText(t, language, job), job.totalApplicants !== null ? t('jobs.applicants', { count: job.totalApplicants }) : null, postedAgo(t, job.publishedAt, now), ...signals].filter(
    (f): f is string => f !== null
  )
  return (
    <div
      id={rowDomId(job.id)}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      data-job-id={job.id}
      data-status={job.status}
      className={['job-row', selected ? 'selected' : null, job.status === 'new' ? 'unseen' : null].filter(Boolean).join(' ')}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      onMouseDown={() => onSelect(job.id)}
      onClick={() => onOpen(job.id)}
    >
      {/* The title comes first in the DOM, so the row's name starts with it; CSS shows the score first. */}
      <span className="job-row-main">
        <span className="job-row-line">
          <span className="job-row-title" data-testid="job-title">
            {title}
          </span>{' '}
          <span className={`job-status ${job.status}`}>{t(`jobs.status.${job.status}` as MessageKey)}</span>
        </span>{' '}
        {/* Budget, applicants and age first (they wrap last); each client signal wraps on its own. */}
        <span className="job-row-facts">
          {facts.map((f, i) => (
            <span key={i}>{i > 0 ? ` ${f}` : f}</span>
          ))}
        </span>
      </span>{' '}
      <span className="job-row-score">
        <Badge tone={scoreTone(job.score)} data-testid="job-score">
          {job.score === null ? '–' : String(job.score)}
        </Badge>
      </span>{' '}
      <JobRowPrediction jobId={job.id} />
    </div>
  )
})
