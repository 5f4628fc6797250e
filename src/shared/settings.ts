import { z } from 'zod'
import { ENDPOINT_URL_RULE, isAllowedEndpointUrl } from './endpoint-url'
import { issuesByField, UNKNOWN_FIELD_MESSAGE } from './field-problems'

/**
 * Non-secret preferences, persisted by main in electron-store (never secrets: those live in the
 * keychain). The schema is the single source of truth for shape, defaults, validation and the
 * words a rejected value is explained with (shown at the field, so plain words, no jargon); the
 * update ("patch") schema is derived from it. The renderer receives the parsed value and sends
 * partial updates that main validates again.
 */

/** Plain words for each rule, by field. The UI shows them at the field (translated by key there). */
export const SETTINGS_FIELD_MESSAGES = {
  choice: 'Choose one of the options in the list.',
  onOff: 'Choose on or off.',
  time: 'Enter a time as HH:MM on the 24-hour clock, for example 22:00.',
  url: 'Enter a full web address, for example https://api.upwork.com/graphql.',
  urlTooLong: 'This web address is too long (at most 2,048 characters).',
  urlRule: ENDPOINT_URL_RULE,
  minScore: 'Enter a whole number from 0 to 100.',
  callbackPort: 'Enter a port number from 1024 to 65535.',
  hourlyRequestBudget: 'Enter a whole number of requests from 10 to 5,000.',
  tenantId: 'That is not a valid Upwork organization id.',
  modelEmpty: 'Enter the name of the AI model, for example gpt-4o-mini.',
  modelTooLong: 'The model name is too long (at most 200 characters).',
  dailyTokenBudget: 'Enter a whole number of tokens from 1,000 to 10,000,000.',
  aiHourlyRequestLimit: 'Enter a whole number of AI requests per hour from 1 to 10,000.',
  autoAnalyzeTopK: 'Enter how many jobs to analyse after each check: a whole number from 1 to 50.',
  autopilotTopN: 'Enter how many drafts Autopilot may prepare a day: a whole number from 1 to 50.',
  autopilotIntervalHours: 'Enter how often Autopilot runs: a whole number of hours from 1 to 24.',
  messagingPollMinutes: 'Enter how often to check for client messages: a whole number of minutes from 1 to 60.',
  messagingFollowUpDays: 'Enter after how many days of silence to remind you: a whole number from 1 to 60.',
  group: 'These settings are not in a form GigPilot can read.',
  unknown: UNKNOWN_FIELD_MESSAGE
} as const
const M = SETTINGS_FIELD_MESSAGES

const onOff = () => z.boolean(M.onOff)
const choice = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, M.choice)
const wholeNumber = (min: number, max: number, message: string) => z.number(message).int(message).min(min, message).max(max, message)
const hhmm = z.string(M.time).regex(/^([01]\d|2[0-3]):[0-5]\d$/, M.time)

/** An optional endpoint override: null means "use the environment variable, else the default". */
const endpointOverride = z
  .string(M.url)
  .trim()
  .max(2048, M.urlTooLong)
  .url(M.url)
  .refine(isAllowedEndpointUrl, M.urlRule)
  .nullable()

/** Upwork organization ids are numeric strings; the pattern also keeps header-breaking characters out. */
export const tenantIdSchema = z.string(M.tenantId).trim().min(1, M.tenantId).max(100, M.tenantId).regex(/^[\w:-]+$/, M.tenantId)

export const LANGUAGES = ['system', 'en', 'uk'] as const
export type Language = (typeof LANGUAGES)[number]

export const settingsSchema = z.object({
  theme: choice(['system', 'light', 'dark']).default('system'),
  /** 'system' follows the operating system's language when GigPilot has it, else English. */
  language: choice(LANGUAGES).default('system'),
  onboardingCompleted: onOff().default(false),
  automationPaused: onOff().default(false),
  notifications: z
    .object({
      enabled: onOff().default(true),
      minScore: wholeNumber(0, 100, M.minScore).default(70),
      sound: onOff().default(true),
      quietHours: z
        .object({ enabled: onOff().default(false), start: hhmm.default('22:00'), end: hhmm.default('08:00') })
        .prefault({})
    })
    .prefault({}),
  upwork: z
    .object({
      authUrl: endpointOverride.default(null),
      tokenUrl: endpointOverride.default(null),
      graphqlUrl: endpointOverride.default(null),
      /** The fixed loopback port registered as the key's callback (Upwork matches it exactly). */
      callbackPort: wholeNumber(1024, 65535, M.callbackPort).default(47615),
      /** PKCE S256: Upwork does not document support, so it is off unless the user turns it on. */
      usePkce: onOff().default(false),
      /** The user's own ceiling on API requests per hour (well under Upwork's limits). */
      hourlyRequestBudget: wholeNumber(10, 5000, M.hourlyRequestBudget).default(300),
      /** X-Upwork-API-TenantId; null uses the user's default organization. */
      tenantId: tenantIdSchema.nullable().default(null)
    })
    .prefault({}),
  ai: z
    .object({
      baseUrl: endpointOverride.default(null),
      model: z.string(M.modelEmpty).trim().min(1, M.modelEmpty).max(200, M.modelTooLong).default('gpt-4o-mini'),
      dailyTokenBudget: wholeNumber(1000, 10_000_000, M.dailyTokenBudget).default(200_000),
      /** Requests to the AI provider per rolling hour, across all AI features (issue 8, item 9). */
      hourlyRequestLimit: wholeNumber(1, 10_000, M.aiHourlyRequestLimit).default(1000),
      /** After each ingest, analyse up to topK new jobs scoring at least minScore (within the budget). Off by default: it spends tokens. */
      autoAnalyze: z
        .object({
          enabled: onOff().default(false),
          topK: wholeNumber(1, 50, M.autoAnalyzeTopK).default(5),
          minScore: wholeNumber(0, 100, M.minScore).default(80)
        })
        .prefault({})
    })
    .prefault({}),
  review: z
    .object({
      /** Autopilot (issue 8 item 6): prepares and queues drafts for the best new matches; never approves. Off by default. */
      autopilot: z
        .object({
          enabled: onOff().default(false),
          /** 'daily': once a day at `time` (local); 'interval': every `intervalHours`. */
          schedule: choice(['daily', 'interval']).default('daily'),
          time: hhmm.default('09:00'),
          intervalHours: wholeNumber(1, 24, M.autopilotIntervalHours).default(4),
          /** At most this many drafts prepared per local day. */
          topN: wholeNumber(1, 50, M.autopilotTopN).default(5),
          minScore: wholeNumber(0, 100, M.minScore).default(80)
        })
        .prefault({})
    })
    .prefault({}),
  messaging: z
    .object({
      /** How often rooms are checked for new client messages (jittered; paused like job discovery). */
      pollMinutes: wholeNumber(1, 60, M.messagingPollMinutes).default(2),
      /** A native notification for new client messages (the general notifications switch and quiet hours apply too). */
      notify: onOff().default(true),
      /** Days without an answer from the client (after your last message or proposal) before a follow-up reminder (replies). */
      followUpDays: wholeNumber(1, 60, M.messagingFollowUpDays).default(3)
    })
    .prefault({}),
  learning: z
    .object({
      /** The review queue's order (its sort control, remembered): best fit score first, or the draft's predicted chance of a reply. */
      queueOrder: choice(['score', 'prediction']).default('score')
    })
    .prefault({})
})

export type Settings = z.infer<typeof settingsSchema>

type DeepPartial<T> = { [K in keyof T]?: T[K] extends Record<string, unknown> ? DeepPartial<T[K]> : T[K] }

/** A deep-partial update, as the Settings screen sends it. */
export type SettingsPatch = DeepPartial<Settings>

/**
 * The update schema, derived from settingsSchema: every field optional and without its default
 * (an absent field means "unchanged"), nested objects likewise, unknown keys refused. The field
 * rules and their messages are the settings schema's own, so they cannot drift apart.
 */
function patchOf(schema: z.ZodObject): z.ZodObject {
  const shape: Record<string, z.ZodType> = {}
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    let inner: z.ZodType = field
    while (inner instanceof z.ZodDefault || inner instanceof z.ZodPrefault) inner = inner.unwrap() as z.ZodType
    shape[key] = (inner instanceof z.ZodObject ? patchOf(inner) : inner).optional()
  }
  return z.object(shape, M.group).strict()
}

export const settingsPatchSchema = patchOf(settingsSchema) as unknown as z.ZodType<SettingsPatch, SettingsPatch>

export const defaultSettings = (): Settings => settingsSchema.parse({})

/**
 * The plain-words message for each rejected field of a settings update, by dotted path
 * (`notifications.minScore`), or null when the patch is valid. The Settings screen uses it to
 * explain a value at its field before sending; main refuses the same patch with the same words.
 */
export function settingsPatchProblems(patch: unknown): Record<string, string> | null {
  const result = settingsPatchSchema.safeParse(patch)
  return result.success ? null : issuesByField(result.error)
}

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
