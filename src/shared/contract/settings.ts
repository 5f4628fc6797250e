import { settingsPatchSchema, type Settings } from '../settings'
import { channel, defineDomain, event, none } from './define'

export const settingsContract = defineDomain({
  channels: {
    'settings:get': channel(none)<Settings>(),
    'settings:update': channel(settingsPatchSchema)<Settings>(),
    'settings:reset': channel(none)<Settings>()
  },
  events: {
    'settings:changed': event<Settings>()
  }
})
