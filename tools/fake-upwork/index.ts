/**
 * fake-upwork: a local HTTP double of Upwork's OAuth + GraphQL API (shared/docs/upwork-api.md) for
 * GigPilot's integration and end-to-end tests and for development. Never shipped.
 *
 *   const fake = await startFakeUpwork({ autoApprove: true })
 *   // point the app at fake.authorizeUrl / fake.tokenUrl / fake.graphqlUrl
 *   fake.faults.next({ kind: 'rateLimit', retryAfterSeconds: 3 })
 *   await fake.close()
 *
 * Redirect URIs: besides each client's registered list, ANY plain-http URI on 127.0.0.1 (any port,
 * any path) is accepted so tests can listen on random ports. Real Upwork requires an exact match
 * with the key's callback; pass `strictRedirectUris: true` to get that behaviour.
 */
import { DEFAULT_CLIENT, FakeUpworkServer, GRAPHQL_PATH } from './server'
import { AUTHORIZE_PATH, TOKEN_PATH } from './oauth'
import type { FakeData, FakeJob, FakeProposal, FakeRoom, FakeStory, FaultControl, OAuthClient, RecordedRequest, Scope, VendorProposalStatusName } from './types'

export type {
  ContractType,
  FakeCategory,
  FakeClient,
  FakeData,
  FakeJob,
  FakeOrganization,
  FakePerson,
  FakeProposal,
  FakeRoom,
  FakeSkill,
  FakeStory,
  FakeUser,
  Fault,
  FaultControl,
  FaultOptions,
  FaultPath,
  OAuthClient,
  RecordedRequest,
  Scope,
  VendorProposalStatusName
} from './types'
export { ALL_SCOPES, DEFAULT_SCOPES } from './types'
export { KNOWN } from './seed'
export { DEFAULT_CLIENT } from './server'

export interface FakeUpworkOptions {
  /** 0 = random free port (default). */
  port?: number
  host?: '127.0.0.1'
  /** Dataset seed (default 1). */
  seed?: number
  /** Default: [DEFAULT_CLIENT] (fake-client-id / fake-client-secret). */
  clients?: Array<{ clientId: string; clientSecret: string; redirectUris: string[] }>
  /** Default 86400 (Upwork's 24 h). */
  accessTokenTtlSeconds?: number
  /** The authorize page redirects immediately, without the Allow click. Default false. */
  autoApprove?: boolean
  /** Only the registered redirect URIs, no 127.0.0.1 leniency (default false). */
  strictRedirectUris?: boolean
  /**
   * Serve the opt-in `createJobProposal` mutation (schema.ts `proposalSubmitTypeDefs`). Default
   * false, like Upwork's public schema; a key also needs the `proposal:submit` scope (setScopes).
   */
  proposalSubmit?: boolean
}

export interface FakeUpwork {
  /** http://127.0.0.1:PORT */
  url: string
  authorizeUrl: string
  tokenUrl: string
  graphqlUrl: string
  /** Request log, newest last (live array; control-API calls are not logged; no token values). */
  requests: RecordedRequest[]
  clearRequests(): void
  faults: FaultControl
  /** The seeded in-memory dataset; mutate freely. */
  data: FakeData
  /** A new job that appears at the top of RECENCY searches. */
  publishJob(partial?: Partial<FakeJob>): FakeJob
  /** A message from the room's client arrives (unread until the freelancer writes in the room). */
  postClientMessage(roomId: string, text: string): FakeStory
  /** The client edits a story: new text, `updatedDateTime` moves. */
  editStory(roomId: string, storyId: string, text: string): FakeStory
  /** A story is removed from its room. */
  deleteStory(roomId: string, storyId: string): void
  /** A room disappears from roomList; room(id) answers "Room not found". */
  removeRoom(roomId: string): void
  /** A new room (client messages, oldest first, written now). */
  addRoom(partial?: Partial<Omit<FakeRoom, 'stories'>> & { messages?: string[] }): FakeRoom
  /** Every access token issued so far becomes expired (401 "Authentication failed"). */
  expireAccessTokens(): void
  /** Every refresh token issued so far is refused with 400 invalid_grant. */
  revokeRefreshTokens(): void
  /** The key's capabilities, applied to live tokens at once (default: all but 'proposal:submit'). */
  setScopes(scopes: Scope[]): void
  /** Turns the opt-in `createJobProposal` mutation on or off (introspection follows at once). */
  setProposalSubmit(enabled: boolean): void
  /** A proposal's status changes on Upwork's side (for outcome sync): `modifiedDateTime` moves too. */
  setProposalStatus(id: string, status: VendorProposalStatusName, declineReason?: string | null): FakeProposal
  close(): Promise<void>
  /**
   * After close(): listens again on the same port with the same state (tokens, jobs, proposals,
   * the request log), as Upwork being reachable again after the network was gone.
   */
  reopen(): Promise<void>
}

export async function startFakeUpwork(opts: FakeUpworkOptions = {}): Promise<FakeUpwork> {
  if (opts.host !== undefined && opts.host !== '127.0.0.1') throw new Error('fake-upwork binds 127.0.0.1 only')
  const clients: OAuthClient[] = (opts.clients ?? [DEFAULT_CLIENT]).map((c) => ({ ...c, redirectUris: [...c.redirectUris] }))
  const server = new FakeUpworkServer({
    port: opts.port ?? 0,
    seed: opts.seed ?? 1,
    clients,
    accessTokenTtlSeconds: opts.accessTokenTtlSeconds ?? 86_400,
    autoApprove: opts.autoApprove ?? false,
    strictRedirectUris: opts.strictRedirectUris ?? false,
    proposalSubmit: opts.proposalSubmit ?? false
  })
  await server.listen()
  return {
    url: server.url,
    authorizeUrl: server.url + AUTHORIZE_PATH,
    tokenUrl: server.url + TOKEN_PATH,
    graphqlUrl: server.url + GRAPHQL_PATH,
    requests: server.requests,
    clearRequests: () => server.clearRequests(),
    faults: server.faults,
    data: server.data,
    publishJob: (partial) => server.publishJob(partial),
    postClientMessage: (roomId, text) => server.postClientMessage(roomId, text),
    editStory: (roomId, storyId, text) => server.editStory(roomId, storyId, text),
    deleteStory: (roomId, storyId) => server.deleteStory(roomId, storyId),
    removeRoom: (roomId) => server.removeRoom(roomId),
    addRoom: (partial) => server.addRoom(partial),
    expireAccessTokens: () => server.oauth.expireAccessTokens(),
    revokeRefreshTokens: () => server.oauth.revokeRefreshTokens(),
    setScopes: (scopes) => server.setScopes(scopes),
    setProposalSubmit: (enabled) => server.setProposalSubmit(enabled),
    setProposalStatus: (id, status, declineReason) => server.setProposalStatus(id, status, declineReason ?? null),
    close: () => server.close(),
    reopen: () => server.listen()
  }
}
