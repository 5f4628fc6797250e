import { useErrorText, useI18n, type MessageKey } from '../../i18n'
import { useInboxStore } from '../../stores/inbox-store'
import { Button } from '../../ui'
import { activityTime } from './format'

/** What the message sync is doing, in words (last and next sync, paused and why, its error), and Sync now. */
export function SyncStatus({ now }: { now: number }): React.JSX.Element {
  const { t, language } = useI18n()
  const errorText = useErrorText()
  const sync = useInboxStore((s) => s.sync)
  const syncing = useInboxStore((s) => s.syncing)
  const syncError = useInboxStore((s) => s.syncError)
  const when = (at: number): string => activityTime(language, at, now)
  let words: string
  if (!sync) words = ''
  else if (syncing || sync.state === 'syncing') words = t('inbox.sync.syncing')
  else if (sync.state === 'paused' && sync.pausedReasons[0]) words = t(`inbox.sync.paused.${sync.pausedReasons[0]}` as MessageKey)
  else if (sync.state === 'error' && sync.error) words = t('inbox.sync.error', { reason: sync.error })
  else if (sync.lastOkAt === null) words = t('inbox.sync.never')
  else words = sync.nextSyncAt === null ? t('inbox.sync.last', { when: when(sync.lastOkAt) }) : t('inbox.sync.lastNext', { when: when(sync.lastOkAt), next: when(sync.nextSyncAt) })
  return (
    <div className="inbox-sync">
      <p className="muted small" role="status" data-testid="inbox-sync">
        {words}
      </p>
      <Button variant="link" disabled={syncing} onClick={() => void useInboxStore.getState().syncNow()}>
        {t('inbox.sync.now')}
      </Button>
      {syncError ? (
        <p className="error small" role="alert">
          {errorText(syncError)}
        </p>
      ) : null}
    </div>
  )
}
