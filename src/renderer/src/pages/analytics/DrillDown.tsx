import { useEffect, useRef } from 'react'
import type { AnalyticsProposalDto } from '@shared/analytics'
import type { ProposalDetailDto } from '@shared/proposals'
import { useErrorText, useI18n } from '../../i18n'
import { useAnalyticsStore } from '../../stores/analytics-store'
import { useAppStore } from '../../stores/app-store'
import { useDraftsStore } from '../../stores/drafts-store'
import { Badge, Button } from '../../ui'
import { stepIndex, useListKeys } from '../../ui/list-keys'
import { dateTimeText, num, usd } from './format'

/** Opens a draft in the Drafts area's editor (the proposal was written in GigPilot). */
async function openDraft(draftId: number): Promise<void> {
  await useDraftsStore.getState().select(draftId)
  useAppStore.getState().navigate('drafts')
}

function OpenedProposal({ proposal: p }: { proposal: ProposalDetailDto }): React.JSX.Element {
  const { t, language } = useI18n()
  return (
    <section className="analytics-opened" aria-label={p.jobTitle ?? t('analytics.ui.drill.untitled')} data-testid="analytics-opened-proposal">
      <h3>{p.jobTitle ?? t('analytics.ui.drill.untitled')}</h3>
      <p className="row wrap">
        <Badge>{p.status}</Badge>
        {p.stage ? <Badge tone="accent">{t(`queue.proposals.stage.${p.stage}`)}</Badge> : null}
        <span className="muted">{t('analytics.ui.drill.sentAt', { at: dateTimeText(language, p.submittedAt) })}</span>
      </p>
      {p.coverLetter ? <div className="analytics-cover-letter">{p.coverLetter}</div> : <p className="muted">{t('analytics.ui.drill.noText')}</p>}
      <div className="actions">
        {p.draftId !== null ? (
          <Button variant="primary" onClick={() => void openDraft(p.draftId!)}>
            {t('analytics.ui.drill.openDraft')}
          </Button>
        ) : (
          <span className="muted small">{t('analytics.ui.drill.noDraft')}</span>
        )}
      </div>
    </section>
  )
}

function Row({ p, selected }: { p: AnalyticsProposalDto; selected: boolean }): React.JSX.Element {
  const { t, language } = useI18n()
  const open = useAnalyticsStore((s) => s.openProposal)
  return (
    <tr className={selected ? 'selected' : undefined}>
      <th scope="row">
        <Button variant="link" onClick={() => void open(p.id)}>
          {p.jobTitle ?? t('analytics.ui.drill.untitled')}
        </Button>
      </th>
      <td>{dateTimeText(language, p.submittedAt)}</td>
      <td>{t(`analytics.ui.stage.${p.furthest}`)}</td>
      <td>{p.templateName ?? p.strategy ?? '—'}</td>
      <td>{p.bidAmount === null ? '—' : usd(t, language, p.bidAmount)}</td>
      <td>{p.score === null ? '—' : num(language, p.score)}</td>
    </tr>
  )
}

/** The proposals behind a clicked bar (analytics:proposals), newest first; each opens with its text and, when GigPilot wrote it, its draft. */
export function DrillDown(): React.JSX.Element | null {
  const { t, language } = useI18n()
  const errorText = useErrorText()
  const drill = useAnalyticsStore((s) => s.drill)
  const opened = useAnalyticsStore((s) => s.opened)
  const openError = useAnalyticsStore((s) => s.openError)
  const close = useAnalyticsStore((s) => s.closeDrill)
  const heading = useRef<HTMLHeadingElement>(null)
  const table = useRef<HTMLTableElement>(null)
  // Keyboard first: j/k open the next/previous proposal of the list, Enter its draft, Esc closes the list.
  useListKeys({
    move: (delta) => {
      const items = useAnalyticsStore.getState().drill?.result?.proposals ?? []
      const index = stepIndex(items, (p) => p.id === useAnalyticsStore.getState().opened?.id, delta)
      if (index >= 0) void useAnalyticsStore.getState().openProposal(items[index]!.id)
      return index
    },
    scrollTo: (index) => table.current?.querySelectorAll('tbody tr')[index]?.scrollIntoView?.({ block: 'nearest' }),
    open: () => {
      const draftId = useAnalyticsStore.getState().opened?.draftId ?? null
      if (draftId === null) return false
      void openDraft(draftId)
      return true
    },
    keys: { Escape: () => useAnalyticsStore.getState().drill && close() }
  })
  // The list opens where the eye goes next: its heading takes the focus (and scrolls into view).
  useEffect(() => {
    if (!drill) return
    heading.current?.focus()
    heading.current?.scrollIntoView?.({ block: 'nearest' })
  }, [drill?.filter, drill?.title]) // eslint-disable-line react-hooks/exhaustive-deps
  if (!drill) return null
  const result = drill.result
  return (
    <section className="card analytics-drill" aria-labelledby="analytics-drill-title" data-testid="analytics-drilldown">
      <div className="row analytics-drill-head">
        <h2 id="analytics-drill-title" ref={heading} tabIndex={-1}>
          {t('analytics.ui.drill.title', { what: drill.title })}
        </h2>
        <Button onClick={close}>{t('analytics.ui.drill.close')}</Button>
      </div>
      {drill.phase === 'loading' ? (
        <p className="muted" aria-busy="true">
          {t('analytics.ui.drill.loading')}
        </p>
      ) : drill.phase === 'error' ? (
        <p role="alert">{t('analytics.ui.drill.failed', { reason: drill.error ? errorText(drill.error) : '' })}</p>
      ) : result && result.proposals.length === 0 ? (
        <p className="muted">{t('analytics.ui.drill.empty')}</p>
      ) : result ? (
        <>
          <p className="muted" role="status">
            {result.total > result.proposals.length
              ? t('analytics.ui.drill.limited', { shown: num(language, result.proposals.length), total: num(language, result.total) })
              : t('analytics.ui.drill.count', { n: result.total })}
          </p>
          <div className="analytics-drill-scroll">
            <table className="analytics-table" data-testid="analytics-drill-table" ref={table}>
              <caption className="visually-hidden">{t('analytics.ui.drill.title', { what: drill.title })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('analytics.ui.drill.col.job')}</th>
                  <th scope="col">{t('analytics.ui.drill.col.sent')}</th>
                  <th scope="col">{t('analytics.ui.drill.col.furthest')}</th>
                  <th scope="col">{t('analytics.ui.drill.col.approach')}</th>
                  <th scope="col">{t('analytics.ui.drill.col.bid')}</th>
                  <th scope="col">{t('analytics.ui.drill.col.score')}</th>
                </tr>
              </thead>
              <tbody>
                {result.proposals.map((p) => (
                  <Row key={p.id} p={p} selected={opened?.id === p.id} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {openError ? <p role="alert">{t('analytics.ui.drill.openFailed', { reason: errorText(openError) })}</p> : null}
      {opened ? <OpenedProposal proposal={opened} /> : null}
    </section>
  )
}
