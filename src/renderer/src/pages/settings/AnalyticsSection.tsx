import { useEffect } from 'react'
import { CartesianGrid, ComposedChart, Line, ReferenceLine, XAxis, YAxis } from 'recharts'
import { renderText } from '@shared/i18n'
import type { HeldOutMetricsDto, ModelQualityDto } from '@shared/prediction'
import { useErrorText, useI18n } from '../../i18n'
import { usePredictionStore } from '../../stores/prediction-store'
import { Badge, Button, Card } from '../../ui'
import { dateTime, decimal, percent, share } from '../experiments/format'
import '../experiments/experiments.css'

const PLOT = { width: 320, height: 260 }

/** Predicted vs observed per bin, with the diagonal a perfectly calibrated model would follow. */
export function CalibrationPlot({ metrics, label }: { metrics: HeldOutMetricsDto; label: string }): React.JSX.Element {
  const { t, language } = useI18n()
  const bins = metrics.bins.filter((b) => b.count > 0).map((b) => ({ predicted: share(b.predicted), observed: share(b.observed), count: b.count }))
  return (
    <figure className="calibration-plot" data-testid="calibration-plot">
      <div role="img" aria-label={label}>
        <ComposedChart width={PLOT.width} height={PLOT.height} data={bins} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 20, left: 8 }}>
          {/* Theme colours: recharts' grey axis text (#666) and light grid read poorly on the dark panel. */}
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis
            type="number"
            dataKey="predicted"
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            tickFormatter={(v: number) => percent(language, v, 0)}
            tick={{ fontSize: 11, fill: 'var(--muted)' }}
            label={{ value: t('learning.quality.predicted'), position: 'insideBottom', offset: -12, fontSize: 11, fill: 'var(--muted)' }}
          />
          <YAxis
            type="number"
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            tickFormatter={(v: number) => percent(language, v, 0)}
            tick={{ fontSize: 11, fill: 'var(--muted)' }}
            width={44}
            label={{ value: t('learning.quality.observed'), angle: -90, position: 'insideLeft', fontSize: 11, fill: 'var(--muted)' }}
          />
          <ReferenceLine segment={[{ x: 0, y: 0 }, { x: 1, y: 1 }]} stroke="var(--muted)" strokeDasharray="4 4" ifOverflow="visible" />
          <Line dataKey="observed" stroke="var(--accent)" strokeWidth={2} dot={{ r: 4, fill: 'var(--panel)' }} isAnimationActive={false} />
        </ComposedChart>
      </div>
      <figcaption className="muted small">{t('learning.quality.plotCaption')}</figcaption>
      <details>
        <summary>{t('learning.quality.binsTitle')}</summary>
        <table className="quality-table" data-testid="calibration-bins">
          <thead>
            <tr>
              <th scope="col">{t('learning.quality.predicted')}</th>
              <th scope="col">{t('learning.quality.observed')}</th>
              <th scope="col">{t('learning.quality.count')}</th>
            </tr>
          </thead>
          <tbody>
            {bins.map((b, i) => (
              <tr key={i}>
                <td>{percent(language, b.predicted)}</td>
                <td>{percent(language, b.observed)}</td>
                <td>{b.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}

function ModelQuality({ model }: { model: ModelQualityDto }): React.JSX.Element {
  const { t, language } = useI18n()
  const kind = t(`learning.quality.kind.${model.kind}`)
  const m = model.heldOut
  const p = model.priorHeldOut
  return (
    <section className="model-quality" aria-labelledby={`model-${model.kind}`} data-testid={`model-${model.kind}`}>
      <h3 id={`model-${model.kind}`}>
        {kind}{' '}
        <Badge tone={model.state === 'trained' ? 'ok' : 'warn'} data-testid={`model-${model.kind}-state`}>
          {model.state === 'trained' && model.version !== null ? t('learning.quality.version', { version: model.version }) : t('learning.quality.priorOnly')}
        </Badge>
      </h3>
      {model.needMore !== null ? (
        <p className="hint-box" role="note" data-testid={`model-${model.kind}-needMore`}>
          {t('learning.quality.needMore', { more: model.needMore, n: model.available })}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t('learning.quality.trainedAt')}</dt>
        <dd>{model.trainedAt === null ? t('learning.quality.never') : dateTime(language, model.trainedAt)}</dd>
        <dt>{t('learning.quality.outcomes')}</dt>
        <dd>{t('learning.quality.outcomesValue', { n: model.n, positives: model.positives, available: model.available })}</dd>
        <dt>{t('learning.quality.priorShare')}</dt>
        <dd>{percent(language, model.priorShare, 0)}</dd>
      </dl>
      {m ? (
        <>
          <table className="quality-table" data-testid={`model-${model.kind}-metrics`}>
            <caption className="muted small">{t('learning.quality.heldOut', { n: m.n, positives: m.positives })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('learning.quality.metric')}</th>
                <th scope="col">{t('learning.quality.model')}</th>
                <th scope="col">{t('learning.quality.prior')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('learning.quality.auc')}</th>
                <td>{decimal(language, m.auc, 3)}</td>
                <td>{decimal(language, p?.auc, 3)}</td>
              </tr>
              <tr>
                <th scope="row">{t('learning.quality.brier')}</th>
                <td>{decimal(language, m.brier, 3)}</td>
                <td>{decimal(language, p?.brier, 3)}</td>
              </tr>
              <tr>
                <th scope="row">{t('learning.quality.ece')}</th>
                <td>{decimal(language, m.ece, 3)}</td>
                <td>{decimal(language, p?.ece, 3)}</td>
              </tr>
            </tbody>
          </table>
          <p className="muted small">{t('learning.quality.explain')}</p>
          {m.bins.some((b) => b.count > 0) ? <CalibrationPlot metrics={m} label={t('learning.quality.plot', { kind })} /> : null}
        </>
      ) : model.needMore === null ? (
        <p className="muted">{t('learning.quality.noHeldOut')}</p>
      ) : null}
      {model.lastDecision ? <p data-testid={`model-${model.kind}-decision`}>{renderText(t, model.lastDecision)}</p> : null}
    </section>
  )
}

/**
 * Settings → Analytics: the prediction models in use — version, when trained, on how many
 * outcomes — their held-out AUC, Brier score and calibration error beside the prior-only
 * baseline, a calibration plot, the not-enough-data state, and "Retrain now".
 */
export function AnalyticsSection(): React.JSX.Element {
  const { t, language } = useI18n()
  const errorText = useErrorText()
  const quality = usePredictionStore((s) => s.quality)
  const phase = usePredictionStore((s) => s.qualityPhase)
  const error = usePredictionStore((s) => s.qualityError)
  const retraining = usePredictionStore((s) => s.retraining)
  const retrainError = usePredictionStore((s) => s.retrainError)

  useEffect(() => {
    const off = usePredictionStore.getState().follow()
    void usePredictionStore.getState().loadQuality()
    return off
  }, [])

  const training = quality?.training
  const busy = retraining || training?.running === true
  return (
    <Card title={t('learning.quality.title')} className="analytics-section" data-testid="analytics-section">
      <p className="muted">{t('learning.quality.intro')}</p>
      {phase === 'error' ? (
        <div role="alert">
          <p>{t('learning.err.quality', { reason: error ? errorText(error) : '' })}</p>
          <Button onClick={() => void usePredictionStore.getState().loadQuality()}>{t('learning.retry')}</Button>
        </div>
      ) : null}
      {quality ? (
        <>
          <ModelQuality model={quality.reply} />
          <ModelQuality model={quality.hire} />
        </>
      ) : phase !== 'error' ? (
        <p className="muted" role="status">
          {t('learning.loading')}
        </p>
      ) : null}
      <div className="actions">
        <Button disabled={busy || !quality} onClick={() => void usePredictionStore.getState().retrain()}>
          {busy ? t('learning.quality.training') : t('learning.quality.retrain')}
        </Button>
        <span className="muted small" role="status" data-testid="training-status">
          {training?.lastAttemptAt
            ? t('learning.quality.lastAttempt', { when: dateTime(language, training.lastAttemptAt), seconds: decimal(language, (training.lastDurationMs ?? 0) / 1000, 1) })
            : null}
        </span>
      </div>
      {training?.error ? (
        <p className="error" role="alert">
          {renderText(t, training.error)}
        </p>
      ) : null}
      {retrainError ? (
        <p className="error" role="alert" data-testid="retrain-error">
          {errorText(retrainError)}
        </p>
      ) : null}
    </Card>
  )
}
