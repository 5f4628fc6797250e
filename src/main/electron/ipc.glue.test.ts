/**
 * Glue tests for the Electron side of IPC. Only the `electron` module is replaced (it cannot run
 * in Node); the handlers are the real core services on a temporary data folder. The core's
 * "open in the system browser" port is a recorder, so a test can tell whether a call reached it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { channelNames } from '@shared/contract'
import type { IpcResult } from '@shared/ipc-result'
import { createHarnessCore, type HarnessCore } from '../../../tools/harness/harness-core'
import { FAKE_CLIENT } from '../test-support/fake-upwork'
import { freePort } from '../test-support/free-port'
import { registerIpc } from './ipc'

type Handler = (event: unknown, input: unknown) => Promise<IpcResult<unknown>>

let core: HarnessCore
let dataDir: string
/** Every ipcMain.handle call, in order (a list, so a second registration would show). */
const registrations: string[] = []
const handlers = new Map<string, Handler>()
/** Every URL the core asked the OS to open (the sign-in page or a link), with the channel being called. */
const opened: Array<{ url: string; during: string | null }> = []
let during: string | null = null
let onOpen: ((entry: { url: string; during: string | null }) => void) | null = null
/** Every core handler that ran, by channel. */
const handlerRuns: string[] = []
const trusted = { senderFrame: { url: 'app://gigpilot/index.html', parent: null } }
async function call(name: string, input?: unknown, event: unknown = trusted): Promise<IpcResult<unknown>> {
  during = name
  try {
    return await handlers.get(name)!(event, input)
  } finally {
    during = null
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gigpilot-glue-'))
  core = await createHarnessCore({ dataDir, env: {}, verbose: false, openBrowser: async (url) => {
      const entry = { url, during }
      opened.push(entry)
      onOpen?.(entry)
    }
  })
  const real = core.dispatchOptions.handlers as unknown as Record<string, (input: unknown) => unknown>
  const counting = Object.fromEntries(
    Object.entries(real).map(([name, fn]) => [
      name,
      (input: unknown) => {
        handlerRuns.push(name)
        return fn(input)
      }
    ])
  )
  registerIpc(
    {
      handle: (name: string, fn: Handler) => {
        registrations.push(name)
        handlers.set(name, fn)
      },
      removeHandler: (name: string) => void handlers.delete(name)
    } as never,
    { ...core.dispatchOptions, handlers: counting as never, trustedOrigins: ['app://gigpilot'] }
  )
  // A saved key and a free callback port: from here on, a connect that got through WOULD open the browser.
  expect(await call('settings:update', { upwork: { callbackPort: await freePort() } })).toMatchObject({ ok: true })
  expect(await call('upwork:saveCredentials', FAKE_CLIENT)).toMatchObject({ ok: true })
  opened.length = 0
  handlerRuns.length = 0
})

afterAll(async () => {
  await core.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** What is wrong with a list of registered channels, measured against the contract's list. */
function registryProblems(registered: readonly string[], contract: readonly string[]): string[] {
  const problems: string[] = []
  const seen = new Set<string>()
  for (const name of registered) {
    if (seen.has(name)) problems.push(`registered twice: ${name}`)
    seen.add(name)
    if (!contract.includes(name)) problems.push(`not in the contract: ${name}`)
  }
  for (const name of contract) if (!seen.has(name)) problems.push(`no handler: ${name}`)
  return problems
}

/** The only links openExternal may hand to the OS: https on upwork.com, exactly as parsed. */
function isSafeToOpen(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  const host = url.hostname
  return url.href === raw && url.protocol === 'https:' && !url.username && !url.password && (host === 'upwork.com' || host.endsWith('.upwork.com'))
}

describe('registerIpc', () => {
  it('the registry check catches a missing, an extra and a doubly registered channel', () => {
    const contract = ['a:one', 'a:two', 'b:three']
    expect(registryProblems(['a:one', 'a:two', 'b:three'], contract)).toEqual([])
    expect(registryProblems(['a:one', 'b:three'], contract)).toEqual(['no handler: a:two'])
    expect(registryProblems([...contract, 'debug:eval'], contract)).toEqual(['not in the contract: debug:eval'])
    expect(registryProblems([...contract, 'a:one'], contract)).toEqual(['registered twice: a:one'])
  })

  it('registers exactly one IPC handler per contract channel', () => {
    expect(registrations.length).toBeGreaterThan(0)
    expect(registryProblems(registrations, channelNames)).toEqual([])
  })

  it('the core has a handler for every contract channel and none besides', () => {
    // The handler map is built by the domains, independently of the contract's channel list.
    expect(registryProblems(Object.keys(core.dispatchOptions.handlers), channelNames)).toEqual([])
  })

  it('answers a trusted call with {ok:true,value}', async () => {
    const result = await call('settings:get')
    expect(result).toMatchObject({ ok: true, value: { theme: 'system' } })
  })

  it.each([
    ['a destroyed frame', { senderFrame: null }],
    ['a sub-frame', { senderFrame: { url: 'app://gigpilot/index.html', parent: {} } }],
    ['a foreign origin', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a file:// page', { senderFrame: { url: 'file:///tmp/x.html', parent: null } }]
  ])('refuses %s before the handler runs', async (_name, event) => {
    const runsBefore = handlerRuns.length
    const result = await call('settings:update', { theme: 'dark' }, event)
    expect(result).toEqual({ ok: false, error: { code: 'forbidden_sender', message: expect.any(String) } })
    expect(handlerRuns.length).toBe(runsBefore)
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
    const result = await call('settings:update', input)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(core.settings.get()).toEqual(before)
  })

  it('refuses a forged sender on every channel, before any handler runs, and opens nothing', async () => {
    const forged = { senderFrame: { url: 'https://evil.example/', parent: null } }
    const runsBefore = handlerRuns.length
    for (const name of channelNames) {
      // `undefined` is valid input for every channel that takes none (upwork:connect among them).
      const result = await call(name, undefined, forged)
      expect(result, name).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } })
    }
    const link = await call('shell:openExternal', { url: 'https://www.upwork.com/nx/find-work/' }, forged)
    expect(link).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } })
    expect(handlerRuns.slice(runsBefore)).toEqual([])
    expect(opened).toEqual([])
    expect(core.settings.get().theme).toBe('system')
  })

  it('never crashes on fuzzed input, on every channel: typed results, no pollution, nothing opened', async () => {
    const ownProto = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>
    // An own key named "__proto__", not an object whose prototype was set (which has no keys at all).
    expect(Object.prototype.hasOwnProperty.call(ownProto, '__proto__')).toBe(true)
    const nestedProto = JSON.parse('{"upwork": {"__proto__": {"polluted": true}}, "notifications": {"__proto__": {"minScore": 0}}}') as unknown
    const definedProto = Object.defineProperty({}, '__proto__', { value: { polluted: true }, enumerable: true, configurable: true, writable: true })
    const payloads: unknown[] = [
      null,
      0,
      -1,
      'x'.repeat(10_000),
      [],
      ownProto,
      nestedProto,
      definedProto,
      { constructor: { prototype: { polluted: true } } },
      { url: 42 },
      { url: 'javascript:alert(1)' },
      { url: 'file:///etc/passwd' },
      { url: 'https://upwork.com.evil.example/' },
      { url: 'https://www.upwork.com\\@evil.example/' },
      { url: 'https://evil.example@www.upwork.com/' },
      { url: 'http://www.upwork.com/' },
      { url: ' https://evil.example/' },
      { url: 'https://www.upwork.com/', extra: true },
      { tenantId: 'a\r\nX-Evil: 1' },
      { clientId: '', clientSecret: '' }
    ]
    const settingsBefore = core.settings.get()
    const accountBefore = await call('upwork:getAccount')
    // A fuzzed call that reaches the browser fails at once (a sign-in would otherwise wait minutes).
    let reachedBrowser!: (e: Error) => void
    const browserReached = new Promise<never>((_resolve, reject) => (reachedBrowser = reject))
    browserReached.catch(() => undefined)
    onOpen = (entry) => {
      if (entry.during !== 'shell:openExternal') reachedBrowser(new Error(`${entry.during} opened ${entry.url}`))
    }
    for (const name of channelNames) {
      for (const payload of payloads) {
        const result = await Promise.race([call(name, payload), browserReached])
        const what = `${name} ${JSON.stringify(payload)?.slice(0, 80)}`
        expect(typeof result.ok, what).toBe('boolean')
        if (!result.ok) expect(result.error.code, what).not.toBe('internal')
        if (payload === ownProto || payload === nestedProto || payload === definedProto) {
          expect(result, what).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
        }
      }
    }
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined()
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false)
    expect(core.settings.get()).toEqual(settingsBefore)
    expect(await call('upwork:getAccount')).toEqual(accountBefore)
    onOpen = null
    // upwork:connect takes no input, so no fuzzed call may reach the browser; openExternal may
    // only ever hand the OS a canonical https link to upwork.com.
    expect(opened.filter((o) => o.during !== 'shell:openExternal')).toEqual([])
    expect(opened.filter((o) => !isSafeToOpen(o.url))).toEqual([])
  })

  it('the recorder is wired: a valid connect and a valid link do reach it (so the checks above can fail)', async () => {
    opened.length = 0
    const connecting = call('upwork:connect')
    await vi.waitFor(() => expect(opened).toHaveLength(1))
    expect(opened[0]!.during).toBe('upwork:connect')
    expect(new URL(opened[0]!.url).searchParams.get('client_id')).toBe(FAKE_CLIENT.clientId)
    expect(await call('upwork:cancelConnect')).toMatchObject({ ok: true })
    expect(await connecting).toMatchObject({ ok: false, error: { code: 'cancelled' } })

    expect(await call('shell:openExternal', { url: 'https://www.upwork.com/nx/find-work/' })).toEqual({ ok: true, value: { opened: true } })
    expect(opened[1]).toEqual({ url: 'https://www.upwork.com/nx/find-work/', during: 'shell:openExternal' })
    expect(isSafeToOpen('https://www.upwork.com\\@evil.example/')).toBe(false)
    expect(isSafeToOpen('https://www.upwork.com/@evil.example/')).toBe(true)
  })

  it('refuses endpoint overrides that would send tokens off this computer over plain http', async () => {
    const result = await call('settings:update', { upwork: { tokenUrl: 'http://evil.example/token' } })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(core.settings.get().upwork.tokenUrl).toBeNull()
  })

  it('refuses input on a channel that takes none', async () => {
    const result = await call('app:getInfo', { anything: 1 })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('refuses non-Upwork links for openExternal with a plain message', async () => {
    const result = await call('shell:openExternal', { url: 'https://upwork.com.evil.example/' })
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
    expect(registryProblems(methods, channelNames)).toEqual([])
    expect(Object.keys(api).sort()).toEqual(['ai', 'analytics', 'app', 'automation', 'drafts', 'experiments', 'followUps', 'jobs', 'messaging', 'notifications', 'on', 'ontology', 'outbox', 'prediction', 'profile', 'proposals', 'replies', 'review', 'searches', 'settings', 'shell', 'strategies', 'templates', 'upwork', 'workspace'])

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
