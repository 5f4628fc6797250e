import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DatabaseCorruptError } from './errors'
import { openDatabase } from './open-database'
import { NoBackupError, restoreLatestBackup } from './restore-backup'

const migrationsDir = resolve('prisma/migrations')
let dir: string
let file: string
let backupDir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gigpilot-restore-'))
  file = join(dir, 'gigpilot.db')
  backupDir = join(dir, 'backups')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Flips bytes in the middle of every page after the header, as a failing disk would. */
function damage(path: string): void {
  const bytes = readFileSync(path)
  for (let page = 1; page * 4096 < bytes.length; page++) bytes.fill(0x5a, page * 4096 + 100, page * 4096 + 400)
  writeFileSync(path, bytes)
}

describe('restoreLatestBackup', () => {
  it('puts the newest backup in place and keeps the damaged file aside', async () => {
    const db = await openDatabase({ file, migrationsDir, appVersion: 'test' })
    await db.prisma.template.create({ data: { name: 'Short and direct', body: 'Hi {client}, …' } })
    await db.close()
    mkdirSync(backupDir)
    copyFileSync(file, join(backupDir, 'gigpilot-2026-11-28T10-00-00-000Z-before-x.db'))
    damage(file)
    const damagedBytes = readFileSync(file)
    await expect(openDatabase({ file, migrationsDir, appVersion: 'test' })).rejects.toBeInstanceOf(DatabaseCorruptError)

    const result = await restoreLatestBackup({ file, backupDir, now: () => new Date('2026-11-28T12:00:00Z') })
    expect(readFileSync(result.damagedCopy).equals(damagedBytes)).toBe(true)
    const reopened = await openDatabase({ file, migrationsDir, appVersion: 'test' })
    expect(await reopened.prisma.template.count()).toBe(1)
    await reopened.close()
    expect(existsSync(`${file}.restoring`)).toBe(false)
  })

  it('refuses with a plain message when there is no backup, leaving the file where it is', async () => {
    writeFileSync(file, 'not a database')
    await expect(restoreLatestBackup({ file, backupDir })).rejects.toBeInstanceOf(NoBackupError)
    expect(readFileSync(file, 'utf8')).toBe('not a database')
  })
})
