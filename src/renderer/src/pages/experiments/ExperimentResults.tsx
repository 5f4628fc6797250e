import { useState } from 'react'
import { Bar, BarChart, CartesianGrid, ErrorBar, XAxis, YAxis } from 'recharts'
import type { ExperimentDto, VariantResultDto } from '@shared/experiments'
import { useErrorText, useI18n, type MessageKey } from '../../i18n'
import { useExperimentsStore } from '../../stores/experiments-store'
import { Badge, Button, CheckboxField, useConfirm } from '../../ui'
import { decisionText } from './decision'
import { dateTime, percent, percentRange, share } from './format'

/** The chart's size: fixed, so it draws the same in the window, the harness and the tests. */
const CHART = { width: 560, height: 220 }

/** Per-variant rate (the posterior mean) with its 95 % credible interval, as bars with error bars. */
function IntervalChart({ variants, label }: { variants: VariantResultDto[]; label: string }): React.JSX.Element {
  const { language } = useI18n()
  const data = variants.map((v) => {
    const mean = share(v.posteriorMean)
    return { name: v.name, mean, err: [Math.max(0, mean - share(v.interval.low)), Math.max(0, share(v.interval.high) - mean)] }
  })
  // The axis ends a little above the highest interval (rates are often a few per cent: 0–100 % would flatten them).
  const top = Math.min(1, Math.ceil((Math.max(0.05, ...variants.map((v) => share(v.interval.high))) + 0.02) * 20) / 20)
  const step = top <= 0.3 ? 0.05 : top <= 0.6 ? 0.1 : 0.25
  const ticks = Array.from({ length: Math.floor(top / step + 1e-9) + 1 }, (_, i) => Math.round(i * step * 100) / 100)
  return (
    <figure className="experiment-chart" data-testid="experiment-chart">
      <div role="img" aria-label={label}>
        <BarChart width={CHART.width} height={CHART.height} data={data} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--border)" />
          <XAxis dataKey="name" interval={0} tick={{ fontSize: 12, fill: 'var(--muted)' }} />
          <YAxis domain={[0, top]} ticks={ticks} allowDataOverflow tickFormatter={(v: number) => percent(language, v, 0)} width={48} tick={{ fontSize: 12, fill: 'var(--muted)' }} />
          <Bar dataKey="mean" fill="var(--accent)" isAnimationActive={false}>
            <ErrorBar dataKey="err" width={8} stroke="var(--text)" strokeWidth={1.5} direction="y" />
          </Bar>
        </BarChart>
      </div>
      <figcaption className="muted small">{label}</figcaption>
    </figure>
  )
}

const retiredKey = (v: VariantResultDto): MessageKey | null => (v.retiredReason ? (`learning.retired.${v.retiredReason}` as MessageKey) : null)

/**
 * One experiment's results: its state in words, each variant's rate with its credible interval
 * (chart and table), P(best), expected loss and sample, how many more proposals a decision needs,
 * the peeking-safe rule in words, Thompson sampling, and "Stop and keep the winner" (asks first).
 */
export function ExperimentResults({ experiment: e }: { experiment: ExperimentDto }): React.JSX.Element {
  const { t, language } = useI18n()
  const errorText = useErrorText()
  const [confirmDialog, confirm] = useConfirm()
  const [problem, setProblem] = useState<string | null>(null)
  const names = new Map(e.variants.map((v) => [v.id, v.name]))
  const state = decisionText(t, e, names)
  const winner = e.decision.kind === 'winner' ? (e.variants.find((v) => e.decision.kind === 'winner' && v.id === e.decision.variantId) ?? null) : null
  const metric = t(`learning.metric.${e.metric}`)
  const running = e.state === 'running'

  const act = async (run: () => Promise<unknown>): Promise<void> => {
    setProblem(null)
    try {
      await run()
    } catch (err) {
      setProblem(errorText(err as Error))
    }
  }
  const stopKeeping = async (): Promise<void> => {
    if (!winner) return
    const yes = await confirm({
      title: t('learning.stop.keepTitle', { name: winner.name }),
      body: t(`learning.stop.keepBody.${winner.kind}`, { name: winner.name }),
      confirmLabel: t('learning.stop.keep')
    })
    if (yes) await act(() => useExperimentsStore.getState().stop(e.id, winner.id))
  }
  const stopOnly = async (): Promise<void> => {
    const yes = await confirm({ title: t('learning.stop.title'), body: t('learning.stop.body'), confirmLabel: t('learning.stop.confirm'), danger: true })
    if (yes) await act(() => useExperimentsStore.getState().stop(e.id, null))
  }

  return (
    <section className="experiment-results" aria-labelledby={`experiment-${e.id}-title`} data-testid="experiment-results">
      <header className="experiment-head">
        <h2 id={`experiment-${e.id}-title`}>{e.name}</h2>
        <Badge tone={state.tone} data-testid="experiment-state">
          {state.label}
        </Badge>
      </header>
      <p className="muted">
        {t('learning.results.meta', { metric, kind: t(`learning.kind.${e.kind}`), started: dateTime(language, e.startedAt) })}
        {e.minEffect !== null ? ` · ${t('learning.results.minEffect', { pct: Math.round(e.minEffect * 100) })}` : ''}
      </p>
      {state.detail ? (
        <p className="experiment-decision" data-testid="experiment-decision">
          {state.detail}
        </p>
      ) : null}

      <IntervalChart variants={e.variants} label={t('learning.results.chart', { metric })} />

      <table className="experiment-table" data-testid="experiment-table">
        <caption>{t('learning.results.caption', { metric })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('learning.results.variant')}</th>
            <th scope="col">{t('learning.results.rate')}</th>
            <th scope="col">{t('learning.results.interval')}</th>
            <th scope="col">{t('learning.results.pBest')}</th>
            <th scope="col">{t('learning.results.loss')}</th>
            <th scope="col">{t('learning.results.n')}</th>
          </tr>
        </thead>
        <tbody>
          {e.variants.map((v) => (
            <tr key={v.id} data-testid={`variant-${v.id}`} aria-current={e.keptVariantId === v.id || undefined}>
              <th scope="row">
                {v.name}
                {retiredKey(v) ? (
                  <>
                    {' '}
                    <Badge tone="warn">{t(retiredKey(v)!)}</Badge>
                  </>
                ) : null}
                {winner?.id === v.id ? (
                  <>
                    {' '}
                    <Badge tone="ok">{t('learning.results.winner')}</Badge>
                  </>
                ) : null}
              </th>
              <td>{v.n === 0 ? t('learning.results.noProposals') : t('learning.results.rateOf', { rate: percent(language, v.rate), successes: v.successes, n: v.n })}</td>
              <td>{percentRange(language, v.interval.low, v.interval.high)}</td>
              <td>{percent(language, v.pBest, 0)}</td>
              <td>{percent(language, v.expectedLoss, 2)}</td>
              <td>
                {v.n}
                {v.pending > 0 ? ` ${t('learning.results.pending', { n: v.pending })}` : ''}
                {v.overridden > 0 ? ` ${t('learning.results.overridden', { n: v.overridden })}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <p className="muted small" data-testid="experiment-guard">
        {t('learning.guard.msprt', { alpha: percent(language, e.guard.alpha, 1), min: e.guard.minPerVariant, pBest: percent(language, e.guard.minPBest, 0) })}
      </p>
      <p className="muted small">{t('learning.results.priorNote')}</p>

      {running ? (
        <>
          <CheckboxField label={t('learning.form.thompson')} checked={e.thompson} onChange={(ev) => void act(() => useExperimentsStore.getState().setThompson(e.id, ev.target.checked))} />
          <p className="field-hint">{t('learning.thompson.explain')}</p>
          <div className="actions">
            {winner ? (
              <Button variant="primary" onClick={() => void stopKeeping()}>
                {t('learning.stop.keepNamed', { name: winner.name })}
              </Button>
            ) : null}
            <Button onClick={() => void stopOnly()}>{t('learning.stop.only')}</Button>
          </div>
        </>
      ) : null}
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      {confirmDialog}
    </section>
  )
}
