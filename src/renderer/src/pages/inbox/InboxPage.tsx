import { useCallback, useEffect, useRef } from 'react'
import type { ThreadFilter } from '@shared/messaging'
import { useErrorText, useT } from '../../i18n'
import { useAccountStore } from '../../stores/account-store'
import { useAppStore } from '../../stores/app-store'
import { useDraftsStore } from '../../stores/drafts-store'
import { useInboxStore } from '../../stores/inbox-store'
import { useRepliesStore } from '../../stores/replies-store'
import { Button, EmptyState } from '../../ui'
import { useListKeys, useNow } from '../../ui/list-keys'
import { Page } from '../AreaPage'
import { ContextPanel } from './ContextPanel'
import { FollowUps } from './FollowUps'
import { ReplyPanel } from './ReplyPanel'
import { SyncStatus } from './SyncStatus'
import { ThreadList, type ThreadListHandle } from './ThreadList'
import { ThreadView } from './ThreadView'
import '../drafts/drafts.css'
import './inbox.css'

/** The benchmark (bench/inbox-open.bench.ts, Chromium through the harness) reads this mark: the list and the first thread's messages on screen. */
export const INBOX_RENDERED_MARK = 'gigpilot:inbox-rendered'

/**
 * The inbox: follow-up reminders and the threads on the left (All / Unread), the open thread with
 * its reply under it in the middle, and what the reply is about on the right. The newest thread is
 * shown when the inbox opens; a thread the user opens (click, Enter, a notification) is marked read.
 */
export function InboxPage(): React.JSX.Element {
  const t = useT()
  const errorText = useErrorText()
  const now = useNow()
  const s = useInboxStore()
  const list = useRef<ThreadListHandle>(null)
  const connected = useAccountStore((a) => a.account?.state === 'connected')
  const navigate = useAppStore((a) => a.navigate)

  useEffect(() => {
    const drafts = useDraftsStore.getState()
    // The editor's open draft becomes the thread's reply while the inbox is shown; the Drafts area gets its own back after.
    const draftsSelection = drafts.selectedId
    const offs = [drafts.follow(), useRepliesStore.getState().follow()]
    void useRepliesStore.getState().loadFollowUps()
    void useInboxStore.getState().start()
    const flush = (): void => void useDraftsStore.getState().flush()
    window.addEventListener('beforeunload', flush)
    return () => {
      offs.forEach((off) => off())
      window.removeEventListener('beforeunload', flush)
      // What is typed in the reply is saved (flush captures it at once), and the Drafts area finds its own draft selected again.
      const after = useDraftsStore.getState()
      void after.flush()
      if (after.selectedId !== draftsSelection) {
        useDraftsStore.setState({ selectedId: draftsSelection, draft: null, text: '', dirty: false, loadError: null, actionError: null, streamSeq: null, save: { phase: 'idle', at: null, error: null } })
      }
    }
  }, [])

  const openId = s.openId
  useEffect(() => {
    void useRepliesStore.getState().load(openId)
  }, [openId])

  // One mark per page open, when the list's rows and the first thread's messages are both on screen.
  const marked = useRef(false)
  const rowsPainted = useRef(false)
  const messagesPainted = useRef(false)
  const maybeMark = (): void => {
    if (marked.current || !rowsPainted.current || !messagesPainted.current) return
    marked.current = true
    performance.mark(INBOX_RENDERED_MARK)
  }
  const onRowsPainted = useCallback(() => {
    rowsPainted.current = true
    maybeMark()
  }, [])
  const onMessagesPainted = useCallback(() => {
    messagesPainted.current = true
    maybeMark()
  }, [])
  const onNearEnd = useCallback(() => void useInboxStore.getState().loadMore(), [])
  const onSelect = useCallback((roomId: string) => useInboxStore.getState().select(roomId), [])
  const onOpen = useCallback((roomId: string) => void useInboxStore.getState().open(roomId), [])
  const onLoadOlder = useCallback(() => void useInboxStore.getState().loadOlder(), [])
  const openThread = useCallback((roomId: string) => void useInboxStore.getState().openTarget(roomId), [])

  // The list's keys: j/k (and arrows in the list) move, Enter opens.
  useListKeys({
    move: (delta) => useInboxStore.getState().move(delta),
    scrollTo: (index) => list.current?.scrollToIndex(index),
    open: () => {
      const store = useInboxStore.getState()
      if (store.selectedId === null) return false
      void store.open(store.selectedId)
      return true
    }
  })

  let threads: React.JSX.Element
  if (s.phase === 'error' && s.items.length === 0) {
    threads = (
      <div className="inbox-state" role="alert">
        <p>{t('inbox.error.load', { reason: s.error ? errorText(s.error) : '' })}</p>
        <Button onClick={() => void s.reload()}>{t('inbox.error.retry')}</Button>
      </div>
    )
  } else if ((s.phase === 'loading' || s.phase === 'idle') && s.items.length === 0) {
    threads = (
      <p className="inbox-state muted" aria-busy="true" role="status">
        {t('inbox.loading')}
      </p>
    )
  } else if (s.items.length === 0) {
    threads =
      s.filter === 'unread' ? (
        <EmptyState title={t('inbox.empty.unreadTitle')}>{t('inbox.empty.unread')}</EmptyState>
      ) : (
        <EmptyState
          title={t('inbox.empty.title')}
          action={
            connected ? undefined : (
              <Button variant="primary" onClick={() => navigate('settings')}>
                {t('common.openSettings')}
              </Button>
            )
          }
        >
          {connected ? t('inbox.empty.body') : t('inbox.empty.notConnected')}
        </EmptyState>
      )
  } else {
    threads = (
      <ThreadList
        ref={list}
        items={s.items}
        total={s.total}
        selectedId={s.selectedId}
        openId={s.openId}
        now={now}
        label={t('inbox.list.label')}
        onSelect={onSelect}
        onOpen={onOpen}
        onNearEnd={onNearEnd}
        onRowsPainted={onRowsPainted}
      />
    )
  }

  const thread = s.thread && s.thread.roomId === s.openId ? s.thread : null

  return (
    <Page title={t('nav.inbox')} className="inbox-page">
      <section className="inbox-threads" aria-label={t('inbox.list.label')}>
        <SyncStatus now={now} />
        <FollowUps onOpenThread={openThread} />
        <div className="inbox-toolbar">
          <div role="group" aria-label={t('inbox.filter.label')} className="inbox-filter">
            {(['all', 'unread'] as const satisfies readonly ThreadFilter[]).map((f) => (
              <Button key={f} variant={s.filter === f ? 'primary' : 'default'} aria-pressed={s.filter === f} onClick={() => void s.setFilter(f)}>
                {f === 'all' ? t('inbox.filter.all') : t('inbox.filter.unread', { count: s.unreadThreads })}
              </Button>
            ))}
          </div>
          <p className="muted small inbox-count" role="status" data-testid="threads-count">
            {t('inbox.count', { count: s.total })}
          </p>
        </div>
        {s.actionError ? (
          <p className="error" role="alert">
            {errorText(s.actionError)}
          </p>
        ) : null}
        {s.error && s.items.length > 0 ? (
          <p className="error" role="alert">
            {t('inbox.error.load', { reason: errorText(s.error) })}
          </p>
        ) : null}
        {threads}
      </section>

      {/* One scrolling column for the thread and its context when the window is too narrow for three (inbox.css). */}
      <div className="inbox-main">
        <section className="inbox-middle" aria-label={t('inbox.thread.region')}>
          {thread ? (
            <>
              <ThreadView thread={thread} loadingOlder={s.loadingOlder} onLoadOlder={onLoadOlder} onMessagesPainted={onMessagesPainted} />
              <ReplyPanel roomId={thread.roomId} gone={thread.summary.gone} clientName={thread.summary.clientName} />
            </>
          ) : s.threadError ? (
            <p className="error" role="alert">
              {t('inbox.error.thread', { reason: errorText(s.threadError) })}
            </p>
          ) : s.threadLoading ? (
            <p className="muted" role="status" aria-busy="true">
              {t('inbox.loading')}
            </p>
          ) : s.items.length > 0 ? (
            <p className="muted inbox-hint">{t('inbox.thread.none')}</p>
          ) : null}
        </section>

        <section className="inbox-side" aria-label={t('inbox.context.region')}>
          {thread && s.context?.roomId === thread.roomId ? (
            <ContextPanel context={s.context} now={now} onOpenThread={openThread} />
          ) : thread && s.contextError ? (
            <p className="error" role="alert">
              {t('inbox.error.context', { reason: errorText(s.contextError) })}
            </p>
          ) : null}
        </section>
      </div>
    </Page>
  )
}
