/**
 * TEST-ONLY control API under /__control/*, so Playwright end-to-end tests (another process) can
 * drive the fake the way in-process tests use the FakeUpwork object. Not part of Upwork's API, never
 * recorded in the request log, and bound to 127.0.0.1 like the rest. POST bodies must be JSON
 * (`Content-Type: application/json`), which also keeps plain cross-site HTML forms out.
 *
 *   GET    /__control/state                 scopes, pending faults, known ids
 *   GET    /__control/requests              the request log     DELETE → clear it
 *   POST   /__control/publish-job           {title?, description?, contractType?, …} → the new job
 *   POST   /__control/post-message          {roomId, text} → the new story
 *   POST   /__control/edit-story            {roomId, storyId, text} → the edited story
 *   POST   /__control/delete-story          {roomId, storyId}
 *   POST   /__control/remove-room           {roomId}
 *   POST   /__control/fault                 {fault: {kind, …}, count?, persistent?, path?, operation?}
 *   POST   /__control/clear-faults
 *   POST   /__control/expire-tokens
 *   POST   /__control/revoke-refresh-tokens
 *   POST   /__control/scopes                {scopes: [...]}
 *   POST   /__control/proposal-submit       {enabled: boolean}: serve the opt-in createJobProposal or not
 *   POST   /__control/proposal-status       {id, status, declineReason?}: a proposal's status changes on Upwork
 *   POST   /__control/reset                 reseed data, clear faults and the log (tokens survive)
 */
import { z } from 'zod'
import { BodyTooLargeError, type Exchange, readBody, sendJson } from './http-util'
import { KNOWN } from './seed'
import type { FakeUpworkServer } from './server'
import { ALL_SCOPES, type Fault, type Scope } from './types'

const scopeSchema = z.enum(ALL_SCOPES as [Scope, ...Scope[]])

const faultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rateLimit'), retryAfterSeconds: z.number().min(0).nullable().optional(), retryAfterDate: z.boolean().optional() }),
  z.object({ kind: z.literal('serverError'), status: z.union([z.literal(500), z.literal(502), z.literal(503)]).optional() }),
  z.object({ kind: z.literal('expiredToken') }),
  z.object({ kind: z.literal('forbidden') }),
  z.object({ kind: z.literal('scopeError'), field: z.string().optional() }),
  z.object({ kind: z.literal('malformedJson') }),
  z.object({ kind: z.literal('missingFields'), fields: z.array(z.string()).min(1) }),
  z.object({ kind: z.literal('wrongTypes') }),
  z.object({ kind: z.literal('nullFields'), fields: z.array(z.string()).min(1) }),
  z.object({ kind: z.literal('delay'), ms: z.number().int().min(0).max(600_000) }),
  z.object({ kind: z.literal('dropConnection'), afterProcessing: z.boolean().optional() })
])

const faultRequestSchema = z.object({
  fault: faultSchema,
  count: z.number().int().min(1).optional(),
  /** JSON has no Infinity: `persistent: true` keeps the fault on until clear-faults. */
  persistent: z.boolean().optional(),
  path: z.enum(['graphql', 'token', 'any']).optional(),
  operation: z.string().optional()
})

const publishJobSchema = z
  .object({
    title: z.string(),
    description: z.string(),
    contractType: z.enum(['HOURLY', 'FIXED']),
    amount: z.number(),
    hourlyBudgetMin: z.number().nullable(),
    hourlyBudgetMax: z.number().nullable(),
    experienceLevel: z.enum(['ENTRY_LEVEL', 'INTERMEDIATE', 'EXPERT']),
    totalApplicants: z.number().int().min(0),
    premium: z.boolean(),
    enterprise: z.boolean()
  })
  .partial()
  .strict()

const postMessageSchema = z.object({ roomId: z.string().min(1), text: z.string().min(1) })
const editStorySchema = z.object({ roomId: z.string().min(1), storyId: z.string().min(1), text: z.string() }).strict()
const deleteStorySchema = z.object({ roomId: z.string().min(1), storyId: z.string().min(1) }).strict()
const removeRoomSchema = z.object({ roomId: z.string().min(1) }).strict()
const scopesSchema = z.object({ scopes: z.array(scopeSchema) })
const proposalSubmitSchema = z.object({ enabled: z.boolean() }).strict()
const proposalStatusSchema = z
  .object({
    id: z.string().min(1),
    status: z.enum(['Pending', 'Activated', 'Accepted', 'Offered', 'Hired', 'Declined', 'Withdrawn', 'Archived']),
    declineReason: z.string().max(500).nullable().optional()
  })
  .strict()

async function jsonBody(ex: Exchange): Promise<unknown> {
  const raw = await readBody(ex.req, 1024 * 1024)
  if (raw.trim() === '') return {}
  if (!/^application\/json/i.test(ex.req.headers['content-type'] ?? '')) throw new ControlInputError('POST bodies must be application/json')
  try {
    return JSON.parse(raw)
  } catch {
    throw new ControlInputError('body is not valid JSON')
  }
}

class ControlInputError extends Error {}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value)
  if (!result.success) throw new ControlInputError(result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '))
  return result.data
}

export async function handleControl(ex: Exchange, fake: FakeUpworkServer): Promise<void> {
  const route = `${ex.req.method ?? 'GET'} ${ex.url.pathname.replace(/\/+$/, '')}`
  try {
    switch (route) {
      case 'GET /__control/state':
        return sendJson(ex, 200, { ...fake.describe(), scopes: fake.getScopes(), proposalSubmit: fake.isProposalSubmitEnabled(), faults: fake.faults.pending(), known: KNOWN })
      case 'GET /__control/requests':
        return sendJson(ex, 200, fake.requests)
      case 'DELETE /__control/requests':
        fake.clearRequests()
        return sendJson(ex, 200, { ok: true })
      case 'POST /__control/publish-job':
        return sendJson(ex, 201, fake.publishJob(parse(publishJobSchema, await jsonBody(ex))))
      case 'POST /__control/post-message': {
        const { roomId, text } = parse(postMessageSchema, await jsonBody(ex))
        if (!fake.data.rooms.some((r) => r.id === roomId)) return sendJson(ex, 404, { error: `no room ${roomId}` })
        return sendJson(ex, 201, fake.postClientMessage(roomId, text))
      }
      case 'POST /__control/edit-story': {
        const { roomId, storyId, text } = parse(editStorySchema, await jsonBody(ex))
        if (!fake.data.rooms.find((r) => r.id === roomId)?.stories.some((x) => x.id === storyId)) return sendJson(ex, 404, { error: 'no such story' })
        return sendJson(ex, 200, fake.editStory(roomId, storyId, text))
      }
      case 'POST /__control/delete-story': {
        const { roomId, storyId } = parse(deleteStorySchema, await jsonBody(ex))
        if (!fake.data.rooms.find((r) => r.id === roomId)?.stories.some((x) => x.id === storyId)) return sendJson(ex, 404, { error: 'no such story' })
        fake.deleteStory(roomId, storyId)
        return sendJson(ex, 200, { ok: true })
      }
      case 'POST /__control/remove-room': {
        const { roomId } = parse(removeRoomSchema, await jsonBody(ex))
        if (!fake.data.rooms.some((r) => r.id === roomId)) return sendJson(ex, 404, { error: `no room ${roomId.slice(0, 80)}` })
        fake.removeRoom(roomId)
        return sendJson(ex, 200, { ok: true })
      }
      case 'POST /__control/fault': {
        const req = parse(faultRequestSchema, await jsonBody(ex))
        fake.faults.next(req.fault as Fault, { count: req.persistent ? Infinity : req.count, path: req.path, operation: req.operation })
        return sendJson(ex, 200, { ok: true, pending: fake.faults.pending().length })
      }
      case 'POST /__control/clear-faults':
        fake.faults.clear()
        return sendJson(ex, 200, { ok: true })
      case 'POST /__control/expire-tokens':
        fake.oauth.expireAccessTokens()
        return sendJson(ex, 200, { ok: true })
      case 'POST /__control/revoke-refresh-tokens':
        fake.oauth.revokeRefreshTokens()
        return sendJson(ex, 200, { ok: true })
      case 'POST /__control/scopes':
        fake.setScopes(parse(scopesSchema, await jsonBody(ex)).scopes)
        return sendJson(ex, 200, { ok: true, scopes: fake.getScopes() })
      case 'POST /__control/proposal-submit':
        fake.setProposalSubmit(parse(proposalSubmitSchema, await jsonBody(ex)).enabled)
        return sendJson(ex, 200, { ok: true, proposalSubmit: fake.isProposalSubmitEnabled() })
      case 'POST /__control/proposal-status': {
        const { id, status, declineReason } = parse(proposalStatusSchema, await jsonBody(ex))
        if (!fake.data.proposals.some((p) => p.id === id)) return sendJson(ex, 404, { error: `no proposal ${id.slice(0, 80)}` })
        return sendJson(ex, 200, fake.setProposalStatus(id, status, declineReason ?? null))
      }
      case 'POST /__control/reset':
        fake.resetData()
        fake.faults.clear()
        fake.clearRequests()
        return sendJson(ex, 200, { ok: true })
      default:
        return sendJson(ex, 404, { error: `unknown control route: ${route}` })
    }
  } catch (error) {
    if (error instanceof ControlInputError) return sendJson(ex, 400, { error: error.message })
    if (error instanceof BodyTooLargeError) return sendJson(ex, 413, { error: 'body too large' })
    throw error
  }
}
