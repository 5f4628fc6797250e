import { useState } from 'react'
import { api, errorMessage } from '../../api'
import { t } from '../../i18n'
import { useSettingsStore } from '../../stores/settings-store'

export function NotificationsSection(): React.JSX.Element | null {
  const settings = useSettingsStore((s) => s.settings)
  const update = useSettingsStore((s) => s.update)
  const [testResult, setTestResult] = useState<string | null>(null)
  if (!settings) return null
  const sendTest = async (): Promise<void> => {
    try {
      const r = await api.notifications.test()
      setTestResult(r.shown ? t('settings.notifications.testShown') : (r.reason ?? ''))
    } catch (e) {
      setTestResult(errorMessage(e))
    }
  }
  const n = settings.notifications
  return (
    <section className="card" aria-labelledby="s-notifications">
      <h2 id="s-notifications">{t('settings.notifications')}</h2>
      <label className="check">
        <input type="checkbox" checked={n.enabled} onChange={(e) => void update({ notifications: { enabled: e.target.checked } })} />
        <span>{t('settings.notifications.enabled')}</span>
      </label>
      <label className="field">
        <span>{t('settings.notifications.minScore')}</span>
        <input
          type="number"
          min={0}
          max={100}
          value={n.minScore}
          onChange={(e) => {
            const v = Number(e.target.value)
            if (Number.isInteger(v) && v >= 0 && v <= 100) void update({ notifications: { minScore: v } })
          }}
        />
      </label>
      <label className="check">
        <input type="checkbox" checked={n.sound} onChange={(e) => void update({ notifications: { sound: e.target.checked } })} />
        <span>{t('settings.notifications.sound')}</span>
      </label>
      <div className="row">
        <label className="check">
          <input
            type="checkbox"
            checked={n.quietHours.enabled}
            onChange={(e) => void update({ notifications: { quietHours: { enabled: e.target.checked } } })}
          />
          <span>{t('settings.notifications.quiet')}</span>
        </label>
        <label className="inline">
          {t('settings.notifications.quietFrom')}{' '}
          <input
            type="time"
            value={n.quietHours.start}
            onChange={(e) => e.target.value && void update({ notifications: { quietHours: { start: e.target.value } } })}
          />
        </label>
        <label className="inline">
          {t('settings.notifications.quietTo')}{' '}
          <input
            type="time"
            value={n.quietHours.end}
            onChange={(e) => e.target.value && void update({ notifications: { quietHours: { end: e.target.value } } })}
          />
        </label>
      </div>
      <div className="actions">
        <button type="button" onClick={() => void sendTest()}>
          {t('settings.notifications.test')}
        </button>
        {testResult ? (
          <span className="muted" role="status" data-testid="notification-test-result">
            {testResult}
          </span>
        ) : null}
      </div>
    </section>
  )
}
