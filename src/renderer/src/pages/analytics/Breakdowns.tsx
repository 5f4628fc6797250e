import { useState } from 'react'
import { Bar, BarChart, CartesianGrid, ErrorBar, Tooltip, XAxis, YAxis } from 'recharts'
import { BREAKDOWN_KINDS, type BreakdownDto, type BreakdownKind, type BreakdownRowDto } from '@shared/analytics'
import type { Language, Translate } from '@shared/i18n'
import { useI18n } from '../../i18n'
import { useAnalyticsStore } from '../../stores/analytics-store'
import { Badge, Button, Card, SelectField } from '../../ui'
import { AXIS_TICK, ChartBox, TOOLTIP_STYLE } from './charts'
import { chartPercent, errorBar, num, rateText, ratioText, usdWhole } from './format'

/** "250-999" → "250–999", "<250" → "< 250", "5000+" → "5,000+", each number through `n` (e.g. into dollars). */
function range(key: string, n: (x: number) => string): string {
  const m = /^(<)?(\d+)(?:-(\d+))?(\+)?$/.exec(key)
  if (!m) return key
  const low = n(Number(m[2]))
  if (m[1]) return `< ${low}`
  if (m[3]) return `${low}–${n(Number(m[3]))}`
  return m[4] ? `${low}+` : low
}

/** A band's key in words: "Fixed $250–999", "Hourly $30–59/h", "0–29 min", "80–89", "14:00"; the key as given when it is not a known shape. */
export function bandText(t: Translate, language: Language, kind: BreakdownKind, key: string): string {
  const dollars = (x: number): string => usdWhole(language, x)
  const plain = (x: number): string => num(language, x)
  if (kind === 'hourOfDay' && /^\d{1,2}$/.test(key)) return `${key.padStart(2, '0')}:00`
  if (kind === 'budgetBand') {
    const [type, band = ''] = key.split(':')
    if (type === 'fixed') return t('analytics.ui.band.fixed', { range: range(band, dollars) })
    if (type === 'hourly') return t('analytics.ui.band.hourly', { range: range(band, dollars) })
  }
  if (kind === 'postingAgeBand') return t('analytics.ui.band.minutes', { range: range(key, plain) })
  if (kind === 'scoreBand') return range(key, plain)
  return key
}

/** A breakdown row's name: the template's name, the band in words, "not known" for ''. */
export function rowName(t: Translate, language: Language, kind: BreakdownKind, row: BreakdownRowDto): string {
  const base = row.label ?? (row.key === '' ? t('analytics.ui.breakdowns.notKnown') : bandText(t, language, kind, row.key))
  return row.gone ? t('analytics.ui.breakdowns.gone', { name: base }) : base
}

interface BarRow {
  key: string
  name: string
  /** Reply rate in percent (0 for a row without proposals). */
  rate: number
  err: [number, number]
  n: number
  text: string
}

const bars = (t: Translate, language: Language, b: BreakdownDto): BarRow[] =>
  b.rows.map((row) => ({ key: row.key, name: rowName(t, language, b.kind, row), rate: chartPercent(row.rate.rate), err: errorBar(row.rate), n: row.n, text: rateText(t, language, row.rate) }))

/**
 * Reply rate by template, strategy, category, budget, client country, fit score, minutes from
 * posting to sending and hour of day: one breakdown at a time as bars with their 95% intervals
 * (ErrorBar) and n; clicking a bar (or its name in the table) lists the proposals behind it.
 */
export function Breakdowns({ breakdowns }: { breakdowns: BreakdownDto[] }): React.JSX.Element {
  const { t, language } = useI18n()
  const drillDown = useAnalyticsStore((s) => s.drillDown)
  const [kind, setKind] = useState<BreakdownKind>('template')
  const breakdown = breakdowns.find((b) => b.kind === kind) ?? { kind, rows: [] }
  const kindName = t(`analytics.ui.breakdown.${kind}`)
  const data = bars(t, language, breakdown)
  const open = (bar: BarRow): void => void drillDown({ breakdown: kind, key: bar.key }, t('analytics.ui.drill.breakdown', { kind: kindName, name: bar.name }))
  const chartTitle = t('analytics.ui.breakdowns.chart', { kind: kindName })
  // The axis ends a little above the highest interval (not at 100%, where the bars would be flat).
  const top = Math.min(100, Math.max(10, Math.ceil(Math.max(0, ...data.map((b) => b.rate + b.err[1])) / 10) * 10))

  return (
    <Card title={t('analytics.ui.breakdowns.title')} className="analytics-breakdowns" data-testid="analytics-breakdowns">
      <SelectField label={t('analytics.ui.breakdowns.by')} value={kind} onChange={(e) => setKind(e.target.value as BreakdownKind)}>
        {BREAKDOWN_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`analytics.ui.breakdown.${k}`)}
          </option>
        ))}
      </SelectField>
      {data.length === 0 ? (
        <p className="muted">{t('analytics.ui.breakdowns.empty')}</p>
      ) : (
        <>
          <ChartBox height={Math.min(320, 180 + data.length * 4)} testId="analytics-breakdown-chart">
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} title={chartTitle} desc={data.map((d) => `${d.name}: ${d.text}`).join('; ')}>
              <CartesianGrid vertical={false} stroke="var(--border)" />
              <XAxis dataKey="name" tick={AXIS_TICK} interval={0} angle={data.length > 6 ? -30 : 0} textAnchor={data.length > 6 ? 'end' : 'middle'} height={data.length > 6 ? 60 : 30} />
              <YAxis domain={[0, top]} unit="%" tick={AXIS_TICK} width={44} allowDataOverflow />
              <Tooltip
                {...TOOLTIP_STYLE}
                formatter={(_v, _name, item) => {
                  const bar = (item as { payload?: BarRow }).payload
                  return [bar ? `${bar.text} · n = ${num(language, bar.n)}` : '—', t('analytics.ui.breakdowns.col.rate')]
                }}
              />
              <Bar dataKey="rate" name={t('analytics.ui.breakdowns.col.rate')} fill="var(--accent)" isAnimationActive={false} cursor="pointer" onClick={(_, index) => data[index] && open(data[index])}>
                <ErrorBar dataKey="err" width={6} stroke="var(--text)" strokeWidth={1.5} isAnimationActive={false} />
              </Bar>
            </BarChart>
          </ChartBox>
          <p className="muted small">{t('analytics.ui.breakdowns.hint')}</p>
          <table className="analytics-table" data-testid="analytics-breakdown-table">
            <caption className="visually-hidden">{chartTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{kindName}</th>
                <th scope="col">{t('analytics.ui.breakdowns.col.n')}</th>
                <th scope="col">{t('analytics.ui.breakdowns.col.rate')}</th>
                <th scope="col">{t('analytics.ui.breakdowns.col.vsRest')}</th>
              </tr>
            </thead>
            <tbody>
              {breakdown.rows.map((row, i) => (
                <tr key={row.key} data-key={row.key}>
                  <th scope="row">
                    <Button variant="link" onClick={() => open(data[i]!)} disabled={row.n === 0}>
                      {data[i]!.name}
                    </Button>
                  </th>
                  <td>{num(language, row.n)}</td>
                  <td>{data[i]!.text}</td>
                  <td>
                    {ratioText(t, language, row.vsRest)}
                    {row.vsRest?.strong ? (
                      <>
                        {' '}
                        <Badge tone="accent">{t('analytics.ui.breakdowns.strong')}</Badge>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  )
}
