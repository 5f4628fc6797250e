import { useEffect, useState } from 'react'
import type { ReplyDraftDto } from '@shared/replies'
import { useErrorText, useI18n } from '../../i18n'
import { useDraftsStore } from '../../stores/drafts-store'
import { useRepliesStore } from '../../stores/replies-store'
import { Badge, Button, Dialog } from '../../ui'
import { DraftEditor } from '../drafts/DraftEditor'
import { messageTime } from './format'

/** States in which the text is with the outbox: what is shown is what was handed over, not editable. */
const HANDED_OVER = new Set<ReplyDraftDto['state']>(['queued', 'sending', 'unknown'])

/**
 * The thread's reply: "Draft a reply" when there is none; else the draft in the drafts editor
 * (streamed AI text, versions, autosave, its output checks) and Send. Send is a click and a
 * confirmation that shows exactly the text that will go, then replies:send with one key for that
 * decision. Afterwards the state is said plainly: queued (offline, cancellable), sending, unknown
 * ("checking…"), sent or reconciled, failed with the reason and Retry.
 */
export function ReplyPanel({ roomId, gone, clientName }: { roomId: string; gone: boolean; clientName: string | null }): React.JSX.Element {
  const { t, language } = useI18n()
  const errorText = useErrorText()
  const replies = useRepliesStore((s) => s.replies)
  const phase = useRepliesStore((s) => s.phase)
  const loadError = useRepliesStore((s) => s.error)
  const actionError = useRepliesStore((s) => s.actionError)
  const busy = useRepliesStore((s) => s.busy)
  const editorDraft = useDraftsStore((s) => s.draft)
  const editorText = useDraftsStore((s) => s.text)
  const [confirming, setConfirming] = useState<{ draftId: number; text: string; key: string } | null>(null)

  const loaded = replies?.roomId === roomId ? replies : null
  const current = loaded?.current ?? null
  const latest = loaded?.drafts[0] ?? null

  // The open reply draft is the editor's draft while the thread is shown.
  const currentId = current?.draftId ?? null
  useEffect(() => {
    if (currentId !== null && useDraftsStore.getState().selectedId !== currentId) void useDraftsStore.getState().select(currentId)
  }, [currentId])

  const askToSend = async (draftId: number): Promise<void> => {
    const drafts = useDraftsStore.getState()
    await drafts.flush()
    const after = useDraftsStore.getState()
    if (after.dirty || after.draft?.id !== draftId) return // the save failed: its reason is under the text
    if (after.text.trim() === '') return
    // One key per decision: the same confirmation clicked twice sends once.
    setConfirming({ draftId, text: after.text, key: crypto.randomUUID() })
  }
  const send = async (): Promise<void> => {
    if (!confirming) return
    const sent = await useRepliesStore.getState().send(confirming.draftId, confirming.text, confirming.key)
    if (sent) setConfirming(null)
  }

  if (phase === 'error' && !loaded) {
    return (
      <p className="error" role="alert">
        {t('inbox.reply.loadFailed', { reason: loadError ? errorText(loadError) : '' })}
      </p>
    )
  }
  if (!loaded) {
    return (
      <p className="muted" role="status" aria-busy="true">
        {t('inbox.reply.loading')}
      </p>
    )
  }

  const actionProblem = actionError ? (
    <p className="error" role="alert" data-testid="reply-action-error">
      {errorText(actionError)}
    </p>
  ) : null

  if (!current) {
    return (
      <section className="reply-panel" aria-labelledby="reply-title" data-testid="reply-panel">
        <h2 id="reply-title">{t('inbox.reply.title')}</h2>
        {latest && (latest.state === 'sent' || latest.state === 'reconciled') ? (
          <p className="reply-state ok" role="status" data-testid="reply-state">
            {latest.state === 'sent'
              ? t('inbox.reply.state.sent', { when: messageTime(language, latest.updatedAt) })
              : t('inbox.reply.state.reconciled', { when: messageTime(language, latest.updatedAt) })}
          </p>
        ) : null}
        {gone ? (
          <p className="muted">{t('inbox.reply.gone')}</p>
        ) : (
          <Button variant="primary" disabled={busy} onClick={() => void useRepliesStore.getState().draft()}>
            {t('inbox.reply.draft')}
          </Button>
        )}
        {actionProblem}
      </section>
    )
  }

  const handedOver = HANDED_OVER.has(current.state)
  const item = current.outboxItem
  const editorReady = editorDraft?.id === current.draftId
  // The editor follows drafting:status at once; the reply's state follows on the next replies:changed.
  const generating = editorReady ? editorDraft.generation === 'generating' : current.state === 'generating'
  const canSend = !gone && !busy && !generating && editorReady && editorText.trim() !== '' && ['draft', 'generating', 'failed'].includes(current.state)
  const cancelled = current.state === 'failed' && item?.lastError?.code === 'cancelled'
  // Retry sends the same text again; after an edit it is a new Send (a new decision, a new key).
  const canRetry = current.state === 'failed' && !cancelled && item !== null && item.kind === 'message' && editorReady && item.payload.text === editorText

  return (
    <section className="reply-panel" aria-labelledby="reply-title" data-testid="reply-panel">
      <h2 id="reply-title">
        {current.purpose === 'followUp' ? t('inbox.reply.followUpTitle') : t('inbox.reply.title')}{' '}
        {current.origin === 'template' ? <Badge>{t('inbox.reply.fromTemplate')}</Badge> : null}
        {current.flagged ? <Badge tone="warn">{t('inbox.reply.flagged')}</Badge> : null}
      </h2>
      {current.stale ? (
        <p className="hint-box" role="note" data-testid="reply-stale">
          {t('inbox.reply.stale')}
        </p>
      ) : null}

      <ReplyState reply={current} />

      {handedOver && item?.kind === 'message' ? (
        <div className="reply-sent-text" data-testid="reply-handed-over">
          <p className="muted small">{t('inbox.reply.handedOverText')}</p>
          <div className="send-preview">{item.payload.text}</div>
        </div>
      ) : editorReady ? (
        <DraftEditor key={editorDraft.id} draft={editorDraft} />
      ) : (
        <p className="muted" role="status" aria-busy="true">
          {t('inbox.reply.loading')}
        </p>
      )}

      <div className="actions reply-actions">
        {current.state === 'queued' ? (
          <Button disabled={busy} onClick={() => void useRepliesStore.getState().cancelSend(current.draftId)}>
            {t('inbox.reply.cancelSend')}
          </Button>
        ) : null}
        {canRetry ? (
          <Button variant="primary" disabled={busy} onClick={() => void useRepliesStore.getState().retry(item.id)}>
            {t('inbox.reply.retry')}
          </Button>
        ) : null}
        {!handedOver && !canRetry ? (
          <Button variant="primary" disabled={!canSend} onClick={() => void askToSend(current.draftId)}>
            {t('inbox.reply.send')}
          </Button>
        ) : null}
        {['draft', 'generating', 'failed'].includes(current.state) ? (
          <Button variant="link-danger" disabled={busy || generating} onClick={() => void useRepliesStore.getState().discard(current.draftId)}>
            {t('inbox.reply.discard')}
          </Button>
        ) : null}
      </div>
      {confirming ? null : actionProblem}

      {confirming ? (
        <Dialog
          title={t('inbox.send.title', { client: clientName ?? t('inbox.client.unknown') })}
          onClose={() => setConfirming(null)}
          data-testid="send-confirm"
          actions={
            <>
              <Button data-autofocus onClick={() => setConfirming(null)}>
                {t('common.cancel')}
              </Button>
              <Button variant="primary" disabled={busy} onClick={() => void send()}>
                {t('inbox.send.confirm')}
              </Button>
            </>
          }
        >
          <p>{t('inbox.send.body')}</p>
          <div className="send-preview" data-testid="send-preview">
            {confirming.text}
          </div>
          {actionProblem}
        </Dialog>
      ) : null}
    </section>
  )
}

/** The send's state in words (nothing for a draft not sent yet). */
function ReplyState({ reply }: { reply: ReplyDraftDto }): React.JSX.Element | null {
  const { t } = useI18n()
  const reason = reply.outboxItem?.lastError?.message ?? ''
  const words: Record<ReplyDraftDto['state'], string | null> = {
    draft: null,
    generating: t('inbox.reply.state.generating'),
    queued: t('inbox.reply.state.queued'),
    sending: t('inbox.reply.state.sending'),
    unknown: t('inbox.reply.state.unknown'),
    sent: null,
    reconciled: null,
    failed: reply.outboxItem?.lastError?.code === 'cancelled' ? t('inbox.reply.state.cancelled') : t('inbox.reply.state.failed', { reason }),
    discarded: null
  }
  const text = words[reply.state]
  if (text === null) return null
  return (
    <p className={`reply-state ${reply.state}`} role={reply.state === 'failed' ? 'alert' : 'status'} data-testid="reply-state">
      {text}
    </p>
  )
}
