import type { MessageDto, NewClientMessageDto, ThreadContextDto, ThreadSummaryDto } from '@shared/messaging'
import { previewOf } from '@shared/messaging'
import type { OwnMessageDto, ThreadReader } from '../../messaging/api'
import type { Clock } from '../../ports/clock'
import type { RepliesMessaging } from '../module'

interface Room {
  summary: ThreadSummaryDto
  messages: MessageDto[]
  proposal: ThreadContextDto['proposal']
}

/**
 * The messaging module's API as replies uses it (`threads`, `onClientMessages`, `onOwnMessages`),
 * kept in memory, for the replies tests that need a thread the test writes by hand (bursts,
 * follow-up silences days long on the ManualClock). The end-to-end tests use the real sync.
 */
export class StandInMessaging implements RepliesMessaging {
  private readonly rooms = new Map<string, Room>()
  private readonly clientListeners = new Set<(m: NewClientMessageDto[]) => void>()
  private readonly ownListeners = new Set<(m: OwnMessageDto[]) => void>()
  private nextId = 1

  constructor(private readonly clock: Clock) {}

  addRoom(roomId: string, opts: { title?: string; clientName?: string | null; jobId?: number | null; proposalId?: number | null; proposalText?: string | null } = {}): void {
    this.rooms.set(roomId, {
      summary: {
        roomId,
        title: opts.title ?? 'Electron app: add offline sync',
        clientName: opts.clientName === undefined ? 'Anna Client' : opts.clientName,
        roomType: 'ONE_ON_ONE',
        unreadCount: 0,
        lastActivityAt: this.clock.now(),
        lastMessage: null,
        jobId: opts.jobId ?? null,
        proposalId: opts.proposalId ?? null,
        upworkProposalId: null,
        contractId: null,
        gone: false
      },
      messages: [],
      proposal: opts.proposalId
        ? { id: opts.proposalId, upworkProposalId: null, text: opts.proposalText ?? null, bidAmount: 85, status: 'Pending', stage: 'submitted', submittedAt: null }
        : null
    })
  }

  setGone(roomId: string): void {
    this.room(roomId).summary.gone = true
  }

  /** Stores messages as the sync would; client ones are announced in one call (a sync's batch), own ones too. */
  post(roomId: string, items: ReadonlyArray<{ text: string; fromMe?: boolean; at?: number; storyId?: string }>, opts: { announce?: boolean } = {}): MessageDto[] {
    const room = this.room(roomId)
    const added = items.map((m): MessageDto => {
      const id = this.nextId++
      return {
        id,
        storyId: m.storyId ?? `story_${roomId}_${id}`,
        roomId,
        authorName: m.fromMe ? 'Dana Kowalski' : room.summary.clientName,
        authorId: m.fromMe ? 'me' : 'client',
        fromMe: m.fromMe ?? false,
        text: m.text,
        sentAt: m.at ?? this.clock.now(),
        editedAt: null,
        deleted: false,
        truncated: false
      }
    })
    room.messages.push(...added)
    room.messages.sort((a, b) => a.sentAt - b.sentAt || a.id - b.id)
    const last = room.messages.at(-1)!
    room.summary.lastMessage = { text: previewOf(last.text), fromMe: last.fromMe, deleted: false, sentAt: last.sentAt }
    room.summary.lastActivityAt = last.sentAt
    if (opts.announce !== false) {
      const client = added.filter((m) => !m.fromMe)
      const own = added.filter((m) => m.fromMe)
      const base = { jobId: room.summary.jobId, proposalId: room.summary.proposalId }
      if (client.length) {
        const event = client.map((m) => ({ messageId: m.id, storyId: m.storyId, roomId, clientName: room.summary.clientName, preview: previewOf(m.text), sentAt: m.sentAt, ...base }))
        for (const l of [...this.clientListeners]) l(event)
      }
      if (own.length) {
        const event = own.map((m) => ({ messageId: m.id, storyId: m.storyId, roomId, sentAt: m.sentAt, ...base }))
        for (const l of [...this.ownListeners]) l(event)
      }
    }
    return added
  }

  readonly threads: ThreadReader = {
    get: async (roomId) => this.rooms.get(roomId)?.summary ?? null,
    messages: async (roomId, options) => (this.rooms.get(roomId)?.messages ?? []).slice(-(options?.limit ?? 50)),
    list: async (options) => [...this.rooms.values()].map((r) => r.summary).sort((a, b) => b.lastActivityAt - a.lastActivityAt).slice(0, options?.limit ?? 50),
    context: async (roomId) => {
      const room = this.room(roomId)
      return { roomId, job: null, jobTitle: room.summary.title, proposal: room.proposal, client: { name: room.summary.clientName, userId: null, stats: null }, earlierThreads: [] }
    }
  }

  onClientMessages(listener: (messages: NewClientMessageDto[]) => void): () => void {
    this.clientListeners.add(listener)
    return () => void this.clientListeners.delete(listener)
  }

  onOwnMessages(listener: (messages: OwnMessageDto[]) => void): () => void {
    this.ownListeners.add(listener)
    return () => void this.ownListeners.delete(listener)
  }

  private room(roomId: string): Room {
    const room = this.rooms.get(roomId)
    if (!room) throw new Error(`no room ${roomId}`)
    return room
  }
}
