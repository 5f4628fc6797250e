import type { z } from 'zod'
import { aiContract } from './contract/ai'
import { analyticsContract } from './contract/analytics'
import { appContract } from './contract/app'
import type { ChannelDef, DomainContract, EventDef } from './contract/define'
import { discoveryContract } from './contract/discovery'
import { draftingContract } from './contract/drafting'
import { experimentsContract } from './contract/experiments'
import { messagingContract } from './contract/messaging'
import { notificationsContract } from './contract/notifications'
import { outboxContract } from './contract/outbox'
import { predictionContract } from './contract/prediction'
import { proposalsContract } from './contract/proposals'
import { repliesContract } from './contract/replies'
import { reviewContract } from './contract/review'
import { settingsContract } from './contract/settings'
import { shellContract } from './contract/shell'
import { upworkContract } from './contract/upwork'
import { workspaceContract } from './contract/workspace'
import type { IpcResult } from './ipc-result'

/**
 * The one IPC contract, merged from one file per domain (`src/shared/contract/<domain>.ts`).
 * Each channel (`namespace:method`, with its zod input schema and phantom result type) and each
 * main → renderer event (with its phantom payload type) is written once, in its domain's file.
 * Main registers one handler per channel, the preload derives one method per channel and accepts
 * only these events, and the renderer's client is typed from the same map: adding a channel or
 * event there is the only way to add one anywhere.
 *
 * A new domain: write `contract/<domain>.ts` with `defineDomain`, add it to `domains` below.
 */
const domains = {
  app: appContract,
  settings: settingsContract,
  notifications: notificationsContract,
  shell: shellContract,
  upwork: upworkContract,
  outbox: outboxContract,
  proposals: proposalsContract,
  review: reviewContract,
  replies: repliesContract,
  discovery: discoveryContract,
  drafting: draftingContract,
  experiments: experimentsContract,
  ai: aiContract,
  workspace: workspaceContract,
  messaging: messagingContract,
  analytics: analyticsContract,
  prediction: predictionContract
} as const

type Domains = typeof domains
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never
type Merged<K extends 'channels' | 'events'> = UnionToIntersection<Domains[keyof Domains][K]>

/** Merges one part of every domain's contract; a name claimed by two domains fails at load (it would shadow the other). */
export function mergeDomains<K extends 'channels' | 'events'>(parts: Record<string, DomainContract>, key: K): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [domain, contract] of Object.entries(parts)) {
    for (const [name, def] of Object.entries(contract[key])) {
      if (Object.prototype.hasOwnProperty.call(out, name)) throw new Error(`Contract: ${name} is defined twice (again in ${domain})`)
      out[name] = def
    }
  }
  return Object.freeze(out)
}

const merge = <K extends 'channels' | 'events'>(key: K): Merged<K> => mergeDomains(domains, key) as Merged<K>

export const channels = merge('channels')
export const events = merge('events')

export type Channels = typeof channels
export type ChannelName = keyof Channels & string
type InputOf<C extends ChannelName> = Channels[C] extends ChannelDef<infer I, unknown> ? I : never
export type ChannelInput<C extends ChannelName> = z.input<InputOf<C>>
export type ChannelParsedInput<C extends ChannelName> = z.output<InputOf<C>>
export type ChannelOutput<C extends ChannelName> = NonNullable<Channels[C]['output']>

export const channelNames = Object.keys(channels) as ChannelName[]

/** Main → renderer events: name → payload, derived from the domains' `events`. */
export type EventMap = { [E in keyof typeof events & string]: (typeof events)[E] extends EventDef<infer P> ? P : never }
export type EventName = keyof EventMap

/** Runtime list of event names (the preload refuses any other), derived from the same definition. */
export const eventNames = Object.keys(events) as EventName[]

export { areaSchema } from './contract/app'
export { credentialsSchema, type Credentials } from './contract/upwork'

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
