import { Banners } from '../components/Banners'
import { privacyKey } from '../components/secret-storage'
import { useSettingError } from '../components/SettingFields'
import { useT } from '../i18n'
import { useAppStore } from '../stores/app-store'
import { useSettingsStore } from '../stores/settings-store'
import { Button } from '../ui'

/** First run: what GigPilot does in three lines, and the two ways in. */
export function OnboardingPage(): React.JSX.Element {
  const t = useT()
  const update = useSettingsStore((s) => s.update)
  const error = useSettingError('onboardingCompleted')
  const navigate = useAppStore((s) => s.navigate)
  const storage = useAppStore((s) => s.status?.secretStorage)
  const finish = (area: 'jobs' | 'settings'): void => {
    // Optimistic: the shell opens at once (and onboarding comes back with the reason if refused).
    navigate(area)
    void update({ onboardingCompleted: true })
  }
  return (
    <main className="onboarding">
      {/* Start-up problems (e.g. a settings file that could not be read) show here too. */}
      <Banners />
      <div className="onboarding-card">
        <h1>{t('onboarding.title')}</h1>
        <ul>
          <li>{t('onboarding.line1')}</li>
          <li>{t('onboarding.line2')}</li>
          <li>{t('onboarding.line3')}</li>
        </ul>
        <div className="actions">
          <Button variant="primary" onClick={() => finish('settings')}>
            {t('onboarding.connect')}
          </Button>
          <Button onClick={() => finish('jobs')}>{t('onboarding.later')}</Button>
        </div>
        <p className="muted small">{t(privacyKey(storage))}</p>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </main>
  )
}
