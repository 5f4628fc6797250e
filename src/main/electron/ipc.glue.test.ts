/**
 * Glue tests for the Electron side of IPC. Only the `electron` module is replaced (it cannot run
 * in Node); the handlers are the real core services on a temporary data folder.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { channelNames } from '@shared/contract'
import type { IpcResult } from '@shared/ipc-result'
import { createHarnessCore, type HarnessCore } from '../../../tools/harness/harness-core'
import { registerIpc } from './ipc'

type Handler = (event: unknown, input: unknown) => Promise<IpcResult<unknown>>

let core: HarnessCore
let dataDir: string
const handlers = new Map<string, Handler>()
const trusted = { senderFrame: { url: 'app://gigpilot/index.html', parent: null } }

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gigpilot-glue-'))
  core = await createHarnessCore({ dataDir, env: {}, verbose: false, openBrowser: async () => undefined })
  registerIpc(
    { handle: (name: string, fn: Handler) => void handlers.set(name, fn), removeHandler: (name: string) => void handlers.delete(name) } as never,
    { ...core.dispatchOptions, trustedOrigins: ['app://gigpilot'] }
  )
})

afterAll(async () => {
  await core.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('registerIpc', () => {
  it('registers exactly one handler per contract channel', () => {
    expect([...handlers.keys()].sort()).toEqual([...channelNames].sort())
  })

  it('answers a trusted call with {ok:true,value}', async () => {
    const result = await handlers.get('settings:get')!(trusted, undefined)
    expect(result).toMatchObject({ ok: true, value: { theme: 'system' } })
  })

  it.each([
    ['a destroyed frame', { senderFrame: null }],
    ['a sub-frame', { senderFrame: { url: 'app://gigpilot/index.html', parent: {} } }],
    ['a foreign origin', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a file:// page', { senderFrame: { url: 'file:///tmp/x.html', parent: null } }]
  ])('refuses %s before the handler runs', async (_name, event) => {
    const result = await handlers.get('settings:update')!(event, { theme: 'dark' })
    expect(result).toEqual({ ok: false, error: { code: 'forbidden_sender', message: expect.any(String) } })
    expect(core.settings.get().theme).toBe('system')
  })

  it.each([
    ['a wrong enum', { theme: 'purple' }],
    ['an unknown key', { secret: 'x' }],
    ['a wrong type', { notifications: { minScore: 'high' } }],
    ['not an object', 'dark'],
    ['a bad URL', { upwork: { graphqlUrl: 'javascript:alert(1)' } }]
  ])('refuses %s with invalid_input and changes nothing', async (_name, input) => {
    const before = core.settings.get()
    const result = await handlers.get('settings:update')!(trusted, input)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(core.settings.get()).toEqual(before)
  })

  it('refuses a forged sender on every channel, before any handler runs', async () => {
    const forged = { senderFrame: { url: 'https://evil.example/', parent: null } }
    for (const name of channelNames) {
      const result = await handlers.get(name)!(forged, undefined)
      expect(result, name).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } })
    }
    expect(core.settings.get().theme).toBe('system')
  })

  it('never crashes on fuzzed input: every channel answers with a typed result', async () => {
    const payloads: unknown[] = [null, 0, -1, 'x'.repeat(10_000), [], { __proto__: { polluted: true } }, { constructor: { prototype: {} } }, { url: 42 }, { tenantId: 'a\r\nX-Evil: 1' }]
    // Channels that act on the outside world are left to their own tests.
    const skip = new Set(['upwork:connect', 'shell:openExternal'])
    for (const name of channelNames.filter((n) => !skip.has(n))) {
      for (const payload of payloads) {
        const result = await handlers.get(name)!(trusted, payload)
        expect(typeof result.ok, `${name} ${JSON.stringify(payload)}`).toBe('boolean')
        if (!result.ok) expect(result.error.code, `${name}`).not.toBe('internal')
      }
    }
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
  })

  it('refuses endpoint overrides that would send tokens off this computer over plain http', async () => {
    const result = await handlers.get('settings:update')!(trusted, { upwork: { tokenUrl: 'http://evil.example/token' } })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(core.settings.get().upwork.tokenUrl).toBeNull()
  })

  it('refuses input on a channel that takes none', async () => {
    const result = await handlers.get('app:getInfo')!(trusted, { anything: 1 })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('refuses non-Upwork links for openExternal with a plain message', async () => {
    const result = await handlers.get('shell:openExternal')!(trusted, { url: 'https://upwork.com.evil.example/' })
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_url' } })
  })
})

describe('preload', () => {
  it('exposes one method per channel and a checked `on`, nothing raw', async () => {
    const exposed: Record<string, unknown> = {}
    const invoke = vi.fn(async () => ({ ok: true, value: 1 }))
    const listeners = new Map<string, (e: unknown, p: unknown) => void>()
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: {
        invoke,
        on: (name: string, fn: (e: unknown, p: unknown) => void) => listeners.set(name, fn),
        removeListener: (name: string) => listeners.delete(name)
      }
    }))
    await import('../../preload/index')
    const api = exposed.gigpilot as Record<string, Record<string, (i?: unknown) => Promise<unknown>>> & {
      on: (e: string, l: (p: unknown) => void) => () => void
    }
    expect(Object.keys(exposed)).toEqual(['gigpilot'])
    const methods = Object.entries(api)
      .filter(([k]) => k !== 'on')
      .flatMap(([ns, group]) => Object.keys(group).map((m) => `${ns}:${m}`))
    expect(methods.sort()).toEqual([...channelNames].sort())
    expect(Object.keys(api).sort()).toEqual(['app', 'automation', 'notifications', 'on', 'settings', 'shell', 'upwork'])

    await api.settings!.update!({ theme: 'dark' })
    expect(invoke).toHaveBeenCalledWith('settings:update', { theme: 'dark' })

    const received: unknown[] = []
    const unsubscribe = api.on('settings:changed', (p) => received.push(p))
    listeners.get('settings:changed')!({ sender: 'electron-event-object' }, { theme: 'dark' })
    expect(received).toEqual([{ theme: 'dark' }]) // the Electron event object is dropped
    unsubscribe()
    expect(listeners.has('settings:changed')).toBe(false)
    expect(() => api.on('ipc:raw', () => undefined)).toThrow(/Unknown event/)
  })
})
