import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type * as KeytarModule from 'keytar'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { renderText, translator } from '@shared/i18n'
import { defaultSettings, type Settings } from '@shared/settings'
import { openDatabase, type Database } from '../db/open-database'
import { makeTempDir, MIGRATIONS_DIR } from '../db/test-support/temp-files'
import { KeytarSecretStore } from '../secrets/keytar-secret-store'
import { loadKeytar } from '../secrets/keytar-like'
import { probeKeychain } from '../secrets/probe-keychain'
import { KEYCHAIN_HOWTO, keychainRequired } from '../secrets/test-support/keychain-env'
import { ManualClock } from '../test-support/clocks'
import { useFakeOpenAi } from '../test-support/fake-openai'
import { createMemoryLogger } from '../test-support/memory-logger'
import { AppError } from '../core/app-error'
import { createAiModule, type AiModule } from './module'

/** Settings → AI against the REAL keychain (gnome-keyring over D-Bus), a real SQLite file and fake-openai over HTTP. */
const serviceName = `GigPilot-ai-test-${randomUUID()}`
const loaded = await loadKeytar()
const keytar = loaded.keytar as typeof KeytarModule | null
const probe = keytar ? await probeKeychain(keytar, { serviceName, timeoutMs: 5_000 }) : ({ ok: false, reason: `keytar did not load: ${loaded.error}` } as const)
if (!probe.ok && !keychainRequired()) console.warn(`\n[AI keychain tests SKIPPED] ${probe.reason}\n${KEYCHAIN_HOWTO}\n`)

const KEY = 'sk-test-' + randomUUID()
const server = useFakeOpenAi({ apiKeys: [KEY], models: ['gpt-4o-mini', 'gpt-4o'] })

describe.skipIf(!probe.ok && !keychainRequired())('Settings → AI (key in the system keychain)', () => {
  let temp: ReturnType<typeof makeTempDir>
  let db: Database
  let settings: Settings
  let logger: ReturnType<typeof createMemoryLogger>
  let ai: AiModule
  const store = () => new KeytarSecretStore({ keytar: keytar!, serviceName })
  const build = (env: Record<string, string> = {}, language: 'en' | 'uk' = 'en'): AiModule =>
    createAiModule({
      db,
      settings: () => settings.ai,
      env,
      secrets: store(),
      clock: new ManualClock(Date.UTC(2026, 11, 1, 12)),
      logger,
      t: translator(language),
      jobs: { get: async () => null },
      profile: { get: async () => ({}) as never },
      onIngested: () => () => undefined,
      clientOptions: { maxRetries: 0, timeoutMs: 2_000 }
    })

  beforeEach(async () => {
    temp = makeTempDir()
    db = await openDatabase({ file: join(temp.dir, 'ai.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
    settings = defaultSettings()
    settings.ai.baseUrl = 'https://api.openai.com/v1'
    logger = createMemoryLogger()
    ai = build()
  })
  afterEach(async () => {
    await store().delete('openai.apiKey')
    await db.close()
    temp.cleanup()
  })
  afterAll(async () => {
    if (!keytar) return
    await keytar.deletePassword(serviceName, 'openai.apiKey').catch(() => false)
    expect(await keytar.findCredentials(serviceName)).toEqual([])
  })

  it('without a key: not configured, in plain words, and the client is refused', async () => {
    expect(await ai.handlers['ai:status'](undefined)).toMatchObject({ configured: false, keyStored: false, needsKey: true, secretBackend: 'keychain', baseUrl: 'https://api.openai.com/v1', baseUrlSource: 'settings', preset: 'openai', model: 'gpt-4o-mini' })
    const e = await ai.provider.client().catch((err: unknown) => err)
    expect(e).toBeInstanceOf(AppError)
    expect((e as AppError).code).toBe('ai_not_configured')
    const test = await ai.handlers['ai:testConnection'](undefined)
    expect(test).toMatchObject({ ok: false, code: 'ai_not_configured', modelOffered: null })
    expect(test.message).toMatch(/^The connection test failed\. No AI provider is set up yet/)
  })

  it('saves the key into the keychain (read by a new instance), never returns or logs it; clearKey removes it', async () => {
    settings.ai.baseUrl = server.fake.url
    const status = await ai.handlers['ai:saveKey']({ apiKey: `  ${KEY}  ` })
    expect(status).toMatchObject({ configured: true, keyStored: true })
    expect(JSON.stringify(status)).not.toContain(KEY)
    expect(await keytar!.getPassword(serviceName, 'openai.apiKey')).toBe(KEY)
    // A new module (a restart) uses the stored key: the fake accepts only that key.
    const test = await build().handlers['ai:testConnection'](undefined)
    expect(test).toMatchObject({ ok: true, modelOffered: true, models: ['gpt-4o-mini', 'gpt-4o'], code: null })
    expect(test.message).toBe(`Connected to ${server.fake.url}. The model "gpt-4o-mini" is available.`)
    expect(server.fake.requests.at(-1)!.authorization).toBe(`Bearer ${KEY}`)
    expect(JSON.stringify(logger.entries)).not.toContain(KEY)

    expect(await ai.handlers['ai:clearKey'](undefined)).toMatchObject({ keyStored: false })
    expect(await keytar!.getPassword(serviceName, 'openai.apiKey')).toBeNull()
  })

  it('says when the chosen model is not offered, and when the key is refused (in Ukrainian too)', async () => {
    settings.ai.baseUrl = server.fake.url
    await ai.handlers['ai:saveKey']({ apiKey: KEY })
    settings.ai.model = 'gpt-5'
    const missing = await ai.handlers['ai:testConnection'](undefined)
    expect(missing).toMatchObject({ ok: false, modelOffered: false, code: 'ai_model_not_found' })
    expect(missing.message).toContain('does not offer the model "gpt-5"')

    await ai.handlers['ai:saveKey']({ apiKey: 'sk-wrong' })
    const refused = await build({}, 'uk').handlers['ai:testConnection'](undefined)
    expect(refused).toMatchObject({ ok: false, code: 'ai_unauthorized' })
    expect(refused.message).toBe(`Перевірка з’єднання не вдалася. ${renderText(translator('uk'), { key: 'ai.err.unauthorized' })}`)
  })

  it('a base URL on this computer needs no key; OPENAI_BASE_URL is honoured, a disallowed one explained', async () => {
    settings.ai.baseUrl = 'http://127.0.0.1:11434/v1'
    expect(await ai.handlers['ai:status'](undefined)).toMatchObject({ configured: true, keyStored: false, needsKey: false, preset: 'ollama' })
    settings.ai.baseUrl = null
    expect(await build({ OPENAI_BASE_URL: server.fake.url }).handlers['ai:status'](undefined)).toMatchObject({ baseUrl: server.fake.url, baseUrlSource: 'env', needsKey: false, preset: null })
    const bad = await build({ OPENAI_BASE_URL: 'http://example.com/v1' }).handlers['ai:status'](undefined)
    expect(bad).toMatchObject({ configured: false, baseUrlSource: 'env' })
    expect(bad.baseUrlProblem).toContain('OPENAI_BASE_URL')
  })
})
