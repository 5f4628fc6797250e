import { en, isMessageKey, translator, type MessageKey, type Translate, type Vars } from '@shared/i18n'

/**
 * The text of each score reason is in the shared catalogs (src/shared/i18n), key `score.<code>`,
 * in English and Ukrainian, with plural blocks where numbers appear. `formatReason` renders a
 * reason's code + params with a translator (English by default); the `level` param holds
 * Upwork's experience code (`scoreLevel.<code>`), `kinds` the suspicious-wording kinds
 * (`scoreSuspicious.<kind>`), so both are worded in the same language.
 */
type ScoreKey = Extract<MessageKey, `score.${string}`>
export type ReasonCode = ScoreKey extends `score.${infer C}` ? C : never

/** The English text of each reason, by code (from the catalog). */
export const REASON_TEMPLATES = Object.fromEntries(
  Object.entries(en)
    .filter(([k]) => k.startsWith('score.'))
    .map(([k, v]) => [k.slice('score.'.length), v])
) as Readonly<Record<ReasonCode, string>>

interface Renderable {
  code: ReasonCode
  params: Readonly<Record<string, string | number>>
}

const ENGLISH = translator('en')

/** The reason's English text, e.g. "skills: React, TypeScript (2 of 3)" (one argument: usable in `.map`). */
export const formatReason = (reason: Renderable): string => reasonIn(ENGLISH, reason)

/** The reason's text in `t`'s language ("навички: React, TypeScript (2 з 3)"). */
export function reasonIn(t: Translate, reason: Renderable): string {
  const vars: Vars = { ...reason.params }
  const level = reason.params.level
  if (typeof level === 'string') {
    const key = `scoreLevel.${level}`
    vars.level = isMessageKey(key) ? t(key) : level.toLowerCase()
  }
  const kinds = reason.params.kinds
  if (typeof kinds === 'string' && kinds) {
    vars.list = kinds
      .split(',')
      .map((k) => {
        const key = `scoreSuspicious.${k}`
        return isMessageKey(key) ? t(key) : k
      })
      .join('; ')
  }
  return t(`score.${reason.code}` as ScoreKey, vars)
}

/** The line the UI lists: signed points, then the text ("+18 skills: React…", "−10 payment not verified", "±0 client spend unknown"). */
export const formatReasonLine = (reason: Renderable & { points: number }): string => reasonLineIn(ENGLISH, reason)

/** The same line in `t`'s language. */
export function reasonLineIn(t: Translate, reason: Renderable & { points: number }): string {
  const sign = reason.points > 0 ? '+' : reason.points < 0 ? '−' : '±'
  return `${sign}${Math.abs(reason.points)} ${reasonIn(t, reason)}`
}
