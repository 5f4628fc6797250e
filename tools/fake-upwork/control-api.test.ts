import { spawn } from 'node:child_process'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JOB_DETAILS, JOB_SEARCH_IDS, ME } from './documents'
import { type FakeUpwork, KNOWN, startFakeUpwork } from './index'
import { gql, signIn, tokenRequest } from './test-helpers'

let fake: FakeUpwork
let token: string

// The control API answers loosely-shaped JSON; tests index into it freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any

async function control(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<{ status: number; json: Loose }> {
  const res = await fetch(`${fake.url}/__control/${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  return { status: res.status, json: await res.json() }
}

beforeAll(async () => {
  fake = await startFakeUpwork()
  token = (await signIn(fake)).access_token
})
afterAll(async () => {
  await fake.close()
})

describe('/__control (test-only HTTP control API)', () => {
  it('state lists scopes, faults and known ids', async () => {
    const { status, json } = await control('state')
    expect(status).toBe(200)
    expect(json.known.jobId).toBe(KNOWN.jobId)
    expect(json.scopes).not.toContain('proposal:submit')
    expect(json.graphqlUrl).toBe(fake.graphqlUrl)
  })

  it('publish-job and post-message', async () => {
    const job = await control('publish-job', { title: 'Control-published job', contractType: 'FIXED', amount: 900 })
    expect(job.status).toBe(201)
    const first = await gql(fake, token, JOB_SEARCH_IDS, {})
    const edges = (first.json.data as { marketplaceJobPostingsSearch: { edges: Array<{ node: { id: string; title: string } }> } }).marketplaceJobPostingsSearch.edges
    expect(edges[0]?.node).toMatchObject({ id: job.json.id, title: 'Control-published job' })
    expect((await control('publish-job', { bogus: 1 })).status).toBe(400)

    const msg = await control('post-message', { roomId: KNOWN.roomIds[2], text: 'New message via control' })
    expect(msg.status).toBe(201)
    expect(fake.data.rooms.find((r) => r.id === KNOWN.roomIds[2])?.stories.at(-1)?.message).toBe('New message via control')
    expect((await control('post-message', { roomId: 'room_x', text: 'hi' })).status).toBe(404)
  })

  it('edit-story, delete-story and remove-room change the dataset (404 for what is not there, 400 for unknown keys)', async () => {
    const roomId = KNOWN.roomIds[0]!
    const story = fake.data.rooms.find((r) => r.id === roomId)!.stories[0]!
    const before = story.updatedDateTime
    const edited = await control('edit-story', { roomId, storyId: story.id, text: 'Edited via control' })
    expect(edited.status).toBe(200)
    expect(edited.json).toMatchObject({ id: story.id, message: 'Edited via control', createdDateTime: story.createdDateTime })
    expect(Date.parse(String((edited.json as { updatedDateTime: string }).updatedDateTime))).toBeGreaterThan(Date.parse(before))
    expect((await control('edit-story', { roomId, storyId: 'nope', text: 'x' })).status).toBe(404)

    const count = fake.data.rooms.find((r) => r.id === roomId)!.stories.length
    expect((await control('delete-story', { roomId, storyId: story.id })).status).toBe(200)
    expect(fake.data.rooms.find((r) => r.id === roomId)!.stories).toHaveLength(count - 1)
    expect((await control('delete-story', { roomId, storyId: story.id })).status).toBe(404)

    expect((await control('remove-room', { roomId })).status).toBe(200)
    expect(fake.data.rooms.some((r) => r.id === roomId)).toBe(false)
    expect((await control('remove-room', { roomId })).status).toBe(404)
    expect((await control('remove-room', { roomId, extra: 1 })).status).toBe(400)
    await control('reset', {})
  })

  it('fault, persistent faults and clear-faults', async () => {
    expect((await control('fault', { fault: { kind: 'rateLimit', retryAfterSeconds: 1 }, count: 2 })).status).toBe(200)
    expect((await gql(fake, token, ME)).status).toBe(429)
    expect((await gql(fake, token, ME)).status).toBe(429)
    expect((await gql(fake, token, ME)).status).toBe(200)
    await control('fault', { fault: { kind: 'serverError', status: 502 }, persistent: true })
    expect((await gql(fake, token, ME)).status).toBe(502)
    expect((await gql(fake, token, ME)).status).toBe(502)
    await control('clear-faults', {})
    expect((await gql(fake, token, ME)).status).toBe(200)
    expect((await control('fault', { fault: { kind: 'nonsense' } })).status).toBe(400)
  })

  it('requests, expire-tokens, revoke-refresh-tokens and scopes', async () => {
    await fetch(`${fake.url}/__control/requests`, { method: 'DELETE' })
    await gql(fake, token, ME)
    const log = await control('requests')
    expect(log.json).toHaveLength(1)
    expect(log.json[0]).toMatchObject({ path: '/graphql', operationName: 'Me', status: 200 })

    await control('scopes', { scopes: ['jobs:read'] })
    expect((await gql(fake, token, JOB_SEARCH_IDS, {})).json.errors).toBeUndefined()
    await control('scopes', { scopes: [] })
    expect((await gql(fake, token, JOB_SEARCH_IDS, {})).json.errors?.[0]?.extensions?.classification).toBe('ExecutionAborted')
    expect((await control('scopes', { scopes: ['root'] })).status).toBe(400)
    await control('scopes', { scopes: ['jobs:read', 'jobs:details', 'messages:read'] })

    const t = await signIn(fake)
    await control('revoke-refresh-tokens', {})
    expect((await tokenRequest(fake, { grant_type: 'refresh_token', refresh_token: t.refresh_token })).json.error).toBe('invalid_grant')
    await control('expire-tokens', {})
    expect((await gql(fake, t.access_token, ME)).status).toBe(401)
  })

  it('reset reseeds the data', async () => {
    const before = fake.data.jobs.length
    fake.publishJob()
    expect(fake.data.jobs.length).toBe(before + 1)
    expect((await control('reset', {})).status).toBe(200)
    expect(fake.data.jobs.some((j) => j.title === 'Control-published job')).toBe(false)
    expect(fake.data.jobs.find((j) => j.id === KNOWN.jobId)).toBeDefined()
  })

  it('rejects non-JSON POST bodies', async () => {
    const res = await fetch(`${fake.url}/__control/post-message`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'roomId=x&text=y' })
    expect(res.status).toBe(400)
  })
})

describe('cli', () => {
  it('starts, prints the env vars, obeys stdin commands and quits', async () => {
    const cli = resolve(dirname(fileURLToPath(import.meta.url)), 'cli.ts')
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0'], { stdio: ['pipe', 'pipe', 'pipe'] })
    let out = ''
    const onOutput = (chunk: Buffer): void => {
      out += chunk.toString()
    }
    child.stdout.on('data', onOutput)
    child.stderr.on('data', onOutput)
    /** Resolves when the output so far matches, checked on each chunk; fails if the CLI exits first. */
    const waitFor = (re: RegExp): Promise<RegExpExecArray> =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const m = re.exec(out)
          if (!m) return
          stop()
          resolve(m)
        }
        const exited = (code: number | null): void => {
          stop()
          reject(new Error(`the CLI exited (${code}) before printing ${re}; output:\n${out}`))
        }
        const stop = (): void => {
          child.stdout.off('data', check)
          child.stderr.off('data', check)
          child.off('exit', exited)
        }
        child.stdout.on('data', check)
        child.stderr.on('data', check)
        child.once('exit', exited)
        check()
      })
    try {
      const graphqlUrl = (await waitFor(/UPWORK_GRAPHQL_URL=(\S+)/))[1]
      expect(out).toMatch(/UPWORK_AUTH_URL=http:\/\/127\.0\.0\.1:\d+\/ab\/account-security\/oauth2\/authorize/)
      expect(out).toMatch(/UPWORK_TOKEN_URL=http:\/\/127\.0\.0\.1:\d+\/api\/v3\/oauth2\/token/)
      expect(out).toContain('fake-client-secret')
      child.stdin.write('job CLI job\n')
      await waitFor(/published \d+: CLI job/)
      child.stdin.write('429\n')
      await waitFor(/get 429/)
      const res = await fetch(graphqlUrl ?? '', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
      expect(res.status).toBe(429)
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
      child.stdin.write('quit\n')
      expect(await exited).toBe(0)
    } finally {
      if (child.exitCode === null) child.kill()
    }
  })
})

describe('close() then reopen()', () => {
  it('listens again on the same port with the same tokens and jobs (the network came back)', async () => {
    const own = await startFakeUpwork()
    try {
      const access = (await signIn(own)).access_token
      const job = own.publishJob({ title: 'Still here after the outage' })
      const url = own.graphqlUrl
      await own.close()
      await expect(fetch(url, { method: 'POST' })).rejects.toThrow()
      await own.reopen()
      expect(own.graphqlUrl).toBe(url)
      const res = await gql(own, access, JOB_DETAILS, { id: job.id })
      expect(res.status).toBe(200)
      expect(res.text).toContain('Still here after the outage')
    } finally {
      await own.close()
    }
  })
})
