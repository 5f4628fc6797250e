import { AREAS, type Area } from '@shared/types'
import { useT, type MessageKey } from '../i18n'
import { useAppStore } from '../stores/app-store'
import { Badge, Button } from '../ui'
import { useWorkspaceStore } from './Banners'
import { InboxNavCount } from '../pages/inbox/InboxNavCount'

const ICONS: Record<Area, string> = { jobs: '◎', drafts: '✎', inbox: '✉', analytics: '▤', settings: '⚙' }

export function Sidebar(): React.JSX.Element {
  const t = useT()
  const area = useAppStore((s) => s.area)
  const navigate = useAppStore((s) => s.navigate)
  const inDemo = useWorkspaceStore((s) => s.info?.kind === 'demo')
  return (
    <nav className="sidebar" aria-label={t('nav.label')}>
      <div className="brand">{t('app.name')}</div>
      {inDemo ? (
        <Badge tone="warn" data-testid="demo-label">
          {t('demo.label')}
        </Badge>
      ) : null}
      <ul>
        {AREAS.map((a, i) => (
          <li key={a}>
            <Button
              className={a === area ? 'nav-item active' : 'nav-item'}
              aria-current={a === area ? 'page' : undefined}
              title={t('nav.shortcutHint', { n: i + 1 })}
              onClick={() => navigate(a)}
            >
              <span className="nav-icon" aria-hidden="true">
                {ICONS[a]}
              </span>
              {t(`nav.${a}` as MessageKey)}
              {a === 'inbox' ? <InboxNavCount /> : null}
            </Button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
