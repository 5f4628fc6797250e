import { describe, expect, it } from 'vitest'
import { createMemoryLogger } from './memory-logger'
import { registerSecretForRedaction } from './redact'

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
})
