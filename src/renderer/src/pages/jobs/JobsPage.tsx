import { useCallback, useEffect, useRef } from 'react'
import { useErrorText, useT } from '../../i18n'
import { useAccountStore } from '../../stores/account-store'
import { useAppStore } from '../../stores/app-store'
import { useJobsStore, type StatusFilter } from '../../stores/jobs-store'
import { useSearchesStore } from '../../stores/searches-store'
import { Button, EmptyState } from '../../ui'
import { useListKeys, useNow } from '../../ui/list-keys'
import { Page } from '../AreaPage'
import { JobDetail } from './JobDetail'
import { JobList, type JobListHandle } from './JobList'
import { SearchesPanel } from './searches/SearchesPanel'
import './jobs.css'

/** The benchmark (bench/, in Chromium through the harness) reads this mark: the list's first rows on screen. */
export const JOBS_RENDERED_MARK = 'gigpilot:jobs-list-rendered'

/** Jobs: saved searches on the left, the job list in the middle, the open job on the right. */
export function JobsPage(): React.JSX.Element {
  const t = useT()
  const errorText = useErrorText()
  const now = useNow()
  const s = useJobsStore()
  const list = useRef<JobListHandle>(null)
  const searchBox = useRef<HTMLInputElement>(null)
  // Why searches do not run now (the same reasons the searches panel shows): no "on its way" then.
  const pausedBecause = useAppStore((a) => a.status?.pollingPaused?.[0] ?? (a.status?.automationPaused ? 'automation' : null))
  const navigate = useAppStore((a) => a.navigate)
  const connected = useAccountStore((a) => a.account?.state === 'connected')
  const searches = useSearchesStore((x) => x.searches)
  const searchesLoaded = useSearchesStore((x) => x.loaded)

  useEffect(() => {
    void useJobsStore.getState().reload()
  }, [])

  // One mark per page open, when rows first paint.
  const marked = useRef(false)
  const onRowsPainted = useCallback(() => {
    if (marked.current) return
    marked.current = true
    performance.mark(JOBS_RENDERED_MARK)
  }, [])
  const onNearEnd = useCallback(() => void useJobsStore.getState().loadMore(), [])
  const onSelect = useCallback((id: number) => useJobsStore.getState().select(id), [])
  const onOpen = useCallback((id: number) => void useJobsStore.getState().open(id), [])

  // The list's keys: j/k (and arrows in the list), Enter, s, d, / and Esc in the search field.
  useListKeys({
    move: (delta) => useJobsStore.getState().move(delta),
    scrollTo: (index) => list.current?.scrollToIndex(index),
    open: () => {
      const store = useJobsStore.getState()
      if (store.selectedId === null) return false
      void store.open(store.selectedId)
      return true
    },
    keys: {
      s: () => {
        const store = useJobsStore.getState()
        if (store.selectedId !== null) void store.toggleSaved(store.selectedId)
      },
      d: () => {
        const store = useJobsStore.getState()
        if (store.selectedId !== null) void store.setStatus(store.selectedId, 'dismissed')
      },
      '/': (e) => {
        e.preventDefault()
        searchBox.current?.focus()
        searchBox.current?.select()
      }
    },
    whileTyping: (e) => {
      if (e.key !== 'Escape' || e.target !== searchBox.current) return
      e.preventDefault()
      const store = useJobsStore.getState()
      if (store.query.text) void store.setQuery({ text: '' })
      list.current?.focus()
    }
  })

  const q = s.query
  const searching = q.text.trim() !== ''
  const noSearches = searchesLoaded && searches.length === 0
  const filtered = q.minScore !== null || q.status !== 'all' || q.searchId !== null

  let body: React.JSX.Element
  if (s.phase === 'error' && s.items.length === 0) {
    body = (
      <div className="jobs-state" role="alert">
        <p>{t('jobs.error.load', { reason: s.error ? errorText(s.error) : '' })}</p>
        <Button onClick={() => void s.reload()}>{t('jobs.error.retry')}</Button>
      </div>
    )
  } else if ((s.phase === 'loading' || s.phase === 'idle') && s.items.length === 0) {
    body = (
      <p className="jobs-state muted" aria-busy="true" role="status">
        {t('jobs.loading')}
      </p>
    )
  } else if (s.items.length === 0) {
    body = (
      <EmptyState
        title={searching ? t('jobs.empty.searchTitle') : t('jobs.empty.title')}
        action={
          noSearches && !connected && !searching ? (
            <Button variant="primary" onClick={() => navigate('settings')}>
              {t('common.openSettings')}
            </Button>
          ) : undefined
        }
      >
        {searching
          ? t('jobs.empty.search', { text: q.text.trim() })
          : noSearches
            ? t(connected ? 'jobs.empty.noSearches' : 'jobs.empty.notConnected')
            : filtered
              ? t('jobs.empty.filtered')
              : pausedBecause
                ? t(`searches.pollingPaused.${pausedBecause}`)
                : t('jobs.empty.firstRun')}
      </EmptyState>
    )
  } else {
    body = (
      <JobList
        ref={list}
        items={s.items}
        total={s.total}
        selectedId={s.selectedId}
        now={now}
        label={t('jobs.list.label')}
        onSelect={onSelect}
        onOpen={onOpen}
        onNearEnd={onNearEnd}
        onRowsPainted={onRowsPainted}
      />
    )
  }

  return (
    <Page title={t('nav.jobs')} className="jobs-page">
      <div className="jobs-searches">
        <SearchesPanel selectedSearchId={q.searchId} onSelect={(searchId) => void s.setQuery({ searchId, text: '' })} />
      </div>

      <section className="jobs-middle" aria-label={t('jobs.list.label')}>
        <div className="jobs-toolbar">
          <input
            ref={searchBox}
            type="search"
            className="jobs-search"
            aria-label={t('jobs.search.label')}
            placeholder={t('jobs.search.placeholder')}
            value={q.text}
            onChange={(e) => void s.setQuery({ text: e.target.value })}
          />
          <div className="jobs-filters">
            <label className="inline">
              <span className="muted small">{t('jobs.sort.label')}</span>
              <select value={q.sort} disabled={searching} onChange={(e) => void s.setQuery({ sort: e.target.value as 'score' | 'recency' })}>
                <option value="score">{t('jobs.sort.score')}</option>
                <option value="recency">{t('jobs.sort.recency')}</option>
              </select>
            </label>
            <label className="inline">
              <span className="muted small">{t('jobs.filter.minScore')}</span>
              <select
                value={q.minScore ?? ''}
                disabled={searching}
                onChange={(e) => void s.setQuery({ minScore: e.target.value === '' ? null : Number(e.target.value) })}
              >
                <option value="">{t('jobs.filter.anyScore')}</option>
                {[40, 60, 70, 80].map((n) => (
                  <option key={n} value={n}>
                    {t('jobs.filter.scoreAtLeast', { score: n })}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline">
              <span className="muted small">{t('jobs.filter.status')}</span>
              <select value={q.status} disabled={searching} onChange={(e) => void s.setQuery({ status: e.target.value as StatusFilter })}>
                <option value="all">{t('jobs.filter.all')}</option>
                <option value="new">{t('jobs.filter.new')}</option>
                <option value="saved">{t('jobs.filter.saved')}</option>
              </select>
            </label>
            <label className="inline">
              <input type="checkbox" checked={q.hideDismissed} disabled={searching || q.status !== 'all'} onChange={(e) => void s.setQuery({ hideDismissed: e.target.checked })} />
              <span className="small">{t('jobs.filter.hideDismissed')}</span>
            </label>
          </div>
          <p className="muted small jobs-count" role="status" data-testid="jobs-count">
            {searching ? t('jobs.count.search', { count: s.total }) : t('jobs.count.list', { count: s.total })}
          </p>
        </div>
        {s.actionError ? (
          <p className="error" role="alert">
            {t('jobs.error.action', { reason: errorText(s.actionError) })}
          </p>
        ) : null}
        {s.error && s.items.length > 0 ? (
          <p className="error" role="alert">
            {t('jobs.error.load', { reason: errorText(s.error) })}
          </p>
        ) : null}
        {body}
      </section>

      <section className="jobs-detail" aria-label={t('jobs.detail.label')}>
        {s.detail && s.detail.id === s.openId ? (
          <JobDetail job={s.detail} now={now} onStatus={(status) => void s.setStatus(s.detail!.id, status)} onToggleSaved={() => void s.toggleSaved(s.detail!.id)} />
        ) : s.detailError ? (
          <p className="error" role="alert">
            {t('jobs.error.detail', { reason: errorText(s.detailError) })}
          </p>
        ) : s.detailLoading ? (
          <p className="muted" role="status" aria-busy="true">
            {t('jobs.loading')}
          </p>
        ) : (
          <p className="muted jobs-detail-hint">{t('jobs.detail.none')}</p>
        )}
      </section>
    </Page>
  )
}
