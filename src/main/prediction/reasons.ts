/**
 * A prediction's top reasons in words (`prediction.reason.*`, en + uk): the feature's value as the
 * user knows it ("12 minutes after posting", "the client hired 0 times", "template “Short”"),
 * wrapped in "raises / lowers the chance". Pure: names of templates come from the caller.
 */
import { isMessageKey, text, type UserText } from '@shared/i18n'
import type { PredictionFeature, PredictionReasonDto } from '@shared/prediction'
import { budgetOf, levelOf, type FeatureInput } from './features'
import type { Contribution } from './model'

export const TOP_REASONS = 3

export interface ReasonNames {
  /** Template id → its name (a deleted template: the id is shown). */
  template(id: number): string | null
}

const round1 = (v: number): number => Math.round(v * 10) / 10

/** Posting age in the largest whole unit: minutes below 2 h, hours below 2 days, else days. */
export function ageText(minutes: number): UserText {
  if (minutes < 120) return text('prediction.age.minutes', { n: Math.round(minutes) })
  if (minutes < 48 * 60) return text('prediction.age.hours', { n: Math.round(minutes / 60) })
  return text('prediction.age.days', { n: Math.round(minutes / 1440) })
}

const featureName = (f: PredictionFeature): UserText => text(`prediction.feature.${f}`)

/** The feature's value in words; null when unknown (then "… unknown"). */
function valueText(f: PredictionFeature, x: FeatureInput, names: ReasonNames): UserText | null {
  const d = x.draft
  switch (f) {
    case 'score':
      return x.score === null ? null : text('prediction.reason.score', { score: Math.round(x.score) })
    case 'minutesSincePosting':
      return x.minutesSincePosting === null ? null : text('prediction.reason.minutesSincePosting', { age: ageText(x.minutesSincePosting) })
    case 'totalApplicants':
      return x.totalApplicants === null ? null : text('prediction.reason.totalApplicants', { n: x.totalApplicants })
    case 'clientVerified':
      return x.clientVerified === null ? null : text(x.clientVerified ? 'prediction.reason.clientVerified.yes' : 'prediction.reason.clientVerified.no')
    case 'clientTotalSpent':
      return x.clientTotalSpent === null ? null : text('prediction.reason.clientTotalSpent', { amount: Math.round(x.clientTotalSpent) })
    case 'clientHires':
      return x.clientHires === null ? null : text('prediction.reason.clientHires', { n: x.clientHires })
    case 'clientFeedback':
      return x.clientFeedback === null ? null : text('prediction.reason.clientFeedback', { rating: round1(x.clientFeedback) })
    case 'fixedPrice':
      return x.jobType === null ? null : text(x.jobType === 'FIXED' ? 'prediction.reason.fixedPrice.yes' : 'prediction.reason.fixedPrice.no')
    case 'budget': {
      const b = budgetOf(x)
      return b === null ? null : text('prediction.reason.budget', { amount: Math.round(b) })
    }
    case 'experienceLevel': {
      if (x.experienceLevel === null) return null
      const key = `scoreLevel.${x.experienceLevel}`
      return text('prediction.reason.experienceLevel', { value: isMessageKey(key) ? text(key) : x.experienceLevel })
    }
    case 'category':
      return x.category === null ? null : text('prediction.reason.category', { value: x.category })
    case 'clientCountry':
      return x.clientCountry === null ? null : text('prediction.reason.clientCountry', { value: x.clientCountry })
    case 'bidToBudget':
      return d?.bidToBudget == null ? null : text('prediction.reason.bidToBudget', { percent: Math.round(d.bidToBudget * 100) })
    case 'draftWords':
      return d ? text('prediction.reason.draftWords', { n: d.draftWords }) : null
    case 'textSource':
      return d ? text(`prediction.reason.textSource.${d.textSource}`) : null
    case 'editedByUser':
      return d ? text(d.editedByUser ? 'prediction.reason.editedByUser.yes' : 'prediction.reason.editedByUser.no') : null
    case 'template':
      return d?.templateId == null ? null : text('prediction.reason.template', { value: names.template(d.templateId) ?? `#${d.templateId}` })
    case 'strategy': {
      if (!d?.strategy) return null
      const key = `drafting.strategy.${d.strategy}.name`
      return text('prediction.reason.strategy', { value: isMessageKey(key) ? text(key) : d.strategy })
    }
  }
}

/** The top reasons (largest |contribution| first), each in words. `levels`: the model's kept levels per categorical feature. */
export function reasonsOf(contributions: readonly Contribution[], x: FeatureInput, names: ReasonNames, levels: ReadonlyMap<PredictionFeature, ReadonlySet<string>>): PredictionReasonDto[] {
  return contributions.slice(0, TOP_REASONS).map(({ feature, contribution }) => {
    const direction = contribution >= 0 ? 'up' : 'down'
    const kept = levels.get(feature)
    const level = levelOf(x, feature)
    const value = valueText(feature, x, names)
    // a category level the model does not know (seen too rarely) moves it as "another value"
    const what =
      value === null
        ? text('prediction.reason.unknown', { feature: featureName(feature) })
        : kept && level !== null && !kept.has(level)
          ? text('prediction.reason.otherLevel', { feature: featureName(feature) })
          : value
    return { feature, contribution: Math.round(contribution * 1000) / 1000, direction, text: text(direction === 'up' ? 'prediction.reason.up' : 'prediction.reason.down', { what }) }
  })
}
