import type { DashboardDto } from '@shared/analytics'
import { useI18n } from '../../i18n'
import { Card } from '../../ui'
import { hoursText, num, usd } from './format'

/** The figures at a glance: sent, time to the first reply, Connects per reply and per hire, API usage, AI calls and their cost ("unknown", never $0). */
export function Headline({ dashboard: d }: { dashboard: DashboardDto }): React.JSX.Element {
  const { t, language } = useI18n()
  const replied = d.funnel.find((s) => s.stage === 'replied')?.count ?? 0
  const hired = d.funnel.find((s) => s.stage === 'hired')?.count ?? 0
  const perReply = d.connects.perReply === null ? (replied === 0 ? t('analytics.ui.noReplies') : t('analytics.ui.unknown')) : num(language, d.connects.perReply, 1)
  const perHire = d.connects.perHire === null ? (hired === 0 ? t('analytics.ui.noHires') : t('analytics.ui.unknown')) : num(language, d.connects.perHire, 1)
  const ai = d.usage.ai
  // A cost GigPilot does not know is "unknown" (usd(null)), and calls without a price are said, never added as $0.
  const cost =
    ai.calls === 0
      ? t('analytics.ui.headline.noAiCalls')
      : ai.unpricedCalls > 0
        ? t('analytics.ui.headline.aiCostUnpriced', { cost: usd(t, language, ai.costUsd), n: ai.unpricedCalls })
        : usd(t, language, ai.costUsd)
  const figures: Array<[string, string, string]> = [
    ['sent', t('analytics.ui.headline.sent'), num(language, d.total)],
    ['medianReply', t('analytics.ui.headline.medianReply'), d.medianHoursToFirstReply === null ? t('analytics.ui.noReplies') : hoursText(t, language, d.medianHoursToFirstReply)],
    ['connectsSpent', t('analytics.ui.headline.connectsSpent'), t('analytics.ui.headline.connectsKnown', { spent: num(language, d.connects.spent), known: num(language, d.connects.known), total: num(language, d.total) })],
    ['connectsPerReply', t('analytics.ui.headline.connectsPerReply'), perReply],
    ['connectsPerHire', t('analytics.ui.headline.connectsPerHire'), perHire],
    ['apiRequests', t('analytics.ui.headline.apiRequests'), num(language, d.usage.api.requests)],
    ['aiCalls', t('analytics.ui.headline.aiCalls'), t('analytics.ui.headline.aiCallsValue', { calls: num(language, ai.calls), failed: num(language, ai.failed), tokens: num(language, ai.promptTokens + ai.completionTokens) })],
    ['aiCost', t('analytics.ui.headline.aiCost'), cost],
    ['aiCostPerProposal', t('analytics.ui.headline.costPerProposal'), usd(t, language, ai.costPerProposalUsd)]
  ]
  return (
    <Card title={t('analytics.ui.headline.title')} className="analytics-headline" data-testid="analytics-headline">
      <dl className="analytics-figures">
        {figures.map(([id, label, value]) => (
          <div key={id} className="analytics-figure-item" data-figure={id}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  )
}
