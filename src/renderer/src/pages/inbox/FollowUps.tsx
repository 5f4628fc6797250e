import { useState } from 'react'
import type { FollowUpDto } from '@shared/replies'
import { api, toProblem, type Problem } from '../../api'
import { useErrorText, useI18n } from '../../i18n'
import { useRepliesStore } from '../../stores/replies-store'
import { Button } from '../../ui'

/**
 * Follow-up reminders: "No reply from X for 3 days", each with Open thread, Use suggested
 * follow-up (its draft is written once and opened in the thread, never sent by itself) and
 * Dismiss (that silence never reminds again).
 */
export function FollowUps({ onOpenThread }: { onOpenThread(roomId: string): void }): React.JSX.Element | null {
  const { t } = useI18n()
  const errorText = useErrorText()
  const followUps = useRepliesStore((s) => s.followUps)
  const errors = useRepliesStore((s) => s.followUpErrors)
  const listError = useRepliesStore((s) => s.followUpsError)
  /** A reminder with no conversation (a proposal Upwork gave no room for): its follow-up is shown here to copy. */
  const [toCopy, setToCopy] = useState<Record<number, { text: string; copied: boolean } | Problem>>({})
  if (followUps.length === 0 && !listError) return null

  const takeSuggested = async (f: FollowUpDto): Promise<void> => {
    const drafted = await useRepliesStore.getState().draftFollowUp(f.id)
    if (!drafted) return
    if (drafted.roomId) return onOpenThread(drafted.roomId)
    if (drafted.draftId === null) return
    try {
      const draft = await api.drafts.get({ id: drafted.draftId })
      setToCopy((s) => ({ ...s, [f.id]: { text: draft.text, copied: false } }))
    } catch (e) {
      setToCopy((s) => ({ ...s, [f.id]: toProblem(e) }))
    }
  }
  const copy = async (id: number, text: string): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text)
      setToCopy((s) => ({ ...s, [id]: { text, copied: true } }))
    } catch (e) {
      setToCopy((s) => ({ ...s, [id]: toProblem(e) }))
    }
  }

  return (
    <section className="follow-ups" aria-labelledby="follow-ups-title" data-testid="follow-ups">
      <h2 id="follow-ups-title">{t('inbox.followUps.title', { count: followUps.length })}</h2>
      {listError ? (
        <p className="error" role="alert">
          {t('inbox.followUps.loadFailed', { reason: errorText(listError) })}
        </p>
      ) : null}
      <ul>
        {followUps.map((f) => (
          <li key={f.id} data-testid="follow-up">
            <p className="follow-up-text">
              {/* Without a name, "the client" ("No answer from Client to…" read as a name). */}
              {f.clientName
                ? t(f.kind === 'proposal' ? 'inbox.followUps.proposal' : 'inbox.followUps.thread', { client: f.clientName, days: f.days, title: f.title })
                : t(f.kind === 'proposal' ? 'inbox.followUps.proposalUnnamed' : 'inbox.followUps.threadUnnamed', { days: f.days, title: f.title })}
            </p>
            {!f.sendable ? <p className="muted small">{t('inbox.followUps.notSendable')}</p> : null}
            <div className="actions">
              {f.roomId ? (
                <Button variant="link" onClick={() => onOpenThread(f.roomId!)}>
                  {t('inbox.followUps.open')}
                </Button>
              ) : null}
              <Button variant="link" onClick={() => void takeSuggested(f)}>
                {f.draftId === null ? t('inbox.followUps.useSuggested') : t('inbox.followUps.openSuggested')}
              </Button>
              <Button variant="link" onClick={() => void useRepliesStore.getState().dismissFollowUp(f.id)}>
                {t('common.dismiss')}
              </Button>
            </div>
            <CopyBlock entry={toCopy[f.id]} onCopy={(text) => void copy(f.id, text)} />
            {errors[f.id] ? (
              <p className="error" role="alert">
                {errorText(errors[f.id]!)}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  )
}

function CopyBlock({ entry, onCopy }: { entry: { text: string; copied: boolean } | Problem | undefined; onCopy(text: string): void }): React.JSX.Element | null {
  const { t } = useI18n()
  const errorText = useErrorText()
  if (!entry) return null
  if ('message' in entry) {
    return (
      <p className="error" role="alert">
        {errorText(entry)}
      </p>
    )
  }
  return (
    <div className="follow-up-copy">
      <div className="send-preview">{entry.text}</div>
      <Button onClick={() => onCopy(entry.text)}>{entry.copied ? t('common.copied') : t('common.copy')}</Button>
    </div>
  )
}
