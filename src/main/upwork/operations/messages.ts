import { z } from 'zod'
import { UpworkError } from '../errors'
import { cleanLongText } from '../sanitize'
import type { Room, RoomMessage, RoomMessagePage, RoomPage } from '../types'
import {
  connectionSchema,
  defineOperation,
  nullableInt,
  nullableString,
  parseEach,
  parseOrThrow,
  rootField,
  run,
  text,
  type OperationContext
} from './common'

/**
 * Messaging reads: rooms (`roomList`) and a room's messages (`roomStories`). Sending a text
 * (`createRoomStoryV2`) is a write and lives in `writes/send-room-message.ts`, which only the
 * outbox may import (eslint.config.js).
 */

/** What the sync reads of a room: its metadata, unread count, participants, links and newest story (the change signal). */
const ROOM_FIELDS = `id
    roomName
    topic
    roomType
    numUnread
    lastReadDateTime
    contractId
    roomUsers { role user { id name } organization { id } }
    vendorProposal { id }
    latestStory { id createdDateTime updatedDateTime }`

export const LIST_ROOMS = defineOperation(
  'query',
  'ListRooms',
  `query ListRooms($pagination: Pagination, $filter: RoomFilter) {
  roomList(pagination: $pagination, filter: $filter, sortOrder: DESC) {
    totalCount
    edges {
      node {
${ROOM_FIELDS}
      }
    }
    pageInfo { endCursor hasNextPage }
  }
}`
)

/** One room by id (a room missing from the list: still there, or gone). */
export const GET_ROOM = defineOperation(
  'query',
  'GetRoom',
  `query GetRoom($id: ID!) {
  room(id: $id) {
${ROOM_FIELDS}
  }
}`
)

export const LIST_STORIES = defineOperation(
  'query',
  'ListRoomStories',
  `query ListRoomStories($filter: RoomStoryFilter) {
  roomStories(filter: $filter) {
    totalCount
    edges {
      cursor
      node { id createdDateTime updatedDateTime message user { id name } }
    }
    pageInfo { endCursor hasNextPage }
  }
}`
)

const roomNodeSchema = z.object({
  id: z.string().min(1),
  roomName: nullableString,
  topic: nullableString,
  roomType: nullableString,
  numUnread: nullableInt,
  lastReadDateTime: nullableString,
  contractId: nullableString,
  roomUsers: z
    .array(
      z.object({
        role: nullableString,
        user: z.object({ id: z.string(), name: nullableString }).nullish(),
        organization: z.object({ id: z.string() }).nullish()
      })
    )
    .nullish(),
  vendorProposal: z.object({ id: z.string() }).nullish(),
  latestStory: z.object({ id: z.string(), createdDateTime: nullableString, updatedDateTime: nullableString }).nullish()
})

/** A message as Upwork returns it (also the reply of the send mutation in writes/). */
export const storyNodeSchema = z.object({
  id: z.string().min(1),
  createdDateTime: z.string(),
  updatedDateTime: nullableString,
  message: nullableString,
  user: z.object({ id: z.string(), name: nullableString }).nullish()
})

function toRoom(r: z.infer<typeof roomNodeSchema>): Room {
  return {
    id: r.id,
    name: text(r.roomName, 300),
    topic: text(r.topic, 1_000),
    roomType: r.roomType ?? null,
    unreadCount: r.numUnread ?? 0,
    lastReadAt: r.lastReadDateTime ?? null,
    contractId: r.contractId ?? null,
    vendorProposalId: r.vendorProposal?.id ?? null,
    latestStory: r.latestStory ? { id: r.latestStory.id, createdAt: r.latestStory.createdDateTime ?? null, updatedAt: r.latestStory.updatedDateTime ?? null } : null,
    participants: (r.roomUsers ?? []).map((u) => ({
      userId: u.user?.id ?? null,
      name: text(u.user?.name, 200),
      organizationId: u.organization?.id ?? null,
      role: text(u.role, 50)
    }))
  }
}

export function toMessage(s: z.infer<typeof storyNodeSchema>): RoomMessage {
  const body = cleanLongText(s.message ?? '')
  return {
    id: s.id,
    createdAt: s.createdDateTime,
    updatedAt: s.updatedDateTime ?? null,
    userId: s.user?.id ?? null,
    userName: text(s.user?.name, 200),
    text: body.text,
    textTruncated: body.truncated
  }
}

function nodesOf(edges: unknown[] | null | undefined): unknown[] {
  return (edges ?? []).map((e) => (e !== null && typeof e === 'object' ? (e as { node?: unknown }).node : e))
}

function pageArgs(first: number, after?: string): { first: number; after?: string } {
  if (!Number.isInteger(first) || first < 1 || first > 100) throw new UpworkError('invalid_input', 'upwork.err.pageSize100')
  return after ? { first, after } : { first }
}

export async function listRooms(ctx: OperationContext, options: { first?: number; after?: string } = {}): Promise<RoomPage> {
  const res = await run(ctx, LIST_ROOMS, {
    pagination: pageArgs(options.first ?? 20, options.after),
    filter: { subscribed_eq: true }
  })
  const conn = parseOrThrow(connectionSchema, rootField(res, 'roomList'), 'the list of conversations')
  const { items, skipped } = parseEach(nodesOf(conn.edges), roomNodeSchema, toRoom, {
    logger: ctx.logger,
    operation: LIST_ROOMS.name,
    required: ['id']
  })
  return {
    rooms: items,
    totalCount: conn.totalCount ?? null,
    endCursor: conn.pageInfo?.endCursor ?? null,
    hasNextPage: conn.pageInfo?.hasNextPage ?? false,
    skipped
  }
}

/**
 * One room, or null when Upwork says it is not there (any other failure throws): how the message
 * sync tells a room that left the first page of the list from one that disappeared.
 */
export async function getRoom(ctx: OperationContext, roomId: string): Promise<Room | null> {
  if (!roomId.trim()) throw new UpworkError('invalid_input', 'upwork.err.roomIdRequired')
  const notFound = (messages: ReadonlyArray<{ message?: string }>): boolean => messages.some((g) => /not found/i.test(g.message ?? ''))
  let res
  try {
    res = await run(ctx, GET_ROOM, { id: roomId })
  } catch (e) {
    // The client turns a reply with errors and no data into an error: "Room not found" means gone.
    if (e instanceof UpworkError && (e.code === 'not_found' || notFound(e.graphqlErrors ?? []))) return null
    throw e
  }
  const node = res.data?.room
  if (node === null || node === undefined) {
    if (notFound(res.errors)) return null
    return rootField(res, 'room') as null
  }
  return toRoom(parseOrThrow(roomNodeSchema, node, 'the conversation'))
}

export async function listStories(
  ctx: OperationContext,
  roomId: string,
  options: {
    first?: number
    after?: string
    /** Only stories created at or after this time (ISO; Upwork's storyCreatedDateTime_bt.rangeStart). */
    since?: string
    /** Only stories created at or before this time (ISO; storyCreatedDateTime_bt.rangeEnd). */
    until?: string
  } = {}
): Promise<RoomMessagePage> {
  if (!roomId.trim()) throw new UpworkError('invalid_input', 'upwork.err.roomIdRequired')
  const storyFilter: Record<string, unknown> = { pagination: pageArgs(options.first ?? 50, options.after) }
  if (options.since || options.until) storyFilter.storyCreatedDateTime_bt = { ...(options.since ? { rangeStart: options.since } : {}), ...(options.until ? { rangeEnd: options.until } : {}) }
  const res = await run(ctx, LIST_STORIES, {
    filter: { roomId_eq: roomId, storyFilter }
  })
  const conn = parseOrThrow(connectionSchema, rootField(res, 'roomStories'), 'the messages')
  const { items, skipped } = parseEach(nodesOf(conn.edges), storyNodeSchema, toMessage, {
    logger: ctx.logger,
    operation: LIST_STORIES.name,
    required: ['id', 'createdDateTime', 'message']
  })
  return {
    messages: items,
    totalCount: conn.totalCount ?? null,
    endCursor: conn.pageInfo?.endCursor ?? null,
    hasNextPage: conn.pageInfo?.hasNextPage ?? false,
    skipped
  }
}
