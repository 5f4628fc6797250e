import { Banners } from '../components/Banners'
import { t } from '../i18n'
import { useAppStore } from '../stores/app-store'
import { useSettingsStore } from '../stores/settings-store'

/** First run: what GigPilot does in three lines, and the two ways in. */
export function OnboardingPage(): React.JSX.Element {
  const update = useSettingsStore((s) => s.update)
  const error = useSettingsStore((s) => s.error)
  const navigate = useAppStore((s) => s.navigate)
  const finish = async (area: 'jobs' | 'settings'): Promise<void> => {
    if (await update({ onboardingCompleted: true })) navigate(area)
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
          <button type="button" className="primary" onClick={() => void finish('settings')}>
            {t('onboarding.connect')}
          </button>
          <button type="button" onClick={() => void finish('jobs')}>
            {t('onboarding.later')}
          </button>
        </div>
        <p className="muted small">{t('onboarding.privacy')}</p>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </main>
  )
}
