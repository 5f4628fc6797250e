import { z } from 'zod'

/**
 * Building blocks of the contract. A channel carries the zod schema its input must pass and, as a
 * phantom type, what it returns; an event carries its payload type the same way. Each domain
 * writes its channels and events once, in `src/shared/contract/<domain>.ts`; `../contract.ts`
 * merges them, and every runtime list (channel names, event names) is derived from that merge.
 */
export interface ChannelDef<I extends z.ZodType, O> {
  input: I
  /** Phantom: carries the result type only. */
  output?: O
}

export const channel =
  <I extends z.ZodType>(input: I) =>
  <O>(): ChannelDef<I, O> => ({ input })

export interface EventDef<P> {
  /** Phantom: carries the payload type only. */
  payload?: P
}

export const event = <P>(): EventDef<P> => ({})

/** For channels that take no input. */
export const none = z.undefined('This request takes no input.')

/** One domain's part of the contract. Names are `namespace:method`. */
export interface DomainContract {
  channels: Record<`${string}:${string}`, ChannelDef<z.ZodType, unknown>>
  events: Record<`${string}:${string}`, EventDef<unknown>>
}

export const defineDomain = <const D extends DomainContract>(domain: D): D => domain
