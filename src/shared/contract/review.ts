import {
  approveSchema,
  draftIdSchema,
  reviewQueueSchema,
  type ApproveResultDto,
  type AutopilotStatusDto,
  type ReviewChangedEvent,
  type ReviewItemDto
} from '../review'
import { channel, defineDomain, event, none } from './define'

/**
 * The review queue and approval (issue 8 item 6). Approve is the user's click: through the outbox
 * when the key can submit proposals, else "submit it on upwork.com" and confirm. Autopilot only
 * prepares and queues drafts; nothing here approves by itself.
 */
export const reviewContract = defineDomain({
  channels: {
    /** Queued drafts (and approved ones awaiting the outbox or confirmation), best score first. */
    'review:queue': channel(reviewQueueSchema)<ReviewItemDto[]>(),
    'review:approve': channel(approveSchema)<ApproveResultDto>(),
    /** The user's "Send to review" from the draft editor: a `draft` becomes `queued` (refused for discarded / sent / approved, or while the AI writes it). */
    'review:enqueue': channel(draftIdSchema)<{ draftId: number; status: 'queued' }>(),
    'review:discard': channel(draftIdSchema)<{ draftId: number; status: 'discarded' }>(),
    /** Manual mode: the user submitted it on upwork.com (the job becomes applied, the draft sent). */
    'review:confirmApplied': channel(draftIdSchema)<{ draftId: number; status: 'sent' }>(),
    'review:autopilot': channel(none)<AutopilotStatusDto>(),
    /** Runs Autopilot now (a user click; still within the daily limit and the AI budget). */
    'review:runAutopilot': channel(none)<AutopilotStatusDto>()
  },
  events: {
    /** A draft entered, moved in or left the queue. */
    'review:changed': event<ReviewChangedEvent>(),
    'review:autopilotStatus': event<AutopilotStatusDto>()
  }
})
