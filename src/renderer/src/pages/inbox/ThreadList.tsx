import { forwardRef, memo } from 'react'
import type { ThreadSummaryDto } from '@shared/messaging'
import { useI18n } from '../../i18n'
import { Badge } from '../../ui'
import { useVirtualListbox, type VirtualListboxHandle } from '../../ui/use-virtual-listbox'
import { activityTime } from './format'

/** Every row is this tall (name and time, the job, the last message on one line each): the list never measures. */
export const THREAD_ROW_HEIGHT = 68

export type ThreadListHandle = VirtualListboxHandle

const threadKey = (thread: ThreadSummaryDto): string => thread.roomId

export interface ThreadListProps {
  items: readonly ThreadSummaryDto[]
  total: number
  selectedId: string | null
  openId: string | null
  now: number
  label: string
  onSelect(roomId: string): void
  onOpen(roomId: string): void
  /** The user scrolled near the end of what is loaded. */
  onNearEnd(): void
  /** Called once, when rows are first on screen. */
  onRowsPainted?(): void
}

export const threadDomId = (roomId: string): string => `thread-row-${roomId.replace(/[^\w-]/g, '_')}`

/**
 * The threads: a listbox whose options are the conversations, newest activity first, virtualized
 * (only the rows in view, plus a few, are in the DOM: 1,000+ threads open at once). The keyboard is
 * the page's (j/k, Enter); the active row is announced through aria-activedescendant. A row's name
 * is its text: who, the job, the last message (text, never HTML), and the unread count in words.
 */
export const ThreadList = forwardRef<ThreadListHandle, ThreadListProps>(function ThreadList({ items, total, selectedId, openId, now, label, onSelect, onOpen, onNearEnd, onRowsPainted }, ref) {
  const { scroller, rows, totalSize, onScroll } = useVirtualListbox({ items, rowHeight: THREAD_ROW_HEIGHT, keyOf: threadKey, onNearEnd, onRowsPainted }, ref)

  return (
    <div
      ref={scroller}
      className="thread-list"
      data-testid="threads-list"
      role="listbox"
      aria-label={label}
      tabIndex={0}
      onScroll={onScroll}
      aria-activedescendant={selectedId !== null && items.some((t) => t.roomId === selectedId) ? threadDomId(selectedId) : undefined}
    >
      <div style={{ height: totalSize, position: 'relative' }}>
        {rows.map((row) => {
          const thread = items[row.index]!
          return (
            <ThreadRow
              key={thread.roomId}
              thread={thread}
              index={row.index}
              setSize={total}
              top={row.start}
              selected={thread.roomId === selectedId}
              open={thread.roomId === openId}
              now={now}
              onSelect={onSelect}
              onOpen={onOpen}
            />
          )
        })}
      </div>
    </div>
  )
})

interface ThreadRowProps {
  thread: ThreadSummaryDto
  index: number
  setSize: number
  top: number
  selected: boolean
  open: boolean
  now: number
  onSelect(roomId: string): void
  onOpen(roomId: string): void
}

const ThreadRow = memo(function ThreadRow({ thread, index, setSize, top, selected, open, now, onSelect, onOpen }: ThreadRowProps): React.JSX.Element {
  const { t, language } = useI18n()
  const unread = thread.unreadCount > 0
  const last = thread.lastMessage
  const preview = last === null ? t('inbox.row.noMessages') : last.deleted ? t('inbox.message.deleted') : last.fromMe ? t('inbox.row.you', { text: last.text }) : last.text
  return (
    <div
      id={threadDomId(thread.roomId)}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      data-room-id={thread.roomId}
      data-unread={unread || undefined}
      className={['thread-row', selected ? 'selected' : null, open ? 'open' : null, unread ? 'unread' : null, thread.gone ? 'gone' : null].filter(Boolean).join(' ')}
      style={{ transform: `translateY(${top}px)`, height: THREAD_ROW_HEIGHT }}
      onMouseDown={() => onSelect(thread.roomId)}
      onClick={() => onOpen(thread.roomId)}
    >
      <span className="thread-row-line">
        <span className="thread-row-client" data-testid="thread-client">
          {thread.clientName ?? t('inbox.client.unknown')}
        </span>{' '}
        {unread ? (
          <Badge tone="accent" data-testid="thread-unread">
            {t('inbox.row.unread', { count: thread.unreadCount })}
          </Badge>
        ) : null}{' '}
        {thread.gone ? <Badge tone="warn">{t('inbox.row.gone')}</Badge> : null}{' '}
        <span className="thread-row-time">{activityTime(language, thread.lastActivityAt, now)}</span>
      </span>{' '}
      <span className="thread-row-job">{thread.title || t('inbox.row.noTitle')}</span>{' '}
      <span className="thread-row-preview">{preview}</span>
    </div>
  )
})
