import type { Language, Translate } from '@shared/i18n'
import type { Settings } from '@shared/settings'
import type { AccountState } from '@shared/types'
import type { DomainModule } from '../core/domain-module'
import type { SettingsStore } from '../settings/settings-store'
import { UpworkConnection, type UpworkConnectionDeps } from './upwork-connection'

type UpworkChannel =
  | 'upwork:getAccount'
  | 'upwork:saveCredentials'
  | 'upwork:connect'
  | 'upwork:cancelConnect'
  | 'upwork:disconnect'
  | 'upwork:selectOrganization'
  | 'upwork:refreshCapabilities'
  | 'upwork:getUsage'

export interface UpworkModuleDeps extends Omit<UpworkConnectionDeps, 'settings'> {
  /** The settings store: the module reads `upwork` settings and signs out when an endpoint changes. */
  settingsStore: SettingsStore
  /** Main's translator and language: notices, the account's texts and the sign-in tab are in the user's language. */
  t: Translate
  language?: () => Language
}

export interface UpworkModule extends DomainModule<UpworkChannel> {
  /** The account/connection service (for the harness and tests; other domains get the client stack's `reads`). */
  readonly connection: UpworkConnection
}

export const SIGNED_OUT_AFTER_ENDPOINT_CHANGE = 'notices.upwork.signedOutAfterEndpointChange' as const

/** States in which tokens exist (or are being obtained): changing an endpoint ends such a session. */
const HAS_SESSION: ReadonlySet<AccountState> = new Set(['connected', 'reconnect_needed', 'connecting'])

/** The user's Upwork account: API key, sign-in, organization, capabilities, request usage. */
export function createUpworkModule(deps: UpworkModuleDeps): UpworkModule {
  const { settingsStore, t, ...connectionDeps } = deps
  const connection = new UpworkConnection({ ...connectionDeps, t, settings: () => settingsStore.get().upwork })
  const log = deps.logger.child('upwork')
  let notice: typeof SIGNED_OUT_AFTER_ENDPOINT_CHANGE | null = null

  return {
    name: 'upwork',
    connection,
    handlers: {
      'upwork:getAccount': () => connection.getAccount(),
      'upwork:saveCredentials': (credentials) => connection.saveCredentials(credentials),
      'upwork:connect': () => connection.connect(),
      'upwork:cancelConnect': async () => {
        await connection.cancelConnect()
        return connection.getAccount()
      },
      'upwork:disconnect': (input) => connection.disconnect(input ?? {}),
      'upwork:selectOrganization': ({ tenantId }) => connection.selectOrganization(tenantId),
      'upwork:refreshCapabilities': () => connection.refreshCapabilities(),
      'upwork:getUsage': () => connection.usage()
    },
    wireEvents: ({ bus, statusChanged }) => {
      const offAccount = connection.events.on('accountChanged', (account) => {
        bus.emit('upwork:account', account)
        // Signed in again: the sign-out notice has done its job.
        if (account.state === 'connected' && notice !== null) {
          notice = null
          statusChanged()
        }
      })
      const offUsage = connection.events.on('usageChanged', (usage) => bus.emit('upwork:usage', usage))
      const offSettings = settingsStore.onChange((next: Settings, previous: Settings) => {
        if (!endpointsChanged(previous, next)) return
        // Tokens must never follow a changed endpoint to a new host without the user signing in
        // there again: sign out (the API key stays), and say so if there was a session to end.
        void (async () => {
          const before = (await connection.getAccount()).state
          await connection.disconnect()
          if (HAS_SESSION.has(before)) {
            notice = SIGNED_OUT_AFTER_ENDPOINT_CHANGE
            statusChanged()
          }
        })().catch((e: unknown) => log.error('Sign-out after endpoint change failed', { error: String(e) }))
      })
      return () => {
        offAccount()
        offUsage()
        offSettings()
      }
    },
    status: () => ({ notices: notice ? [t(notice)] : [] }),
    dispose: () => connection.dispose()
  }
}

function endpointsChanged(a: Settings, b: Settings): boolean {
  return a.upwork.authUrl !== b.upwork.authUrl || a.upwork.tokenUrl !== b.upwork.tokenUrl || a.upwork.graphqlUrl !== b.upwork.graphqlUrl
}
