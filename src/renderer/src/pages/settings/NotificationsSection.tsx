import { useState } from 'react'
import { api, toProblem } from '../../api'
import { SettingCheckbox, SettingNumberField, useSavedHint, useSettingError } from '../../components/SettingFields'
import { useErrorText, useT } from '../../i18n'
import { patchAt } from '../../settings-validation'
import { useSettingsStore } from '../../stores/settings-store'
import { Button, Card, TextField } from '../../ui'

type TestResult = { kind: 'shown' } | { kind: 'reason'; text: string } | { kind: 'error'; code?: string; message: string }

export function NotificationsSection(): React.JSX.Element | null {
  const t = useT()
  const errorText = useErrorText()
  const settings = useSettingsStore((s) => s.settings)
  const [testResult, setTestResult] = useState<TestResult | null>(null)
  if (!settings) return null
  const sendTest = async (): Promise<void> => {
    try {
      const r = await api.notifications.test()
      setTestResult(r.shown ? { kind: 'shown' } : { kind: 'reason', text: r.reason ?? '' })
    } catch (e) {
      setTestResult({ kind: 'error', ...toProblem(e) })
    }
  }
  const resultText = !testResult ? null : testResult.kind === 'shown' ? t('settings.notifications.testShown') : testResult.kind === 'reason' ? testResult.text : errorText(testResult)
  return (
    <Card title={t('settings.notifications')}>
      <SettingCheckbox path="notifications.enabled" label={t('settings.notifications.enabled')} />
      <SettingNumberField path="notifications.minScore" label={t('settings.notifications.minScore')} />
      <SettingCheckbox path="notifications.sound" label={t('settings.notifications.sound')} />
      <SettingCheckbox path="notifications.quietHours.enabled" label={t('settings.notifications.quiet')} />
      <div className="row wrap">
        <TimeSetting path="notifications.quietHours.start" label={t('settings.notifications.quietFrom')} value={settings.notifications.quietHours.start} />
        <TimeSetting path="notifications.quietHours.end" label={t('settings.notifications.quietTo')} value={settings.notifications.quietHours.end} />
      </div>
      <div className="actions">
        <Button onClick={() => void sendTest()}>{t('settings.notifications.test')}</Button>
        {resultText ? (
          <span className="muted" role="status" data-testid="notification-test-result">
            {resultText}
          </span>
        ) : null}
      </div>
    </Card>
  )
}

function TimeSetting({ path, label, value }: { path: string; label: string; value: string }): React.JSX.Element {
  const update = useSettingsStore((s) => s.update)
  const error = useSettingError(path)
  const hint = useSavedHint(path, error)
  return <TextField type="time" label={label} value={value} error={error} hint={hint} onChange={(e) => e.target.value && void update(patchAt(path, e.target.value))} />
}
