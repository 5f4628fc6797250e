import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DEMO_DIR_NAME } from '../../src/main/demo/demo-workspace'
import { dispatch } from '../../src/main/ipc/dispatch'
import { startHarness } from './server'

/** The harness runs the workspace host: the bridge follows the open workspace; notifications are readable by tests. */
const scratch = mkdtempSync(join(tmpdir(), 'gigpilot-harness-ws-'))
const rendererDir = join(scratch, 'renderer')
mkdirSync(rendererDir)
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><script type="module" src="/app.js"></script></head><body></body></html>')
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('harness workspaces', () => {
  it('enters the demo, records its labelled notifications for GET /__test/notifications (token only), and leaves without a trace', async () => {
    const dataDir = mkdtempSync(join(scratch, 'data-'))
    const harness = await startHarness({ dataDir, rendererDir })
    try {
      const url = `${harness.url}/__test/notifications`
      expect((await fetch(url)).status).toBe(403)
      expect((await fetch(url, { headers: { Authorization: 'Bearer nope' } })).status).toBe(403)
      const auth = { headers: { Authorization: `Bearer ${harness.token}` } }
      expect(await (await fetch(url, auth)).json()).toEqual([])
      // The token is not enough from another name (DNS rebinding to 127.0.0.1), and the server listens on 127.0.0.1 only.
      const { hostname, port } = new URL(harness.url)
      expect(hostname).toBe('127.0.0.1')
      const foreign = await new Promise<number>((resolve, reject) => {
        request({ host: hostname, port, path: '/__test/notifications', headers: { Host: `evil.example:${port}`, Authorization: `Bearer ${harness.token}` } }, (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        })
          .on('error', reject)
          .end()
      })
      expect(foreign).toBe(403)

      const entered = await dispatch(harness.host.dispatchOptions, 'workspace:enterDemo', undefined)
      expect(entered).toEqual({ ok: true, value: expect.objectContaining({ kind: 'demo' }) })
      expect(harness.core.info.dataDir).toBe(join(dataDir, DEMO_DIR_NAME))
      // The demo's searches run at once (node-cron heartbeat, real clock): a grouped, labelled notification.
      await expect.poll(async () => ((await (await fetch(url, auth)).json()) as Array<{ title: string }>).length).toBeGreaterThan(0)
      const shown = (await (await fetch(url, auth)).json()) as Array<{ title: string; body: string }>
      for (const n of shown) expect(n.title).toMatch(/^Demo: /)

      const left = await dispatch(harness.host.dispatchOptions, 'workspace:leaveDemo', undefined)
      expect(left).toEqual({ ok: true, value: { kind: 'real', demoStartedAt: null } })
      expect(existsSync(join(dataDir, DEMO_DIR_NAME))).toBe(false)
      expect(harness.core.info.dataDir).toBe(dataDir)
    } finally {
      await harness.close()
    }
  })
})
