import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startHarness } from './server'

/**
 * The harness must stop however the browser left its connections: Playwright tears the harness
 * down while the page is still open, so a socket the page keeps must not hold close() up.
 */
const scratch = mkdtempSync(join(tmpdir(), 'gigpilot-harness-close-'))
const rendererDir = join(scratch, 'renderer')
mkdirSync(rendererDir)
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><script type="module" src="/app.js"></script></head><body></body></html>')
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const opened = (socket: Socket): Promise<void> => new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject))
const closedBy = (socket: Socket): Promise<void> => new Promise((resolve) => socket.once('close', () => resolve()))

describe('harness close()', () => {
  it('finishes while the browser holds a spare pre-connected socket, a keep-alive socket and a half-sent request', async () => {
    const harness = await startHarness({ dataDir: mkdtempSync(join(scratch, 'data-')), rendererDir })
    const { hostname, port } = new URL(harness.url)

    // Chromium keeps spare connections in its pool: connected, nothing sent yet.
    const spare = connect({ host: hostname, port: Number(port) })
    await opened(spare)
    // A finished request on a kept-alive connection.
    const keptAlive = await new Promise<Socket>((resolve, reject) => {
      const req = request({ host: hostname, port, path: '/', headers: { Host: `${hostname}:${port}`, Connection: 'keep-alive' } }, (res) => {
        res.resume()
        res.once('end', () => resolve(req.socket!))
      })
      req.once('error', reject)
      req.end()
    })
    // A request whose headers never finish.
    const halfSent = connect({ host: hostname, port: Number(port) })
    await opened(halfSent)
    halfSent.write(`GET / HTTP/1.1\r\nHost: ${hostname}:${port}\r\n`)

    const sockets = [spare, keptAlive, halfSent]
    for (const s of sockets) s.on('error', () => undefined)
    const allCut = Promise.all(sockets.map(closedBy))
    // Without cutting connections, this waits for as long as the client keeps its sockets: the test times out.
    await harness.close()
    await allCut
    expect(sockets.every((s) => s.destroyed)).toBe(true)
  })
})
