import { Fragment, useState } from 'react'
import type { JobDetailDto, JobStatus } from '@shared/discovery'
import { api, toProblem, type Problem } from '../../api'
import { isMessageKey } from '@shared/i18n'
import { useErrorText, useI18n, useT, type MessageKey } from '../../i18n'
import { Badge, Button } from '../../ui'
import { AiAnalysis } from './AiAnalysis'
import { JobPrediction } from '../experiments/Prediction'
import { DraftFromJobButton } from '../drafts/DraftFromJobButton'
import { reasonIn, signedPoints } from '@shared/score-reasons'
import { budgetText, compactMoney, postedAgo, rating, scoreTone } from './format'

export interface JobDetailProps {
  job: JobDetailDto
  now: number
  onStatus(status: JobStatus): void
  onToggleSaved(): void
}

/**
 * The open job. Its text comes from Upwork and is untrusted: every piece is a React text node
 * (the description keeps its line breaks through CSS `white-space: pre-wrap`), never HTML.
 */
export function JobDetail({ job, now, onStatus, onToggleSaved }: JobDetailProps): React.JSX.Element {
  const { t, language } = useI18n()
  const errorText = useErrorText()
  const [openError, setOpenError] = useState<Problem | null>(null)
  const pruned = job.contentPruned
  const c = job.client

  const openOnUpwork = async (): Promise<void> => {
    setOpenError(null)
    try {
      await api.shell.openExternal({ url: job.url })
    } catch (e) {
      setOpenError(toProblem(e))
    }
  }

  const facts: Array<[MessageKey, string | null]> = [
    ['jobs.detail.budget', budgetText(t, language, job)],
    ['jobs.detail.experience', job.experienceLevel ? (isMessageKey(`scoreLevel.${job.experienceLevel}`) ? t(`scoreLevel.${job.experienceLevel}` as MessageKey) : job.experienceLevel) : null],
    ['jobs.detail.duration', job.durationLabel],
    ['jobs.detail.workload', job.engagement],
    ['jobs.detail.category', [job.category, job.subcategory].filter(Boolean).join(' › ') || null],
    ['jobs.detail.applicants', job.totalApplicants === null ? null : t('jobs.applicants', { count: job.totalApplicants })],
    ['jobs.detail.posted', postedAgo(t, job.publishedAt, now)]
  ]
  const client: Array<[MessageKey, string | null]> = [
    ['jobs.client.payment', c.verified === null ? null : c.verified ? t('jobs.client.verified') : t('jobs.client.unverified')],
    ['jobs.client.totalSpent', c.totalSpent === null ? null : compactMoney(language, c.totalSpent)],
    ['jobs.client.hires', c.hires === null ? null : c.postedJobs ? t('jobs.client.hiresOf', { hires: c.hires, posted: c.postedJobs }) : String(c.hires)],
    ['jobs.client.rating', c.feedback === null ? null : c.reviews !== null ? t('jobs.client.ratingReviews', { rating: rating(language, c.feedback), reviews: c.reviews }) : rating(language, c.feedback)],
    ['jobs.client.location', [c.city, c.country].filter(Boolean).join(', ') || null],
    ['jobs.client.timezone', c.timezone]
  ]

  return (
    <article className="job-detail" aria-labelledby="job-detail-title" data-testid="job-detail">
      <header className="job-detail-head">
        <Badge tone={scoreTone(job.score)} data-testid="job-detail-score">
          {job.score === null ? t('jobs.detail.noScore') : t('jobs.detail.score', { score: job.score })}
        </Badge>
        <h2 id="job-detail-title">{pruned || !job.title ? t('jobs.row.pruned') : job.title}</h2>
      </header>

      <div className="actions job-actions">
        <DraftFromJobButton jobId={job.id} disabled={pruned} />
        <Button variant={job.status === 'saved' ? 'primary' : 'default'} aria-pressed={job.status === 'saved'} onClick={onToggleSaved}>
          {job.status === 'saved' ? t('jobs.action.saved') : t('jobs.action.save')}
        </Button>
        <Button onClick={() => onStatus(job.status === 'dismissed' ? 'seen' : 'dismissed')}>{job.status === 'dismissed' ? t('jobs.action.restore') : t('jobs.action.dismiss')}</Button>
        <Button onClick={() => void openOnUpwork()}>{t('jobs.action.openOnUpwork')}</Button>
        <span className="muted small" data-testid="job-detail-status">
          {t(`jobs.status.${job.status}` as MessageKey)}
        </span>
      </div>
      {openError ? (
        <p className="error" role="alert">
          {errorText(openError)}
        </p>
      ) : null}

      {pruned ? (
        <p className="hint-box" role="note">
          {t('jobs.detail.prunedNotice')}
        </p>
      ) : null}

      <section aria-labelledby="job-reasons-title">
        <h3 id="job-reasons-title">{t('jobs.detail.reasons')}</h3>
        {job.reasons.length === 0 ? (
          <p className="muted">{t('jobs.detail.noReasons')}</p>
        ) : (
          <ul className="job-reasons" data-testid="job-reasons">
            {job.reasons.map((r, i) => (
              <li key={`${r.component}-${i}`} className={r.points > 0 ? 'plus' : r.points < 0 ? 'minus' : 'zero'}>
                <span className="job-reason-points">{signedPoints(r.points)}</span> <span>{reasonIn(t, r)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <JobPrediction jobId={job.id} />

      <AiAnalysis key={job.id} jobId={job.id} pruned={pruned} />

      <Facts rows={facts} />

      {!pruned && job.skills.length > 0 ? (
        <section aria-labelledby="job-skills-title">
          <h3 id="job-skills-title">{t('jobs.detail.skills')}</h3>
          <ul className="job-skills">
            {job.skills.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {!pruned ? (
        <section aria-labelledby="job-description-title">
          <h3 id="job-description-title">{t('jobs.detail.description')}</h3>
          <div className="job-description" data-testid="job-description">
            {job.description}
          </div>
        </section>
      ) : null}

      <section aria-labelledby="job-client-title">
        <h3 id="job-client-title">{t('jobs.detail.client')}</h3>
        <Facts rows={client} />
      </section>
    </article>
  )
}

/** Label–value pairs; a value that is not known is left out rather than shown empty. */
function Facts({ rows }: { rows: Array<[MessageKey, string | null]> }): React.JSX.Element {
  const t = useT()
  return (
    <dl className="facts">
      {rows
        .filter((f): f is [MessageKey, string] => f[1] !== null && f[1] !== '')
        .map(([k, v]) => (
          <Fragment key={k}>
            <dt>{t(k)}</dt>
            <dd>{v}</dd>
          </Fragment>
        ))}
    </dl>
  )
}
