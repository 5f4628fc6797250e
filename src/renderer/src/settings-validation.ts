import { describeError, type Language, type MessageKey, type Translate, type Vars } from '@shared/i18n'
import { SETTINGS_FIELD_MESSAGES, settingsPatchProblems, type Settings, type SettingsPatch } from '@shared/settings'
import type { Problem } from './api'

/**
 * Field-level checks for Settings with the shared settings schema (no second copy of the rules):
 * each refused value gets the schema's plain message for its field, shown in the user's language.
 */

/** Why a field's value was refused: a catalog message, or a failure from main. */
export type FieldProblem = { key: MessageKey; vars?: Vars } | Problem

export const problemText = (t: Translate, p: FieldProblem, language: Language): string => ('key' in p ? t(p.key, p.vars) : describeError(t, p, language))

/** A dotted path into Settings, e.g. 'upwork.callbackPort'. */
export type SettingPath = string

type RuleName = keyof typeof SETTINGS_FIELD_MESSAGES
/** Each schema rule's message in the catalogs (a rule added to the schema is a compile error here until translated). */
const RULE_KEYS: Record<RuleName, MessageKey> = {
  choice: 'settingsField.choice',
  onOff: 'settingsField.onOff',
  time: 'settingsField.time',
  url: 'settingsField.url',
  urlTooLong: 'settingsField.urlTooLong',
  urlRule: 'settingsField.urlRule',
  minScore: 'settingsField.minScore',
  callbackPort: 'settingsField.callbackPort',
  hourlyRequestBudget: 'settingsField.hourlyRequestBudget',
  tenantId: 'settingsField.tenantId',
  modelEmpty: 'settingsField.modelEmpty',
  modelTooLong: 'settingsField.modelTooLong',
  dailyTokenBudget: 'settingsField.dailyTokenBudget',
  aiHourlyRequestLimit: 'settingsField.aiHourlyRequestLimit',
  autoAnalyzeTopK: 'settingsField.autoAnalyzeTopK',
  autopilotTopN: 'settingsField.autopilotTopN',
  autopilotIntervalHours: 'settingsField.autopilotIntervalHours',
  messagingPollMinutes: 'settingsField.messagingPollMinutes',
  messagingFollowUpDays: 'settingsField.messagingFollowUpDays',
  group: 'settingsField.group',
  unknown: 'settingsField.unknown'
}
const RULE_BY_MESSAGE = new Map<string, MessageKey>(Object.entries(SETTINGS_FIELD_MESSAGES).map(([rule, message]) => [message, RULE_KEYS[rule as RuleName]]))

/** The schema's English message for a field, as a catalog message (main sends the same words). */
export const fieldProblemOf = (message: string): FieldProblem => ({ key: RULE_BY_MESSAGE.get(message) ?? 'settingsField.other' })

/** Checks a patch before it is sent: path → why, for every refused field (empty when all is well). */
export function validateSettingsPatch(patch: SettingsPatch): Record<SettingPath, FieldProblem> {
  const problems = settingsPatchProblems(patch) ?? {}
  return Object.fromEntries(Object.entries(problems).map(([path, message]) => [path, fieldProblemOf(message)]))
}

/** Every leaf path a patch sets ({upwork: {callbackPort: 1}} → ['upwork.callbackPort']). */
export function leafPaths(patch: object, prefix = ''): SettingPath[] {
  return Object.entries(patch).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? leafPaths(v as object, `${prefix}${k}.`) : v === undefined ? [] : [`${prefix}${k}`]
  )
}

/** A patch that sets one path. */
export function patchAt(path: SettingPath, value: unknown): SettingsPatch {
  let patch: unknown = value
  for (const key of path.split('.').reverse()) patch = { [key]: patch }
  return patch as SettingsPatch
}

export function valueAt(settings: Settings, path: SettingPath): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), settings)
}

/** `current` with the given paths put back to their values in `before` (the rollback of one change). */
export function restorePaths(current: Settings, before: Settings, paths: readonly SettingPath[]): Settings {
  const next = structuredClone(current) as unknown as Record<string, unknown>
  for (const path of paths) {
    const keys = path.split('.')
    let target = next
    for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>
    target[keys[keys.length - 1]!] = valueAt(before, path)
  }
  return next as unknown as Settings
}
