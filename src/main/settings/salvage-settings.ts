import { defaultSettings, settingsSchema, type Settings } from '../../shared/settings'

export interface SalvageResult {
  settings: Settings
  /** Dotted paths of values that were invalid and replaced by their defaults, e.g. `notifications.minScore`. */
  dropped: string[]
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * Parses stored settings, keeping every valid value and defaulting only the invalid ones: one
 * bad field (a hand-edited `minScore: 500`, a value from a newer version) must not cost the user
 * all their other preferences. Invalid values are removed at the path zod reports and the rest
 * is parsed again, so the schema's own defaults fill the holes. Unknown keys are ignored (the
 * schema strips them), which keeps settings from a newer app version readable.
 */
export function salvageSettings(raw: unknown): SalvageResult {
  if (!isPlainObject(raw)) return { settings: defaultSettings(), dropped: ['(everything: not a settings object)'] }
  const candidate = structuredClone(raw)
  const dropped = new Set<string>()
  // Each round removes at least one value, and the schema is two levels deep: a few rounds suffice.
  for (let round = 0; round < 10; round++) {
    const result = settingsSchema.safeParse(candidate)
    if (result.success) return { settings: result.data, dropped: [...dropped] }
    for (const issue of result.error.issues) {
      const path = issue.path.map(String)
      if (path.length === 0) return { settings: defaultSettings(), dropped: ['(everything: not a settings object)'] }
      removeAt(candidate, path)
      dropped.add(path.join('.'))
    }
  }
  return { settings: defaultSettings(), dropped: [...dropped, '(everything: could not be repaired)'] }
}

function removeAt(target: Record<string, unknown>, path: string[]): void {
  let node: Record<string, unknown> = target
  for (let i = 0; i < path.length - 1; i++) {
    const next = node[path[i]!]
    if (!isPlainObject(next)) {
      // The parent itself is not an object: drop the parent.
      delete node[path[i]!]
      return
    }
    node = next
  }
  delete node[path[path.length - 1]!]
}
