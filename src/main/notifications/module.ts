import { renderText, type Translate } from '@shared/i18n'
import type { Settings } from '@shared/settings'
import type { DomainModule } from '../core/domain-module'
import type { Clock } from '../ports/clock'
import type { AppNotification, Notifier } from '../ports/notifier'
import { decideNotification, type NotificationDecision } from './notification-policy'

export interface NotificationsDeps {
  settings: () => Settings['notifications']
  notifier: Notifier
  clock: Clock
  /** Main's translator (src/main/i18n/main-translator.ts): the user's language. */
  t: Translate
}

export interface NotificationsModule extends DomainModule<'notifications:test'> {
  /** For other domains (new matches, client messages): shows `n` if the user's rules allow it now. */
  notify(n: AppNotification): NotificationDecision
}

/** Desktop notifications, always through the user's rules (on/off, quiet hours). */
export function createNotificationsModule(deps: NotificationsDeps): NotificationsModule {
  const notify = (n: AppNotification): NotificationDecision => {
    const decision = decideNotification(deps.settings(), new Date(deps.clock.now()))
    if (decision.show) deps.notifier.notify(n)
    return decision
  }
  return {
    name: 'notifications',
    notify,
    handlers: {
      // The same rule every notification follows, so the test shows what the user will get.
      'notifications:test': () => {
        const decision = notify({ title: deps.t('notifications.test.title'), body: deps.t('notifications.test.body') })
        return decision.show ? { shown: true } : { shown: false, reason: renderText(deps.t, decision.reasonText) }
      }
    }
  }
}
