import { text } from '@shared/i18n'
import { UpworkError } from '../../errors'
import type { RoomMessage } from '../../types'
import { defineOperation, rootField } from '../common'
import { storyNodeSchema, toMessage } from '../messages'
import { runWrite, type WriteContext } from './write-context'

/** Upwork's `createRoomStoryV2`: posts one text message to a room. A write. */
export const SEND_ROOM_MESSAGE = defineOperation(
  'mutation',
  'SendRoomMessage',
  `mutation SendRoomMessage($input: RoomStoryCreateInputV2!) {
  createRoomStoryV2(input: $input) { id createdDateTime updatedDateTime message user { id name } }
}`
)

export const MAX_MESSAGE_CHARS = 10_000

/**
 * Sends one text message. Exactly one POST, never retried here: on an error with
 * `outcomeUnknown`, read the room back before offering to send again.
 */
export async function sendRoomMessage(ctx: WriteContext, roomId: string, message: string): Promise<RoomMessage> {
  if (!roomId.trim()) throw new UpworkError('invalid_input', 'upwork.err.roomIdRequired')
  if (!message.trim()) throw new UpworkError('invalid_input', 'upwork.err.messageEmpty')
  if (message.length > MAX_MESSAGE_CHARS) {
    throw new UpworkError('invalid_input', text('upwork.err.messageTooLong', { max: MAX_MESSAGE_CHARS.toLocaleString('en-US') }))
  }
  const res = await runWrite(ctx, SEND_ROOM_MESSAGE, { input: { roomId, message } })
  // The write happened if Upwork answered with a story; a reply we cannot read is still "sent".
  const story = storyNodeSchema.safeParse(rootField(res, 'createRoomStoryV2'))
  if (!story.success) {
    throw new UpworkError(
      'malformed',
      'upwork.err.messageReplyUnreadable',
      { outcomeUnknown: true }
    )
  }
  return toMessage(story.data)
}
