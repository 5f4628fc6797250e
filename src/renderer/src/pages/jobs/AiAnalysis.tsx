import { useEffect, useState } from 'react'
import type { AiStatusDto, JobAnalysisDto } from '@shared/ai'
import { api, toProblem, type Problem } from '../../api'
import { useErrorText, useT, type MessageKey } from '../../i18n'
import { useAppStore } from '../../stores/app-store'
import { Badge, Button, type BadgeTone } from '../../ui'

const REC_TONE: Record<JobAnalysisDto['recommendation'], BadgeTone> = { apply: 'ok', consider: 'warn', skip: 'danger' }

/**
 * The job's AI analysis, on demand: the cached one is shown when there is one (jobs:analysis never
 * calls the AI); "Analyze with AI" asks for it (jobs:analyze, from the cache when nothing changed).
 * The AI's words are untrusted text: rendered as text nodes only.
 */
export function AiAnalysis({ jobId, pruned }: { jobId: number; pruned: boolean }): React.JSX.Element {
  const t = useT()
  const errorText = useErrorText()
  const navigate = useAppStore((s) => s.navigate)
  const [analysis, setAnalysis] = useState<JobAnalysisDto | null>(null)
  const [status, setStatus] = useState<AiStatusDto | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Problem | null>(null)

  useEffect(() => {
    // The parent keys this section by job, so each job starts with a fresh state.
    let live = true
    void api.jobs
      .analysis({ id: jobId })
      .then((r) => live && setAnalysis(r.analysis))
      .catch(() => undefined)
    void api.ai
      .status()
      .then((s) => live && setStatus(s))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [jobId])

  const analyze = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      setAnalysis(await api.jobs.analyze({ id: jobId, force: analysis !== null }))
    } catch (e) {
      setError(toProblem(e))
    } finally {
      setBusy(false)
    }
  }

  const notConfigured = status !== null && !status.configured
  return (
    <section aria-labelledby="job-ai-title" className="job-ai" data-testid="job-ai" aria-busy={busy}>
      <h3 id="job-ai-title">{t('jobs.ai.title')}</h3>
      {analysis ? (
        <>
          <dl className="facts">
            {(['skillMatch', 'budgetMatch', 'complexityMatch'] as const).map((k) => (
              <Fact key={k} label={t(`jobs.ai.${k}` as MessageKey)} value={t('jobs.ai.outOf10', { n: analysis[k] })} />
            ))}
            <dt>{t('jobs.ai.recommendation')}</dt>
            <dd>
              <Badge tone={REC_TONE[analysis.recommendation]} data-testid="job-ai-recommendation">
                {t(`jobs.ai.rec.${analysis.recommendation}` as MessageKey)}
              </Badge>
            </dd>
            {analysis.clientAssessment ? <Fact label={t('jobs.ai.client')} value={analysis.clientAssessment} /> : null}
          </dl>
          {analysis.reasoning ? (
            <div className="job-description" data-testid="job-ai-reasoning">
              {analysis.reasoning}
            </div>
          ) : null}
          {analysis.textPruned ? <p className="muted small">{t('jobs.ai.textPruned')}</p> : null}
          <p className="muted small">{analysis.cached ? t('jobs.ai.metaCached', { model: analysis.model }) : t('jobs.ai.meta', { model: analysis.model })}</p>
        </>
      ) : (
        <p className="muted">{notConfigured ? t('ai.setup.notConfigured') : pruned ? t('ai.analysis.jobPruned') : t('jobs.ai.none')}</p>
      )}
      {error ? (
        <p className="error" role="alert">
          {t('jobs.ai.failed', { reason: errorText(error) })}
        </p>
      ) : null}
      <div className="actions">
        {notConfigured ? (
          <Button onClick={() => navigate('settings')}>{t('common.openSettings')}</Button>
        ) : (
          <Button disabled={busy || pruned} onClick={() => void analyze()}>
            {busy ? t('jobs.ai.busy') : analysis ? t('jobs.ai.again') : t('jobs.ai.analyze')}
          </Button>
        )}
      </div>
    </section>
  )
}

function Fact({ label, value }: { label: string; value: string }): React.JSX.Element {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  )
}
