import { useEffect } from 'react'
import type { OutboxState } from '@shared/outbox'
import { useErrorText, useI18n, useT } from '../../i18n'
import { useOutboxStore } from '../../stores/outbox-store'
import { Badge, Button, type BadgeTone } from '../../ui'

const TONE: Record<OutboxState, BadgeTone> = { queued: 'warn', sending: 'accent', sent: 'ok', failed: 'danger', unknown: 'warn', reconciled: 'ok' }

/** What GigPilot sends to Upwork, each item with its state: cancel a queued one, send a failed one again. */
export function OutboxList(): React.JSX.Element {
  const t = useT()
  const errorText = useErrorText()
  const language = useI18n((s) => s.language)
  const { items, error, actionErrors } = useOutboxStore()
  useEffect(() => useOutboxStore.getState().follow(), [])
  const when = (iso: string): string => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))

  return (
    <section className="outbox" aria-label={t('queue.outbox.title')} data-testid="outbox-list">
      <h3>{t('queue.outbox.title')}</h3>
      {error ? <p role="alert">{errorText(error)}</p> : null}
      {items.length === 0 ? (
        <p className="muted">{t('queue.outbox.empty')}</p>
      ) : (
        <ul className="list">
          {items.map((item) => (
            <li key={item.id} data-testid={`outbox-item-${item.id}`}>
              <span>{item.kind === 'proposal' ? (item.payload.jobTitle ?? t('queue.proposals.untitled')) : t('queue.outbox.message')}</span>{' '}
              <Badge tone={TONE[item.state]}>{t(`queue.outbox.state.${item.state}`)}</Badge> <span className="muted">{when(item.updatedAt)}</span>
              {item.state === 'failed' && item.lastError ? <span className="muted"> {item.lastError.message}</span> : null}
              {item.state === 'queued' ? (
                <Button variant="link-danger" onClick={() => void useOutboxStore.getState().cancel(item.id)}>
                  {t('queue.outbox.cancel')}
                </Button>
              ) : null}
              {item.state === 'failed' && item.lastError?.code !== 'cancelled' ? (
                <Button variant="link" onClick={() => void useOutboxStore.getState().retry(item.id)}>
                  {t('queue.outbox.retry')}
                </Button>
              ) : null}
              {actionErrors[item.id] ? <p role="alert">{errorText(actionErrors[item.id]!)}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
