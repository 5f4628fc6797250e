import { isMessageKey, type MessageKey, type Translate, type Vars } from './i18n'

/**
 * A fit-score reason in words, for main (notifications, logs in English, tests) and the renderer
 * (the jobs view) alike: one formatter. The text is the catalog's `score.<code>` (en + uk, plural
 * blocks where numbers appear); an experience `level` param (Upwork's code) is worded through
 * `scoreLevel.<code>`, the suspicious-wording `kinds` through `scoreSuspicious.<kind>`, so all of
 * it is in `t`'s language. An unknown code (a renderer older than main's scoring) shows the code
 * itself rather than nothing.
 */
export interface ReasonLike {
  code: string
  params: Readonly<Record<string, string | number>>
}

/** The reason's text in `t`'s language ("skills: React, TypeScript (2 of 3)", "навички: …"). */
export function reasonIn(t: Translate, reason: ReasonLike): string {
  const key = `score.${reason.code}`
  if (!isMessageKey(key)) return reason.code
  const vars: Vars = { ...reason.params }
  const { level, kinds } = reason.params
  if (typeof level === 'string') {
    const levelKey = `scoreLevel.${level}`
    vars.level = isMessageKey(levelKey) ? t(levelKey) : level.toLowerCase()
  }
  if (typeof kinds === 'string' && kinds) {
    vars.list = kinds
      .split(',')
      .map((k) => {
        const kindKey = `scoreSuspicious.${k}`
        return isMessageKey(kindKey) ? t(kindKey) : k
      })
      .join('; ')
  }
  return t(key as MessageKey, vars)
}

/** Signed points: "+18", "−10" (a real minus sign), "±0". */
export const signedPoints = (points: number): string => `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points)}`

/** The line a list shows: signed points, then the text ("+18 skills: React…", "−10 payment not verified"). */
export const reasonLineIn = (t: Translate, reason: ReasonLike & { points: number }): string => `${signedPoints(reason.points)} ${reasonIn(t, reason)}`
