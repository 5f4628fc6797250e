import type { AppInfo, AppStatus } from '@shared/types'
import type { Handlers } from '../ipc/handlers'
import { isAllowedExternalUrl } from '../security/external-url'
import type { SettingsStore } from '../settings/settings-store'
import type { UpworkConnection } from '../upwork/upwork-connection'
import { decideNotification } from '../notifications/notification-policy'
import type { Clock } from '../ports/clock'
import type { Notifier } from '../ports/notifier'
import { AppError } from './app-error'

export interface HandlerDeps {
  info: AppInfo
  settings: SettingsStore
  upwork: UpworkConnection
  status: () => AppStatus
  openExternal: (url: string) => Promise<void>
  notifier: Notifier
  clock: Clock
}

/** Maps every contract channel to a service call. The `Handlers` type makes a missing one a compile error. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { settings, upwork } = deps
  return {
    'app:getInfo': () => deps.info,
    'app:getStatus': () => deps.status(),
    'settings:get': () => settings.get(),
    'settings:update': (patch) => settings.update(patch),
    'settings:reset': () => settings.reset(),
    'automation:setPaused': ({ paused }) => {
      settings.update({ automationPaused: paused })
      return deps.status()
    },
    'notifications:test': () => {
      // The same rule every notification follows, so the test shows what the user will get.
      const decision = decideNotification(settings.get().notifications, new Date(deps.clock.now()))
      if (!decision.show) return { shown: false, reason: decision.reason }
      deps.notifier.notify({ title: 'GigPilot notifications work', body: 'New matches and client messages will appear like this.' })
      return { shown: true }
    },
    'shell:openExternal': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) {
        throw new AppError('forbidden_url', 'GigPilot only opens secure links to upwork.com. Copy the link if you want to open it yourself.')
      }
      await deps.openExternal(url)
      return { opened: true }
    },
    'upwork:getAccount': () => upwork.getAccount(),
    'upwork:saveCredentials': (credentials) => upwork.saveCredentials(credentials),
    'upwork:connect': () => upwork.connect(),
    'upwork:cancelConnect': async () => {
      await upwork.cancelConnect()
      return upwork.getAccount()
    },
    'upwork:disconnect': (input) => upwork.disconnect(input ?? {}),
    'upwork:selectOrganization': ({ tenantId }) => upwork.selectOrganization(tenantId),
    'upwork:refreshCapabilities': () => upwork.refreshCapabilities(),
    'upwork:getUsage': () => upwork.usage()
  }
}
