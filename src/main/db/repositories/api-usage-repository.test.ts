import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openDatabase, type Database } from '../open-database'
import { makeTempDir, MIGRATIONS_DIR } from '../test-support/temp-files'
import { ApiUsageRepository } from './api-usage-repository'

describe('ApiUsageRepository', () => {
  let temp: ReturnType<typeof makeTempDir>
  let file: string
  let db: Database

  beforeEach(async () => {
    temp = makeTempDir()
    file = join(temp.dir, 'usage.db')
    db = await openDatabase({ file, migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
  })
  afterEach(async () => {
    await db.close()
    temp.cleanup()
  })

  it('counts per window and survives a restart', async () => {
    const usage = new ApiUsageRepository(db)
    await usage.increment(['hour:2026-11-28T13', 'day:2026-11-28'])
    await usage.increment(['hour:2026-11-28T13', 'day:2026-11-28'], 4)
    await usage.increment(['hour:2026-11-28T14', 'day:2026-11-28'])
    expect(await usage.get('hour:2026-11-28T13')).toBe(5)
    expect(await usage.get('day:2026-11-28')).toBe(6)
    expect(await usage.get('hour:2026-11-28T12')).toBe(0)

    await db.close()
    db = await openDatabase({ file, migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
    expect(await new ApiUsageRepository(db).get('day:2026-11-28')).toBe(6)
  })

  it('counts concurrent increments exactly', async () => {
    const usage = new ApiUsageRepository(db)
    await Promise.all(Array.from({ length: 50 }, () => usage.increment(['hour:x', 'day:y'])))
    expect(await usage.get('hour:x')).toBe(50)
    expect(await usage.get('day:y')).toBe(50)
  })

  it('prunes windows not counted since a given time', async () => {
    // A manual clock for Date only (what stamps updatedAt); timers and I/O stay real.
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const usage = new ApiUsageRepository(db)
      vi.setSystemTime(new Date('2026-11-28T13:00:00Z'))
      await usage.increment(['hour:old'])
      vi.setSystemTime(new Date('2026-11-28T14:00:00Z'))
      await usage.increment(['hour:new'])
      expect(await usage.prune(new Date('2026-11-28T14:00:00Z'))).toBe(1)
      expect(await usage.get('hour:old')).toBe(0)
      expect(await usage.get('hour:new')).toBe(1)
    } finally {
      vi.useRealTimers()
    }
  })
})
