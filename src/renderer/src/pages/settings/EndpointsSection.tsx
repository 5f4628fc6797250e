import { useState } from 'react'
import type { SettingsPatch } from '@shared/settings'
import { t, type MessageKey } from '../../i18n'
import { useSettingsStore } from '../../stores/settings-store'

type Field = { key: 'authUrl' | 'tokenUrl' | 'graphqlUrl' | 'aiBaseUrl'; label: MessageKey }
const FIELDS: Field[] = [
  { key: 'authUrl', label: 'settings.endpoints.authUrl' },
  { key: 'tokenUrl', label: 'settings.endpoints.tokenUrl' },
  { key: 'graphqlUrl', label: 'settings.endpoints.graphqlUrl' },
  { key: 'aiBaseUrl', label: 'settings.endpoints.aiBaseUrl' }
]

/** Endpoint overrides for proxies, local models and testing. Empty = environment variable or default. */
export function EndpointsSection(): React.JSX.Element | null {
  const settings = useSettingsStore((s) => s.settings)
  const update = useSettingsStore((s) => s.update)
  const initial = {
    authUrl: settings?.upwork.authUrl ?? '',
    tokenUrl: settings?.upwork.tokenUrl ?? '',
    graphqlUrl: settings?.upwork.graphqlUrl ?? '',
    aiBaseUrl: settings?.ai.baseUrl ?? ''
  }
  const [values, setValues] = useState(initial)
  const [saved, setSaved] = useState(false)
  if (!settings) return null
  const save = async (): Promise<void> => {
    const v = (s: string): string | null => (s.trim() === '' ? null : s.trim())
    const patch: SettingsPatch = {
      upwork: { authUrl: v(values.authUrl), tokenUrl: v(values.tokenUrl), graphqlUrl: v(values.graphqlUrl) },
      ai: { baseUrl: v(values.aiBaseUrl) }
    }
    setSaved(await update(patch))
  }
  return (
    <section className="card" aria-labelledby="s-endpoints">
      <h2 id="s-endpoints">{t('settings.endpoints')}</h2>
      <p className="muted small">{t('settings.endpoints.help')}</p>
      {FIELDS.map((f) => (
        <label key={f.key} className="field">
          <span>{t(f.label)}</span>
          <input
            type="url"
            inputMode="url"
            spellCheck={false}
            value={values[f.key]}
            placeholder="default"
            onChange={(e) => {
              setSaved(false)
              setValues({ ...values, [f.key]: e.target.value })
            }}
          />
        </label>
      ))}
      <div className="actions">
        <button type="button" onClick={() => void save()}>
          {t('common.save')}
        </button>
        {saved ? <span className="muted">{t('common.saved')}</span> : null}
      </div>
    </section>
  )
}
