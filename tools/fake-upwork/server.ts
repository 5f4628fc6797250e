/**
 * The HTTP server tying the pieces together: routing, the request log, fault application and the
 * state the programmatic API exposes. Binds 127.0.0.1 only: this is a test double holding fake
 * credentials and a control API, never something to expose on a network.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { handleControl } from './control-api'
import { FaultQueue, isTransportFault, nullFields, removeFields, retryAfterHeader, scrambleTypes, truncateJson } from './faults'
import { type GraphqlBody, operationNameOf, runGraphql, schema, schemaWithProposalSubmit } from './graphql-handler'
import { BodyTooLargeError, type Exchange, dropConnection, readBody, send, sendJson, sleep } from './http-util'
import { AUTHORIZE_PATH, DECISION_PATH, OAuthServer, TOKEN_PATH } from './oauth'
import type { GqlContext } from './resolvers'
import { type Rng, createRng } from './rng'
import { scopeErrorBody } from './scopes'
import { newJob, seedData } from './seed'
import {
  DEFAULT_SCOPES,
  type Fault,
  type FakeData,
  type FakeJob,
  type FakeProposal,
  type FakeRoom,
  type FakeStory,
  type OAuthClient,
  type RecordedRequest,
  type Scope,
  type VendorProposalStatusName
} from './types'

export const DEFAULT_CLIENT: OAuthClient = {
  clientId: 'fake-client-id',
  clientSecret: 'fake-client-secret',
  redirectUris: ['http://127.0.0.1:47615/upwork/callback']
}

export const GRAPHQL_PATH = '/graphql'
const MAX_LOGGED_REQUESTS = 5000
const MAX_GRAPHQL_BODY = 2 * 1024 * 1024
const MAX_FORM_BODY = 64 * 1024

export interface ServerOptions {
  port: number
  seed: number
  clients: OAuthClient[]
  accessTokenTtlSeconds: number
  autoApprove: boolean
  strictRedirectUris: boolean
  /** Serve the opt-in `createJobProposal` mutation (schema.ts); off like the real public schema. */
  proposalSubmit?: boolean
}

export class FakeUpworkServer {
  readonly data: FakeData
  readonly faults = new FaultQueue()
  readonly requests: RecordedRequest[] = []
  readonly oauth: OAuthServer
  url = ''
  private scopes = new Set<Scope>(DEFAULT_SCOPES)
  private rng: Rng
  private readonly http: Server
  private storyCounter = 0
  private roomCounter = 0
  private proposalSubmit: boolean

  constructor(private readonly opts: ServerOptions) {
    this.data = seedData(opts.seed, Date.now())
    this.proposalSubmit = opts.proposalSubmit ?? false
    // A separate stream for runtime additions so publishJob() does not shift the seeded data.
    this.rng = createRng(opts.seed ^ 0x5eed)
    this.oauth = new OAuthServer({
      clients: opts.clients,
      accessTokenTtlSeconds: opts.accessTokenTtlSeconds,
      autoApprove: opts.autoApprove,
      allowAnyLoopbackRedirect: !opts.strictRedirectUris,
      now: () => Date.now()
    })
    this.http = createServer((req, res) => {
      void this.handle(req, res)
    })
    // Malformed HTTP from a test client must not crash the process.
    this.http.on('clientError', (_err, socket) => socket.destroy())
  }

  /** Listens (again after close(): on the same port, so the URLs the app holds stay valid). */
  async listen(): Promise<void> {
    const wanted = this.url ? Number(new URL(this.url).port) : this.opts.port
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject)
      this.http.listen(wanted, '127.0.0.1', () => {
        this.http.off('error', reject)
        resolve()
      })
    })
    const { port } = this.http.address() as AddressInfo
    this.url = `http://127.0.0.1:${port}`
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve())
      // fetch() keeps connections alive; without this close() waits for them to time out.
      this.http.closeAllConnections()
    })
  }

  // ------------------------------------------------------------------ state operations

  getScopes(): Scope[] {
    return [...this.scopes]
  }

  setScopes(scopes: readonly Scope[]): void {
    this.scopes = new Set(scopes)
  }

  /** Whether `createJobProposal` is served; only a key with the `proposal:submit` scope sees it (introspection included). */
  isProposalSubmitEnabled(): boolean {
    return this.proposalSubmit
  }

  setProposalSubmit(enabled: boolean): void {
    this.proposalSubmit = enabled
  }

  /** A proposal's status changes on Upwork's side (the client viewed, declined, hired…): `modifiedDateTime` moves too. */
  setProposalStatus(id: string, status: VendorProposalStatusName, declineReason: string | null = null): FakeProposal {
    const proposal = this.data.proposals.find((p) => p.id === id)
    if (!proposal) throw new Error(`No proposal ${id}`)
    proposal.status = status
    proposal.declineReason = status === 'Declined' ? declineReason : null
    proposal.modifiedDateTime = new Date(Math.max(Date.now(), Date.parse(proposal.createdDateTime) + 1)).toISOString()
    return proposal
  }

  publishJob(partial: Partial<FakeJob> = {}): FakeJob {
    const job = newJob(this.rng, this.data, Date.now(), partial)
    this.data.jobs.unshift(job)
    return job
  }

  addStory(roomId: string, userId: string, message: string): FakeStory {
    const room = this.data.rooms.find((r) => r.id === roomId)
    if (!room) throw new Error(`No room ${roomId}`)
    const last = room.stories[room.stories.length - 1]
    // Strictly after the previous story so ordering and unread counts stay unambiguous.
    const at = new Date(Math.max(Date.now(), last ? Date.parse(last.createdDateTime) + 1 : 0)).toISOString()
    const story: FakeStory = {
      id: String(1714900000000000000n + BigInt(++this.storyCounter)),
      roomId,
      userId,
      message,
      createdDateTime: at,
      updatedDateTime: at
    }
    room.stories.push(story)
    // Writing in a room means you have read it.
    if (userId === this.data.user.id) room.lastReadDateTime = at
    return story
  }

  postClientMessage(roomId: string, text: string): FakeStory {
    const room = this.data.rooms.find((r) => r.id === roomId)
    if (!room) throw new Error(`No room ${roomId}`)
    return this.addStory(roomId, room.clientPersonId, text)
  }

  /** A story's text changes on Upwork (the client edited it): `updatedDateTime` moves, `createdDateTime` stays. */
  editStory(roomId: string, storyId: string, text: string): FakeStory {
    const story = this.storyOf(roomId, storyId)
    story.message = text
    story.updatedDateTime = new Date(Math.max(Date.now(), Date.parse(story.updatedDateTime) + 1)).toISOString()
    return story
  }

  /** A story is removed from its room (Upwork's removeRoomStory): later reads no longer return it. */
  deleteStory(roomId: string, storyId: string): void {
    const room = this.data.rooms.find((r) => r.id === roomId)
    const index = room ? room.stories.findIndex((s) => s.id === storyId) : -1
    if (!room || index < 0) throw new Error(`No story ${storyId} in ${roomId}`)
    room.stories.splice(index, 1)
  }

  /** A room disappears (archived or left): roomList no longer lists it and room(id) is "Room not found". */
  removeRoom(roomId: string): void {
    const index = this.data.rooms.findIndex((r) => r.id === roomId)
    if (index < 0) throw new Error(`No room ${roomId}`)
    this.data.rooms.splice(index, 1)
  }

  /**
   * A new room with the first client of the seed (or `clientPersonId`), e.g. for "many rooms"
   * tests and benches; `messages` are client messages, oldest first, written now.
   */
  addRoom(partial: Partial<Omit<FakeRoom, 'stories'>> & { messages?: string[] } = {}): FakeRoom {
    const { messages = [], ...fields } = partial
    const at = new Date().toISOString()
    const client = fields.clientPersonId ?? this.data.people[0]?.id
    if (!client) throw new Error('The dataset has no people to talk to')
    const room: FakeRoom = {
      id: `room_added_${++this.roomCounter}`,
      roomName: `Conversation ${this.roomCounter}`,
      topic: null,
      roomType: 'ONE_ON_ONE',
      createdAtDateTime: at,
      lastReadDateTime: at,
      favorite: false,
      hidden: false,
      clientPersonId: client,
      contractId: null,
      vendorProposalId: null,
      offerIds: [],
      ...fields,
      stories: []
    }
    this.data.rooms.push(room)
    for (const m of messages) this.addStory(room.id, room.clientPersonId, m)
    return room
  }

  private storyOf(roomId: string, storyId: string): FakeStory {
    const story = this.data.rooms.find((r) => r.id === roomId)?.stories.find((s) => s.id === storyId)
    if (!story) throw new Error(`No story ${storyId} in ${roomId}`)
    return story
  }

  /** Back to the freshly seeded dataset (tokens, scopes and the request log are kept). */
  resetData(): void {
    Object.assign(this.data, seedData(this.opts.seed, Date.now()))
    this.rng = createRng(this.opts.seed ^ 0x5eed)
  }

  clearRequests(): void {
    this.requests.length = 0
  }

  // ------------------------------------------------------------------ routing

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url || 'http://127.0.0.1')
    const entry: RecordedRequest = {
      at: Date.now(),
      method: req.method ?? 'GET',
      path: url.pathname,
      status: 0,
      authorization: /^bearer\s/i.test(req.headers.authorization ?? '') ? 'bearer' : 'none'
    }
    const ex: Exchange = { req, res, url, entry }
    const isControl = url.pathname.startsWith('/__control/')
    if (!isControl) this.record(entry)
    try {
      if (isControl) return await handleControl(ex, this)
      if (url.pathname === AUTHORIZE_PATH && req.method === 'GET') return this.oauth.handleAuthorize(ex)
      if (url.pathname === DECISION_PATH && req.method === 'GET') return this.oauth.handleDecision(ex)
      if (url.pathname === TOKEN_PATH) return await this.handleToken(ex)
      if (url.pathname === GRAPHQL_PATH) return await this.handleGraphql(ex)
      if (url.pathname === '/' && req.method === 'GET') return sendJson(ex, 200, this.describe())
      sendJson(ex, 404, { message: 'Not Found' })
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendJson(ex, 413, { message: 'Payload Too Large' })
      console.error('[fake-upwork] internal error', error)
      sendJson(ex, 500, { message: 'fake-upwork internal error' })
    }
  }

  private record(entry: RecordedRequest): void {
    this.requests.push(entry)
    if (this.requests.length > MAX_LOGGED_REQUESTS) this.requests.splice(0, this.requests.length - MAX_LOGGED_REQUESTS)
  }

  describe(): Record<string, unknown> {
    return {
      name: 'fake-upwork (local test double, not upwork.com)',
      authorizeUrl: this.url + AUTHORIZE_PATH,
      tokenUrl: this.url + TOKEN_PATH,
      graphqlUrl: this.url + GRAPHQL_PATH,
      control: this.url + '/__control/'
    }
  }

  /** Returns true when the fault produced the response (false: a delay, then carry on). */
  private async applyTransportFault(ex: Exchange, fault: Fault, path: 'graphql' | 'token'): Promise<boolean> {
    switch (fault.kind) {
      case 'delay':
        await sleep(fault.ms)
        return false
      case 'dropConnection':
        dropConnection(ex)
        return true
      case 'rateLimit': {
        const retryAfter = retryAfterHeader(fault, Date.now())
        sendJson(ex, 429, { message: 'Too Many Requests' }, retryAfter === undefined ? {} : { 'Retry-After': retryAfter })
        return true
      }
      case 'serverError': {
        const status = fault.status ?? 500
        // Gateways answer 502/503 with HTML, not JSON: clients must not assume a JSON error body.
        if (status === 500) sendJson(ex, 500, { message: 'Internal Server Error' })
        else send(ex, status, `<html><body><h1>${status} ${status === 502 ? 'Bad Gateway' : 'Service Unavailable'}</h1></body></html>`, 'text/html')
        return true
      }
      case 'expiredToken':
        if (path === 'token') sendJson(ex, 400, { error: 'invalid_grant', error_description: 'The refresh token has expired.' }, { 'Cache-Control': 'no-store' })
        else sendJson(ex, 401, { message: 'Authentication failed' })
        return true
      case 'forbidden':
        sendJson(ex, 403, { message: 'Forbidden' })
        return true
      default:
        return false
    }
  }

  private async handleToken(ex: Exchange): Promise<void> {
    if (ex.req.method !== 'POST') return sendJson(ex, 405, { message: 'Method Not Allowed' })
    const raw = await readBody(ex.req, MAX_FORM_BODY)
    ex.entry.grantType = new URLSearchParams(raw).get('grant_type') ?? undefined
    const fault = this.faults.take('token', undefined)
    if (fault && isTransportFault(fault) && (await this.applyTransportFault(ex, fault, 'token'))) return
    const result = this.oauth.handleToken(ex.req.headers['content-type'], ex.req.headers.authorization, raw)
    let status = result.status
    let body: Record<string, unknown> = result.body
    const headers = { 'Cache-Control': 'no-store', Pragma: 'no-cache' }
    switch (fault?.kind) {
      case 'malformedJson':
        return send(ex, 200, truncateJson(JSON.stringify(body)), 'application/json; charset=utf-8', headers)
      case 'missingFields':
        removeFields(body, fault.fields)
        break
      case 'nullFields':
        nullFields(body, fault.fields)
        break
      case 'wrongTypes':
        body = { ...body, expires_in: String(body.expires_in ?? '86400'), token_type: 1 }
        break
      case 'scopeError':
        status = 400
        body = { error: 'invalid_scope', error_description: 'The requested scope is invalid for this key.' }
        break
      case 'dropConnection':
        // afterProcessing: the token was issued (a refresh token rotated), the answer is lost.
        return dropConnection(ex)
      default:
        break
    }
    sendJson(ex, status, body, headers)
  }

  private async handleGraphql(ex: Exchange): Promise<void> {
    if (ex.req.method !== 'POST') return sendJson(ex, 405, { message: 'Method Not Allowed' })
    const raw = await readBody(ex.req, MAX_GRAPHQL_BODY)
    let body: GraphqlBody | undefined
    try {
      const parsed: unknown = JSON.parse(raw)
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as GraphqlBody
    } catch {
      body = undefined
    }
    if (body) {
      ex.entry.operationName = operationNameOf(body)
      if (typeof body.query === 'string') ex.entry.query = body.query
      if (body.variables !== undefined) ex.entry.variables = body.variables
    }
    const fault = this.faults.take('graphql', ex.entry.operationName)
    if (fault && isTransportFault(fault) && (await this.applyTransportFault(ex, fault, 'graphql'))) return

    if (!this.oauth.checkBearer(ex.req.headers.authorization).ok) return sendJson(ex, 401, { message: 'Authentication failed' })
    if (!/^application\/(graphql-response\+)?json/i.test(ex.req.headers['content-type'] ?? '')) {
      return sendJson(ex, 415, { message: 'Unsupported Media Type: send Content-Type: application/json' })
    }
    if (!body) return sendJson(ex, 400, { message: 'Bad Request: the body is not a JSON object' })

    const tenantHeader = ex.req.headers['x-upwork-api-tenantid']
    const tenantId = Array.isArray(tenantHeader) ? tenantHeader[0] : tenantHeader
    const tenant = tenantId ? this.data.organizations.find((o) => o.id === tenantId) : this.data.organizations[0]
    if (!tenant) {
      return sendJson(ex, 200, {
        data: null,
        errors: [{ message: `Tenant ${String(tenantId).slice(0, 40)} is not accessible for the current user`, extensions: { classification: 'ExecutionAborted' } }]
      })
    }

    const ctx: GqlContext = { data: this.data, tenant, now: () => Date.now(), addStory: (roomId, userId, message) => this.addStory(roomId, userId, message) }
    // Introspection follows the key's scopes on Upwork: the mutation exists only for a key that may submit.
    const served = this.proposalSubmit && this.scopes.has('proposal:submit') ? schemaWithProposalSubmit : schema
    const run = await runGraphql(body, ctx, this.scopes, served)
    let payload = run.payload
    // The "lost response": the request was processed (a write applied), then the socket dies.
    if (fault?.kind === 'dropConnection') return dropConnection(ex)
    switch (fault?.kind) {
      case 'scopeError': {
        const first = run.operation?.selectionSet.selections.find((s) => s.kind === 'Field')
        const root = run.operation?.operation === 'mutation' ? 'Mutation' : 'Query'
        const field = fault.field ?? (first && first.kind === 'Field' ? `${root}.${first.name.value}` : 'Query.user')
        payload = scopeErrorBody(run.operation, [field])
        break
      }
      case 'malformedJson':
        return send(ex, 200, truncateJson(JSON.stringify(payload)), 'application/json; charset=utf-8')
      case 'missingFields':
        removeFields(payload.data, fault.fields)
        break
      case 'nullFields':
        nullFields(payload.data, fault.fields)
        break
      case 'wrongTypes':
        scrambleTypes(payload.data)
        break
      default:
        break
    }
    sendJson(ex, 200, payload)
  }
}
