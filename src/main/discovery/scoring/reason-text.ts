import { en, translator, type MessageKey } from '@shared/i18n'
import { reasonIn, reasonLineIn } from '@shared/score-reasons'

export { reasonIn, reasonLineIn }

/**
 * The text of each score reason is in the shared catalogs (src/shared/i18n), key `score.<code>`.
 * The formatter itself is shared with the renderer (src/shared/score-reasons.ts: `reasonIn`,
 * `reasonLineIn`); here are the reason codes as a type and the English shorthands main uses.
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

/** The line the UI lists: signed points, then the text ("+18 skills: React…", "−10 payment not verified", "±0 client spend unknown"). */
export const formatReasonLine = (reason: Renderable & { points: number }): string => reasonLineIn(ENGLISH, reason)
