import { useErrorText, useT } from '../i18n'
import { useAccountStore } from '../stores/account-store'
import { useAppStore } from '../stores/app-store'
import { Badge, Button } from '../ui'

/** Visible automation: what runs in the background, whether it is paused, and the API budget. */
export function StatusBar(): React.JSX.Element {
  const t = useT()
  const errorText = useErrorText()
  const status = useAppStore((s) => s.status)
  const setPaused = useAppStore((s) => s.setPaused)
  const pauseError = useAppStore((s) => s.pauseError)
  const account = useAccountStore((s) => s.account)
  const usage = useAccountStore((s) => s.usage)
  const paused = status?.automationPaused ?? false
  let upwork = t('status.upwork.notConnected')
  if (account?.state === 'connected') upwork = t('status.upwork.connected', { name: account.userName ?? '' })
  if (account?.state === 'reconnect_needed') upwork = t('status.upwork.reconnect')
  return (
    <footer className="statusbar" aria-label={t('status.label')}>
      <Badge tone={paused ? 'warn' : 'ok'} data-testid="automation-state">
        {paused ? t('status.paused') : t('status.running')}
      </Badge>
      <Button variant="link" onClick={() => void setPaused(!paused)}>
        {paused ? t('status.resume') : t('status.pause')}
      </Button>
      {pauseError ? (
        <span className="field-error" role="alert">
          {errorText(pauseError)}
        </span>
      ) : null}
      <span className="sep" />
      <span data-testid="upwork-state">{upwork}</span>
      {usage ? <span className="muted">{t('status.usage', { used: usage.hour.used, limit: usage.hour.limit })}</span> : null}
      {status && !status.secretStorage.persistent ? <Badge tone="warn">{t('status.memorySecrets')}</Badge> : null}
    </footer>
  )
}
