import { useEffect, useRef, useState } from 'react'
import type { ReviewItemDto } from '@shared/review'
import { useErrorText, useT } from '../../../i18n'
import { useQueueStore, type ApproveOutcome } from '../../../stores/queue-store'
import { Badge, Button, EmptyState, useConfirm } from '../../../ui'
import { DraftPrediction } from '../../experiments/Prediction'
import { QueueOrder } from './QueueOrder'
import './queue.css'

/** The benchmark (bench/queue-open.bench.ts, in Chromium through the harness) reads this mark: the first queued draft on screen. */
export const QUEUE_FIRST_DRAFT_MARK = 'gigpilot:review-queue-first-draft'

const typingIn = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

function JobSummary({ item }: { item: ReviewItemDto }): React.JSX.Element {
  const t = useT()
  const job = item.job
  const budget =
    job.fixedAmount !== null
      ? t('queue.job.fixed', { amount: job.fixedAmount })
      : job.hourlyMin !== null || job.hourlyMax !== null
        ? t('queue.job.hourly', { min: job.hourlyMin ?? '?', max: job.hourlyMax ?? '?' })
        : t('queue.job.noBudget')
  return (
    <section className="queue-job" aria-label={t('queue.job.label')}>
      <h2>
        {job.title} {item.score !== null ? <Badge tone="accent">{t('queue.score', { score: Math.round(item.score) })}</Badge> : null}
      </h2>
      <p className="muted">
        {budget}
        {job.skills.length > 0 ? ` · ${job.skills.slice(0, 6).join(', ')}` : ''}
      </p>
    </section>
  )
}

/** What Approve led to: the outbox item's state, or the manual steps (copy, open, confirm). */
function Outcome({ draftId, outcome }: { draftId: number; outcome: ApproveOutcome }): React.JSX.Element {
  const t = useT()
  const errorText = useErrorText()
  const store = useQueueStore.getState()
  if (outcome.kind === 'sending') return <p role="status">{t('queue.outcome.sending')}</p>
  if (outcome.kind === 'error') {
    return (
      <div role="alert" className="queue-outcome">
        <p>{t('queue.outcome.failed', { reason: errorText(outcome.error) })}</p>
        <Button onClick={() => void store.retry(draftId)}>{t('queue.outcome.retry')}</Button>
      </div>
    )
  }
  if (outcome.kind === 'manual') {
    return (
      <div className="queue-outcome" data-testid="queue-manual">
        <h3>{t('queue.manual.title')}</h3>
        <p>{t('queue.manual.body')}</p>
        {outcome.copied === true ? <p role="status">{t('queue.manual.copied')}</p> : null}
        {outcome.copied === false ? <p role="alert">{t('queue.manual.copyFailed')}</p> : null}
        {outcome.confirmError ? <p role="alert">{errorText(outcome.confirmError)}</p> : null}
        <Button onClick={() => void store.copy(draftId)}>{t('queue.manual.copy')}</Button>
        <Button onClick={() => void store.copyAndOpen(draftId)}>{t('queue.manual.open')}</Button>
        <Button variant="primary" disabled={outcome.confirming} onClick={() => void store.confirmApplied(draftId)}>
          {t('queue.manual.confirm')}
        </Button>
      </div>
    )
  }
  const item = outcome.item
  switch (item.state) {
    case 'sent':
    case 'reconciled':
      return (
        <p role="status" className="queue-outcome">
          <Badge tone="ok">{t('queue.outcome.sent')}</Badge>
        </p>
      )
    case 'queued':
      return (
        <p role="status" className="queue-outcome">
          <Badge tone="warn">{t('queue.outcome.queued')}</Badge>
        </p>
      )
    case 'sending':
      return <p role="status">{t('queue.outcome.sending')}</p>
    case 'unknown':
      return (
        <p role="status" className="queue-outcome">
          <Badge tone="warn">{t('queue.outcome.unknown')}</Badge>
        </p>
      )
    case 'failed':
      return (
        <div role="alert" className="queue-outcome">
          <p>{t('queue.outcome.failed', { reason: item.lastError?.message ?? '' })}</p>
          <Button onClick={() => void store.retry(draftId)}>{t('queue.outcome.retry')}</Button>
        </div>
      )
  }
}

/** The shown draft: job summary, score, bid, checks and its text, editable inline (a new version through drafts:saveVersion). */
function DraftCard({ item, editing }: { item: ReviewItemDto; editing: boolean }): React.JSX.Element {
  const t = useT()
  const errorText = useErrorText()
  const [text, setText] = useState(item.text)
  const [saveError, setSaveError] = useState<string | null>(null)
  const editor = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    if (editing) editor.current?.focus()
  }, [editing])
  const stopEditing = (): void => {
    useQueueStore.getState().setEditing(false)
    setText(item.text)
    setSaveError(null)
  }
  const save = async (): Promise<void> => {
    try {
      await useQueueStore.getState().saveText(text)
      setSaveError(null)
    } catch (e) {
      setSaveError(errorText(e as Error))
    }
  }
  const bid = item.bid
  return (
    <>
      <JobSummary item={item} />
      <DraftPrediction draftId={item.draftId} />
      <p>
        {bid.amount !== null ? (
          <Badge>{bid.kind === 'hourly' ? t('queue.bid.hourly', { amount: bid.amount }) : t('queue.bid.fixed', { amount: bid.amount })}</Badge>
        ) : (
          <Badge tone="warn">{t('queue.bid.none')}</Badge>
        )}
        {bid.aboveBudget ? <Badge tone="warn">{t('queue.bid.aboveBudget')}</Badge> : null}
      </p>
      {item.checks.length > 0 ? (
        <ul className="queue-checks" aria-label={t('queue.checks.label')}>
          {item.checks.map((c) => (
            <li key={c.code}>
              <Badge tone="warn">{t(`drafting.check.${c.code}`, c.params)}</Badge>
            </li>
          ))}
        </ul>
      ) : null}
      {editing ? (
        <div className="queue-editor">
          <label htmlFor="queue-text">{t('queue.text.label')}</label>
          <textarea
            id="queue-text"
            ref={editor}
            value={text}
            rows={14}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault()
                stopEditing()
              }
            }}
          />
          {saveError ? <p role="alert">{saveError}</p> : null}
          <Button variant="primary" onClick={() => void save()}>
            {t('queue.text.save')}
          </Button>
          <Button onClick={stopEditing}>{t('common.cancel')}</Button>
        </div>
      ) : (
        <div className="queue-text" data-testid="queue-text">
          {item.text}
        </div>
      )}
    </>
  )
}

/**
 * The review queue: queued drafts best first, one at a time, reviewed with the keyboard
 * (j/k or ←/→, e edit, a approve, x discard after a confirmation). Nothing is sent without the
 * user's click or key.
 */
export function ReviewQueue(): React.JSX.Element {
  const t = useT()
  const errorText = useErrorText()
  const { phase, error, items, index, editing, outcomes } = useQueueStore()
  const current = items[index] ?? null
  const [confirmDialog, confirm] = useConfirm()
  const [discardError, setDiscardError] = useState<string | null>(null)

  useEffect(() => useQueueStore.getState().follow(), [])

  // One mark per open, when the first draft is on screen.
  const marked = useRef(false)
  useEffect(() => {
    if (current && !marked.current) {
      marked.current = true
      performance.mark(QUEUE_FIRST_DRAFT_MARK)
    }
  }, [current])

  const askDiscard = useRef<(draftId: number) => Promise<void>>(async () => undefined)
  // The key handler (registered once) asks through the latest render's confirm and words.
  useEffect(() => {
    askDiscard.current = async (draftId) => {
      const yes = await confirm({ title: t('queue.discard.title'), body: t('queue.discard.body'), confirmLabel: t('queue.discard'), danger: true })
      if (!yes) return
      try {
        await useQueueStore.getState().discard(draftId)
        setDiscardError(null)
      } catch (e) {
        setDiscardError(errorText(e as Error))
      }
    }
  })

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || e.repeat) return
      if (document.querySelector('[aria-modal="true"]')) return
      if (typingIn(e.target)) return
      const store = useQueueStore.getState()
      const shown = store.current()
      switch (e.key) {
        case 'j':
        case 'ArrowRight':
          e.preventDefault()
          return store.move(1)
        case 'k':
        case 'ArrowLeft':
          e.preventDefault()
          return store.move(-1)
        case 'e':
          if (shown && !store.outcomes[shown.draftId]) {
            e.preventDefault()
            store.setEditing(true)
          }
          return
        case 'a':
          if (shown) {
            e.preventDefault()
            void store.approve(shown.draftId)
          }
          return
        case 'x':
          if (shown && !store.outcomes[shown.draftId]) {
            e.preventDefault()
            void askDiscard.current(shown.draftId)
          }
          return
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  if (phase === 'error') {
    return (
      <div role="alert">
        <p>{t('queue.error.load', { reason: error ? errorText(error) : '' })}</p>
        <Button onClick={() => void useQueueStore.getState().load()}>{t('queue.retry')}</Button>
      </div>
    )
  }
  if (phase === 'ready' && items.length === 0) return <EmptyState title={t('queue.empty.title')}>{t('queue.empty.body')}</EmptyState>
  if (!current) {
    return (
      <p className="muted" role="status">
        {t('queue.loading')}
      </p>
    )
  }

  const outcome = outcomes[current.draftId]
  return (
    <div className="review-queue" data-testid="review-queue">
      <QueueOrder />
      <p className="muted" role="status">
        {t('queue.position', { n: index + 1, total: items.length })}
      </p>
      <DraftCard key={`${current.draftId}:${current.currentSeq ?? 0}`} item={current} editing={editing && !outcome} />
      {outcome ? <Outcome draftId={current.draftId} outcome={outcome} /> : null}
      {discardError ? <p role="alert">{discardError}</p> : null}
      <div className="queue-actions">
        <Button onClick={() => useQueueStore.getState().move(-1)} disabled={index === 0}>
          {t('queue.previous')}
        </Button>
        <Button onClick={() => useQueueStore.getState().move(1)} disabled={index >= items.length - 1}>
          {t('queue.next')}
        </Button>
        {!outcome && !editing ? (
          <>
            <Button onClick={() => useQueueStore.getState().setEditing(true)}>{t('queue.edit')}</Button>
            <Button variant="primary" onClick={() => void useQueueStore.getState().approve(current.draftId)}>
              {t('queue.approve')}
            </Button>
            <Button variant="danger" onClick={() => void askDiscard.current(current.draftId)}>
              {t('queue.discard')}
            </Button>
          </>
        ) : null}
      </div>
      {confirmDialog}
    </div>
  )
}
