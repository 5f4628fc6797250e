import { z } from 'zod'
import { ENDPOINT_URL_RULE, isAllowedEndpointUrl } from './endpoint-url'

/**
 * Non-secret preferences, persisted by main in electron-store (never secrets: those live in the
 * keychain). The schema is the single source of truth for shape, defaults and validation; the
 * renderer receives the parsed value and sends partial updates that main validates again.
 */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use the 24-hour HH:MM form')

/** An optional endpoint override: null means "use the environment variable, else the default". */
const endpointOverride = z
  .string()
  .trim()
  .max(2048)
  .url('Enter a full URL, e.g. https://api.upwork.com/graphql')
  .refine(isAllowedEndpointUrl, ENDPOINT_URL_RULE)
  .nullable()

/** Upwork organization ids are numeric strings; this also keeps header-breaking characters out. */
const tenantId = z.string().trim().min(1).max(100).regex(/^[\w:-]+$/, 'Not a valid organization id')

export const settingsSchema = z.object({
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  language: z.enum(['en']).default('en'),
  onboardingCompleted: z.boolean().default(false),
  automationPaused: z.boolean().default(false),
  notifications: z
    .object({
      enabled: z.boolean().default(true),
      minScore: z.number().int().min(0).max(100).default(70),
      sound: z.boolean().default(true),
      quietHours: z
        .object({ enabled: z.boolean().default(false), start: hhmm.default('22:00'), end: hhmm.default('08:00') })
        .prefault({})
    })
    .prefault({}),
  upwork: z
    .object({
      authUrl: endpointOverride.default(null),
      tokenUrl: endpointOverride.default(null),
      graphqlUrl: endpointOverride.default(null),
      /** The fixed loopback port registered as the key's callback (Upwork matches it exactly). */
      callbackPort: z.number().int().min(1024).max(65535).default(47615),
      /** PKCE S256: Upwork does not document support, so it is off unless the user turns it on. */
      usePkce: z.boolean().default(false),
      /** The user's own ceiling on API requests per hour (well under Upwork's limits). */
      hourlyRequestBudget: z.number().int().min(10).max(5000).default(300),
      /** X-Upwork-API-TenantId; null uses the user's default organization. */
      tenantId: tenantId.nullable().default(null)
    })
    .prefault({}),
  ai: z
    .object({
      baseUrl: endpointOverride.default(null),
      model: z.string().trim().min(1).default('gpt-4o-mini'),
      dailyTokenBudget: z.number().int().min(1000).max(10_000_000).default(200_000)
    })
    .prefault({})
})

export type Settings = z.infer<typeof settingsSchema>

/** A deep-partial update, as the Settings screen sends it. Unknown keys are refused. */
export const settingsPatchSchema = z
  .object({
    theme: settingsSchema.shape.theme.removeDefault().optional(),
    language: settingsSchema.shape.language.removeDefault().optional(),
    onboardingCompleted: z.boolean().optional(),
    automationPaused: z.boolean().optional(),
    notifications: z
      .object({
        enabled: z.boolean().optional(),
        minScore: z.number().int().min(0).max(100).optional(),
        sound: z.boolean().optional(),
        quietHours: z
          .object({ enabled: z.boolean().optional(), start: hhmm.optional(), end: hhmm.optional() })
          .strict()
          .optional()
      })
      .strict()
      .optional(),
    upwork: z
      .object({
        authUrl: endpointOverride.optional(),
        tokenUrl: endpointOverride.optional(),
        graphqlUrl: endpointOverride.optional(),
        callbackPort: z.number().int().min(1024).max(65535).optional(),
        usePkce: z.boolean().optional(),
        hourlyRequestBudget: z.number().int().min(10).max(5000).optional(),
        tenantId: tenantId.nullable().optional()
      })
      .strict()
      .optional(),
    ai: z
      .object({
        baseUrl: endpointOverride.optional(),
        model: z.string().trim().min(1).optional(),
        dailyTokenBudget: z.number().int().min(1000).max(10_000_000).optional()
      })
      .strict()
      .optional()
  })
  .strict()

export type SettingsPatch = z.infer<typeof settingsPatchSchema>

export const defaultSettings = (): Settings => settingsSchema.parse({})

/** Applies a validated patch to settings, one level of nesting deep (the shape above). */
export function mergeSettings(current: Settings, patch: SettingsPatch): Settings {
  const next = { ...current } as Record<string, unknown>
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue
    const prev = (current as Record<string, unknown>)[key]
    if (value !== null && typeof value === 'object' && prev !== null && typeof prev === 'object') {
      const merged = { ...(prev as Record<string, unknown>) }
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v === undefined) continue
        const inner = merged[k]
        merged[k] =
          v !== null && typeof v === 'object' && inner !== null && typeof inner === 'object'
            ? { ...(inner as Record<string, unknown>), ...(v as Record<string, unknown>) }
            : v
      }
      next[key] = merged
    } else {
      next[key] = value
    }
  }
  return settingsSchema.parse(next)
}
