import { z } from 'zod'
import type { IpcResult } from './ipc-result'
import { settingsPatchSchema, type Settings } from './settings'
import type { AccountSummary, ApiUsage, AppInfo, AppStatus, Area } from './types'
import { AREAS } from './types'

/**
 * The one IPC contract. Each channel is written here once, as `namespace:method`, with the zod
 * schema its input must pass and (as a phantom type) what it returns. Main registers a handler
 * per channel, the preload derives one method per channel, and the renderer's client is typed
 * from the same map: adding a channel here is the only way to add one anywhere.
 */
interface ChannelDef<I extends z.ZodType, O> {
  input: I
  /** Phantom: carries the result type only. */
  output?: O
}

const channel =
  <I extends z.ZodType>(input: I) =>
  <O>(): ChannelDef<I, O> => ({ input })

const none = z.undefined()

export const credentialsSchema = z
  .object({
    clientId: z.string().trim().min(1, 'Enter the client ID (Key) of your Upwork API key').max(200),
    clientSecret: z.string().trim().min(1, 'Enter the client secret of your Upwork API key').max(200)
  })
  .strict()

export const channels = {
  'app:getInfo': channel(none)<AppInfo>(),
  'app:getStatus': channel(none)<AppStatus>(),
  'settings:get': channel(none)<Settings>(),
  'settings:update': channel(settingsPatchSchema)<Settings>(),
  'settings:reset': channel(none)<Settings>(),
  'automation:setPaused': channel(z.object({ paused: z.boolean() }).strict())<AppStatus>(),
  'notifications:test': channel(none)<{ shown: boolean; reason?: string }>(),
  'shell:openExternal': channel(z.object({ url: z.string().max(2048) }).strict())<{ opened: boolean }>(),
  'upwork:getAccount': channel(none)<AccountSummary>(),
  'upwork:saveCredentials': channel(credentialsSchema)<AccountSummary>(),
  'upwork:connect': channel(none)<AccountSummary>(),
  'upwork:cancelConnect': channel(none)<AccountSummary>(),
  'upwork:disconnect': channel(z.object({ forgetKey: z.boolean().optional() }).strict().optional())<AccountSummary>(),
  'upwork:selectOrganization': channel(z.object({ tenantId: z.string().trim().min(1).max(100).regex(/^[\w:-]+$/).nullable() }).strict())<AccountSummary>(),
  'upwork:refreshCapabilities': channel(none)<AccountSummary>(),
  'upwork:getUsage': channel(none)<ApiUsage>()
} as const

export type Channels = typeof channels
export type ChannelName = keyof Channels
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>
export type ChannelParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>
export type ChannelOutput<C extends ChannelName> = NonNullable<Channels[C]['output']>

export const channelNames = Object.keys(channels) as ChannelName[]

/** Main → renderer events: name → payload. */
export interface EventMap {
  'app:status': AppStatus
  'app:navigate': { area: Area }
  'settings:changed': Settings
  'upwork:account': AccountSummary
  'upwork:usage': ApiUsage
}
export type EventName = keyof EventMap

/** Runtime list of event names (the preload refuses any other). Kept in sync by the type below. */
export const eventNames = ['app:status', 'app:navigate', 'settings:changed', 'upwork:account', 'upwork:usage'] as const
type MissingEvents = Exclude<EventName, (typeof eventNames)[number]>
const _allEventsListed: MissingEvents extends never ? true : never = true
void _allEventsListed

export const areaSchema = z.enum(AREAS as [Area, ...Area[]])

// ---- The API shape the preload exposes as window.gigpilot ----

type NamespaceOf<C> = C extends `${infer N}:${string}` ? N : never
type MethodOf<C, N extends string> = C extends `${N}:${infer M}` ? M : never
export type Namespace = NamespaceOf<ChannelName>

type ArgsOf<C extends ChannelName> = undefined extends ChannelInput<C>
  ? [input?: ChannelInput<C>]
  : [input: ChannelInput<C>]

export type BridgeApi = {
  [N in Namespace]: {
    [M in MethodOf<ChannelName, N>]: `${N}:${M}` extends infer C extends ChannelName
      ? (...args: ArgsOf<C>) => Promise<IpcResult<ChannelOutput<C>>>
      : never
  }
} & {
  /** Subscribe to a main → renderer event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void
}
