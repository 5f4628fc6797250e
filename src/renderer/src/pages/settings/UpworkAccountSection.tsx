import { useState } from 'react'
import type { Capabilities, CapabilityStatus } from '@shared/types'
import { api } from '../../api'
import { IntegerField } from '../../components/IntegerField'
import { t, type MessageKey } from '../../i18n'
import { useAccountStore } from '../../stores/account-store'
import { useSettingsStore } from '../../stores/settings-store'

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

const time = (ms: number): string => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

export function UpworkAccountSection(): React.JSX.Element {
  const { account, usage, busy, error, run, clearError } = useAccountStore()
  const settings = useSettingsStore((s) => s.settings)
  const updateSettings = useSettingsStore((s) => s.update)
  const [clientId, setClientId] = useState('')
  const [clientSecret, setClientSecret] = useState('')
  const [copied, setCopied] = useState(false)
  const [keySaved, setKeySaved] = useState(false)
  const state = account?.state ?? 'not_configured'

  const saveKey = async (): Promise<void> => {
    if (await run(() => api.upwork.saveCredentials({ clientId, clientSecret }))) {
      setClientSecret('')
      setClientId('')
      setKeySaved(true)
    }
  }
  const copyCallback = async (): Promise<void> => {
    if (!account) return
    await navigator.clipboard.writeText(account.callbackUrl).then(
      () => setCopied(true),
      () => setCopied(false)
    )
  }

  return (
    <section className="card" aria-labelledby="s-upwork" data-testid="upwork-account">
      <h2 id="s-upwork">{t('upwork.title')}</h2>
      <p className="account-state" data-testid="account-state" data-state={state}>
        {state === 'connected' ? t('upwork.state.connected', { name: account?.userName ?? '' }) : t(`upwork.state.${state}` as MessageKey)}
      </p>
      {error ? (
        <div className="error" role="alert">
          <p>{error}</p>
          <button type="button" className="link" onClick={clearError}>
            {t('common.dismiss')}
          </button>
        </div>
      ) : null}
      {account?.lastError && !error ? <p className="muted small">{account.lastError}</p> : null}

      {state === 'connected' || state === 'connecting' ? null : (
        <details className="guide" open={state === 'not_configured'}>
          <summary>{t('upwork.guide.title')}</summary>
          <ol>
            <li>{t('upwork.guide.step1')}</li>
            <li>
              {t('upwork.guide.step2')}{' '}
              <code data-testid="callback-url">{account?.callbackUrl}</code>{' '}
              <button type="button" className="link" onClick={() => void copyCallback()}>
                {copied ? t('common.copied') : t('common.copy')}
              </button>
            </li>
            <li>{t('upwork.guide.step3')}</li>
            <li>{t('upwork.guide.step4')}</li>
          </ol>
          <form
            className="credentials"
            onSubmit={(e) => {
              e.preventDefault()
              void saveKey()
            }}
          >
            <label className="field">
              <span>{t('upwork.clientId')}</span>
              <input value={clientId} onChange={(e) => setClientId(e.target.value)} autoComplete="off" spellCheck={false} />
            </label>
            <label className="field">
              <span>{t('upwork.clientSecret')}</span>
              <input type="password" value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} autoComplete="off" />
            </label>
            <div className="actions">
              <button type="submit" disabled={busy || !clientId.trim() || !clientSecret.trim()}>
                {t('upwork.saveKey')}
              </button>
            </div>
          </form>
        </details>
      )}

      {keySaved && account?.hasCredentials && state === 'disconnected' ? <p className="muted small">{t('upwork.keySaved')}</p> : null}
      <div className="actions">
        {state === 'disconnected' || state === 'reconnect_needed' ? (
          <button type="button" className="primary" disabled={busy} onClick={() => void run(() => api.upwork.connect())}>
            {state === 'reconnect_needed' ? t('upwork.reconnect') : t('upwork.connect')}
          </button>
        ) : null}
        {state === 'connecting' ? (
          <>
            <span className="muted">{t('upwork.connecting')}</span>
            <button type="button" onClick={() => void run(() => api.upwork.cancelConnect())}>
              {t('upwork.cancel')}
            </button>
          </>
        ) : null}
        {state === 'connected' || state === 'reconnect_needed' ? (
          <button type="button" disabled={busy} onClick={() => void run(() => api.upwork.disconnect({}))}>
            {t('upwork.disconnect')}
          </button>
        ) : null}
        {account?.hasCredentials && state !== 'connecting' ? (
          <button type="button" className="link danger" disabled={busy} onClick={() => void run(() => api.upwork.disconnect({ forgetKey: true }))}>
            {t('upwork.forgetKey')}
          </button>
        ) : null}
      </div>

      {state === 'connected' && account ? (
        <>
          {account.organizations && account.organizations.length > 0 ? (
            <label className="field">
              <span>{t('upwork.organization')}</span>
              <select
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
              </select>
            </label>
          ) : null}
          {account.tokenExpiresAt ? <p className="muted small">{t('upwork.tokenExpiry', { time: time(account.tokenExpiresAt) })}</p> : null}
          {account.capabilities ? <CapabilityTable capabilities={account.capabilities} busy={busy} onRecheck={() => void run(() => api.upwork.refreshCapabilities())} /> : null}
        </>
      ) : null}

      {usage ? (
        <div className="usage" data-testid="api-usage">
          <h3>{t('upwork.usage')}</h3>
          <Meter used={usage.hour.used} limit={usage.hour.limit} label={t('upwork.usage.hour', { used: usage.hour.used, limit: usage.hour.limit, time: new Date(usage.hour.resetsAt).toLocaleTimeString(undefined, { timeStyle: 'short' }) })} />
          <Meter used={usage.day.used} limit={usage.day.limit} label={t('upwork.usage.day', { used: usage.day.used, limit: usage.day.limit })} />
        </div>
      ) : null}

      {settings ? (
        <div className="row wrap">
          <IntegerField
            label={t('upwork.budget')}
            min={10}
            max={5000}
            value={settings.upwork.hourlyRequestBudget}
            onCommit={(v) => void updateSettings({ upwork: { hourlyRequestBudget: v } })}
          />
          <IntegerField
            label={t('upwork.callbackPort')}
            min={1024}
            max={65535}
            value={settings.upwork.callbackPort}
            // The callback URL shown in the guide follows the port.
            onCommit={(v) => void updateSettings({ upwork: { callbackPort: v } }).then(() => useAccountStore.getState().load())}
          />
          <label className="check">
            <input type="checkbox" checked={settings.upwork.usePkce} onChange={(e) => void updateSettings({ upwork: { usePkce: e.target.checked } })} />
            <span>{t('upwork.pkce')}</span>
          </label>
        </div>
      ) : null}
    </section>
  )
}

function CapabilityTable({ capabilities, busy, onRecheck }: { capabilities: Capabilities; busy: boolean; onRecheck: () => void }): React.JSX.Element {
  const label = (c: CapabilityStatus): string => (c.available === 'unknown' ? t('upwork.cap.unknown') : c.available ? t('upwork.cap.yes') : t('upwork.cap.no'))
  return (
    <div className="capabilities">
      <h3>{t('upwork.capabilities')}</h3>
      <table>
        <tbody>
          {CAPABILITY_KEYS.map((key) => {
            const c = capabilities[key]
            return (
              <tr key={key} data-capability={key}>
                <th scope="row">{t(`upwork.cap.${key}` as MessageKey)}</th>
                <td className={c.available === true ? 'ok' : c.available === false ? 'warn' : 'muted'}>{label(c)}</td>
                <td className="muted small">{c.reason ?? ''}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <button type="button" className="link" disabled={busy} onClick={onRecheck}>
        {t('upwork.capabilities.recheck')}
      </button>
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
