import { t } from '../../i18n'
import { useAppStore } from '../../stores/app-store'
import { useSettingsStore } from '../../stores/settings-store'
import { EndpointsSection } from './EndpointsSection'
import { NotificationsSection } from './NotificationsSection'
import { UpworkAccountSection } from './UpworkAccountSection'

export function SettingsPage(): React.JSX.Element | null {
  const settings = useSettingsStore((s) => s.settings)
  const error = useSettingsStore((s) => s.error)
  const update = useSettingsStore((s) => s.update)
  const info = useAppStore((s) => s.info)
  const status = useAppStore((s) => s.status)
  const setPaused = useAppStore((s) => s.setPaused)
  if (!settings) return null
  return (
    <>
      <header className="page-header">
        <h1>{t('settings.title')}</h1>
      </header>
      <div className="page-body settings">
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <section className="card" aria-labelledby="s-general">
          <h2 id="s-general">{t('settings.general')}</h2>
          <label className="field">
            <span>{t('settings.theme')}</span>
            <select
              value={settings.theme}
              onChange={(e) => void update({ theme: e.target.value as typeof settings.theme })}
              aria-label={t('settings.theme')}
            >
              <option value="system">{t('settings.theme.system')}</option>
              <option value="light">{t('settings.theme.light')}</option>
              <option value="dark">{t('settings.theme.dark')}</option>
            </select>
          </label>
        </section>

        <UpworkAccountSection />
        <NotificationsSection />

        <section className="card" aria-labelledby="s-automation">
          <h2 id="s-automation">{t('settings.automation')}</h2>
          <label className="check">
            <input
              type="checkbox"
              checked={status?.automationPaused ?? settings.automationPaused}
              onChange={(e) => void setPaused(e.target.checked)}
            />
            <span>{t('settings.automation.paused')}</span>
          </label>
        </section>

        <EndpointsSection />

        <section className="card" aria-labelledby="s-data">
          <h2 id="s-data">{t('settings.data')}</h2>
          <dl className="facts">
            <dt>{t('settings.data.folder')}</dt>
            <dd className="mono">{info?.dataDir}</dd>
            <dt>{t('settings.data.logs')}</dt>
            <dd className="mono">{info?.logsDir}</dd>
            <dt>{t('settings.data.secrets')}</dt>
            <dd data-testid="secret-storage">{status?.secretStorage.message}</dd>
          </dl>
        </section>

        <section className="card" aria-labelledby="s-about">
          <h2 id="s-about">{t('settings.about')}</h2>
          <p>{info ? t('settings.about.version', { version: info.version, runtime: info.runtime }) : null}</p>
          <button type="button" onClick={() => void useSettingsStore.getState().reset()}>
            {t('common.reset')}
          </button>
        </section>
      </div>
    </>
  )
}
