import { Area, Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts'
import type { DailyPointDto, RateDto } from '@shared/analytics'
import { useI18n } from '../../i18n'
import { Card } from '../../ui'
import { AXIS_TICK, ChartBox, LEGEND_STYLE, SERIES, TOOLTIP_STYLE } from './charts'
import { chartPercent, dayLabel, dayRateText, num, usd, usdWhole } from './format'

interface Point {
  day: string
  label: string
  sent: number
  /** Percent 0–100; null on a day without proposals (the line skips it rather than dropping to 0). */
  replyRate: number | null
  /** The day's reply rate as a rate with its interval (for the tooltip, worded on hover). */
  rate: RateDto
  avgBid: number | null
  connects: number
}

const finiteOrNull = (x: number | null): number | null => (x !== null && Number.isFinite(x) ? x : null)

/** The daily series: proposals sent with the reply rate, and the average bid with the Connects spent, each a chart with a legend and tooltips. */
/** `rest` false: the second chart's box is kept empty, to be drawn on the next render (the page paints its first figures sooner). */
export function Trends({ daily, rest = true }: { daily: DailyPointDto[]; rest?: boolean }): React.JSX.Element {
  const { t, language } = useI18n()
  const points: Point[] = daily.map((d) => ({
    day: d.day,
    label: dayLabel(language, d.day),
    sent: Number.isFinite(d.sent) ? d.sent : 0,
    replyRate: d.replyRate === null || !Number.isFinite(d.replyRate) ? null : chartPercent(d.replyRate),
    rate: { k: d.replies, n: d.sent, rate: d.replyRate, low: d.replyRateLow ?? null, high: d.replyRateHigh ?? null, small: d.small ?? true, needMore: 0 },
    avgBid: finiteOrNull(d.avgBid),
    connects: Number.isFinite(d.connects) ? d.connects : 0
  }))
  const sentName = t('analytics.ui.trends.sent')
  const rateName = t('analytics.ui.trends.replyRate')
  const bidName = t('analytics.ui.trends.avgBid')
  const connectsName = t('analytics.ui.trends.connects')
  const value = (name: string, v: unknown, point: Point | undefined): string => {
    // A day's reply rate with its interval, or its count when a day is too few to read alone.
    if (name === rateName && point) return dayRateText(t, language, point.rate)
    if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '—'
    const n = Number(v)
    if (name === bidName) return usd(t, language, n)
    return num(language, n)
  }
  // About six dates on the axis, every n-th day: a fixed interval needs no text measuring per tick (a year has 366);
  // six leave room for the longer Ukrainian dates ("26 лист.") in a half-width chart.
  const tickEvery = Math.max(0, Math.ceil(points.length / 6) - 1)
  // The bid axis as wide as its longest label ("2 600 USD" is longer than "$2,600"), about 7 px a character.
  const maxBid = Math.max(0, ...points.map((p) => p.avgBid ?? 0))
  const bidAxisWidth = Math.max(48, Math.ceil(usdWhole(language, maxBid * 1.1).length * 7 + 10))
  const first = points[0]
  const last = points.at(-1)
  const range = first && last ? `${first.label} – ${last.label}` : ''

  return (
    <Card title={t('analytics.ui.trends.title')} className="analytics-trends" data-testid="analytics-trends">
      {points.length === 0 ? (
        <p className="muted">{t('analytics.ui.trends.empty')}</p>
      ) : (
        <div className="analytics-trend-grid">
          <figure className="analytics-figure">
            <figcaption>{t('analytics.ui.trends.activity')}</figcaption>
            <ChartBox height={220} initialWidth={440} testId="analytics-trend-activity">
              <ComposedChart data={points} margin={{ top: 8, right: 4, bottom: 0, left: 0 }} title={t('analytics.ui.trends.activity')} desc={range}>
                <CartesianGrid vertical={false} stroke="var(--border)" />
                <XAxis dataKey="label" tick={AXIS_TICK} interval={tickEvery} />
                <YAxis yAxisId="count" allowDecimals={false} tick={AXIS_TICK} width={36} />
                <YAxis yAxisId="rate" orientation="right" domain={[0, 100]} unit="%" tick={AXIS_TICK} width={44} />
                <Tooltip {...TOOLTIP_STYLE} formatter={(v, name, item) => [value(String(name), v, (item as { payload?: Point }).payload), String(name)]} />
                <Legend wrapperStyle={LEGEND_STYLE} />
                <Bar yAxisId="count" dataKey="sent" name={sentName} fill={SERIES[0]} isAnimationActive={false} />
                <Line yAxisId="rate" dataKey="replyRate" name={rateName} stroke={SERIES[1]} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
              </ComposedChart>
            </ChartBox>
          </figure>
          <figure className="analytics-figure">
            <figcaption>{t('analytics.ui.trends.money')}</figcaption>
            {rest ? (
              <ChartBox height={220} initialWidth={440} testId="analytics-trend-money">
                <ComposedChart data={points} margin={{ top: 8, right: 4, bottom: 0, left: 0 }} title={t('analytics.ui.trends.money')} desc={range}>
                  <CartesianGrid vertical={false} stroke="var(--border)" />
                  <XAxis dataKey="label" tick={AXIS_TICK} interval={tickEvery} />
                  <YAxis yAxisId="bid" tick={AXIS_TICK} width={bidAxisWidth} tickFormatter={(v: number) => usdWhole(language, v)} />
                  <YAxis yAxisId="connects" orientation="right" allowDecimals={false} tick={AXIS_TICK} width={40} />
                  <Tooltip {...TOOLTIP_STYLE} formatter={(v, name, item) => [value(String(name), v, (item as { payload?: Point }).payload), String(name)]} />
                  <Legend wrapperStyle={LEGEND_STYLE} />
                  <Area yAxisId="connects" dataKey="connects" name={connectsName} stroke={SERIES[2]} fill={SERIES[2]} fillOpacity={0.25} isAnimationActive={false} />
                  <Line yAxisId="bid" dataKey="avgBid" name={bidName} stroke={SERIES[3]} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
                </ComposedChart>
              </ChartBox>
            ) : (
              <div className="analytics-chart" style={{ height: 220 }} aria-busy="true" />
            )}
          </figure>
        </div>
      )}
    </Card>
  )
}
