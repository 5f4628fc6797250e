import { SettingCheckbox, SettingNumberField } from '../../components/SettingFields'
import { useT } from '../../i18n'
import { Card } from '../../ui'

/** Settings → Client messages (settings.messaging): how often the inbox is checked, whether new client messages notify, and after how many silent days a follow-up reminder comes. */
export function MessagingSection(): React.JSX.Element {
  const t = useT()
  return (
    <Card title={t('messaging.settings.title')}>
      <div data-testid="messaging-section">
        <p className="muted">{t('messaging.settings.hint')}</p>
        <SettingNumberField path="messaging.pollMinutes" label={t('messaging.settings.pollMinutes')} />
        <SettingCheckbox path="messaging.notify" label={t('messaging.settings.notify')} />
        <SettingNumberField path="messaging.followUpDays" label={t('messaging.settings.followUpDays')} />
      </div>
    </Card>
  )
}
