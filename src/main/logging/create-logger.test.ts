import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLogger } from './create-logger'
import { registerSecretForRedaction } from './redact'

const tempDir = () => mkdtempSync(join(tmpdir(), 'gigpilot-log-'))

describe('createLogger (electron-log file transport)', () => {
  it('writes redacted lines to <dataDir>/logs/main.log', () => {
    const dataDir = tempDir()
    const secret = `registered-${randomUUID()}`
    registerSecretForRedaction(secret)
    const logger = createLogger({ dataDir, level: 'info' })
    expect(logger.filePath).toBe(join(dataDir, 'logs', 'main.log'))

    logger.info(`token exchange: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig key sk-proj-abcdefghij0123456789 value ${secret} {"refresh_token":"x"}`, {
      body: '{"access_token":"oauth2v2_0123456789abcdef","refresh_token":"x","token_type":"bearer"}',
      request: `https://www.upwork.com/api/v3/oauth2/token?code=Zx9Q7pLm2&code_verifier=abc123verifier&state=s1`,
      also: { nested: secret }
    })
    logger.child('upwork').warn('retrying', { attempt: 2, headers: { Authorization: 'Bearer another-token-value' } })
    logger.debug('below the level: not written')

    const text = readFileSync(logger.filePath, 'utf8')
    const lines = text.trim().split('\n')
    expect(lines).toHaveLength(2)
    for (const leaked of [
      secret,
      'eyJhbGciOiJIUzI1NiJ9',
      'abcdefghij0123456789',
      'oauth2v2_0123456789abcdef',
      '"refresh_token":"x"',
      'Zx9Q7pLm2',
      'abc123verifier',
      'another-token-value'
    ]) {
      expect(text).not.toContain(leaked)
    }
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z \[info\] token exchange: Bearer \[REDACTED\] key sk-\[REDACTED\] value \[REDACTED\] \{"refresh_token":"\[REDACTED\]"\}/
    )
    expect(text).toContain('\\"refresh_token\\":\\"[REDACTED]\\"')
    // Non-secret context survives.
    expect(text).toContain('\\"token_type\\":\\"bearer\\"')
    expect(text).toContain('state=s1')
    expect(lines[1]).toMatch(/\[warn\] \[upwork\] retrying \{"attempt":2,"headers":\{"Authorization":"\[REDACTED\]"\}\}/)
    if (process.platform !== 'win32') expect(statSync(logger.filePath).mode & 0o777).toBe(0o600)
  })

  it('rotates to main.old.log when the file passes maxSize', () => {
    const dataDir = tempDir()
    const logger = createLogger({ dataDir, level: 'debug', maxSizeBytes: 2_000 })
    for (let i = 0; i < 60; i++) logger.debug(`line ${i} ${'x'.repeat(60)}`)
    const old = join(dataDir, 'logs', 'main.old.log')
    expect(existsSync(old)).toBe(true)
    expect(statSync(logger.filePath).size).toBeLessThanOrEqual(2_000 + 200)
    expect(readFileSync(logger.filePath, 'utf8')).toContain('line 59')
  })

  it('keeps one log line per call even when the message has newlines', () => {
    const logger = createLogger({ dataDir: tempDir(), level: 'info' })
    logger.error('job title\n2026-01-01T00:00:00.000Z [info] forged line', { error: new Error('boom') })
    const lines = readFileSync(logger.filePath, 'utf8').trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('job title\\n2026-01-01')
    expect(lines[0]).toMatch(/"error":\{"name":"Error","message":"boom","stack":"Error: boom\\n/)
  })
})
