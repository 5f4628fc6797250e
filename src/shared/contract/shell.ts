import { z } from 'zod'
import { channel, defineDomain } from './define'

/** Links that leave the app for the system browser (main checks each one; see security/external-url.ts). */
export const shellContract = defineDomain({
  channels: {
    'shell:openExternal': channel(z.object({ url: z.string().max(2048) }).strict())<{ opened: boolean }>()
  },
  events: {}
})
