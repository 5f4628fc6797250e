import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'

/**
 * The harness as people run it: `npm run harness` in its own process, on 127.0.0.1, driven from
 * outside. A bad frame must cost the sender its socket, never the harness its life.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const scratch = mkdtempSync(join(tmpdir(), 'gigpilot-harness-test-'))
const rendererDir = join(scratch, 'renderer')
mkdirSync(rendererDir)
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><script type="module" src="/app.js"></script></head><body></body></html>')

interface RunningCli {
  url: string
  dataDir: string
  child: ChildProcess
  exited: Promise<number | null>
}

const running: RunningCli[] = []

async function startCli(args: string[], env: Record<string, string | undefined>): Promise<RunningCli> {
  const childEnv = { ...process.env, ...env }
  if (!('GIGPILOT_DATA_DIR' in env)) delete childEnv.GIGPILOT_DATA_DIR
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/harness/cli.ts', '--renderer-dir', rendererDir, ...args], {
    cwd: repoRoot,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  let out = ''
  let err = ''
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
  const started = await new Promise<RunningCli>((resolveStart, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const url = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1]
      const dataDir = /Data folder: (.+)\n/.exec(out)?.[1]
      if (url && dataDir) resolveStart({ url, dataDir, child, exited })
    })
    void exited.then((code) => reject(new Error(`harness exited (${code}) before it started:\n${out}\n${err}`)))
  })
  running.push(started)
  return started
}

async function stopCli(cli: RunningCli): Promise<void> {
  if (cli.child.exitCode === null) cli.child.kill('SIGTERM')
  await cli.exited
}

async function bridgeToken(url: string): Promise<string> {
  const script = await (await fetch(`${url}/__harness/bridge.js`)).text()
  const token = /"([0-9a-f]{48})"/.exec(script)?.[1]
  if (!token) throw new Error('no token in the bridge script')
  return token
}

async function openBridge(url: string, token: string): Promise<WebSocket> {
  const ws = new WebSocket(`${url.replace('http:', 'ws:')}/__bridge?token=${token}`, { origin: url })
  // The server may cut us off mid-send (the oversized frame); that is the point, not a test error.
  ws.on('error', () => undefined)
  await new Promise<void>((r, reject) => {
    ws.once('open', () => r())
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
  })
  return ws
}

const closed = (ws: WebSocket): Promise<number> => new Promise((r) => ws.once('close', (code) => r(code)))

async function call(ws: WebSocket, id: number, channel: string): Promise<{ ok: boolean; error?: { code: string } }> {
  const reply = new Promise<{ id: number; result: { ok: boolean; error?: { code: string } } }>((r) =>
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { type: string; id: number; result: { ok: boolean } }
      if (msg.type === 'result' && msg.id === id) r(msg)
    })
  )
  ws.send(JSON.stringify({ id, channel }))
  return (await reply).result
}

afterAll(async () => {
  await Promise.all(running.map(stopCli))
  rmSync(scratch, { recursive: true, force: true })
})

describe('harness bridge: bad frames', () => {
  let cli: RunningCli
  let token: string
  const envDataDir = join(scratch, 'from-env')

  beforeAll(async () => {
    cli = await startCli([], { GIGPILOT_DATA_DIR: envDataDir })
    token = await bridgeToken(cli.url)
  })

  const stillAnswers = async (): Promise<void> => {
    expect(cli.child.exitCode).toBeNull()
    expect((await fetch(`${cli.url}/`)).status).toBe(200)
    const ws = await openBridge(cli.url, token)
    expect(await call(ws, 1, 'app:getInfo')).toMatchObject({ ok: true })
    ws.close()
  }

  const oneMiB = 1024 * 1024
  const badFrames: Array<{ name: string; frame: string | Buffer; binary?: boolean; code: number }> = [
    { name: 'null', frame: 'null', code: 1008 },
    { name: 'a bare number', frame: '42', code: 1008 },
    { name: 'a JSON string', frame: '"app:getInfo"', code: 1008 },
    { name: 'an array', frame: '[1, "app:getInfo"]', code: 1008 },
    { name: 'not JSON', frame: '{"id": 1, "channel":', code: 1008 },
    { name: 'an id that is not a number', frame: '{"id": "1", "channel": "app:getInfo"}', code: 1008 },
    { name: 'no id', frame: '{"channel": "app:getInfo"}', code: 1008 },
    { name: 'binary', frame: Buffer.from('{"id": 1, "channel": "app:getInfo"}'), binary: true, code: 1008 },
    // ws closes with 1009 (message too big) itself before the server sees the frame.
    { name: 'over 1 MiB', frame: `{"id": 1, "channel": "app:getInfo", "input": "${'x'.repeat(oneMiB)}"}`, code: 1009 }
  ]

  for (const bad of badFrames) {
    it(`closes the socket that sent ${bad.name} and keeps serving`, async () => {
      const ws = await openBridge(cli.url, token)
      const code = closed(ws)
      ws.send(bad.frame, { binary: bad.binary ?? false })
      expect(await code).toBe(bad.code)
      await stillAnswers()
    })
  }

  it('answers a well-formed call to an unknown channel with an error result, socket kept open', async () => {
    const ws = await openBridge(cli.url, token)
    expect(await call(ws, 7, '__proto__')).toMatchObject({ ok: false, error: { code: 'unknown_channel' } })
    expect(await call(ws, 8, 'app:getStatus')).toMatchObject({ ok: true })
    ws.close()
  })

  it('serves the app icon as /favicon.ico', async () => {
    const res = await fetch(`${cli.url}/favicon.ico`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(join(repoRoot, 'resources/icon.png')))).toBe(true)
  })

  it('uses GIGPILOT_DATA_DIR when --data-dir is not given', () => {
    expect(cli.dataDir).toBe(envDataDir)
    expect(existsSync(join(envDataDir, 'gigpilot.db'))).toBe(true)
  })
})

describe('harness data folder: --data-dir > GIGPILOT_DATA_DIR > a fresh temporary folder', () => {
  it('prefers --data-dir over GIGPILOT_DATA_DIR', async () => {
    const flagDir = join(scratch, 'from-flag')
    const cli = await startCli(['--data-dir', flagDir], { GIGPILOT_DATA_DIR: join(scratch, 'ignored') })
    expect(cli.dataDir).toBe(flagDir)
    expect(existsSync(join(flagDir, 'gigpilot.db'))).toBe(true)
    expect(existsSync(join(scratch, 'ignored'))).toBe(false)
    await stopCli(cli)
  })

  it('makes a fresh temporary folder when neither is given', async () => {
    const cli = await startCli([], {})
    try {
      expect(dirname(realpathSync(cli.dataDir))).toBe(realpathSync(tmpdir()))
      expect(cli.dataDir).toMatch(/gigpilot-harness-[^/]+$/)
    } finally {
      await stopCli(cli)
      rmSync(cli.dataDir, { recursive: true, force: true })
    }
  })
})
