import { useT } from '../../i18n'
import { useInboxStore } from '../../stores/inbox-store'
import { Badge } from '../../ui'

/** The sidebar's Inbox item: how many threads have unread client messages (nothing when none). */
export function InboxNavCount(): React.JSX.Element | null {
  const t = useT()
  const unread = useInboxStore((s) => s.unreadThreads)
  if (unread <= 0) return null
  return (
    <span className="nav-count" title={t('inbox.nav.unread', { count: unread })} data-testid="inbox-unread-count">
      <Badge tone="accent">{String(unread)}</Badge>
    </span>
  )
}
