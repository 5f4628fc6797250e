import { z } from 'zod'
import { tenantIdSchema } from '../settings'
import type { AccountSummary, ApiUsage } from '../types'
import { channel, defineDomain, event, none } from './define'

const credentialField = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what}.`)
    .max(200, `The ${what} is longer than 200 characters; check that you pasted the right value.`)
    .refine(
      (v) => !/\s/.test(v) && ![...v].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f),
      `The ${what} must not contain spaces or line breaks.`
    )

/** The user's own Upwork API key, as typed into Settings → Upwork account. Checked at IPC and again by the connection. */
export const credentialsSchema = z
  .object({
    clientId: credentialField('client ID (key)'),
    clientSecret: credentialField('client secret')
  })
  .strict()

export type Credentials = z.infer<typeof credentialsSchema>

export const upworkContract = defineDomain({
  channels: {
    'upwork:getAccount': channel(none)<AccountSummary>(),
    'upwork:saveCredentials': channel(credentialsSchema)<AccountSummary>(),
    'upwork:connect': channel(none)<AccountSummary>(),
    'upwork:cancelConnect': channel(none)<AccountSummary>(),
    'upwork:disconnect': channel(z.object({ forgetKey: z.boolean().optional() }).strict().optional())<AccountSummary>(),
    'upwork:selectOrganization': channel(z.object({ tenantId: tenantIdSchema.nullable() }).strict())<AccountSummary>(),
    'upwork:refreshCapabilities': channel(none)<AccountSummary>(),
    'upwork:getUsage': channel(none)<ApiUsage>()
  },
  events: {
    'upwork:account': event<AccountSummary>(),
    'upwork:usage': event<ApiUsage>()
  }
})
