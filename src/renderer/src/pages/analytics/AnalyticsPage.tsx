import { useState } from 'react'
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
  return (
    <Page title={t('nav.analytics')} className="analytics-page">
      <div role="tablist" aria-label={t('nav.analytics')} className="analytics-tabs">
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`analytics-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`analytics-panel-${id}`}
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
