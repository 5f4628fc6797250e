import { useEffect } from 'react'
import { USER_MARKS, type ProposalDetailDto, type ProposalStatusEventDto, type UserMark } from '@shared/proposals'
import { useErrorText, useI18n, useT } from '../../i18n'
import { useProposalsStore } from '../../stores/proposals-store'
import { Badge, Button, EmptyState } from '../../ui'
import { OutboxList } from './OutboxList'

function useWhen(): (iso: string | null) => string {
  const language = useI18n((s) => s.language)
  return (iso) => (iso ? new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '—')
}

/** A status as given: the user's marks in the user's language, Upwork's names as Upwork sent them. */
function useStatusText(): (status: string) => string {
  const t = useT()
  return (status) => ((USER_MARKS as readonly string[]).includes(status) ? t(`queue.proposals.mark.${status as UserMark}`) : status)
}

function History({ history }: { history: ProposalStatusEventDto[] }): React.JSX.Element {
  const t = useT()
  const when = useWhen()
  const statusText = useStatusText()
  return (
    <table className="proposal-history" data-testid="proposal-history">
      <caption>{t('queue.proposals.history.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('queue.proposals.history.time')}</th>
          <th scope="col">{t('queue.proposals.history.change')}</th>
          <th scope="col">{t('queue.proposals.history.source')}</th>
        </tr>
      </thead>
      <tbody>
        {history.map((h, i) => (
          <tr key={i}>
            <td>{when(h.at)}</td>
            <td>{h.from === null ? statusText(h.to) : t('queue.proposals.history.fromTo', { from: statusText(h.from), to: statusText(h.to) })}</td>
            <td>{t(`queue.proposals.source.${h.source}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function ProposalDetail({ proposal }: { proposal: ProposalDetailDto }): React.JSX.Element {
  const t = useT()
  const errorText = useErrorText()
  const markError = useProposalsStore((s) => s.markError)
  return (
    <section className="proposal-detail" aria-label={proposal.jobTitle ?? t('queue.proposals.untitled')} data-testid="proposal-detail">
      <h3>{proposal.jobTitle ?? t('queue.proposals.untitled')}</h3>
      <p>
        <Badge>{t('queue.proposals.upworkStatus', { status: proposal.upworkStatus ?? t('queue.proposals.notSynced') })}</Badge>{' '}
        {proposal.stage ? <Badge tone="accent">{t(`queue.proposals.stage.${proposal.stage}`)}</Badge> : null}
      </p>
      <div className="row" role="group" aria-label={t('queue.proposals.mark.label')}>
        {USER_MARKS.map((m) => (
          <Button key={m} onClick={() => void useProposalsStore.getState().mark(proposal.id, m)} aria-pressed={proposal.status === m}>
            {t(`queue.proposals.mark.${m}`)}
          </Button>
        ))}
      </div>
      {markError ? <p role="alert">{errorText(markError)}</p> : null}
      <History history={proposal.history} />
      {proposal.coverLetter ? <div className="queue-text">{proposal.coverLetter}</div> : null}
    </section>
  )
}

/** Sent proposals: Upwork's status, the funnel stage, "Sync now", the marks and each one's status history; the outbox below. */
export function ProposalsPanel(): React.JSX.Element {
  const t = useT()
  const errorText = useErrorText()
  const when = useWhen()
  const s = useProposalsStore()
  useEffect(() => useProposalsStore.getState().follow(), [])

  return (
    <div className="proposals" data-testid="proposals-panel">
      <div className="row">
        <Button onClick={() => void s.syncNow()} disabled={s.syncing}>
          {s.syncing ? t('queue.proposals.syncing') : t('queue.proposals.syncNow')}
        </Button>
        {s.syncResult && !s.syncing ? (
          <span role="status">{t('queue.proposals.synced', { seen: s.syncResult.seen, changes: s.syncResult.changes })}</span>
        ) : null}
        {s.syncError ? <span role="alert">{t('queue.proposals.syncFailed', { reason: errorText(s.syncError) })}</span> : null}
      </div>
      {s.phase === 'error' ? (
        <p role="alert">{t('queue.proposals.loadFailed', { reason: s.error ? errorText(s.error) : '' })}</p>
      ) : s.phase === 'ready' && s.items.length === 0 ? (
        <EmptyState title={t('queue.proposals.empty.title')}>{t('queue.proposals.empty.body')}</EmptyState>
      ) : (
        <table className="proposals-list">
          <caption>{t('queue.proposals.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('queue.proposals.col.job')}</th>
              <th scope="col">{t('queue.proposals.col.upworkStatus')}</th>
              <th scope="col">{t('queue.proposals.col.stage')}</th>
              <th scope="col">{t('queue.proposals.col.changed')}</th>
            </tr>
          </thead>
          <tbody>
            {s.items.map((p) => (
              <tr key={p.id} className={s.selected?.id === p.id ? 'selected' : undefined}>
                <td>
                  <Button variant="link" onClick={() => void s.open(p.id)}>
                    {p.jobTitle ?? t('queue.proposals.untitled')}
                  </Button>
                </td>
                <td>{p.upworkStatus ?? t('queue.proposals.notSynced')}</td>
                <td>{p.stage ? t(`queue.proposals.stage.${p.stage}`) : '—'}</td>
                <td>{when(p.statusChangedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {s.selected ? <ProposalDetail proposal={s.selected} /> : null}
      <OutboxList />
    </div>
  )
}
