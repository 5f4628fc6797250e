import { useErrorText, useI18n } from '../../i18n'
import { useAnalyticsStore } from '../../stores/analytics-store'
import { Button, Card } from '../../ui'
import { num, rateText } from './format'

/** "What if": the current saved-search filters and score threshold applied to the whole history (analytics:backtest). */
export function Backtest(): React.JSX.Element {
  const { t, language } = useI18n()
  const errorText = useErrorText()
  const { phase, value: b, error } = useAnalyticsStore((s) => s.backtest)
  const reload = useAnalyticsStore((s) => s.loadBacktest)

  let body: React.JSX.Element
  if (!b) {
    body =
      phase === 'error' ? (
        <p role="alert">
          {t('analytics.ui.backtest.failed', { reason: error ? errorText(error) : '' })}{' '}
          <Button variant="link" onClick={() => void reload()}>
            {t('analytics.ui.retry')}
          </Button>
        </p>
      ) : (
        <p className="muted" aria-busy="true">
          {t('analytics.ui.backtest.loading')}
        </p>
      )
  } else if (b.proposals.total === 0) {
    body = <p className="muted">{t('analytics.ui.backtest.none')}</p>
  } else {
    body = (
      <>
        <p className="analytics-backtest-sentence" data-testid="analytics-backtest-sentence">
          {t('analytics.ui.backtest.sentence', {
            replies: num(language, b.replies.kept),
            repliesTotal: b.replies.total,
            hires: num(language, b.hires.kept),
            hiresTotal: b.hires.total,
            connects: num(language, b.connectsSaved)
          })}
        </p>
        <p className="muted small">
          {t(b.searches === 0 ? 'analytics.ui.backtest.thresholdOnly' : 'analytics.ui.backtest.detail', {
            threshold: b.threshold,
            searches: b.searches,
            kept: num(language, b.proposals.kept),
            total: num(language, b.proposals.total)
          })}{' '}
          {t('analytics.ui.backtest.rates', { kept: rateText(t, language, b.keptReplyRate), skipped: rateText(t, language, b.skippedReplyRate) })}
        </p>
        {b.unknown > 0 ? <p className="muted small">{t('analytics.ui.backtest.unknown', { n: b.unknown })}</p> : null}
      </>
    )
  }
  return (
    <Card title={t('analytics.ui.backtest.title')} className="analytics-backtest" data-testid="analytics-backtest">
      {body}
    </Card>
  )
}
