import type { ChannelName, ChannelOutput, ChannelParsedInput } from '@shared/contract'
import type { AppStatus } from '@shared/types'
import type { EventBus } from './event-bus'

/** The handler of one contract channel; its input is already validated by the channel's schema. */
export type Handler<C extends ChannelName> = (input: ChannelParsedInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>

/** One handler per channel in `C` (a domain's slice); `Handlers` is the whole contract. */
export type HandlersFor<C extends ChannelName> = { [K in C]: Handler<K> }
export type Handlers = HandlersFor<ChannelName>

/** What a domain adds to the app status the status bar and banners show. */
export type StatusContribution = Partial<Omit<AppStatus, 'notices'>> & {
  /** Things the user should know about, in plain words; gone when the domain drops them. */
  notices?: readonly string[]
}

/** What a domain's `wireEvents` gets: the event bus, and a way to say its status contribution changed. */
export interface DomainWiring {
  bus: EventBus
  statusChanged(): void
}

/**
 * A domain: one folder under src/main/ whose factory takes its dependencies and returns this.
 * The composition root (app/create-core.ts) merges the handler slices into the IPC handler map,
 * calls `wireEvents` once, merges `status()` into the app status, and calls `dispose` at quit
 * (in reverse order). A domain talks to another only through what the other's factory returns.
 */
export interface DomainModule<C extends ChannelName = never> {
  readonly name: string
  readonly handlers: HandlersFor<C>
  /** Subscribes to services and forwards to the bus; returns what undoes it. */
  wireEvents?(wiring: DomainWiring): () => void
  status?(): StatusContribution
  dispose?(): Promise<void> | void
}
