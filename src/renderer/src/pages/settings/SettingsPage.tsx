import type { Settings } from '@shared/settings'
import { useSettingError } from '../../components/SettingFields'
import { useErrorText, useT, type LanguageSetting } from '../../i18n'
import { useAppStore } from '../../stores/app-store'
import { useSettingsStore } from '../../stores/settings-store'
import { Button, Card, CheckboxField, SelectField, useConfirm } from '../../ui'
import { Page } from '../AreaPage'
import { secretStorageKey } from '../../components/secret-storage'
import { EndpointsSection } from './EndpointsSection'
import { AiSection } from './AiSection'
import { AutopilotSection } from './AutopilotSection'
import { TemplatesSection } from './TemplatesSection'
import { AnalyticsSection } from './AnalyticsSection'
import { MessagingSection } from './MessagingSection'
import { NotificationsSection } from './NotificationsSection'
import { ProfileSection } from './ProfileSection'
import { UpworkAccountSection } from './UpworkAccountSection'

const LANGUAGE_OPTIONS: LanguageSetting[] = ['system', 'en', 'uk']

export function SettingsPage(): React.JSX.Element | null {
  const t = useT()
  const errorText = useErrorText()
  const settings = useSettingsStore((s) => s.settings)
  const update = useSettingsStore((s) => s.update)
  const reset = useSettingsStore((s) => s.reset)
  const info = useAppStore((s) => s.info)
  const status = useAppStore((s) => s.status)
  const setPaused = useAppStore((s) => s.setPaused)
  const pauseError = useAppStore((s) => s.pauseError)
  const themeError = useSettingError('theme')
  const languageError = useSettingError('language')
  const resetError = useSettingError('reset')
  const [confirmDialog, confirm] = useConfirm()
  if (!settings) return null

  const askReset = async (): Promise<void> => {
    const yes = await confirm({ title: t('settings.reset.title'), body: t('settings.reset.body'), confirmLabel: t('settings.reset.confirm'), danger: true })
    if (yes) await reset()
  }

  return (
    <Page title={t('settings.title')} className="settings">
      <Card title={t('settings.general')}>
        <SelectField
          label={t('settings.theme')}
          value={settings.theme}
          error={themeError}
          onChange={(e) => void update({ theme: e.target.value as Settings['theme'] })}
        >
          <option value="system">{t('settings.theme.system')}</option>
          <option value="light">{t('settings.theme.light')}</option>
          <option value="dark">{t('settings.theme.dark')}</option>
        </SelectField>
        <SelectField
          label={t('settings.language')}
          value={settings.language}
          error={languageError}
          onChange={(e) => void update({ language: e.target.value as Settings['language'] })}
        >
          {LANGUAGE_OPTIONS.map((l) => (
            <option key={l} value={l} lang={l === 'system' ? undefined : l}>
              {t(`settings.language.${l}`)}
            </option>
          ))}
        </SelectField>
      </Card>

      <UpworkAccountSection />
      <ProfileSection />
      <NotificationsSection />
      <MessagingSection />
      <AiSection />
      <AutopilotSection />
      <TemplatesSection />
      <AnalyticsSection />

      <Card title={t('settings.automation')}>
        <CheckboxField
          label={t('settings.automation.paused')}
          checked={status?.automationPaused ?? settings.automationPaused}
          error={pauseError ? errorText(pauseError) : null}
          onChange={(e) => void setPaused(e.target.checked)}
        />
      </Card>

      <EndpointsSection />

      <Card title={t('settings.data')}>
        <dl className="facts">
          <dt>{t('settings.data.folder')}</dt>
          <dd className="mono">{info?.dataDir}</dd>
          <dt>{t('settings.data.logs')}</dt>
          <dd className="mono">{info?.logsDir}</dd>
          <dt>{t('settings.data.secrets')}</dt>
          <dd data-testid="secret-storage">{status ? t(secretStorageKey(status.secretStorage, info)) : null}</dd>
        </dl>
      </Card>

      <Card title={t('settings.about')}>
        <p>{info ? t('settings.about.version', { version: info.version, runtime: info.runtime }) : null}</p>
        <div className="actions">
          <Button variant="danger" onClick={() => void askReset()}>
            {t('common.reset')}
          </Button>
          {resetError ? (
            <span className="field-error" role="alert">
              {resetError}
            </span>
          ) : null}
        </div>
      </Card>
      {confirmDialog}
    </Page>
  )
}

