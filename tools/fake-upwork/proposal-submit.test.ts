import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SCOPES, type FakeUpwork, KNOWN, startFakeUpwork } from './index'
import { gql, gqlData, signIn } from './test-helpers'

/**
 * The opt-in `createJobProposal` (off by default like Upwork's public schema, on with a start
 * option or the control API, and only for a key with `proposal:submit`), the lost-response fault
 * (processed, then the socket dies) and proposal statuses that change over time.
 */
let fake: FakeUpwork
let token: string

const SUBMIT = `mutation SubmitProposal($input: CreateJobProposalInput!) {
  createJobProposal(input: $input) { newProposalId status error }
}`
const MUTATIONS = `query ListMutationNames { __type(name: "Mutation") { fields { name } } }`
const PROPOSALS = `query P($status: VendorProposalStatusFilterInput!) {
  vendorProposals(filter: { status_eq: $status }, sortAttribute: { field: CREATEDDATETIME, sortOrder: DESC }, pagination: { first: 40 }) {
    edges { node { id marketplaceJobPosting { id } proposalCoverLetter status { status reason { reason } } auditDetails { modifiedDateTime { rawValue } } } }
  }
}`
type Node = { id: string; marketplaceJobPosting: { id: string }; proposalCoverLetter: string; status: { status: string; reason: { reason: string } | null }; auditDetails: { modifiedDateTime: { rawValue: string } | null } }
const input = (over: Record<string, unknown> = {}) => ({ jobReference: KNOWN.jobId, coverLetter: 'Hello, I can build this.', chargedAmount: 80, ...over })

async function proposals(status: string): Promise<Node[]> {
  const data = await gqlData<{ vendorProposals: { edges: Array<{ node: Node }> } }>(fake, token, PROPOSALS, { status })
  return data.vendorProposals.edges.map((e) => e.node)
}

async function control(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${fake.url}/__control/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  return { status: res.status, json: (await res.json()) as Record<string, unknown> }
}

const mutationNames = async () => (await gqlData<{ __type: { fields: Array<{ name: string }> } }>(fake, token, MUTATIONS)).__type.fields.map((f) => f.name)

beforeAll(async () => {
  fake = await startFakeUpwork()
  token = (await signIn(fake)).access_token
})
afterAll(async () => {
  await fake.close()
})
beforeEach(() => {
  fake.setProposalSubmit(false)
  fake.setScopes([...DEFAULT_SCOPES])
  fake.faults.clear()
})

describe('createJobProposal (opt-in)', () => {
  it('is absent by default, like the public schema: not in introspection, a ValidationError', async () => {
    expect(await mutationNames()).toEqual(['createRoomStoryV2'])
    const r = await gql(fake, token, SUBMIT, { input: input() })
    expect(r.json.errors?.[0]?.extensions?.classification).toBe('ValidationError')
  })

  it('with the option on, exists only for a key with the proposal:submit scope (introspection follows the scopes)', async () => {
    fake.setProposalSubmit(true)
    expect(await mutationNames()).toEqual(['createRoomStoryV2'])
    expect((await gql(fake, token, SUBMIT, { input: input() })).json.errors?.[0]?.extensions?.classification).toBe('ValidationError')
    fake.setScopes([...DEFAULT_SCOPES, 'proposal:submit'])
    expect(await mutationNames()).toContain('createJobProposal')
    fake.setProposalSubmit(false)
    expect(await mutationNames()).toEqual(['createRoomStoryV2'])
  })

  it('creates a Pending vendorProposal; a second one for the same job is refused in `error`', async () => {
    fake.setProposalSubmit(true)
    fake.setScopes([...DEFAULT_SCOPES, 'proposal:submit'])
    const before = fake.data.proposals.length
    const data = await gqlData<{ createJobProposal: { newProposalId: string; status: string; error: string | null } }>(fake, token, SUBMIT, { input: input() })
    expect(data.createJobProposal).toMatchObject({ status: 'SUBMITTED', error: null })
    expect(fake.data.proposals).toHaveLength(before + 1)
    const created = (await proposals('Pending')).find((p) => p.id === data.createJobProposal.newProposalId)
    expect(created).toMatchObject({ marketplaceJobPosting: { id: KNOWN.jobId }, proposalCoverLetter: 'Hello, I can build this.' })

    const again = await gqlData<{ createJobProposal: { newProposalId: string | null; error: string } }>(fake, token, SUBMIT, { input: input() })
    expect(again.createJobProposal).toMatchObject({ newProposalId: null, error: expect.stringMatching(/already submitted/) })
    const unknownJob = await gqlData<{ createJobProposal: { error: string } }>(fake, token, SUBMIT, { input: input({ jobReference: '1' }) })
    expect(unknownJob.createJobProposal.error).toMatch(/not found/)
    expect(fake.data.proposals).toHaveLength(before + 1)
    fake.data.proposals.splice(before)
  })

  it('control API: proposal-submit turns it on and off', async () => {
    fake.setScopes([...DEFAULT_SCOPES, 'proposal:submit'])
    expect(await control('proposal-submit', { enabled: true })).toMatchObject({ status: 200, json: { proposalSubmit: true } })
    expect(await mutationNames()).toContain('createJobProposal')
    expect((await control('proposal-submit', { enabled: 'yes' })).status).toBe(400)
    await control('proposal-submit', { enabled: false })
    expect(await mutationNames()).not.toContain('createJobProposal')
  })
})

describe('lost response: dropConnection afterProcessing', () => {
  it('applies the write, then drops the socket with no answer', async () => {
    fake.setProposalSubmit(true)
    fake.setScopes([...DEFAULT_SCOPES, 'proposal:submit'])
    const before = fake.data.proposals.length
    fake.faults.next({ kind: 'dropConnection', afterProcessing: true }, { operation: 'SubmitProposal' })
    await expect(gql(fake, token, SUBMIT, { input: input() })).rejects.toThrow()
    expect(fake.requests[fake.requests.length - 1]).toMatchObject({ operationName: 'SubmitProposal', status: 0 })
    // It happened on "Upwork" all the same.
    expect(fake.data.proposals).toHaveLength(before + 1)
    expect((await proposals('Pending')).some((p) => p.marketplaceJobPosting.id === KNOWN.jobId)).toBe(true)
    fake.data.proposals.splice(before)
  })

  it('a plain dropConnection still drops before processing (nothing applied)', async () => {
    const room = fake.data.rooms.find((r) => r.id === KNOWN.roomWithUnread)!
    const stories = room.stories.length
    fake.faults.next({ kind: 'dropConnection' })
    await expect(gql(fake, token, `mutation { createRoomStoryV2(input: { roomId: "${room.id}", message: "hi" }) { id } }`)).rejects.toThrow()
    expect(room.stories).toHaveLength(stories)
    fake.faults.next({ kind: 'dropConnection', afterProcessing: true })
    await expect(gql(fake, token, `mutation { createRoomStoryV2(input: { roomId: "${room.id}", message: "hi" }) { id } }`)).rejects.toThrow()
    expect(room.stories).toHaveLength(stories + 1)
  })

  it('control API accepts the afterProcessing variant', async () => {
    expect((await control('fault', { fault: { kind: 'dropConnection', afterProcessing: true } })).status).toBe(200)
    expect(fake.faults.pending()[0]?.fault).toEqual({ kind: 'dropConnection', afterProcessing: true })
  })
})

describe('proposal statuses change over time', () => {
  it('setProposalStatus moves a proposal between status filters and updates modifiedDateTime', async () => {
    const id = KNOWN.pendingProposalIds[1]
    fake.setProposalStatus(id, 'Declined', 'Client hired someone else')
    expect((await proposals('Pending')).map((p) => p.id)).not.toContain(id)
    const declined = (await proposals('Declined')).find((p) => p.id === id)
    expect(declined).toMatchObject({ status: { status: 'Declined', reason: { reason: 'Client hired someone else' } } })
    expect(declined?.auditDetails.modifiedDateTime?.rawValue).toBeTruthy()

    const r = await control('proposal-status', { id, status: 'Pending' })
    expect(r).toMatchObject({ status: 200, json: { id, status: 'Pending', declineReason: null } })
    expect((await proposals('Pending')).map((p) => p.id)).toContain(id)
    expect((await control('proposal-status', { id: 'nope', status: 'Hired' })).status).toBe(404)
    expect((await control('proposal-status', { id, status: 'Bogus' })).status).toBe(400)
  })
})
