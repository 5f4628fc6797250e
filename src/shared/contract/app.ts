import { z } from 'zod'
import type { AppInfo, AppStatus, Area } from '../types'
import { AREAS } from '../types'
import { channel, defineDomain, event, none } from './define'

export const areaSchema = z.enum(AREAS as [Area, ...Area[]])

/** The app itself: what it is, its status (banners, status bar), pausing automation, navigation. */
export const appContract = defineDomain({
  channels: {
    'app:getInfo': channel(none)<AppInfo>(),
    'app:getStatus': channel(none)<AppStatus>(),
    'automation:setPaused': channel(z.object({ paused: z.boolean() }).strict())<AppStatus>()
  },
  events: {
    'app:status': event<AppStatus>(),
    'app:navigate': event<{ area: Area }>()
  }
})
