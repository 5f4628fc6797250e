import { useRef, useState, type KeyboardEvent } from 'react'
import { useI18n } from '../../i18n'
import { Page } from '../AreaPage'
import { ExperimentsTab } from '../experiments/ExperimentsTab'
import { Overview } from './Overview'
import './analytics.css'

const TABS = ['overview', 'experiments'] as const
type Tab = (typeof TABS)[number]

/** The Analytics area: Overview (funnel, trends, breakdowns, recommendations, back-test) | Experiments (A/B tests, learning-ui's tab). */
export function AnalyticsPage(): React.JSX.Element {
  const { t } = useI18n()
  const [tab, setTab] = useState<Tab>('overview')
  const tabs = useRef<HTMLDivElement>(null)
  // Tabs as WAI-ARIA has them: ←/→ (and Home/End) move to the other tab and select it.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const at = TABS.indexOf(tab)
    const next = e.key === 'ArrowRight' ? (at + 1) % TABS.length : e.key === 'ArrowLeft' ? (at - 1 + TABS.length) % TABS.length : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : -1
    if (next === -1) return
    e.preventDefault()
    setTab(TABS[next]!)
    tabs.current?.querySelector<HTMLButtonElement>(`#analytics-tab-${TABS[next]}`)?.focus()
  }
  return (
    <Page title={t('nav.analytics')} className="analytics-page">
      <div role="tablist" aria-label={t('nav.analytics')} className="analytics-tabs" ref={tabs} onKeyDown={onKeyDown}>
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`analytics-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`analytics-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            className={tab === id ? 'tab selected' : 'tab'}
            onClick={() => setTab(id)}
          >
            {t(`analytics.ui.tab.${id}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`analytics-panel-${tab}`} aria-labelledby={`analytics-tab-${tab}`}>
        {tab === 'overview' && <Overview />}
        {tab === 'experiments' && <ExperimentsTab />}
      </div>
    </Page>
  )
}
