import { timingSafeEqual, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { dirname, resolve } from 'node:path'
import { build } from 'esbuild'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { CONTENT_SECURITY_POLICY } from '../../src/main/security/content-security-policy'
import { dispatch } from '../../src/main/ipc/dispatch'
import { WorkspaceHost } from '../../src/main/app/workspace-host'
import { systemClock } from '../../src/main/ports/clock'
import { createHarnessCore, RecordingNotifier, type HarnessCore } from './harness-core'
import { readStatic } from './static-files'

/**
 * The browser harness (dev and test only, never packaged): the real main-process services in
 * Node, the built renderer on 127.0.0.1, and a WebSocket bridge that carries the same contract as
 * Electron's IPC. Playwright drives it in real Chromium where the Electron binary cannot run.
 */
export interface HarnessOptions {
  dataDir: string
  port?: number
  rendererDir?: string
  env?: NodeJS.ProcessEnv
  /** Print log lines to the console too. */
  verbose?: boolean
}

export interface Harness {
  url: string
  /** The open workspace's core (the real one, or the demo's after workspace:enterDemo). */
  readonly core: HarnessCore
  /** The workspace host (real ⇄ demo). */
  host: WorkspaceHost
  /** Every notification shown, from whichever workspace (the harness has no desktop). */
  notifier: RecordingNotifier
  /** This run's token (the bridge's): `GET /__test/notifications` wants it as `Authorization: Bearer …`. */
  token: string
  close(): Promise<void>
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const rendererDir = resolve(opts.rendererDir ?? resolve(repoRoot, 'out/renderer'))
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer at ${rendererDir}. Run \`npm run build\` first.`)
  }
  const token = randomBytes(24).toString('hex')
  const clients = new Set<WebSocket>()
  const broadcast = (message: unknown): void => {
    const text = JSON.stringify(message)
    for (const c of clients) if (c.readyState === c.OPEN) c.send(text)
  }
  const notifier = new RecordingNotifier(opts.verbose ?? false)
  // The same workspace host as Electron's: the real data folder, or the demo's inside it.
  const host = new WorkspaceHost({
    dataDir: opts.dataDir,
    clock: systemClock,
    openCore: ({ dataDir, ...spec }) =>
      createHarnessCore({
        dataDir,
        env: opts.env ?? process.env,
        verbose: opts.verbose ?? false,
        notifier,
        spec,
        openBrowser: async (url) => {
          if (clients.size === 0) host.core.logger.warn('No browser connected to open the sign-in page', {})
          broadcast({ type: 'openUrl', url })
        }
      })
  })
  await host.start()
  const core = { get logger() { return host.core.logger } }
  host.bus.onAny((event, payload) => broadcast({ type: 'event', event, payload }))
  const bridgeScript = await bundleBridgeClient(token)

  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
      const headers = {
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
        // The bridge script carries this run's token: no other origin may embed or read it.
        'Cross-Origin-Resource-Policy': 'same-origin'
      }
      // DNS rebinding: a foreign name resolving to 127.0.0.1 would otherwise read our pages.
      if (req.headers.host !== hostOf(server)) {
        res.writeHead(403, headers).end('Forbidden')
        return
      }
      if (path === '/__test/notifications') {
        // Test-only: what the RecordingNotifier was asked to show (this run's token, as the bridge).
        if (!hasToken(req, token)) {
          res.writeHead(403, headers).end('Forbidden')
          return
        }
        const shown = notifier.shown.map(({ title, body, silent }) => ({ title, body, silent: silent ?? false }))
        res.writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(shown))
        return
      }
      if (path === '/__harness/bridge.js') {
        res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' }).end(bridgeScript)
        return
      }
      // Browsers ask for /favicon.ico on their own; the renderer has none, so answer with the app icon.
      const file = (await readStatic(rendererDir, path)) ?? (path === '/favicon.ico' ? await appIcon() : null)
      if (!file) {
        res.writeHead(404, headers).end('Not found')
        return
      }
      let body: Buffer | string = file.body
      if (path === '/' || path === '/index.html') {
        // The bridge must define window.gigpilot before the app's module script runs.
        body = file.body.toString('utf8').replace('<script type="module"', '<script src="/__harness/bridge.js"></script>\n    <script type="module"')
      }
      res.writeHead(200, { ...headers, 'Content-Type': file.type }).end(body)
    })().catch((e: unknown) => {
      core.logger.error('Harness HTTP error', { error: String(e) })
      if (!res.headersSent) res.writeHead(500).end()
    })
  })

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 })
  server.on('upgrade', (req, socket, head) => {
    if (!isAuthorizedUpgrade(req, token, server)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws)
      ws.on('close', () => clients.delete(ws))
      // A frame over maxPayload: ws has already closed this socket with 1009 (message too big) and
      // reports it here. Without a listener the 'error' event would throw and end the process.
      ws.on('error', (e) => core.logger.warn('Harness bridge: socket error', { error: e.message }))
      ws.on('message', (data, isBinary) => {
        const call = isBinary ? null : parseBridgeCall(data)
        if (!call) {
          // Only our bridge script talks here, and it sends nothing else: this client is broken or hostile.
          core.logger.warn('Harness bridge: refused a malformed frame', { binary: isBinary })
          ws.close(POLICY_VIOLATION, 'GigPilot harness: malformed bridge frame')
          return
        }
        dispatch(host.dispatchOptions, call.channel, call.input)
          .then((result) => {
            if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id: call.id, result }))
          })
          .catch((e: unknown) => core.logger.error('Harness bridge: dispatch failed', { error: String(e) }))
      })
    })
  })

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolveListen())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const url = `http://127.0.0.1:${port}`

  return {
    url,
    get core() {
      return host.core as HarnessCore
    },
    host,
    notifier,
    token,
    close: async () => {
      for (const c of clients) c.terminate()
      wss.close()
      const closed = new Promise<void>((r) => server.close(() => r()))
      // server.close() only cuts idle keep-alive sockets. A browser's spare pre-connected socket
      // that has sent no request yet counts as active, and closing stops Node's header timeout,
      // so close() would wait for as long as the browser keeps it (in Playwright: until the page
      // is torn down, after this). Nothing is served from here on: cut every connection.
      server.closeAllConnections()
      await closed
      await host.close()
    }
  }
}

/** RFC 6455 close code 1008: the frame broke the bridge's protocol. */
const POLICY_VIOLATION = 1008

/** A bridge call is `{id: number, channel, input}` in one JSON text frame; anything else is null. */
export function parseBridgeCall(data: RawData): { id: number; channel: unknown; input: unknown } | null {
  let msg: unknown
  try {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)
    msg = JSON.parse(bytes.toString('utf8'))
  } catch {
    return null
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return null
  const { id, channel, input } = msg as Record<string, unknown>
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null
  return { id, channel, input }
}

async function appIcon(): Promise<{ body: Buffer; type: string }> {
  return { body: await readFile(resolve(repoRoot, 'resources/icon.png')), type: 'image/png' }
}

/** `Authorization: Bearer <token>`, compared in constant time. */
function hasToken(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '')
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** Only the page we served (same origin) holding this run's random token may open the bridge. */
function isAuthorizedUpgrade(req: IncomingMessage, token: string, server: ReturnType<typeof createServer>): boolean {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  if (url.pathname !== '/__bridge') return false
  const given = Buffer.from(url.searchParams.get('token') ?? '')
  const expected = Buffer.from(token)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false
  return req.headers.host === hostOf(server) && req.headers.origin === `http://${hostOf(server)}`
}

function hostOf(server: ReturnType<typeof createServer>): string {
  const address = server.address()
  return `127.0.0.1:${typeof address === 'object' && address ? address.port : -1}`
}

async function bundleBridgeClient(token: string): Promise<string> {
  const result = await build({
    entryPoints: [resolve(repoRoot, 'tools/harness/bridge-client.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    define: { __HARNESS_TOKEN__: JSON.stringify(token) },
    logLevel: 'silent'
  })
  return result.outputFiles[0]!.text
}
