import { useState } from 'react'
import { credentialsSchema } from '@shared/contract'
import type { Capabilities, CapabilityStatus } from '@shared/types'
import { api } from '../../api'
import { DemoAccountCard, useWorkspaceStore } from '../../components/Banners'
import { SettingCheckbox, SettingNumberField } from '../../components/SettingFields'
import { useErrorText, useI18n, useT, type MessageKey } from '../../i18n'
import { useAccountStore } from '../../stores/account-store'
import { useSettingsStore } from '../../stores/settings-store'
import { Badge, Button, Card, List, ListRow, SelectField, TextField, useConfirm, type BadgeTone } from '../../ui'

const CAPABILITY_KEYS: Array<keyof Omit<Capabilities, 'checkedAt'>> = [
  'jobsRead',
  'jobDetails',
  'profileRead',
  'ontologyRead',
  'messagesRead',
  'messagesWrite',
  'proposalsRead',
  'proposalSubmit'
]

const dateTime = (ms: number, language: string): string => new Date(ms).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' })
const count = (n: number, language: string): string => n.toLocaleString(language)
const clock = (ms: number, language: string): string => new Date(ms).toLocaleTimeString(language, { timeStyle: 'short' })

export function UpworkAccountSection(): React.JSX.Element {
  const t = useT()
  const language = useI18n((s) => s.language)
  const errorText = useErrorText()
  const { account, usage, busy, error, run, clearError } = useAccountStore()
  const settings = useSettingsStore((s) => s.settings)
  const [clientId, setClientId] = useState('')
  const [clientSecret, setClientSecret] = useState('')
  const [copied, setCopied] = useState(false)
  const [keySaved, setKeySaved] = useState(false)
  const [confirmDialog, confirm] = useConfirm()
  const state = account?.state ?? 'not_configured'
  const credentialsOk = credentialsSchema.safeParse({ clientId, clientSecret }).success
  const inDemo = useWorkspaceStore((s) => s.info?.kind === 'demo')

  const saveKey = async (): Promise<void> => {
    if (await run(() => api.upwork.saveCredentials({ clientId, clientSecret }))) {
      setClientSecret('')
      setClientId('')
      setKeySaved(true)
    }
  }
  const forgetKey = async (): Promise<void> => {
    const yes = await confirm({ title: t('upwork.forgetKey.title'), body: t('upwork.forgetKey.body'), confirmLabel: t('upwork.forgetKey'), danger: true })
    if (yes) await run(() => api.upwork.disconnect({ forgetKey: true }))
  }
  const copyCallback = async (): Promise<void> => {
    if (!account) return
    await navigator.clipboard.writeText(account.callbackUrl).then(
      () => setCopied(true),
      () => setCopied(false)
    )
  }

  // The demo's sample account: no sign-in to Upwork from here, Leave demo instead.
  if (inDemo) return <DemoAccountCard userName={account?.userName ?? null} />
  return (
    <Card title={t('upwork.title')} data-testid="upwork-account">
      <p className="account-state" data-testid="account-state" data-state={state}>
        {state === 'connected' ? t('upwork.state.connected', { name: account?.userName ?? '' }) : t(`upwork.state.${state}` as MessageKey)}
      </p>
      {error ? (
        <div className="error" role="alert">
          <p>{errorText(error)}</p>
          <Button variant="link" onClick={clearError}>
            {t('common.dismiss')}
          </Button>
        </div>
      ) : null}
      {account?.lastError && !error ? (
        <p className="muted small" data-testid="account-last-error">
          {errorText({ code: account.lastErrorCode, message: account.lastError })}
        </p>
      ) : null}

      {state === 'connected' || state === 'connecting' ? null : (
        <details className="guide" open={state === 'not_configured'}>
          <summary>{t('upwork.guide.title')}</summary>
          <ol>
            <li>{t('upwork.guide.step1')}</li>
            <li>
              {t('upwork.guide.step2')} <code data-testid="callback-url">{account?.callbackUrl}</code>{' '}
              <Button variant="link" onClick={() => void copyCallback()}>
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            </li>
            <li>{t('upwork.guide.step3')}</li>
            <li>{t('upwork.guide.step4')}</li>
          </ol>
          <form
            className="credentials"
            onSubmit={(e) => {
              e.preventDefault()
              if (credentialsOk) void saveKey()
            }}
          >
            <TextField label={t('upwork.clientId')} value={clientId} onChange={(e) => setClientId(e.target.value)} autoComplete="off" spellCheck={false} />
            <TextField label={t('upwork.clientSecret')} type="password" value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} autoComplete="off" />
            <div className="actions">
              <Button type="submit" disabled={busy || !credentialsOk}>
                {t('upwork.saveKey')}
              </Button>
            </div>
          </form>
        </details>
      )}

      {keySaved && account?.hasCredentials && state === 'disconnected' ? (
        <p className="muted small" role="status">
          {t('upwork.keySaved')}
        </p>
      ) : null}
      <div className="actions">
        {state === 'disconnected' || state === 'reconnect_needed' ? (
          <Button variant="primary" disabled={busy} onClick={() => void run(() => api.upwork.connect())}>
            {state === 'reconnect_needed' ? t('upwork.reconnect') : t('upwork.connect')}
          </Button>
        ) : null}
        {state === 'connecting' ? (
          <>
            <span className="muted">{t('upwork.connecting')}</span>
            <Button onClick={() => void run(() => api.upwork.cancelConnect())}>{t('upwork.cancel')}</Button>
          </>
        ) : null}
        {state === 'connected' || state === 'reconnect_needed' ? (
          <Button disabled={busy} onClick={() => void run(() => api.upwork.disconnect({}))}>
            {t('upwork.disconnect')}
          </Button>
        ) : null}
        {account?.hasCredentials && state !== 'connecting' ? (
          <Button variant="link-danger" disabled={busy} onClick={() => void forgetKey()}>
            {t('upwork.forgetKey')}
          </Button>
        ) : null}
      </div>
      {state === 'connecting' && account?.signInHint ? (
        <p className="hint-box" role="status" data-testid="sign-in-hint">
          {account.signInHint}
        </p>
      ) : null}

      {state === 'connected' && account ? (
        <>
          {account.organizations && account.organizations.length > 0 ? (
            <SelectField
              label={t('upwork.organization')}
              value={account.tenantId ?? ''}
              disabled={busy}
              onChange={(e) => void run(() => api.upwork.selectOrganization({ tenantId: e.target.value || null }))}
            >
              <option value="">{t('upwork.organization.default')}</option>
              {account.organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          {account.tokenExpiresAt ? <p className="muted small">{t('upwork.tokenExpiry', { time: dateTime(account.tokenExpiresAt, language) })}</p> : null}
          {account.capabilities ? <CapabilityList capabilities={account.capabilities} busy={busy} onRecheck={() => void run(() => api.upwork.refreshCapabilities())} /> : null}
        </>
      ) : null}

      {usage ? (
        <div className="usage" data-testid="api-usage">
          <h3>{t('upwork.usage')}</h3>
          <Meter
            used={usage.hour.used}
            limit={usage.hour.limit}
            label={t('upwork.usage.hour', { used: count(usage.hour.used, language), limit: count(usage.hour.limit, language), time: clock(usage.hour.resetsAt, language) })}
          />
          <Meter used={usage.day.used} limit={usage.day.limit} label={t('upwork.usage.day', { used: count(usage.day.used, language), limit: count(usage.day.limit, language) })} />
        </div>
      ) : null}

      {settings ? (
        <>
          <div className="row wrap">
            <SettingNumberField path="upwork.hourlyRequestBudget" label={t('upwork.budget')} />
            {/* The callback URL shown in the guide follows the port. */}
            <SettingNumberField path="upwork.callbackPort" label={t('upwork.callbackPort')} onSaved={() => void useAccountStore.getState().load()} />
          </div>
          <SettingCheckbox path="upwork.usePkce" label={t('upwork.pkce')} />
        </>
      ) : null}
      {confirmDialog}
    </Card>
  )
}

const TONE = (c: CapabilityStatus): BadgeTone => (c.available === true ? 'ok' : c.available === false ? 'warn' : 'neutral')

function CapabilityList({ capabilities, busy, onRecheck }: { capabilities: Capabilities; busy: boolean; onRecheck: () => void }): React.JSX.Element {
  const t = useT()
  const label = (c: CapabilityStatus): string => (c.available === 'unknown' ? t('upwork.cap.unknown') : c.available ? t('upwork.cap.yes') : t('upwork.cap.no'))
  return (
    <div className="capabilities">
      <h3>{t('upwork.capabilities')}</h3>
      <List>
        {CAPABILITY_KEYS.map((key) => {
          const c = capabilities[key]
          return (
            <ListRow
              key={key}
              data-capability={key}
              title={t(`upwork.cap.${key}` as MessageKey)}
              detail={c.reason}
              trailing={<Badge tone={TONE(c)}>{label(c)}</Badge>}
            />
          )
        })}
      </List>
      <Button variant="link" disabled={busy} onClick={onRecheck}>
        {t('upwork.capabilities.recheck')}
      </Button>
    </div>
  )
}

function Meter({ used, limit, label }: { used: number; limit: number; label: string }): React.JSX.Element {
  return (
    <div className="meter">
      <span>{label}</span>
      <progress max={limit} value={Math.min(used, limit)} aria-label={label} />
    </div>
  )
}
