import { useEffect, useState } from 'react'
import type { DraftSummaryDto } from '@shared/drafting'
import { useErrorText, useI18n, type MessageKey } from '../../i18n'
import { useDraftsStore } from '../../stores/drafts-store'
import { useQueueStore } from '../../stores/queue-store'
import { Badge, EmptyState, List, ListRow } from '../../ui'
import { Page } from '../AreaPage'
import { DraftEditor } from './DraftEditor'
import { ReviewQueue } from './queue/ReviewQueue'
import { ProposalsPanel } from '../proposals/ProposalsPanel'
import './drafts.css'

type Tab = 'drafts' | 'queue' | 'sent'

/** The Drafts area: every draft on this machine (readable offline), the open one's editor, and the review queue. */
export function DraftsPage(): React.JSX.Element {
  const { t } = useI18n()
  const [tab, setTab] = useState<Tab>('drafts')
  /** "Send to review": the queue tab opens on that draft. */
  const openInQueue = (draftId: number): void => {
    useQueueStore.getState().focus(draftId)
    setTab('queue')
  }
  return (
    <Page title={t('nav.drafts')} className="drafts-page">
      <div role="tablist" aria-label={t('nav.drafts')} className="drafts-tabs">
        {(['drafts', 'queue', 'sent'] as const).map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`drafts-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`drafts-panel-${id}`}
            className={tab === id ? 'tab selected' : 'tab'}
            onClick={() => setTab(id)}
          >
            {t(id === 'drafts' ? 'drafts.tab.drafts' : id === 'queue' ? 'drafts.tab.queue' : 'queue.tab.sent')}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`drafts-panel-${tab}`} aria-labelledby={`drafts-tab-${tab}`}>
        {tab === 'drafts' ? <DraftsWorkspace onSentToReview={openInQueue} /> : tab === 'queue' ? <ReviewQueue /> : <ProposalsPanel />}
      </div>
    </Page>
  )
}

function DraftsWorkspace({ onSentToReview }: { onSentToReview: (draftId: number) => void }): React.JSX.Element {
  const { t, language } = useI18n()
  const errorText = useErrorText()
  const summaries = useDraftsStore((s) => s.summaries)
  const listPhase = useDraftsStore((s) => s.listPhase)
  const listError = useDraftsStore((s) => s.listError)
  const selectedId = useDraftsStore((s) => s.selectedId)
  const draft = useDraftsStore((s) => s.draft)
  const loadError = useDraftsStore((s) => s.loadError)
  const select = useDraftsStore((s) => s.select)

  useEffect(() => {
    const store = useDraftsStore.getState()
    const off = store.follow()
    void store.loadList()
    // The open draft may have changed while the area was closed (a generation finished, Autopilot queued it).
    if (store.selectedId !== null) void store.select(store.selectedId)
    // Nothing typed is lost: the text is saved when the window hides or closes, and when the area closes.
    const flush = (): void => void useDraftsStore.getState().flush()
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') flush()
    }
    window.addEventListener('beforeunload', flush)
    document.addEventListener('visibilitychange', onVisibility)
    return () => {
      off()
      window.removeEventListener('beforeunload', flush)
      document.removeEventListener('visibilitychange', onVisibility)
      flush()
    }
  }, [])

  const updated = (d: DraftSummaryDto): string => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(d.updatedAt)

  return (
    <div className="drafts-layout">
      <section aria-labelledby="drafts-list-title" className="drafts-list">
        <h2 id="drafts-list-title" className="drafts-list-title">
          {t('drafts.list.title')}
        </h2>
        {listError ? (
          <p className="error" role="alert">
            {errorText(listError)}
          </p>
        ) : null}
        {listPhase === 'ready' && summaries.length === 0 ? <EmptyState title={t('drafts.empty.title')}>{t('drafts.empty.body')}</EmptyState> : null}
        <List aria-label={t('drafts.list.title')} data-testid="drafts-list">
          {summaries.map((d) => (
            <ListRow
              key={d.id}
              selected={d.id === selectedId}
              title={
                <button type="button" className="draft-row-open" onClick={() => void select(d.id)}>
                  {d.title || t('drafts.untitled')}
                </button>
              }
              detail={
                <>
                  <span>{t('drafts.row.updated', { when: updated(d) })}</span>
                  <span>{t('drafts.row.versions', { count: d.versionCount })}</span>
                </>
              }
              trailing={
                <>
                  <Badge tone={d.status === 'draft' ? 'neutral' : d.status === 'discarded' ? 'danger' : 'accent'}>{t(`drafts.status.${d.status}` as MessageKey)}</Badge>
                  {d.generation === 'generating' ? <Badge tone="accent">{t('drafts.row.generating')}</Badge> : null}
                  {d.flagged ? <Badge tone="warn">{t('drafts.row.flagged')}</Badge> : null}
                </>
              }
            />
          ))}
        </List>
      </section>
      <section className="drafts-detail" aria-label={t('drafts.editor.region')}>
        {loadError ? (
          <p className="error" role="alert">
            {errorText(loadError)}
          </p>
        ) : null}
        {draft ? <DraftEditor key={draft.id} draft={draft} onSentToReview={onSentToReview} /> : summaries.length > 0 && !loadError ? <p className="muted">{t('drafts.pick')}</p> : null}
      </section>
    </div>
  )
}
