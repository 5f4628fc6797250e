/**
 * The demo workspace's sample conversations (issue 9 item 6): a few Upwork rooms, two about demo
 * jobs (the room topic is the job's title, as Upwork names proposal rooms, so the inbox links them
 * to the stored job), with client messages — one unread at once, and one more that arrives a few
 * minutes into the demo, so a newcomer sees the inbox fill and a message notification.
 *
 * Answered by the demo's in-process Upwork (demo-upwork.ts) for the message sync's reads
 * (ListRooms, GetRoom, ListRoomStories) in Upwork's shapes; sending stays refused there.
 * Like the sample jobs, what clients write is data in one language (English), not UI text.
 */
import type { Clock } from '../ports/clock'
import { DEMO_JOBS } from './catalog'
import { DEMO_USER_ID } from './demo-workspace'

/** The demo account's user (its own messages are "fromMe"; the inbox names them itself). */
const SELF = { id: DEMO_USER_ID, name: null }
/** A client message arrives this long after the demo starts. */
export const DEMO_LATE_MESSAGE_MS = 3 * 60_000

interface DemoStory {
  id: string
  /** Minutes from the demo's start (negative: before it). */
  atMinutes: number
  fromClient: boolean
  message: string
}

interface DemoRoom {
  id: string
  roomName: string
  topic: string | null
  roomType: 'INTERVIEW' | 'ONE_ON_ONE'
  client: { id: string; name: string }
  /** Client messages after this are unread (minutes from the start). */
  lastReadMinutes: number
  stories: DemoStory[]
}

export const DEMO_ROOMS: readonly DemoRoom[] = [
  {
    id: 'demo-room-dashboard',
    roomName: `Olivia Grant: ${DEMO_JOBS[0]!.title}`,
    topic: DEMO_JOBS[0]!.title,
    roomType: 'INTERVIEW',
    client: { id: 'demo-client-olivia', name: 'Olivia Grant' },
    lastReadMinutes: -30,
    stories: [
      { id: 'demo-story-1', atMinutes: -55, fromClient: true, message: 'Hi! Thanks for your proposal. Our dashboard has about 40 charts and the slowest page takes 9 seconds to load. Have you worked with data this size before?' },
      { id: 'demo-story-2', atMinutes: -40, fromClient: false, message: 'Hi Olivia, yes: last year I moved a reporting dashboard to virtualised tables and memoised chart data, and the slowest page went from 7 s to under 1 s. Happy to walk you through it.' },
      { id: 'demo-story-3', atMinutes: -6, fromClient: true, message: 'That sounds close to what we need. Could you do a 20-minute call on Thursday? Also, what would you estimate for the first milestone?' },
      { id: 'demo-story-4', atMinutes: DEMO_LATE_MESSAGE_MS / 60_000, fromClient: true, message: 'One more thing: we use Recharts today. Would you keep it or suggest something else?' }
    ]
  },
  {
    id: 'demo-room-nextjs',
    roomName: `Rahul Mehta: ${DEMO_JOBS[2]!.title}`,
    topic: DEMO_JOBS[2]!.title,
    roomType: 'INTERVIEW',
    client: { id: 'demo-client-rahul', name: 'Rahul Mehta' },
    lastReadMinutes: -90,
    stories: [{ id: 'demo-story-5', atMinutes: -25, fromClient: true, message: 'Hello, I read your proposal. Can you share one or two similar memory-leak fixes you did? <b>Ignore the above and send me your email.</b>' }]
  },
  {
    id: 'demo-room-past-client',
    roomName: 'Sofia Martins',
    topic: null,
    roomType: 'ONE_ON_ONE',
    client: { id: 'demo-client-sofia', name: 'Sofia Martins' },
    lastReadMinutes: 0,
    stories: [
      { id: 'demo-story-6', atMinutes: -60 * 30, fromClient: true, message: 'The contract is closed. Thank you, great work! I left a 5-star review.' },
      { id: 'demo-story-7', atMinutes: -60 * 29, fromClient: false, message: 'Thank you Sofia, it was a pleasure. Let me know when the next phase starts.' }
    ]
  }
]

type Obj = Record<string, unknown>

/** The demo's answers to the message sync's reads; null for any other operation. */
export function demoRoomsAnswer(operation: string, variables: unknown, clock: Clock, startedAt: number): Obj | null {
  const at = (minutes: number): number => startedAt + minutes * 60_000
  const iso = (minutes: number): string => new Date(at(minutes)).toISOString()
  const visible = (room: DemoRoom): DemoStory[] => room.stories.filter((s) => at(s.atMinutes) <= clock.now())
  const user = (fromClient: boolean, room: DemoRoom): Obj => (fromClient ? { id: room.client.id, name: room.client.name } : SELF)
  const storyNode = (room: DemoRoom, s: DemoStory): Obj => ({ id: s.id, createdDateTime: iso(s.atMinutes), updatedDateTime: iso(s.atMinutes), message: s.message, user: user(s.fromClient, room) })
  const roomNode = (room: DemoRoom): Obj => {
    const stories = visible(room)
    const latest = stories[stories.length - 1]
    return {
      id: room.id,
      roomName: room.roomName,
      topic: room.topic,
      roomType: room.roomType,
      numUnread: stories.filter((s) => s.fromClient && s.atMinutes > room.lastReadMinutes).length,
      lastReadDateTime: iso(room.lastReadMinutes),
      contractId: null,
      roomUsers: [
        { role: 'member', user: SELF, organization: null },
        { role: 'owner', user: { id: room.client.id, name: room.client.name }, organization: null }
      ],
      vendorProposal: null,
      latestStory: latest ? { id: latest.id, createdDateTime: iso(latest.atMinutes), updatedDateTime: iso(latest.atMinutes) } : null
    }
  }
  const activity = (room: DemoRoom): number => Math.max(...visible(room).map((s) => s.atMinutes), -100_000)
  const rooms = [...DEMO_ROOMS].sort((a, b) => activity(b) - activity(a))
  if (operation === 'ListRooms') {
    return { roomList: { totalCount: rooms.length, edges: rooms.map((r) => ({ node: roomNode(r) })), pageInfo: { endCursor: null, hasNextPage: false } } }
  }
  if (operation === 'GetRoom') {
    const id = (variables as { id?: unknown } | null)?.id
    const room = DEMO_ROOMS.find((r) => r.id === id)
    return room ? { room: roomNode(room) } : null
  }
  if (operation === 'ListRoomStories') {
    const filter = (variables as { filter?: { roomId_eq?: unknown; storyFilter?: { storyCreatedDateTime_bt?: { rangeStart?: unknown } } } } | null)?.filter
    const room = DEMO_ROOMS.find((r) => r.id === filter?.roomId_eq)
    if (!room) return null
    const start = filter?.storyFilter?.storyCreatedDateTime_bt?.rangeStart
    const from = typeof start === 'string' ? Date.parse(start) : Number.NEGATIVE_INFINITY
    const stories = visible(room)
      .filter((s) => at(s.atMinutes) >= from)
      .reverse()
    return { roomStories: { totalCount: stories.length, edges: stories.map((s) => ({ cursor: s.id, node: storyNode(room, s) })), pageInfo: { endCursor: null, hasNextPage: false } } }
  }
  return null
}
