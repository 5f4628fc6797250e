import type { RecommendationDto } from '@shared/analytics'
import type { Language, Translate } from '@shared/i18n'
import { useI18n } from '../../i18n'
import { useAnalyticsStore } from '../../stores/analytics-store'
import { Badge, Button, Card } from '../../ui'
import { num, percent } from './format'

/** The figure behind a sentence: "2.1× (1.4–3.0×) · 212 proposals", "96% probability · 80 proposals". */
export function figureText(t: Translate, language: Language, f: RecommendationDto['figure']): string {
  const n = num(language, f.n)
  if (!Number.isFinite(f.value)) return t('analytics.ui.recs.figure.n', { n })
  const hasInterval = f.low !== null && f.high !== null && Number.isFinite(f.low) && Number.isFinite(f.high)
  if (f.kind === 'ratio') {
    const value = num(language, f.value, 1)
    return hasInterval ? t('analytics.ui.recs.figure.ratio', { value, low: num(language, f.low, 1), high: num(language, f.high, 1), n }) : t('analytics.ui.recs.figure.ratioOnly', { value, n })
  }
  if (f.kind === 'probability') return t('analytics.ui.recs.figure.probability', { value: percent(language, f.value), n })
  return hasInterval
    ? t('analytics.ui.recs.figure.rate', { value: percent(language, f.value), low: percent(language, f.low), high: percent(language, f.high), n })
    : t('analytics.ui.recs.figure.rateOnly', { value: percent(language, f.value), n })
}

/** Plain sentences main made only where the evidence is strong, each with its figure and interval, and the proposals behind it. */
export function Recommendations({ items }: { items: RecommendationDto[] }): React.JSX.Element {
  const { t, language } = useI18n()
  const drillDown = useAnalyticsStore((s) => s.drillDown)
  return (
    <Card title={t('analytics.ui.recs.title')} className="analytics-recs" data-testid="analytics-recommendations">
      {items.length === 0 ? (
        <p className="muted">{t('analytics.ui.recs.none')}</p>
      ) : (
        <ul className="analytics-rec-list">
          {items.map((r) => (
            <li key={r.id} data-rec={r.id}>
              <p>{r.text}</p>
              <div className="row wrap">
                <Badge tone="accent">{figureText(t, language, r.figure)}</Badge>
                {r.filter ? (
                  <Button variant="link" onClick={() => void drillDown(r.filter!, r.text)}>
                    {t('analytics.ui.recs.show')}
                  </Button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}
