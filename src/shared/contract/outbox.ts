import { z } from 'zod'
import type { OutboxItemDto } from '../outbox'
import { channel, defineDomain, event, none } from './define'

const id = z.number().int().positive()

/**
 * The outbox (everything GigPilot sends to Upwork). Items are created by the review queue and the
 * messaging screen through the outbox module's API (one per user click), not over IPC; these
 * channels show them and act on one item at the user's click.
 */
export const outboxContract = defineDomain({
  channels: {
    /** Every item, newest first, each with its state and history. */
    'outbox:list': channel(none)<OutboxItemDto[]>(),
    'outbox:get': channel(z.object({ id }).strict())<OutboxItemDto>(),
    /** Send a `failed` item again (a user click). Anything else is refused in plain words. */
    'outbox:retry': channel(z.object({ id }).strict())<OutboxItemDto>(),
    /** Cancel a `queued` item before it is sent (it becomes `failed`, code "cancelled"). */
    'outbox:cancel': channel(z.object({ id }).strict())<OutboxItemDto>()
  },
  events: {
    /** An item was created or changed state. */
    'outbox:changed': event<OutboxItemDto>()
  }
})
