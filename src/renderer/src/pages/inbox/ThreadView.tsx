import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { MessageDto } from '@shared/messaging'
import { api, toProblem, type Problem } from '../../api'
import { useErrorText, useI18n } from '../../i18n'
import type { OpenThread } from '../../stores/inbox-store'
import { Badge, Button } from '../../ui'
import { LinkedText } from '../../ui/LinkedText'
import { messageTime } from './format'

/** How close to the top (px) the user scrolls before the older page is read. */
const NEAR_TOP_PX = 120

export interface ThreadViewProps {
  thread: OpenThread
  loadingOlder: boolean
  onLoadOlder(): void
  /** Called once per thread, when its messages are on screen. */
  onMessagesPainted?(): void
}

/**
 * One conversation, oldest → newest. The client's text is untrusted: it is React text (line breaks
 * kept by CSS), never HTML, and its links are buttons that ask main to open them only when clicked
 * (main opens only what it vets). Older messages are read as the user scrolls up; the view keeps
 * its place when they arrive, and follows the newest message when it was at the bottom.
 */
export function ThreadView({ thread, loadingOlder, onLoadOlder, onMessagesPainted }: ThreadViewProps): React.JSX.Element {
  const { t } = useI18n()
  const errorText = useErrorText()
  const scroller = useRef<HTMLDivElement>(null)
  const [linkProblem, setLinkProblem] = useState<{ url: string; problem: Problem } | null>(null)
  const [copied, setCopied] = useState(false)

  // Where the view was before the messages changed: the height (older ones prepended) and whether it was at the bottom.
  const before = useRef<{ roomId: string; height: number; top: number; atBottom: boolean; first: number | null } | null>(null)
  const remember = (): void => {
    const el = scroller.current
    if (!el) return
    before.current = { roomId: thread.roomId, height: el.scrollHeight, top: el.scrollTop, atBottom: el.scrollHeight - el.scrollTop - el.clientHeight < 24, first: thread.messages[0]?.id ?? null }
  }
  useLayoutEffect(() => {
    const el = scroller.current
    if (!el) return
    const was = before.current
    if (!was || was.roomId !== thread.roomId) el.scrollTop = el.scrollHeight // a thread opens at its newest message
    else if (was.first !== (thread.messages[0]?.id ?? null) && !was.atBottom) el.scrollTop = was.top + (el.scrollHeight - was.height) // older ones above: stay put
    else if (was.atBottom) el.scrollTop = el.scrollHeight
    remember()
  })

  const painted = thread.messages.length > 0 || thread.total === 0
  const paintedFor = useRef<string | null>(null)
  useEffect(() => {
    if (painted && paintedFor.current !== thread.roomId) {
      paintedFor.current = thread.roomId
      onMessagesPainted?.()
    }
  }, [painted, thread.roomId, onMessagesPainted])

  const openLink = useCallback(async (url: string): Promise<void> => {
    setLinkProblem(null)
    setCopied(false)
    try {
      await api.shell.openExternal({ url })
    } catch (e) {
      setLinkProblem({ url, problem: toProblem(e) })
    }
  }, [])
  const copyLink = async (url: string): Promise<void> => {
    try {
      await navigator.clipboard.writeText(url)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }

  return (
    <section className="thread-view" aria-labelledby="thread-title" data-testid="thread-view">
      <header className="thread-head">
        <h2 id="thread-title">{thread.summary.clientName ?? t('inbox.client.unknown')}</h2>
        <p className="muted small">{thread.summary.title || t('inbox.row.noTitle')}</p>
        {thread.summary.gone ? (
          <p className="hint-box" role="note" data-testid="thread-gone">
            {t('inbox.thread.gone')}
          </p>
        ) : null}
      </header>
      {linkProblem ? (
        <p className="error" role="alert" data-testid="link-problem">
          {errorText(linkProblem.problem)}{' '}
          <Button variant="link" onClick={() => void copyLink(linkProblem.url)}>
            {copied ? t('common.copied') : t('inbox.link.copy')}
          </Button>
        </p>
      ) : null}
      <div
        ref={scroller}
        className="thread-messages"
        data-testid="thread-messages"
        tabIndex={0}
        role="log"
        aria-label={t('inbox.thread.messages')}
        onScroll={(e) => {
          remember()
          if (e.currentTarget.scrollTop < NEAR_TOP_PX && thread.olderCursor !== null && !loadingOlder) onLoadOlder()
        }}
      >
        {thread.olderCursor !== null ? (
          <p className="thread-older">
            <Button variant="link" disabled={loadingOlder} onClick={onLoadOlder}>
              {loadingOlder ? t('inbox.thread.loadingOlder') : t('inbox.thread.loadOlder', { shown: thread.messages.length, total: thread.total })}
            </Button>
          </p>
        ) : thread.total > 0 ? (
          <p className="thread-older muted small">{t('inbox.thread.start')}</p>
        ) : null}
        {thread.total === 0 ? <p className="muted">{t('inbox.thread.empty')}</p> : null}
        <ol className="messages">
          {thread.messages.map((m) => (
            <Message key={m.id} message={m} clientName={thread.summary.clientName} onOpenLink={openLink} />
          ))}
        </ol>
      </div>
    </section>
  )
}

const Message = memo(function Message({ message: m, clientName, onOpenLink }: { message: MessageDto; clientName: string | null; onOpenLink(url: string): Promise<void> }): React.JSX.Element {
  const { t, language } = useI18n()
  const who = m.fromMe ? t('inbox.message.you') : (m.authorName ?? clientName ?? t('inbox.client.unknown'))
  return (
    <li className={m.fromMe ? 'message mine' : 'message theirs'} data-testid="message" data-story-id={m.storyId}>
      <p className="message-meta">
        <span className="message-author">{who}</span> <time dateTime={new Date(m.sentAt).toISOString()}>{messageTime(language, m.sentAt)}</time>
        {m.editedAt !== null && !m.deleted ? <Badge>{t('inbox.message.edited')}</Badge> : null}
        {m.deleted ? <Badge tone="warn">{t('inbox.message.deletedMark')}</Badge> : null}
        {m.truncated ? <Badge tone="warn">{t('inbox.message.truncated')}</Badge> : null}
      </p>
      {m.deleted ? (
        <p className="message-text muted">{t('inbox.message.deleted')}</p>
      ) : (
        <p className="message-text" data-testid="message-text">
          <LinkedText text={m.text} onOpenLink={(url) => void onOpenLink(url)} linkLabel={(url) => t('inbox.link.open', { url })} />
        </p>
      )}
      {m.truncated && !m.deleted ? <p className="muted small">{t('inbox.message.truncatedHint')}</p> : null}
    </li>
  )
})
