import { useEffect, useState } from 'react'
import type { SavedSearchDto } from '@shared/discovery'
import { useErrorText, useT } from '../../../i18n'
import { useAppStore } from '../../../stores/app-store'
import { useSearchesStore } from '../../../stores/searches-store'
import { Badge, Button, List, ListRow, useConfirm } from '../../../ui'
import { SearchEditor } from './SearchEditor'
import { searchState, statusLine } from './search-status'

export interface SearchesPanelProps {
  /** null: "All jobs". */
  selectedSearchId: number | null
  onSelect(id: number | null): void
}

/** Re-renders every minute so "3 min ago" and "next run in 2 min" stay true. */
function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}

/**
 * The Jobs page's left column: "All jobs" and each saved search with its new-job count and run
 * status (last run, result, next run, paused, or the error in plain words: never a silent zero),
 * with pause/resume, edit, delete and "New search".
 */
export function SearchesPanel({ selectedSearchId, onSelect }: SearchesPanelProps): React.JSX.Element {
  const t = useT()
  const errorText = useErrorText()
  const searches = useSearchesStore((s) => s.searches)
  const loaded = useSearchesStore((s) => s.loaded)
  const loadError = useSearchesStore((s) => s.loadError)
  const rowErrors = useSearchesStore((s) => s.rowErrors)
  const setPaused = useSearchesStore((s) => s.setPaused)
  const remove = useSearchesStore((s) => s.remove)
  const follow = useSearchesStore((s) => s.follow)
  const status = useAppStore((s) => s.status)
  const [editing, setEditing] = useState<SavedSearchDto | 'new' | null>(null)
  const [confirmDialog, confirm] = useConfirm()
  const now = useNow()

  useEffect(() => follow(), [follow])

  const counted = useSearchesStore((s) => s.totalNew)
  // A job two searches found is one new job: the distinct count from main, else the searches' sum until it arrives.
  const totalNew = counted ?? searches.reduce((n, s) => n + s.newCount, 0)
  const pausedReasons = status?.pollingPaused ?? (status?.automationPaused ? ['automation' as const] : [])

  const askDelete = async (s: SavedSearchDto): Promise<void> => {
    const yes = await confirm({ title: t('searches.delete.title', { name: s.name }), body: t('searches.delete.body'), confirmLabel: t('searches.delete.confirm'), danger: true })
    if (!yes) return
    await remove(s.id)
    if (selectedSearchId === s.id) onSelect(null)
  }

  return (
    <section className="searches-panel" aria-label={t('searches.panel.label')} data-testid="searches-panel">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2>{t('searches.panel.title')}</h2>
        <Button variant="primary" onClick={() => setEditing('new')} data-testid="search-new">
          {t('searches.new')}
        </Button>
      </div>
      {pausedReasons.length > 0 ? (
        <p className="field-hint" role="status" data-testid="polling-paused">
          {t(`searches.pollingPaused.${pausedReasons[0]!}`)}
        </p>
      ) : null}
      {loadError ? (
        <p className="field-error" role="alert">
          {t('searches.loadFailed', { reason: errorText(loadError) })}
        </p>
      ) : null}
      <List>
        <ListRow
          title={
            <span className="row search-row-title">
              <button type="button" className="btn link" aria-pressed={selectedSearchId === null} onClick={() => onSelect(null)}>
                {t('searches.allJobs')}
              </button>
              {totalNew > 0 ? <Badge tone="accent">{t('searches.newCount', { n: totalNew })}</Badge> : null}
            </span>
          }
          selected={selectedSearchId === null}
          data-testid="search-row-all"
        />
        {searches.map((s) => {
          const state = searchState(s, now)
          const rowError = rowErrors[s.id]
          return (
            <ListRow
              key={s.id}
              selected={selectedSearchId === s.id}
              data-testid={`search-row-${s.id}`}
              title={
                <span className="row search-row-title">
                  <button type="button" className="btn link" aria-pressed={selectedSearchId === s.id} onClick={() => onSelect(s.id)}>
                    {s.name}
                  </button>
                  {s.newCount > 0 ? <Badge tone="accent">{t('searches.newCount', { n: s.newCount })}</Badge> : null}
                  {state === 'paused' ? <Badge tone="warn">{t('searches.badge.paused')}</Badge> : null}
                  {state === 'failed' ? <Badge tone="danger">{t('searches.badge.failed')}</Badge> : null}
                </span>
              }
              detail={
                <>
                  <span data-testid="search-status">{statusLine(t, s, now)}</span>
                  {state === 'failed' ? (
                    <span className="field-error" role="alert" data-testid="search-error">
                      {s.lastError ?? s.lastResult?.error ?? t('searches.status.failed')}
                    </span>
                  ) : null}
                  {rowError ? (
                    <span className="field-error" role="alert">
                      {errorText(rowError)}
                    </span>
                  ) : null}
                </>
              }
              trailing={
                <span className="row search-row-actions">
                  <Button variant="link" onClick={() => void setPaused(s.id, !s.paused)} aria-label={t(s.paused ? 'searches.resumeNamed' : 'searches.pauseNamed', { name: s.name })}>
                    {t(s.paused ? 'searches.resume' : 'searches.pause')}
                  </Button>
                  <Button variant="link" onClick={() => setEditing(s)} aria-label={t('searches.editNamed', { name: s.name })}>
                    {t('searches.edit')}
                  </Button>
                  <Button variant="link-danger" onClick={() => void askDelete(s)} aria-label={t('searches.deleteNamed', { name: s.name })}>
                    {t('searches.delete')}
                  </Button>
                </span>
              }
            />
          )
        })}
      </List>
      {loaded && searches.length === 0 && !loadError ? <p className="muted">{t('searches.empty')}</p> : null}
      {editing ? (
        <SearchEditor
          search={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(s) => {
            setEditing(null)
            onSelect(s.id)
          }}
        />
      ) : null}
      {confirmDialog}
    </section>
  )
}
