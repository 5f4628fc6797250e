import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts'
import type { DashboardDto, FunnelStage } from '@shared/analytics'
import { useI18n } from '../../i18n'
import { useAnalyticsStore } from '../../stores/analytics-store'
import { Button, Card } from '../../ui'
import { AXIS_TICK, ChartBox, TOOLTIP_STYLE } from './charts'
import { num, rateText } from './format'

/** sent → viewed → replied → interview → hired: counts as bars, each rate with its interval (or "not enough data yet") in the table under it. */
export function Funnel({ dashboard }: { dashboard: DashboardDto }): React.JSX.Element {
  const { t, language } = useI18n()
  const drillDown = useAnalyticsStore((s) => s.drillDown)
  const stageName = (stage: FunnelStage): string => t(`analytics.ui.stage.${stage}`)
  const open = (stage: FunnelStage): void => void drillDown({ stage }, t('analytics.ui.drill.stage', { stage: stageName(stage) }))
  const data = dashboard.funnel.map((s) => ({ stage: s.stage, name: stageName(s.stage), count: s.count }))
  const summary = dashboard.funnel.map((s) => `${stageName(s.stage)} ${num(language, s.count)}`).join(', ')

  return (
    <Card title={t('analytics.ui.funnel.title')} className="analytics-funnel" data-testid="analytics-funnel">
      <ChartBox height={200} testId="analytics-funnel-chart">
        <BarChart data={data} margin={{ top: 18, right: 8, bottom: 0, left: 0 }} title={t('analytics.ui.funnel.chart')} desc={summary}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="name" tick={AXIS_TICK} tickLine={false} interval={0} />
          <YAxis allowDecimals={false} tick={AXIS_TICK} width={44} />
          <Tooltip {...TOOLTIP_STYLE} formatter={(value) => [num(language, Number(value)), t('analytics.ui.funnel.col.count')]} />
          <Bar dataKey="count" name={t('analytics.ui.funnel.col.count')} fill="var(--accent)" isAnimationActive={false} cursor="pointer" onClick={(_, index) => data[index] && open(data[index].stage)}>
            <LabelList dataKey="count" position="top" fill="var(--text)" fontSize={12} />
          </Bar>
        </BarChart>
      </ChartBox>
      <table className="analytics-table" data-testid="analytics-funnel-table">
        <caption className="visually-hidden">{t('analytics.ui.funnel.chart')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('analytics.ui.funnel.col.stage')}</th>
            <th scope="col">{t('analytics.ui.funnel.col.count')}</th>
            <th scope="col">{t('analytics.ui.funnel.col.ofSent')}</th>
            <th scope="col">{t('analytics.ui.funnel.col.ofPrevious')}</th>
          </tr>
        </thead>
        <tbody>
          {dashboard.funnel.map((s) => (
            <tr key={s.stage} data-stage={s.stage}>
              <th scope="row">
                <Button variant="link" onClick={() => open(s.stage)} disabled={s.count === 0}>
                  {stageName(s.stage)}
                </Button>
              </th>
              <td>{num(language, s.count)}</td>
              <td>{s.stage === 'sent' ? '—' : rateText(t, language, s.ofSent)}</td>
              <td>{s.ofPrevious ? rateText(t, language, s.ofPrevious) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  )
}
