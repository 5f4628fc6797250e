import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../test-support/memory-logger'
import { DatabaseCorruptError, DatabaseFromNewerVersionError, MigrationChecksumError } from './errors'
import { migrationChecksum } from './migration-files'
import { MIGRATIONS_TABLE } from './migration-runner'
import { openDatabase, type Database } from './open-database'
import { PAGE_SIZE_BYTES, readClientPragmas, readPragmas } from './pragmas'
import { restoreLatestBackup } from './restore-backup'
import { copyMigrations, makeTempDir, MIGRATIONS_DIR, sha256File } from './test-support/temp-files'

const EXPECTED_PRAGMAS = { busyTimeout: 5000, journalMode: 'wal', foreignKeys: 1, synchronous: 2 }

describe('openDatabase', () => {
  let dir: string
  let cleanup: () => void
  let file: string
  const opened: Database[] = []
  const open = async (migrationsDir = MIGRATIONS_DIR): Promise<Database> => {
    const db = await openDatabase({ file, migrationsDir, appVersion: '0.1.0-test' })
    opened.push(db)
    return db
  }

  beforeEach(() => {
    ;({ dir, cleanup } = makeTempDir())
    file = join(dir, 'data', 'gigpilot.db')
  })
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close()
    cleanup()
  })

  it('creates a fresh database with every migration applied and recorded, without a backup', async () => {
    const db = await open()
    const shipped = readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    expect(db.migrations).toEqual({ applied: shipped, backupFile: null })
    const rows = (await db.client.execute(`SELECT name, checksum, app_version FROM ${MIGRATIONS_TABLE} ORDER BY name`)).rows
    expect(rows.map((r) => r.name)).toEqual(shipped)
    for (const r of rows) {
      expect(r.checksum).toBe(migrationChecksum(readFileSync(join(MIGRATIONS_DIR, String(r.name), 'migration.sql'), 'utf8')))
      expect(r.app_version).toBe('0.1.0-test')
    }
    expect(existsSync(join(dir, 'data', 'backups'))).toBe(false)
    expect(await db.prisma.job.count()).toBe(0)
  })

  it('sets busy_timeout, WAL, foreign keys and synchronous=FULL, read back raw and through Prisma, also after Prisma transactions', async () => {
    const db = await open()
    const viaPrisma = (): ReturnType<typeof readPragmas> => readPragmas((sql) => db.prisma.$queryRawUnsafe(sql))
    expect(await readClientPragmas(db.client)).toEqual(EXPECTED_PRAGMAS)
    expect(await viaPrisma()).toEqual(EXPECTED_PRAGMAS)

    // Prisma runs these in adapter transactions, where the stock libsql client would switch connections.
    await db.prisma.$transaction([db.prisma.appState.create({ data: { key: 'a', value: '1' } })])
    await db.prisma.$transaction(async (tx) => {
      await tx.appState.create({ data: { key: 'b', value: '2' } })
    })
    expect(await viaPrisma()).toEqual(EXPECTED_PRAGMAS)
    expect(await db.prisma.appState.count()).toBe(2)
  })

  it('makes raw SQL wait for a Prisma transaction (and vice versa) in the event loop, not by freezing it', async () => {
    // With two connections on one thread, SQLite's busy handler would sleep the thread for the whole
    // busy_timeout (5 s) and then fail. Here the waiting side must simply complete after the commit.
    const db = await open()
    const started = Date.now()
    let releaseTx!: () => void
    const txHeld = new Promise<void>((resolve) => (releaseTx = resolve))
    const prismaTx = db.prisma.$transaction(async (tx) => {
      await tx.appState.create({ data: { key: 'in-tx', value: '1' } })
      await txHeld
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    let rawDone = false
    const raw = db.client.execute('SELECT count(*) AS n FROM "AppState"').finally(() => (rawDone = true))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(rawDone).toBe(false) // waiting, while timers still run
    releaseTx()
    await prismaTx
    expect((await raw).rows[0]?.n).toBe(1) // ran after the commit, not inside the transaction

    const rawTx = await db.client.transaction('write')
    await rawTx.execute(`INSERT INTO "AppState" ("key", "value", "updatedAt") VALUES ('raw', '2', '2026-11-28T00:00:00.000+00:00')`)
    let prismaDone = false
    const viaPrisma = db.prisma.appState.count().finally(() => (prismaDone = true))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(prismaDone).toBe(false)
    await rawTx.commit()
    expect(await viaPrisma).toBe(2)
    expect(Date.now() - started).toBeLessThan(4000) // a busy-handler freeze alone would take 5 s
  })

  it('enforces foreign keys through Prisma', async () => {
    const db = await open()
    await expect(db.prisma.draftVersion.create({ data: { draftId: 999, seq: 1, source: 'USER', text: 'x' } })).rejects.toThrow()
  })

  it('gives a new file 8 KiB pages (PAGE_SIZE_BYTES); an existing file keeps the page size it has', async () => {
    const pageSize = async (db: Database) => Number((await db.client.execute('PRAGMA page_size')).rows[0]![0])
    const fresh = await open()
    expect(await pageSize(fresh)).toBe(PAGE_SIZE_BYTES)
    await fresh.close()
    expect(await pageSize(await open())).toBe(PAGE_SIZE_BYTES)

    // A database made before (SQLite's default 4 KiB pages) is not rebuilt.
    file = join(dir, 'data', 'older.db')
    const { default: Libsql } = await import('libsql')
    const older = new Libsql(file)
    older.exec('PRAGMA journal_mode = WAL')
    older.exec('CREATE TABLE "Before" ("x" INTEGER)')
    older.close()
    const db = await openDatabase({ file, migrationsDir: MIGRATIONS_DIR, appVersion: '0.1.0-test', backupDir: join(dir, 'older-backups') })
    opened.push(db)
    expect(await pageSize(db)).toBe(4096)
  })

  it('reopens an up-to-date database without migrating or backing up', async () => {
    await (await open()).close()
    const db = await open()
    expect(db.migrations).toEqual({ applied: [], backupFile: null })
  })

  it('refuses a damaged database with DatabaseCorruptError and leaves the file untouched', async () => {
    const db = await open()
    await db.client.batch(
      Array.from({ length: 300 }, (_, i) => ({
        sql: `INSERT INTO "AppState" ("key", "value", "updatedAt") VALUES (?, ?, ?)`,
        args: [`k${i}`, 'x'.repeat(200), '2026-11-28T00:00:00.000+00:00']
      }))
    )
    const root = Number((await db.client.execute(`SELECT rootpage FROM sqlite_master WHERE name = 'AppState'`)).rows[0]?.rootpage)
    await db.close()
    const pageSize = 4096
    expect(statSync(file).size).toBeGreaterThan(root * pageSize)
    // Flip bytes in the table's root page: its b-tree page header and first cell pointers.
    const fd = openSync(file, 'r+')
    writeSync(fd, Buffer.alloc(16, 0xa5), 0, 16, (root - 1) * pageSize)
    closeSync(fd)
    const before = sha256File(file)

    const error = await openDatabase({ file, migrationsDir: MIGRATIONS_DIR, appVersion: '0.1.0-test' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabaseCorruptError)
    expect((error as DatabaseCorruptError).code).toBe('DB_CORRUPT')
    expect((error as Error).message).toMatch(/damaged.*did not change it.*backups/s)
    expect(sha256File(file)).toBe(before)
    // Nothing was written beside it either: no WAL frames pending.
    const wal = `${file}-wal`
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0)
  })

  it('refuses a file that is not a database at all, untouched', async () => {
    const { mkdirSync } = await import('node:fs')
    mkdirSync(join(dir, 'data'))
    writeFileSync(file, Buffer.from('this is not an SQLite database, just text that fills a page. '.repeat(80)))
    const before = sha256File(file)
    await expect(openDatabase({ file, migrationsDir: MIGRATIONS_DIR, appVersion: '0.1.0-test' })).rejects.toBeInstanceOf(DatabaseCorruptError)
    expect(sha256File(file)).toBe(before)
  })

  it('refuses a database written by a newer version, with the message and without changing the file', async () => {
    const db = await open()
    await db.prisma.appState.create({ data: { key: 'mine', value: '"keep me"' } })
    await db.client.execute({
      sql: `INSERT INTO ${MIGRATIONS_TABLE} (name, checksum, applied_at, app_version) VALUES (?, ?, ?, ?)`,
      args: ['29991231000000_from_the_future', 'abc', '2999-12-31T00:00:00.000Z', '9.0.0']
    })
    await db.close()
    const before = sha256File(file)

    const error = await openDatabase({ file, migrationsDir: MIGRATIONS_DIR, appVersion: '0.1.0-test' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabaseFromNewerVersionError)
    expect((error as Error).message).toBe(
      'This database was written by a newer version of GigPilot (migration 29991231000000_from_the_future). ' +
        'Install the newer version; your data has not been changed.'
    )
    expect(sha256File(file)).toBe(before)
    expect(existsSync(join(dir, 'data', 'backups'))).toBe(false)
  })

  it('refuses a database whose applied migration differs from the shipped file, unchanged', async () => {
    await (await open()).close()
    const before = sha256File(file)
    const altered = copyMigrations(dir)
    const init = readdirSync(altered).find((n) => n.endsWith('_init'))!
    writeFileSync(join(altered, init, 'migration.sql'), readFileSync(join(altered, init, 'migration.sql'), 'utf8') + '\n-- edited after release\n')

    const error = await openDatabase({ file, migrationsDir: altered, appVersion: '0.1.0-test' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MigrationChecksumError)
    expect((error as MigrationChecksumError).migration).toBe(init)
    expect((error as Error).message).toMatch(/your data has not been changed/)
    expect(sha256File(file)).toBe(before)
  })

  it('accepts the same migration checked out with CRLF line endings', async () => {
    await (await open()).close()
    const crlf = copyMigrations(dir)
    const init = readdirSync(crlf).find((n) => n.endsWith('_init'))!
    const path = join(crlf, init, 'migration.sql')
    writeFileSync(path, readFileSync(path, 'utf8').replace(/\n/g, '\r\n'))
    const db = await open(crlf)
    expect(db.migrations.applied).toEqual([])
  })
})

describe('openDatabase: empty files and file permissions', () => {
  let temp: ReturnType<typeof makeTempDir>
  let file: string
  let backupDir: string
  beforeEach(() => {
    temp = makeTempDir()
    file = join(temp.dir, 'gigpilot.db')
    backupDir = join(temp.dir, 'backups')
  })
  afterEach(() => temp.cleanup())

  it('refuses a zero-byte database file as damaged when backups exist (so the restore is offered), keeping it as it is', async () => {
    const db = await openDatabase({ file, migrationsDir: MIGRATIONS_DIR, appVersion: '0.1.0-test' })
    await db.prisma.template.create({ data: { name: 'Short and direct', body: 'Hi {client}, …' } })
    await db.close()
    mkdirSync(backupDir)
    copyFileSync(file, join(backupDir, 'gigpilot-2026-11-28T10-00-00-000Z-before-x.db'))
    writeFileSync(file, '') // e.g. truncated by a failing disk or a sync tool
    const logger = createMemoryLogger()

    const error = await openDatabase({ file, migrationsDir: MIGRATIONS_DIR, appVersion: '0.1.0-test', logger }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabaseCorruptError) // what the start-up dialog offers "Restore the newest backup" for
    expect((error as DatabaseCorruptError).detail).toMatch(/empty \(0 bytes\)/)
    expect(statSync(file).size).toBe(0)
    expect(readdirSync(backupDir)).toHaveLength(1)
    expect(logger.entries.some((e) => e.level === 'error' && e.message === 'database refused')).toBe(true)

    // The dialog's action then brings the data back.
    await restoreLatestBackup({ file, backupDir })
    const restored = await openDatabase({ file, migrationsDir: MIGRATIONS_DIR, appVersion: '0.1.0-test' })
    expect(await restored.prisma.template.count()).toBe(1)
    await restored.close()
  })

  it('starts a new database in a zero-byte file when there is no backup, and says so in the log', async () => {
    writeFileSync(file, '')
    const logger = createMemoryLogger()
    const db = await openDatabase({ file, migrationsDir: MIGRATIONS_DIR, appVersion: '0.1.0-test', logger })
    expect(await db.prisma.job.count()).toBe(0)
    await db.close()
    expect(logger.entries.filter((e) => e.level === 'warn').map((e) => e.message)).toContain(
      'database file is empty (0 bytes) and there is no backup: starting a new database in it'
    )
  })

  it.skipIf(process.platform === 'win32')('creates the database and its -wal/-shm files owner-only (0600), and tightens an existing 0644 file', async () => {
    const db = await openDatabase({ file, migrationsDir: MIGRATIONS_DIR, appVersion: '0.1.0-test' })
    await db.prisma.appState.create({ data: { key: 'k', value: '"v"' } })
    for (const path of [file, `${file}-wal`, `${file}-shm`]) expect({ path, mode: statSync(path).mode & 0o777 }).toEqual({ path, mode: 0o600 })
    await db.close()

    chmodSync(file, 0o644)
    const reopened = await openDatabase({ file, migrationsDir: MIGRATIONS_DIR, appVersion: '0.1.0-test' })
    await reopened.prisma.appState.update({ where: { key: 'k' }, data: { value: '"w"' } })
    for (const path of [file, `${file}-wal`, `${file}-shm`]) expect({ path, mode: statSync(path).mode & 0o777 }).toEqual({ path, mode: 0o600 })
    await reopened.close()
  })
})
