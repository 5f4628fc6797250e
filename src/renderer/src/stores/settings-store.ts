import { create } from 'zustand'
import { mergeSettings, type Settings, type SettingsPatch } from '@shared/settings'
import { api, ApiError, toProblem, type Problem } from '../api'
import { applyLanguageSetting } from '../i18n'
import { fieldProblemOf, leafPaths, restorePaths, validateSettingsPatch, type FieldProblem, type SettingPath } from '../settings-validation'

interface SettingsState {
  settings: Settings | null
  /** Loading the settings failed (the shell cannot start without them). */
  loadError: Problem | null
  /** Why a field's last change was refused, by path ('upwork.callbackPort'); shown at that field. */
  fieldErrors: Record<SettingPath, FieldProblem>
  /** Updates sent and not yet answered. */
  pending: number
  load(): Promise<void>
  /**
   * Checks a partial update against the settings schema, applies it at once (optimistic), and
   * sends it; main validates again and answers with the full settings. A refused value never
   * reaches the stored settings: the last good value stays, and the reason shows at the field.
   */
  update(patch: SettingsPatch): Promise<boolean>
  reset(): Promise<boolean>
  received(settings: Settings): void
  clearFieldErrors(paths: readonly SettingPath[]): void
}

const without = (errors: Record<SettingPath, FieldProblem>, paths: readonly SettingPath[]): Record<SettingPath, FieldProblem> =>
  Object.fromEntries(Object.entries(errors).filter(([k]) => !paths.includes(k)))

const show = (settings: Settings): Settings => {
  applyLanguageSetting(settings.language)
  return settings
}

export const useSettingsStore = create<SettingsState>((set, get) => ({
  settings: null,
  loadError: null,
  fieldErrors: {},
  pending: 0,
  load: async () => {
    try {
      set({ settings: show(await api.settings.get()), loadError: null })
    } catch (e) {
      set({ loadError: toProblem(e) })
    }
  },
  update: async (patch) => {
    const paths = leafPaths(patch)
    const refused = validateSettingsPatch(patch)
    if (Object.keys(refused).length > 0) {
      set({ fieldErrors: { ...without(get().fieldErrors, paths), ...refused } })
      return false
    }
    const before = get().settings
    if (!before) return false
    set((s) => ({ settings: show(mergeSettings(before, patch)), fieldErrors: without(s.fieldErrors, paths), pending: s.pending + 1 }))
    try {
      const saved = await api.settings.update(patch)
      set((s) => ({ pending: s.pending - 1, ...(s.pending === 1 ? { settings: show(saved) } : {}) }))
      return true
    } catch (e) {
      const problem = toProblem(e)
      // Main names the refused fields when it can; any other field of the patch shows the failure itself.
      const fields = e instanceof ApiError ? (e.fields ?? {}) : {}
      const at = (path: SettingPath): FieldProblem => (fields[path] ? fieldProblemOf(fields[path]) : problem)
      set((s) => ({
        pending: s.pending - 1,
        settings: show(restorePaths(s.settings ?? before, before, paths)),
        fieldErrors: { ...s.fieldErrors, ...Object.fromEntries(paths.map((p) => [p, at(p)])) }
      }))
      return false
    }
  },
  reset: async () => {
    try {
      set({ settings: show(await api.settings.reset()), fieldErrors: {} })
      return true
    } catch (e) {
      set({ fieldErrors: { ...get().fieldErrors, reset: toProblem(e) } })
      return false
    }
  },
  // While an optimistic update is on its way, its answer (not an earlier echo) is the truth.
  received: (settings) => {
    if (get().pending === 0) set({ settings: show(settings) })
  },
  clearFieldErrors: (paths) => set((s) => ({ fieldErrors: without(s.fieldErrors, paths) }))
}))
