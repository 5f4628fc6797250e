import { Banners, useWorkspaceStore } from '../components/Banners'
import { privacyKey } from '../components/secret-storage'
import { useSettingError } from '../components/SettingFields'
import { useErrorText, useT } from '../i18n'
import { useAccountStore } from '../stores/account-store'
import { useAppStore } from '../stores/app-store'
import { useSettingsStore } from '../stores/settings-store'
import { Button } from '../ui'

/** First run: what GigPilot does in three lines, and the ways in (the demo workspace while there is no Upwork key). */
export function OnboardingPage(): React.JSX.Element {
  const t = useT()
  const update = useSettingsStore((s) => s.update)
  const error = useSettingError('onboardingCompleted')
  const navigate = useAppStore((s) => s.navigate)
  const storage = useAppStore((s) => s.status?.secretStorage)
  const hasKey = useAccountStore((s) => s.account?.hasCredentials ?? false)
  const enterDemo = useWorkspaceStore((s) => s.enterDemo)
  const switching = useWorkspaceStore((s) => s.switching)
  const demoError = useWorkspaceStore((s) => s.error)
  const errorText = useErrorText()
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
        {hasKey ? null : (
          <div className="onboarding-demo">
            {/* Leaves this workspace untouched: the demo has its own folder and settings. */}
            <Button onClick={() => void enterDemo()} disabled={switching}>
              {switching ? t('demo.switching') : t('demo.onboarding.try')}
            </Button>
            <p className="muted small">{t('demo.onboarding.hint')}</p>
            {demoError ? (
              <p className="field-error" role="alert">
                {errorText(demoError)}
              </p>
            ) : null}
          </div>
        )}
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
