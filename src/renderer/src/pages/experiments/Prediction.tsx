import { useEffect } from 'react'
import { renderText } from '@shared/i18n'
import type { PredictionDto, PredictionReasonDto } from '@shared/prediction'
import { useI18n } from '../../i18n'
import { usePredictionStore } from '../../stores/prediction-store'
import { Badge } from '../../ui'
import { percent, percentRange } from './format'
import './experiments.css'

/** From this share of prior on, a prediction says "mostly prior (little history yet)". */
export const MOSTLY_PRIOR = 0.5

export const mostlyPrior = (share: number): boolean => !Number.isFinite(share) || share >= MOSTLY_PRIOR

/** Asks for the predictions of these jobs or drafts (those not known yet), again after a new model. */
function usePredictions(of: 'jobs' | 'drafts', ids: readonly number[]): void {
  const epoch = usePredictionStore((s) => s.epoch)
  const key = ids.join(',')
  useEffect(() => {
    if (key === '') return
    const store = usePredictionStore.getState()
    void (of === 'jobs' ? store.requestJobs : store.requestDrafts)(key.split(',').map(Number))
  }, [of, key, epoch])
  useEffect(() => usePredictionStore.getState().follow(), [])
}

export const useJobPredictions = (jobIds: readonly number[]): void => usePredictions('jobs', jobIds)
export const useDraftPredictions = (draftIds: readonly number[]): void => usePredictions('drafts', draftIds)

/** In a job row beside the fit score: P(reply), and "mostly prior" while there is little history. */
export function JobRowPrediction({ jobId }: { jobId: number }): React.JSX.Element | null {
  const { t, language } = useI18n()
  const p = usePredictionStore((s) => s.jobs[jobId])
  if (!p) return null
  return (
    <span className="job-row-prediction" data-testid="job-prediction">
      <strong>{percent(language, p.reply.p, 0)}</strong> {mostlyPrior(p.priorShare) ? t('learning.prediction.rowPrior') : t('learning.prediction.row')}
    </span>
  )
}

function Reasons({ reasons, label, id }: { reasons: PredictionReasonDto[]; label: string; id: string }): React.JSX.Element | null {
  const { t } = useI18n()
  if (reasons.length === 0) return null
  return (
    <>
      <p className="muted small prediction-reasons-label" id={id}>
        {label}
      </p>
      <ul className="prediction-reasons" aria-labelledby={id}>
        {reasons.map((r, i) => (
          <li key={`${r.feature}-${i}`} className={r.direction === 'up' ? 'plus' : 'minus'}>
            {r.direction === 'up' ? '↑ ' : '↓ '}
            {renderText(t, r.text)}
          </li>
        ))}
      </ul>
    </>
  )
}

/** A prediction in full: P(reply) (and P(hire)) with intervals, the prior's share and the top reasons. */
export function PredictionFigures({ prediction: p, hire, testId }: { prediction: PredictionDto; hire: boolean; testId: string }): React.JSX.Element {
  const { t, language } = useI18n()
  return (
    <div className="prediction" data-testid={testId}>
      <p className="prediction-figures">
        <span data-testid={`${testId}-reply`}>{t('learning.prediction.reply', { p: percent(language, p.reply.p, 0), range: percentRange(language, p.reply.low, p.reply.high, 0) })}</span>
        {hire ? (
          <span data-testid={`${testId}-hire`}>{t('learning.prediction.hire', { p: percent(language, p.hire.p, 0), range: percentRange(language, p.hire.low, p.hire.high, 0) })}</span>
        ) : null}
        <Badge tone={p.confidence === 'high' ? 'ok' : p.confidence === 'medium' ? 'neutral' : 'warn'}>{t(`learning.prediction.confidence.${p.confidence}`)}</Badge>
        {mostlyPrior(p.priorShare) ? (
          <Badge tone="warn" data-testid={`${testId}-prior`}>
            {t('learning.prediction.mostlyPrior')}
          </Badge>
        ) : null}
      </p>
      <p className="muted small">
        {p.modelVersion === null
          ? t('learning.prediction.priorOnly')
          : t('learning.prediction.share', { prior: percent(language, p.priorShare, 0), version: p.modelVersion })}
      </p>
      <Reasons reasons={p.reasons} label={t('learning.prediction.reasons')} id={`${testId}-reasons`} />
      {hire ? <Reasons reasons={p.hireReasons} label={t('learning.prediction.hireReasons')} id={`${testId}-hire-reasons`} /> : null}
    </div>
  )
}

/** The job detail's "Chance of a reply" section (before drafting). */
export function JobPrediction({ jobId }: { jobId: number }): React.JSX.Element | null {
  const { t } = useI18n()
  useJobPredictions([jobId])
  const p = usePredictionStore((s) => s.jobs[jobId])
  if (!p) return null
  return (
    <section aria-labelledby="job-prediction-title">
      <h3 id="job-prediction-title">{t('learning.prediction.title')}</h3>
      <PredictionFigures prediction={p} hire testId="job-detail-prediction" />
    </section>
  )
}

/** The review queue's prediction for the shown draft (before sending). */
export function DraftPrediction({ draftId }: { draftId: number }): React.JSX.Element | null {
  const { t } = useI18n()
  useDraftPredictions([draftId])
  const p = usePredictionStore((s) => s.drafts[draftId])
  if (!p) return null
  return (
    <section aria-label={t('learning.prediction.title')}>
      <PredictionFigures prediction={p} hire={false} testId="queue-prediction" />
    </section>
  )
}
