import { useState } from 'react'
import type { SettingsPatch } from '@shared/settings'
import { useSavedHint, useSettingError } from '../../components/SettingFields'
import { useT, type MessageKey } from '../../i18n'
import { useSettingsStore } from '../../stores/settings-store'
import { Button, Card, TextField } from '../../ui'

type Key = 'authUrl' | 'tokenUrl' | 'graphqlUrl' | 'aiBaseUrl'
const FIELDS: Array<{ key: Key; path: string; label: MessageKey }> = [
  { key: 'authUrl', path: 'upwork.authUrl', label: 'settings.endpoints.authUrl' },
  { key: 'tokenUrl', path: 'upwork.tokenUrl', label: 'settings.endpoints.tokenUrl' },
  { key: 'graphqlUrl', path: 'upwork.graphqlUrl', label: 'settings.endpoints.graphqlUrl' },
  { key: 'aiBaseUrl', path: 'ai.baseUrl', label: 'settings.endpoints.aiBaseUrl' }
]

/** Endpoint overrides for proxies, local models and testing. Empty = environment variable or default. */
export function EndpointsSection(): React.JSX.Element | null {
  const t = useT()
  const settings = useSettingsStore((s) => s.settings)
  const update = useSettingsStore((s) => s.update)
  const stored: Record<Key, string> = {
    authUrl: settings?.upwork.authUrl ?? '',
    tokenUrl: settings?.upwork.tokenUrl ?? '',
    graphqlUrl: settings?.upwork.graphqlUrl ?? '',
    aiBaseUrl: settings?.ai.baseUrl ?? ''
  }
  // What the user typed and has not saved yet; a refused value stays here, in the box.
  const [drafts, setDrafts] = useState<Partial<Record<Key, string>>>({})
  const [saved, setSaved] = useState(false)
  if (!settings) return null
  const value = (k: Key): string => drafts[k] ?? stored[k]
  const save = async (): Promise<void> => {
    const v = (s: string): string | null => (s.trim() === '' ? null : s.trim())
    const patch: SettingsPatch = {
      upwork: { authUrl: v(value('authUrl')), tokenUrl: v(value('tokenUrl')), graphqlUrl: v(value('graphqlUrl')) },
      ai: { baseUrl: v(value('aiBaseUrl')) }
    }
    const ok = await update(patch)
    if (ok) setDrafts({})
    setSaved(ok)
  }
  return (
    <Card title={t('settings.endpoints')}>
      <p className="muted small">{t('settings.endpoints.help')}</p>
      {FIELDS.map((f) => (
        <EndpointField
          key={f.key}
          path={f.path}
          label={t(f.label)}
          value={value(f.key)}
          onChange={(text) => {
            setSaved(false)
            setDrafts({ ...drafts, [f.key]: text })
          }}
        />
      ))}
      <div className="actions">
        <Button onClick={() => void save()}>{t('common.save')}</Button>
        {saved ? (
          <span className="muted" role="status">
            {t('common.saved')}
          </span>
        ) : null}
      </div>
    </Card>
  )
}

function EndpointField({ path, label, value, onChange }: { path: string; label: string; value: string; onChange: (text: string) => void }): React.JSX.Element {
  const t = useT()
  const error = useSettingError(path)
  const hint = useSavedHint(path, error)
  return (
    <TextField
      label={label}
      type="url"
      inputMode="url"
      spellCheck={false}
      value={value}
      placeholder={t('settings.endpoints.placeholder')}
      error={error}
      hint={hint}
      onChange={(e) => onChange(e.target.value)}
    />
  )
}
