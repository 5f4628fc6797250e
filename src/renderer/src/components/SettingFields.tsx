import { useState } from 'react'
import { useI18n, useT } from '../i18n'
import { patchAt, problemText, valueAt, type SettingPath } from '../settings-validation'
import { useSettingsStore } from '../stores/settings-store'
import { CheckboxField, TextField } from '../ui'

/** The reason a setting was refused, in the user's language, or null. */
export function useSettingError(path: SettingPath): string | null {
  const { t, language } = useI18n()
  const problem = useSettingsStore((s) => s.fieldErrors[path])
  return problem ? problemText(t, problem, language) : null
}

/** "Saved value: 300" under a refused field, so the last good value stays in sight. */
export function useSavedHint(path: SettingPath, error: string | null): string | null {
  const t = useT()
  const saved = useSettingsStore((s) => (s.settings ? valueAt(s.settings, path) : undefined))
  if (!error) return null
  return saved === null || saved === undefined || saved === '' ? t('field.savedDefault') : t('field.savedValue', { value: String(saved) })
}

/**
 * A whole-number setting. It saves when the user leaves the field or presses Enter (not on every
 * keystroke); a refused value stays typed in the box, with the reason and the saved value under it.
 */
export function SettingNumberField({ path, label, onSaved }: { path: SettingPath; label: string; onSaved?: () => void }): React.JSX.Element {
  const update = useSettingsStore((s) => s.update)
  const saved = useSettingsStore((s) => (s.settings ? valueAt(s.settings, path) : undefined))
  const error = useSettingError(path)
  const hint = useSavedHint(path, error)
  const [draft, setDraft] = useState<string | null>(null)
  const commit = async (): Promise<void> => {
    if (draft === null) return
    const value = draft.trim() === '' ? Number.NaN : Number(draft)
    if (await update(patchAt(path, value))) {
      setDraft(null)
      onSaved?.()
    }
  }
  return (
    <TextField
      label={label}
      type="number"
      inputMode="numeric"
      value={draft ?? String(saved ?? '')}
      error={error}
      hint={hint}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => void commit()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') void commit()
      }}
    />
  )
}

/** A yes/no setting, saved on change (optimistic; moves back with the reason if refused). */
export function SettingCheckbox({ path, label }: { path: SettingPath; label: string }): React.JSX.Element {
  const update = useSettingsStore((s) => s.update)
  const checked = useSettingsStore((s) => (s.settings ? valueAt(s.settings, path) === true : false))
  const error = useSettingError(path)
  return <CheckboxField label={label} checked={checked} error={error} onChange={(e) => void update(patchAt(path, e.target.checked))} />
}
