import { useEffect, useRef, useState } from 'react'
import type { DraftDto } from '@shared/drafting'
import { useErrorText, useT } from '../../../i18n'
import { useQueueStore } from '../../../stores/queue-store'
import { Badge, Button, EmptyState } from '../../../ui'

/** The benchmark (bench/queue-open.bench.ts, in Chromium through the harness) reads this mark: the first queued draft on screen. */
export const QUEUE_FIRST_DRAFT_MARK = 'gigpilot:review-queue-first-draft'

const typingIn = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

function JobSummary({ draft }: { draft: DraftDto }): React.JSX.Element {
  const t = useT()
  const job = draft.job
  const budget =
    job.fixedAmount !== null
      ? t('queue.job.fixed', { amount: job.fixedAmount })
      : job.hourlyMin !== null || job.hourlyMax !== null
        ? t('queue.job.hourly', { min: job.hourlyMin ?? '?', max: job.hourlyMax ?? '?' })
        : t('queue.job.noBudget')
  return (
    <section className="queue-job" aria-label={t('queue.job.label')}>
      <h2>{job.title}</h2>
      <p className="muted">
        {budget}
        {job.skills.length > 0 ? ` · ${job.skills.slice(0, 6).join(', ')}` : ''}
      </p>
      <p className="queue-job-description">{job.description.slice(0, 600)}</p>
    </section>
  )
}

/** The shown draft: bid, checks and its text, editable inline (a new version through drafts:saveVersion). */
function DraftCard({ draft, editing }: { draft: DraftDto; editing: boolean }): React.JSX.Element {
  const t = useT()
  const errorText = useErrorText()
  const [text, setText] = useState(draft.text)
  const [saveError, setSaveError] = useState<string | null>(null)
  const editor = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    if (editing) editor.current?.focus()
  }, [editing])
  const stopEditing = (): void => {
    useQueueStore.getState().setEditing(false)
    setText(draft.text)
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
  const bid = draft.bid
  return (
    <>
      <JobSummary draft={draft} />
      <p>
        {bid.amount !== null ? (
          <Badge>{bid.kind === 'hourly' ? t('queue.bid.hourly', { amount: bid.amount }) : t('queue.bid.fixed', { amount: bid.amount })}</Badge>
        ) : (
          <Badge tone="warn">{t('queue.bid.none')}</Badge>
        )}
        {bid.aboveBudget ? <Badge tone="warn">{t('queue.bid.aboveBudget')}</Badge> : null}
      </p>
      {draft.checks.length > 0 ? (
        <ul className="queue-checks" aria-label={t('queue.checks.label')}>
          {draft.checks.map((c) => (
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
          {draft.text}
        </div>
      )}
    </>
  )
}

/**
 * The review queue: queued drafts best first, one at a time, reviewed with the keyboard
 * (j/k or ←/→, e edit, a approve, x discard). Nothing is sent without the user's click or key.
 */
export function ReviewQueue(): React.JSX.Element {
  const t = useT()
  const errorText = useErrorText()
  const { phase, error, items, index, current, currentError, editing } = useQueueStore()

  useEffect(() => {
    void useQueueStore.getState().load()
  }, [])

  // One mark per open, when the first draft is on screen.
  const marked = useRef(false)
  useEffect(() => {
    if (current && !marked.current) {
      marked.current = true
      performance.mark(QUEUE_FIRST_DRAFT_MARK)
    }
  }, [current])

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return
      if (document.querySelector('[aria-modal="true"]')) return
      if (typingIn(e.target)) return
      const store = useQueueStore.getState()
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
          if (store.current) {
            e.preventDefault()
            store.setEditing(true)
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
    return currentError ? (
      <p role="alert">{errorText(currentError)}</p>
    ) : (
      <p className="muted" role="status">
        {t('queue.loading')}
      </p>
    )
  }

  return (
    <div className="review-queue" data-testid="review-queue">
      <p className="muted" role="status">
        {t('queue.position', { n: index + 1, total: items.length })}
      </p>
      <DraftCard key={`${current.id}:${current.currentSeq ?? 0}`} draft={current} editing={editing} />
      <div className="queue-actions">
        <Button onClick={() => useQueueStore.getState().move(-1)} disabled={index === 0}>
          {t('queue.previous')}
        </Button>
        <Button onClick={() => useQueueStore.getState().move(1)} disabled={index >= items.length - 1}>
          {t('queue.next')}
        </Button>
        {!editing ? <Button onClick={() => useQueueStore.getState().setEditing(true)}>{t('queue.edit')}</Button> : null}
      </div>
    </div>
  )
}
