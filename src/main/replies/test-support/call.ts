import { channels, type ChannelInput, type ChannelOutput } from '@shared/contract'
import type { RepliesModule } from '../module'

/** Calls a replies handler the way IPC does: the input through the channel's schema first. */
export async function callReplies<C extends keyof RepliesModule['handlers']>(replies: RepliesModule, name: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const parsed = channels[name].input.parse(input) as never
  return (replies.handlers[name] as (i: never) => Promise<ChannelOutput<C>>)(parsed)
}
