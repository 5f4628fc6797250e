/**
 * The English text of each score reason, by code. `{name}` is replaced by the reason's param;
 * `{n|one|other}` picks a word by whether param n is 1. The UI translates by code (the same
 * placeholders), so these are the source strings for i18n.
 */
export const REASON_TEMPLATES = {
  'skills.noProfile': 'skills: add your skills to your profile to score skill fit',
  'skills.notListed': 'skills: the job lists no skills',
  'skills.mentioned': 'skills: the post mentions {skills}',
  'skills.match': 'skills: {skills} ({matched} of {total})',
  'skills.none': 'skills: none of yours ({skills})',
  'budget.hourlyUnknown': 'budget: hourly range not given',
  'budget.noRate': 'budget: {range}; set your hourly rate in your profile',
  'budget.hourly': 'budget: {range} vs your {rate}',
  'budget.fixedUnknown': 'budget: fixed price not given',
  'budget.noMinimum': 'budget: {amount} fixed; set a minimum fixed budget in your profile',
  'budget.fixed': 'budget: {amount} fixed vs your minimum {minimum}',
  'budget.unknown': 'budget unknown',
  'client.hireRateUnknown': 'client hire rate unknown',
  'client.new': 'new client: no earlier jobs',
  'client.hireRate': 'client hire rate {percent}% ({hires} of {posted} {posted|job|jobs})',
  'client.spendUnknown': 'client spend unknown',
  'client.noSpend': 'client has not spent on Upwork yet',
  'client.spend': 'client has spent {amount}',
  'client.feedbackUnknown': 'client feedback unknown',
  'client.noReviews': 'client has no reviews yet',
  'client.feedback': 'client feedback {rating} ({reviews} {reviews|review|reviews})',
  'client.feedbackNoCount': 'client feedback {rating}',
  'competition.unknown': 'applicants unknown',
  'competition.none': 'no applicants yet',
  'competition.applicants': '{count} {count|applicant|applicants}',
  'recency.unknown': 'posting time unknown',
  'recency.justNow': 'posted just now',
  'recency.minutes': 'posted {minutes} min ago',
  'recency.hours': 'posted {hours} h ago',
  'recency.days': 'posted {days} {days|day|days} ago',
  'experience.unknown': 'experience level not given',
  'experience.noYears': '{level} job; add your years of experience to your profile',
  'experience.level': '{level} job, you have {years} {years|year|years}',
  'flag.paymentUnverified': 'payment not verified',
  'flag.paymentVerified': 'payment verified',
  'flag.paymentUnknown': 'payment verification unknown',
  'flag.negativeKeywords': 'negative keywords: {keywords}',
  'flag.suspicious': 'suspicious wording: {list}',
  'flag.avoidedCountry': 'client in a country you avoid ({country})'
} as const

export type ReasonCode = keyof typeof REASON_TEMPLATES

/** English names of Upwork's experience levels (the `level` param holds the code). */
export const LEVEL_NAMES: Readonly<Record<string, string>> = { ENTRY_LEVEL: 'entry level', INTERMEDIATE: 'intermediate', EXPERT: 'expert' }

interface Renderable {
  code: ReasonCode
  params: Readonly<Record<string, string | number>>
}

/** The reason's English text, e.g. "skills: React, TypeScript (2 of 3)". */
export function formatReason(reason: Renderable): string {
  return REASON_TEMPLATES[reason.code].replace(/\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g, (_m, name: string, one?: string, other?: string) => {
    const value = reason.params[name]
    if (one !== undefined) return value === 1 ? one : other!
    if (name === 'level' && typeof value === 'string') return LEVEL_NAMES[value] ?? value.toLowerCase()
    return value === undefined ? '' : String(value)
  })
}

/** The line the UI lists: signed points, then the text ("+18 skills: React…", "−10 payment not verified", "±0 client spend unknown"). */
export function formatReasonLine(reason: Renderable & { points: number }): string {
  const sign = reason.points > 0 ? '+' : reason.points < 0 ? '−' : '±'
  return `${sign}${Math.abs(reason.points)} ${formatReason(reason)}`
}
