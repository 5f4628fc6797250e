import type { z } from 'zod'
import type { Language, MessageKey, Translate } from '../../../i18n'

/**
 * A shared zod schema's refusals (src/shared/discovery.ts is the source of truth for the rules)
 * as plain words at each field, in the user's language: path ('filters.budgetMin',
 * 'portfolio.0.title') → message. `problemAt` finds a list's problem from any of its items.
 */
export type Problems = Record<string, string>

type Issue = z.core.$ZodIssue

function issueText(t: Translate, language: Language, issue: Issue): string {
  const n = (v: unknown): string => (typeof v === 'number' || typeof v === 'bigint' ? new Intl.NumberFormat(language).format(v) : String(v))
  const say = (key: MessageKey, vars?: Record<string, string>): string => t(key, vars)
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? say('searches.invalid.required') : say('searches.invalid.tooShort', { min: n(issue.minimum) })
      if (issue.origin === 'array') return say('searches.invalid.tooFew', { min: n(issue.minimum) })
      return say('searches.invalid.atLeast', { min: n(issue.minimum) })
    case 'too_big':
      if (issue.origin === 'string') return say('searches.invalid.tooLong', { max: n(issue.maximum) })
      if (issue.origin === 'array') return say('searches.invalid.tooMany', { max: n(issue.maximum) })
      return say('searches.invalid.atMost', { max: n(issue.maximum) })
    case 'invalid_type':
      return issue.expected === 'int' ? say('searches.invalid.wholeNumber') : issue.expected === 'number' ? say('searches.invalid.number') : say('searches.invalid.other')
    default:
      return say('searches.invalid.other')
  }
}

/** Checks `input` against `schema`; empty when it passes. The first problem per field wins. */
export function schemaProblems(schema: z.ZodType, input: unknown, t: Translate, language: Language): Problems {
  const result = schema.safeParse(input)
  if (result.success) return {}
  const problems: Problems = {}
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.')
    problems[path] ??= issueText(t, language, issue)
  }
  return problems
}

/** The problem at `path` or inside it (a list's item, an object's field), or null. */
export function problemAt(problems: Problems, path: string): string | null {
  if (problems[path]) return problems[path]
  const inside = Object.keys(problems).find((k) => k.startsWith(`${path}.`))
  return inside ? problems[inside]! : null
}

/** A number input's text as the schema sees it: empty → null (no limit), else the number (NaN when not one). */
export const numberOrNull = (text: string): number | null => (text.trim() === '' ? null : Number(text.trim().replace(',', '.')))
export const numberText = (value: number | null | undefined): string => (value === null || value === undefined ? '' : String(value))
