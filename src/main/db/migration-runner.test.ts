import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createClient, type Client } from '@libsql/client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listBackups, makeVerifiedBackup } from './backup'
import { MigrationFailedError } from './errors'
import { toLibsqlFileUrl } from './libsql-url'
import { MIGRATIONS_TABLE } from './migration-runner'
import { openDatabase, type Database } from './open-database'
import { copyMigrations, makeTempDir } from './test-support/temp-files'

const AT = '2026-11-28T00:00:00.000+00:00'

describe('migration runner', () => {
  let dir: string
  let cleanup: () => void
  let file: string
  let migrationsDir: string
  /** The migrations the app ships (the tests add theirs dated 2999). */
  const shippedMigrations = (): string[] =>
    readdirSync(migrationsDir).filter((n) => /^\d{14}_/.test(n) && !n.startsWith('2999')).sort()
  const toClose: Array<{ close(): unknown }> = []

  const open = async (): Promise<Database> => {
    const db = await openDatabase({ file, migrationsDir, appVersion: '0.1.0-test' })
    toClose.push(db)
    return db
  }
  const addMigration = (name: string, sql: string): void => {
    mkdirSync(join(migrationsDir, name))
    writeFileSync(join(migrationsDir, name, 'migration.sql'), sql)
  }
  /** A plain connection for looking at a file without our runner. */
  const inspect = (path: string): Client => {
    const client = createClient({ url: toLibsqlFileUrl(path) })
    toClose.push(client)
    return client
  }
  const schemaDump = async (client: Client): Promise<unknown[]> =>
    (await client.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")).rows.map((r) => ({ ...r }))
  const appliedNames = async (client: Client): Promise<string[]> =>
    (await client.execute(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY name`)).rows.map((r) => String(r.name))

  beforeEach(() => {
    ;({ dir, cleanup } = makeTempDir())
    file = join(dir, 'data', 'gigpilot.db')
    migrationsDir = copyMigrations(dir)
  })
  afterEach(async () => {
    for (const c of toClose.splice(0)) await c.close()
    cleanup()
  })

  async function seed(): Promise<void> {
    const db = await open()
    await db.prisma.appState.create({ data: { key: 'user-data', value: '"precious"' } })
    await db.close()
  }

  it('makes a verified backup before migrating an existing database', async () => {
    await seed()
    addMigration('29990101000000_add_note', 'CREATE TABLE "Note" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "text" TEXT NOT NULL);')

    const db = await open()
    expect(db.migrations.applied).toEqual(['29990101000000_add_note'])
    const backup = db.migrations.backupFile!
    expect(backup).toMatch(/[/\\]data[/\\]backups[/\\]gigpilot-.+-before-29990101000000_add_note\.db$/)
    expect(await listBackups(join(dir, 'data', 'backups'))).toEqual([backup])
    expect(readdirSync(join(dir, 'data', 'backups')).filter((n) => n.startsWith('.'))).toEqual([]) // no temp left
    if (process.platform !== 'win32') expect(statSync(backup).mode & 0o777).toBe(0o600) // a copy of the user's data: owner-only

    // The backup is the database as it was before the migration, and it is sound.
    const copy = inspect(backup)
    expect((await copy.execute('PRAGMA integrity_check')).rows[0]?.[0]).toBe('ok')
    expect((await copy.execute(`SELECT value FROM "AppState" WHERE key = 'user-data'`)).rows[0]?.value).toBe('"precious"')
    expect((await copy.execute(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'Note'`)).rows[0]?.n).toBe(0)
    expect(await appliedNames(copy)).toEqual(shippedMigrations())
  })

  it('rolls back a failing migration: schema, data and bookkeeping stay as they were', async () => {
    await seed()
    const before = inspect(file)
    const schemaBefore = await schemaDump(before)
    const appliedBefore = await appliedNames(before)
    before.close()

    addMigration(
      '29990101000000_broken',
      `CREATE TABLE "Note" ("id" INTEGER NOT NULL PRIMARY KEY);\n` +
        `INSERT INTO "AppState" ("key", "value", "updatedAt") VALUES ('half-done', '1', '${AT}');\n` +
        `UPDATE "AppState" SET "value" = '"overwritten"';\n` +
        `THIS IS NOT SQL;\n`
    )
    const error = await open().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MigrationFailedError)
    expect((error as MigrationFailedError).migration).toBe('29990101000000_broken')
    expect((error as Error).message).toMatch(/migration 29990101000000_broken.*undone.*not been changed/s)
    expect((error as MigrationFailedError).backupFile).toMatch(/before-29990101000000_broken\.db$/)

    const after = inspect(file)
    expect(await schemaDump(after)).toEqual(schemaBefore)
    expect(await appliedNames(after)).toEqual(appliedBefore)
    expect((await after.execute(`SELECT key, value FROM "AppState" ORDER BY key`)).rows.map((r) => [r.key, r.value])).toEqual([
      ['user-data', '"precious"']
    ])
  })

  it('rolls back a fresh database whose first migration fails: nothing is left behind', async () => {
    addMigration('29990101000000_broken', 'CREATE TABLE "Note" ("id" INTEGER); THIS IS NOT SQL;')
    await expect(open()).rejects.toBeInstanceOf(MigrationFailedError)
    const after = inspect(file)
    // init committed on its own; the broken one left no table and no bookkeeping row.
    expect(await appliedNames(after)).toEqual(shippedMigrations())
    expect((await after.execute(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'Note'`)).rows[0]?.n).toBe(0)
  })

  it('runs Prisma-style table redefinitions with foreign keys off, so parent drops do not cascade', async () => {
    const db = await open()
    const job = await db.prisma.job.create({
      data: { upworkId: '1', ciphertext: '~1', title: 't', description: 'd', jobType: 'FIXED', publishedAt: new Date(), fetchedAt: new Date() }
    })
    const draft = await db.prisma.proposalDraft.create({ data: { jobId: job.id, versions: { create: [{ seq: 1, source: 'AI', text: 'hello' }] } } })
    await db.prisma.proposal.create({ data: { draftId: draft.id, jobId: job.id } })
    await db.close()

    // What `prisma migrate diff` writes for an onDelete change on ProposalDraft.job (RedefineTables).
    addMigration(
      '29990101000000_redefine_draft',
      `-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProposalDraft" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "bidAmount" REAL,
    "durationLabel" TEXT,
    "templateId" INTEGER,
    "strategy" TEXT,
    "variantId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ProposalDraft_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProposalDraft_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "Template" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ProposalDraft_variantId_fkey" FOREIGN KEY ("variantId") REFERENCES "ExperimentVariant" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ProposalDraft" ("bidAmount", "createdAt", "durationLabel", "id", "jobId", "status", "strategy", "templateId", "updatedAt", "variantId") SELECT "bidAmount", "createdAt", "durationLabel", "id", "jobId", "status", "strategy", "templateId", "updatedAt", "variantId" FROM "ProposalDraft";
DROP TABLE "ProposalDraft";
ALTER TABLE "new_ProposalDraft" RENAME TO "ProposalDraft";
CREATE INDEX "ProposalDraft_status_updatedAt_idx" ON "ProposalDraft"("status", "updatedAt");
CREATE INDEX "ProposalDraft_jobId_idx" ON "ProposalDraft"("jobId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
`
    )
    const migrated = await open()
    expect(migrated.migrations.applied).toEqual(['29990101000000_redefine_draft'])
    expect(await migrated.prisma.draftVersion.count()).toBe(1) // would be 0 if DROP TABLE had cascaded
    expect((await migrated.prisma.proposal.findFirstOrThrow()).draftId).toBe(draft.id) // would be null (SET NULL)
    expect((await migrated.client.execute('PRAGMA foreign_keys')).rows[0]?.[0]).toBe(1)
  })

  it('rolls back a migration that leaves foreign key violations', async () => {
    await seed()
    addMigration(
      '29990101000000_orphan',
      `INSERT INTO "DraftVersion" ("draftId", "seq", "source", "text", "createdAt") VALUES (4242, 1, 'USER', 'orphan', '${AT}');`
    )
    const error = await open().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MigrationFailedError)
    expect((error as MigrationFailedError).detail).toMatch(/foreign key check failed/)
    expect((await inspect(file).execute('SELECT count(*) AS n FROM "DraftVersion"')).rows[0]?.n).toBe(0)
  })

  it('keeps only the newest backups and clears stale temp files', async () => {
    const db = await open()
    const backupDir = join(dir, 'data', 'backups')
    mkdirSync(backupDir, { recursive: true })
    writeFileSync(join(backupDir, '.gigpilot-backup-interrupted.tmp'), 'half a backup from a killed run')
    const made: string[] = []
    for (let day = 1; day <= 7; day++) {
      made.push(await makeVerifiedBackup(db.client, { backupDir, label: `m${day}`, keep: 5, now: new Date(Date.UTC(2026, 10, day)) }))
    }
    expect(await listBackups(backupDir)).toEqual(made.slice(2))
    expect(readdirSync(backupDir).filter((n) => n.startsWith('.'))).toEqual([])
  })
})
