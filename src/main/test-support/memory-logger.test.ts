import { describe, expect, it } from 'vitest'
import { registerSecretForRedaction } from '../logging/redact'
import { createMemoryLogger } from './memory-logger'

describe('createMemoryLogger', () => {
  it('records redacted lines from the logger and its children, honouring the level', () => {
    registerSecretForRedaction('memory-logger-secret-1')
    const logger = createMemoryLogger({ level: 'info' })
    logger.debug('dropped')
    logger.info('using memory-logger-secret-1')
    logger.child('db').child('migrate').warn('slow', { ms: 12 })
    expect(logger.entries.map((e) => [e.level, e.scope])).toEqual([
      ['info', null],
      ['warn', 'db:migrate']
    ])
    expect(logger.lines()).toEqual(['using [REDACTED]', '[db:migrate] slow {"ms":12}'])
    expect(logger.lines('warn')).toEqual(['[db:migrate] slow {"ms":12}'])
    logger.clear()
    expect(logger.entries).toEqual([])
  })

  it('dump() shows what the code handed over, unredacted, so a leak check cannot pass by luck', () => {
    registerSecretForRedaction('memory-logger-secret-2')
    const logger = createMemoryLogger()
    const cyclic: Record<string, unknown> = { accessToken: 'memory-logger-secret-2', n: 10n }
    cyclic.self = cyclic
    logger.child('upwork').info('refreshed', cyclic)
    expect(logger.lines().join('\n')).not.toContain('memory-logger-secret-2')
    expect(logger.dump()).toContain('memory-logger-secret-2')
    expect(logger.entries[0]).toMatchObject({ message: 'refreshed', scope: 'upwork', meta: { accessToken: 'memory-logger-secret-2' } })
  })
})
