import { channel, defineDomain, none } from './define'

export const notificationsContract = defineDomain({
  channels: {
    'notifications:test': channel(none)<{ shown: boolean; reason?: string }>()
  },
  events: {}
})
