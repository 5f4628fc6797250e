import { useState } from 'react'
import type { ThreadContextDto } from '@shared/messaging'
import { api, toProblem, type Problem } from '../../api'
import { useErrorText, useI18n, type MessageKey } from '../../i18n'
import { Button, Card } from '../../ui'
import { budgetText, compactMoney, rating } from '../jobs/format'
import { activityTime } from './format'

/**
 * What a reply is about: the job (its Upwork link opened through main's vetted shell), the
 * proposal that was sent, the client's stats and earlier threads with the same client. Every
 * part says plainly when it is missing (a room without a job, a proposal GigPilot did not send).
 */
export function ContextPanel({ context, now, onOpenThread }: { context: ThreadContextDto; now: number; onOpenThread(roomId: string): void }): React.JSX.Element {
  const { t, language } = useI18n()
  const errorText = useErrorText()
  const [openError, setOpenError] = useState<Problem | null>(null)
  const { job, proposal, client } = context
  const stats = client.stats ?? (job ? job.client : null)

  const openJob = async (url: string): Promise<void> => {
    setOpenError(null)
    try {
      await api.shell.openExternal({ url })
    } catch (e) {
      setOpenError(toProblem(e))
    }
  }

  const clientFacts: Array<[MessageKey, string | null]> = stats
    ? [
        ['jobs.client.payment', stats.verified === null ? null : stats.verified ? t('jobs.client.verified') : t('jobs.client.unverified')],
        ['jobs.client.totalSpent', stats.totalSpent === null ? null : compactMoney(language, stats.totalSpent)],
        ['jobs.client.hires', stats.hires === null ? null : stats.postedJobs ? t('jobs.client.hiresOf', { hires: stats.hires, posted: stats.postedJobs }) : String(stats.hires)],
        ['jobs.client.rating', stats.feedback === null ? null : stats.reviews !== null ? t('jobs.client.ratingReviews', { rating: rating(language, stats.feedback), reviews: stats.reviews }) : rating(language, stats.feedback)],
        ['jobs.client.location', [stats.city, stats.country].filter(Boolean).join(', ') || null]
      ]
    : []
  const shownFacts = clientFacts.filter(([, v]) => v !== null)

  return (
    <div className="inbox-context" data-testid="thread-context">
      <Card title={t('inbox.context.job')} data-testid="context-job">
        {job ? (
          <>
            <p className="context-title">{job.contentPruned || !job.title ? t('jobs.row.pruned') : job.title}</p>
            <dl className="facts">
              <dt>{t('jobs.detail.budget')}</dt>
              <dd>{budgetText(t, language, job)}</dd>
            </dl>
            <Button onClick={() => void openJob(job.url)}>{t('jobs.action.openOnUpwork')}</Button>
            {openError ? (
              <p className="error" role="alert">
                {errorText(openError)}
              </p>
            ) : null}
          </>
        ) : (
          <p className="muted" data-testid="context-no-job">
            {context.jobTitle ? t('inbox.context.noJobTitled', { title: context.jobTitle }) : t('inbox.context.noJob')}
          </p>
        )}
      </Card>

      <Card title={t('inbox.context.proposal')} data-testid="context-proposal">
        {proposal ? (
          <>
            <dl className="facts">
              <dt>{t('inbox.context.proposalStatus')}</dt>
              <dd>{proposal.stage ? t(`queue.proposals.stage.${proposal.stage}` as MessageKey) : proposal.status}</dd>
              {proposal.bidAmount !== null ? (
                <>
                  <dt>{t('inbox.context.bid')}</dt>
                  <dd>{new Intl.NumberFormat(language, { style: 'currency', currency: 'USD', maximumFractionDigits: 2 }).format(proposal.bidAmount)}</dd>
                </>
              ) : null}
              {proposal.submittedAt ? (
                <>
                  <dt>{t('inbox.context.submitted')}</dt>
                  <dd>{new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(proposal.submittedAt))}</dd>
                </>
              ) : null}
            </dl>
            {proposal.text ? (
              <details>
                <summary>{t('inbox.context.proposalText')}</summary>
                <div className="context-proposal-text" data-testid="context-proposal-text">
                  {proposal.text}
                </div>
              </details>
            ) : (
              <p className="muted">{t('inbox.context.proposalNoText')}</p>
            )}
          </>
        ) : (
          <p className="muted">{t('inbox.context.noProposal')}</p>
        )}
      </Card>

      <Card title={t('inbox.context.client')} data-testid="context-client">
        <p className="context-title">{client.name ?? t('inbox.client.unknown')}</p>
        {shownFacts.length > 0 ? (
          <dl className="facts">
            {shownFacts.map(([k, v]) => (
              <div key={k} className="facts-row">
                <dt>{t(k)}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="muted">{t('inbox.context.noStats')}</p>
        )}
      </Card>

      <Card title={t('inbox.context.earlier')} data-testid="context-earlier">
        {context.earlierThreads.length === 0 ? (
          <p className="muted">{t('inbox.context.noEarlier')}</p>
        ) : (
          <ul className="context-threads">
            {context.earlierThreads.map((th) => (
              <li key={th.roomId}>
                <Button variant="link" onClick={() => onOpenThread(th.roomId)}>
                  {th.title || t('inbox.row.noTitle')}
                </Button>{' '}
                <span className="muted small">{activityTime(language, th.lastActivityAt, now)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  )
}
