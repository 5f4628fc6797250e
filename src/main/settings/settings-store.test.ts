import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { defaultSettings, type Settings } from '../../shared/settings'
import { createMemoryLogger } from '../test-support/memory-logger'
import { createNodeSettingsStore } from './create-node-settings-store'
import { MemoryBacking } from './key-value-backing'
import { SettingsStore } from './settings-store'

function setup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'gigpilot-settings-'))
  const logger = createMemoryLogger()
  const filePath = join(dataDir, 'settings.json')
  const open = () => createNodeSettingsStore({ dataDir, logger, now: () => new Date('2026-08-22T10:11:12.345Z') })
  const readJson = () => JSON.parse(readFileSync(filePath, 'utf8')) as Settings
  return { dataDir, logger, filePath, open, readJson }
}

describe('SettingsStore (conf, real file)', () => {
  it('starts from the schema defaults without writing a file', () => {
    const { open, dataDir } = setup()
    const store = open()
    expect(store.get()).toEqual(defaultSettings())
    expect(store.get().notifications.quietHours).toEqual({ enabled: false, start: '22:00', end: '08:00' })
    expect(store.lastLoadProblem).toBeNull()
    expect(readdirSync(dataDir)).toEqual([])
  })

  it('persists an update across a new store on the same file and notifies listeners', () => {
    const { open, readJson, filePath } = setup()
    const store = open()
    const seen: Array<[Settings, Settings]> = []
    const unsubscribe = store.onChange((next, prev) => seen.push([next, prev]))

    const result = store.update({ theme: 'dark', notifications: { minScore: 85, quietHours: { start: '23:30' } } })
    expect(result.theme).toBe('dark')
    expect(result.notifications).toMatchObject({ enabled: true, minScore: 85, quietHours: { enabled: false, start: '23:30', end: '08:00' } })
    expect(seen).toHaveLength(1)
    expect(seen[0]![0].theme).toBe('dark')
    expect(seen[0]![1].theme).toBe('system')

    expect(readJson().notifications.minScore).toBe(85)
    if (process.platform !== 'win32') expect(statSync(filePath).mode & 0o777).toBe(0o600)

    const reopened = open()
    expect(reopened.get()).toEqual(result)
    expect(reopened.lastLoadProblem).toBeNull()

    // A no-op patch writes nothing and emits nothing; after unsubscribe, nothing is heard.
    store.update({ theme: 'dark' })
    expect(seen).toHaveLength(1)
    unsubscribe()
    store.update({ theme: 'light' })
    expect(seen).toHaveLength(1)
  })

  it('refuses an invalid patch with a ZodError and writes nothing', () => {
    const { open, readJson, filePath } = setup()
    const store = open()
    store.update({ ai: { model: 'gpt-4o' } })
    const before = readFileSync(filePath, 'utf8')
    const events: unknown[] = []
    store.onChange((n) => events.push(n))

    expect(() => store.update({ notifications: { minScore: 500 } })).toThrow(ZodError)
    expect(() => store.update({ upwork: { graphqlUrl: 'javascript:alert(1)' } } as never)).toThrow(ZodError)
    expect(() => store.update({ notifications: { quietHours: { start: '25:00' } } })).toThrow(ZodError)
    expect(readFileSync(filePath, 'utf8')).toBe(before)
    expect(readJson().ai.model).toBe('gpt-4o')
    expect(store.get().notifications.minScore).toBe(70)
    expect(events).toEqual([])
  })

  it('rejects unknown keys, so secrets cannot be put in settings', () => {
    const { open, dataDir } = setup()
    const store = open()
    const attempt = (patch: unknown) => () => store.update(patch as never)
    expect(attempt({ openaiApiKey: 'sk-should-not-be-here-123' })).toThrow(ZodError)
    expect(attempt({ upwork: { accessToken: 'oauth2v2_nope' } })).toThrow(ZodError)
    expect(attempt({ ai: { apiKey: 'sk-nope-0123456789' } })).toThrow(ZodError)
    expect(readdirSync(dataDir)).toEqual([])
  })

  it('reset() writes the defaults and notifies', () => {
    const { open, readJson } = setup()
    const store = open()
    store.update({ automationPaused: true, upwork: { hourlyRequestBudget: 120 } })
    let notified = 0
    store.onChange(() => notified++)
    expect(store.reset()).toEqual(defaultSettings())
    expect(readJson()).toEqual(defaultSettings())
    expect(notified).toBe(1)
  })

  it('hands out copies: mutating a returned object changes nothing', () => {
    const { open } = setup()
    const store = open()
    const s = store.get()
    s.notifications.minScore = 1
    expect(store.get().notifications.minScore).toBe(70)
  })

  it('keeps a broken JSON file aside, starts from defaults and says so', () => {
    const { open, dataDir, filePath, logger, readJson } = setup()
    writeFileSync(filePath, '{"theme":"dark", "notifications": {')
    const store = open()
    expect(store.get()).toEqual(defaultSettings())
    const kept = join(dataDir, 'settings.broken-2026-08-22T10-11-12-345Z.json')
    expect(readFileSync(kept, 'utf8')).toBe('{"theme":"dark", "notifications": {')
    expect(store.lastLoadProblem).toBe(
      `Your settings file could not be read; we kept a copy at ${kept} and started with defaults.`
    )
    expect(logger.lines('warn').join('\n')).toMatch(/Settings file could not be read; moved it aside/)

    // Saving now creates a fresh file; the kept copy stays. A second broken file gets its own name.
    store.update({ theme: 'light' })
    expect(readJson().theme).toBe('light')
    writeFileSync(filePath, '')
    const again = open()
    expect(again.get().theme).toBe('system')
    expect(readdirSync(dataDir).filter((f) => f.startsWith('settings.broken-')).sort()).toEqual([
      'settings.broken-2026-08-22T10-11-12-345Z-1.json',
      'settings.broken-2026-08-22T10-11-12-345Z.json'
    ])
  })

  it('treats JSON that is not an object (array, null) as broken', () => {
    const { open, filePath } = setup()
    writeFileSync(filePath, '[1,2,3]')
    const store = open()
    expect(store.get()).toEqual(defaultSettings())
    expect(store.lastLoadProblem).toMatch(/could not be read; we kept a copy at .*settings\.broken-/)
  })

  it('keeps valid values from a file that fails the schema and defaults only the bad ones', () => {
    const { open, dataDir, filePath, readJson } = setup()
    const original = JSON.stringify({
      theme: 'dark',
      language: 'klingon',
      notifications: { enabled: false, minScore: 500, quietHours: { enabled: true, start: '21:00', end: 'later' } },
      upwork: 'not an object',
      ai: { model: 'llama3', dailyTokenBudget: 50_000, baseUrl: 'http://localhost:11434/v1' },
      someFutureKey: { x: 1 }
    })
    writeFileSync(filePath, original)
    const store = open()
    const s = store.get()
    expect(s.theme).toBe('dark')
    expect(s.language).toBe('system') // the default
    expect(s.notifications).toEqual({ enabled: false, minScore: 70, sound: true, quietHours: { enabled: true, start: '21:00', end: '08:00' } })
    expect(s.upwork).toEqual(defaultSettings().upwork)
    expect(s.ai).toEqual({ ...defaultSettings().ai, model: 'llama3', dailyTokenBudget: 50_000, baseUrl: 'http://localhost:11434/v1' })

    const kept = join(dataDir, 'settings.broken-2026-08-22T10-11-12-345Z.json')
    expect(readFileSync(kept, 'utf8')).toBe(original)
    expect(store.lastLoadProblem).toContain(`we kept a copy of the file at ${kept}`)
    expect(store.lastLoadProblem).toMatch(/notifications\.minScore/)
    // The repaired values were written back, so the next start is clean and makes no new copy.
    expect(readJson()).toEqual(s)
    const next = open()
    expect(next.lastLoadProblem).toBeNull()
    expect(next.get()).toEqual(s)
    expect(readdirSync(dataDir).filter((f) => f.startsWith('settings.broken-'))).toHaveLength(1)
  })

  // Needs a folder the test cannot write to; root ignores permissions, so this skips under root.
  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)(
    'starts in memory, without touching the file, when a broken file cannot be moved aside',
    () => {
      const { dataDir } = setup()
      const sub = join(dataDir, 'ro')
      mkdirSync(sub)
      writeFileSync(join(sub, 'settings.json'), 'not json')
      chmodSync(sub, 0o500)
      try {
        const store = createNodeSettingsStore({ dataDir: sub, logger: createMemoryLogger() })
        expect(store.lastLoadProblem).toMatch(/could not be moved aside/)
        store.update({ theme: 'dark' })
        expect(store.get().theme).toBe('dark')
        expect(readFileSync(join(sub, 'settings.json'), 'utf8')).toBe('not json')
      } finally {
        chmodSync(sub, 0o700)
      }
    }
  )
})

describe('SettingsStore (any backing)', () => {
  it('salvages invalid values from the backing and reports it', () => {
    const backing = new MemoryBacking({ theme: 'neon', automationPaused: true })
    const store = new SettingsStore({ backing, logger: createMemoryLogger() })
    expect(store.get().theme).toBe('system')
    expect(store.get().automationPaused).toBe(true)
    expect(store.lastLoadProblem).toMatch(/theme/)
    store.dismissLoadProblem()
    expect(store.lastLoadProblem).toBeNull()
  })

  it('reports a failed save as an AppError and keeps the previous settings', () => {
    const backing = new MemoryBacking()
    Object.defineProperty(backing, 'store', {
      get: () => ({}),
      set: () => {
        throw new Error('ENOSPC: no space left on device')
      }
    })
    const store = new SettingsStore({ backing, logger: createMemoryLogger() })
    expect(() => store.update({ theme: 'dark' })).toThrow(/could not be saved \(ENOSPC/)
    expect(store.get().theme).toBe('system')
  })

  it('a throwing listener does not stop others', () => {
    const logger = createMemoryLogger()
    const store = new SettingsStore({ backing: new MemoryBacking(), logger })
    let called = false
    store.onChange(() => {
      throw new Error('listener bug')
    })
    store.onChange(() => {
      called = true
    })
    store.update({ onboardingCompleted: true })
    expect(called).toBe(true)
    expect(logger.lines('error').join('\n')).toMatch(/listener failed.*listener bug/)
  })
})
