import type { ChannelName, ChannelOutput, ChannelParsedInput } from '@shared/contract'

/** One async function per contract channel; input already validated by the channel's schema. */
export type Handlers = {
  [C in ChannelName]: (input: ChannelParsedInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>
}
