import { useEffect, useState } from 'react'
import { ANALYTICS_PERIODS, type DashboardDto } from '@shared/analytics'
import { useErrorText, useI18n } from '../../i18n'
import { useAnalyticsStore } from '../../stores/analytics-store'
import { Button, Card, EmptyState } from '../../ui'
import { Backtest } from './Backtest'
import { Breakdowns } from './Breakdowns'
import { DrillDown } from './DrillDown'
import { dateTimeText } from './format'
import { Funnel } from './Funnel'
import { Headline } from './Headline'
import { Recommendations } from './Recommendations'
import { Trends } from './Trends'

function PeriodPicker(): React.JSX.Element {
  const { t } = useI18n()
  const period = useAnalyticsStore((s) => s.period)
  const setPeriod = useAnalyticsStore((s) => s.setPeriod)
  return (
    <div className="analytics-periods" role="group" aria-label={t('analytics.ui.period.label')}>
      {ANALYTICS_PERIODS.map((p) => (
        <Button key={p} aria-pressed={period === p} className={period === p ? 'selected' : undefined} onClick={() => void setPeriod(p)}>
          {t(`analytics.ui.period.${p}`)}
        </Button>
      ))}
    </div>
  )
}

/** CSV export (analytics:exportCsv): main writes the file and says where; the path is shown and can be copied. */
function ExportCsv(): React.JSX.Element {
  const { t } = useI18n()
  const errorText = useErrorText()
  const exporting = useAnalyticsStore((s) => s.exporting)
  const exported = useAnalyticsStore((s) => s.exported)
  const exportError = useAnalyticsStore((s) => s.exportError)
  // "Copied" belongs to the file it was said for (a new export shows "Copy the path" again).
  const [copiedPath, setCopiedPath] = useState<string | null>(null)
  const copy = async (path: string): Promise<void> => {
    try {
      await navigator.clipboard.writeText(path)
      setCopiedPath(path)
    } catch {
      setCopiedPath(null)
    }
  }
  return (
    <div className="analytics-export">
      <Button onClick={() => void useAnalyticsStore.getState().exportCsv()} disabled={exporting}>
        {exporting ? t('analytics.ui.export.busy') : t('analytics.ui.export.button')}
      </Button>
      {exported ? (
        <p role="status" className="analytics-export-done" data-testid="analytics-export-done">
          {t('analytics.ui.export.done', { n: exported.rows })} <code>{exported.path}</code>{' '}
          <Button variant="link" onClick={() => void copy(exported.path)}>
            {copiedPath === exported.path ? t('common.copied') : t('analytics.ui.export.copyPath')}
          </Button>
        </p>
      ) : null}
      {exportError ? <p role="alert">{t('analytics.ui.export.failed', { reason: errorText(exportError) })}</p> : null}
    </div>
  )
}

/**
 * False on the first render, true once that render has been painted (the animation frame, then a
 * task after it): the funnel, the headline figures and the first trend chart come first, the
 * charts further down the page right after, so the page shows its figures without waiting for them.
 */
function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setPainted(true), 0)))
    return () => {
      cancelAnimationFrame(frame)
      if (timer !== undefined) clearTimeout(timer)
    }
  }, [])
  return painted
}

function Figures({ dashboard: d }: { dashboard: DashboardDto }): React.JSX.Element {
  const { t, language } = useI18n()
  const setPeriod = useAnalyticsStore((s) => s.setPeriod)
  const afterPaint = useAfterFirstPaint()
  const hasHistory = useAnalyticsStore((s) => s.hasHistory)
  if (d.total === 0) {
    return d.period === 'all' || hasHistory === false ? (
      <EmptyState title={t('analytics.empty.title')}>{t('analytics.empty.body')}</EmptyState>
    ) : (
      <EmptyState
        title={t('analytics.ui.emptyPeriod.title')}
        action={
          <Button variant="primary" onClick={() => void setPeriod('all')}>
            {t('analytics.ui.showAll')}
          </Button>
        }
      >
        {t('analytics.ui.emptyPeriod.body', { period: t(`analytics.ui.period.${d.period}`) })}
      </EmptyState>
    )
  }
  return (
    <>
      {d.notEnough ? (
        <p className="hint-box" role="note" data-testid="analytics-not-enough">
          {t('analytics.ui.notEnough', { have: d.notEnough.have, n: Math.max(1, d.notEnough.needMore) })}
        </p>
      ) : null}
      <div className="analytics-grid">
        <Funnel dashboard={d} />
        <Headline dashboard={d} />
      </div>
      <Trends daily={d.daily} rest={afterPaint} />
      {afterPaint ? <Breakdowns breakdowns={d.breakdowns} /> : <Card title={t('analytics.ui.breakdowns.title')} className="analytics-breakdowns analytics-pending">{null}</Card>}
      <DrillDown />
      <div className="analytics-grid">
        <Recommendations items={d.recommendations} />
        <Backtest />
      </div>
      <p className="muted small">{t('analytics.ui.computedAt', { at: dateTimeText(language, d.computedAt) })}</p>
    </>
  )
}

/** The Overview tab: period, export, the sample-data label, and the figures (or why there are none). */
export function Overview(): React.JSX.Element {
  const { t } = useI18n()
  const errorText = useErrorText()
  const phase = useAnalyticsStore((s) => s.phase)
  const dashboard = useAnalyticsStore((s) => s.dashboard)
  const error = useAnalyticsStore((s) => s.error)
  const period = useAnalyticsStore((s) => s.period)
  useEffect(() => useAnalyticsStore.getState().follow(), [])
  // The figures shown belong to the chosen period; while another one loads, the old ones stay, marked busy.
  const shown = dashboard && dashboard.period === period ? dashboard : phase === 'loading' ? dashboard : null

  return (
    <div className="analytics-overview" aria-busy={phase === 'loading'}>
      <div className="analytics-toolbar">
        <PeriodPicker />
        <ExportCsv />
      </div>
      {shown?.sample ? (
        <section className="analytics-sample" role="note" aria-label={t('analytics.ui.sample.title')} data-testid="analytics-sample-label">
          <strong>{t('analytics.ui.sample.title')}</strong> <span>{t('analytics.ui.sample.body')}</span>
        </section>
      ) : null}
      {phase === 'error' ? (
        <div role="alert" className="analytics-error">
          <p>{t('analytics.ui.loadFailed', { reason: error ? errorText(error) : '' })}</p>
          <Button onClick={() => void useAnalyticsStore.getState().load()}>{t('analytics.ui.retry')}</Button>
        </div>
      ) : shown ? (
        <Figures dashboard={shown} />
      ) : (
        <p className="muted" aria-busy="true">
          {t('analytics.ui.loading')}
        </p>
      )}
    </div>
  )
}
