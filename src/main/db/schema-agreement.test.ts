import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from './open-database'
import { RAW_SQL_OBJECTS, RAW_SQL_TABLES } from './raw-sql-objects'
import { loadDmmf, type DmmfDatamodel } from './test-support/load-dmmf'
import { diffMigrationsAgainstSchema, findSchemaEngineWasm } from './test-support/schema-engine-diff'
import { shapeFromDatabase, shapeFromDmmf } from './test-support/schema-structure'
import { makeTempDir, MIGRATIONS_DIR, SCHEMA_PATH } from './test-support/temp-files'

/**
 * prisma/migrations ⇔ prisma/schema.prisma. Prisma's `migrate diff` cannot run on these machines
 * (no schema-engine binary), so:
 * 1. always: the database the migrations produce, read back from SQLite, equals what Prisma's own
 *    parse of schema.prisma (the DMMF) says it must be — every model ↔ table, field ↔ column
 *    (type, NOT NULL, default, primary key), @unique/@@unique/@@index ↔ index (name and columns),
 *    relation ↔ foreign key (columns, parent, ON DELETE/UPDATE, name), and nothing extra;
 * 2. when Prisma's WebAssembly schema engine is available: Prisma's own diff must be empty.
 */
describe('migrations agree with schema.prisma', () => {
  let temp: ReturnType<typeof makeTempDir>
  let db: Database
  let dmmf: DmmfDatamodel

  beforeAll(async () => {
    temp = makeTempDir()
    db = await openDatabase({ file: join(temp.dir, 'agreement.db'), migrationsDir: MIGRATIONS_DIR, appVersion: 'test' })
    dmmf = loadDmmf(SCHEMA_PATH)
  }, 60_000)
  afterAll(async () => {
    await db?.close()
    temp?.cleanup()
  })

  it('every model, field, index and relation matches the migrated database, and nothing else exists', async () => {
    const expected = shapeFromDmmf(dmmf)
    const { shape: actual, otherObjects } = await shapeFromDatabase(db.client, RAW_SQL_TABLES)
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort())
    for (const table of Object.keys(expected)) expect({ [table]: actual[table] }).toEqual({ [table]: expected[table] })
    // Beyond the models: exactly the raw-SQL objects listed (FTS5 table, its shadow tables, triggers).
    expect(otherObjects).toEqual([...RAW_SQL_OBJECTS].sort())
  })

  it('an unlisted raw-SQL object is caught, and a listed one missing is too', async () => {
    await db.client.execute('CREATE TRIGGER "Stray_trigger" AFTER INSERT ON "AppState" BEGIN SELECT 1; END')
    try {
      const { otherObjects } = await shapeFromDatabase(db.client, RAW_SQL_TABLES)
      expect(otherObjects).not.toEqual([...RAW_SQL_OBJECTS].sort())
      expect(otherObjects).toContain('trigger Stray_trigger')
    } finally {
      await db.client.execute('DROP TRIGGER "Stray_trigger"')
    }
    await db.client.execute('DROP TRIGGER "Job_fts_update"')
    try {
      const { otherObjects } = await shapeFromDatabase(db.client, RAW_SQL_TABLES)
      expect(otherObjects).not.toContain('trigger Job_fts_update')
    } finally {
      const migration = (await import('node:fs')).readdirSync(MIGRATIONS_DIR).find((d) => d.endsWith('_discovery'))!
      const sql = (await import('node:fs')).readFileSync(join(MIGRATIONS_DIR, migration, 'migration.sql'), 'utf8')
      await db.client.execute(/CREATE TRIGGER "Job_fts_update"[\s\S]*?END;/.exec(sql)![0])
    }
  })

  it('the comparison is not vacuous: it sees the models it should', () => {
    const expected = shapeFromDmmf(dmmf)
    expect(Object.keys(expected)).toEqual(
      expect.arrayContaining(['Job', 'SavedSearch', 'JobSearchHit', 'ProposalDraft', 'DraftVersion', 'Proposal', 'OutboxItem', 'ApiUsageWindow'])
    )
    expect(expected.Job?.indexes).toContain('INDEX Job_publishedAt_idx(publishedAt)')
    expect(expected.JobSearchHit?.foreignKeys).toContain('CONSTRAINT JobSearchHit_jobId_fkey (jobId) → Job(id) ON DELETE CASCADE ON UPDATE CASCADE')
  })

  it('detects drift: a schema edited without a migration no longer matches', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs')
    const edited = join(temp.dir, 'edited.prisma')
    writeFileSync(
      edited,
      readFileSync(SCHEMA_PATH, 'utf8')
        .replace('@@index([expiresAt])', '@@index([expiresAt])\n  @@index([fetchedAt])')
        .replace('onDelete: Restrict)', 'onDelete: Cascade)')
        .replace('clientTimezone   String?', 'clientTimezone   String?\n  clientState      String?')
    )
    const expected = shapeFromDmmf(loadDmmf(edited))
    const { shape: actual } = await shapeFromDatabase(db.client)
    expect(expected.Job?.indexes).toContain('INDEX Job_fetchedAt_idx(fetchedAt)')
    expect(actual.Job).not.toEqual(expected.Job)
    expect(actual.ProposalDraft?.foreignKeys).not.toEqual(expected.ProposalDraft?.foreignKeys)
  }, 60_000)

  const engineDir = findSchemaEngineWasm()
  // @prisma/schema-engine-wasm is a devDependency, so this runs wherever `npm install` ran; the
  // skip only guards a trimmed install. The structural comparison above runs regardless.
  it.skipIf(!engineDir)('Prisma’s schema engine (WebAssembly) finds no difference', async () => {
    const { exitCode, script } = await diffMigrationsAgainstSchema(engineDir!, SCHEMA_PATH, MIGRATIONS_DIR)
    expect(script.trim()).toBe('-- This is an empty migration.')
    expect(exitCode).toBe(0)
  }, 60_000)

  it.skipIf(!engineDir)('Prisma’s schema engine (WebAssembly) names the difference when the schema drifts', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs')
    const edited = join(temp.dir, 'edited-for-engine.prisma')
    writeFileSync(edited, readFileSync(SCHEMA_PATH, 'utf8').replace(/(model Job \{[^}]*?)(\n\})/, '$1\n  @@index([fetchedAt])$2'))
    const { exitCode, script } = await diffMigrationsAgainstSchema(engineDir!, edited, MIGRATIONS_DIR)
    expect(script).toContain('CREATE INDEX "Job_fetchedAt_idx"')
    expect(exitCode).toBe(2) // "changes"
  }, 60_000)
  if (!engineDir) {
    it('exact diff skipped: install @prisma/schema-engine-wasm (dev) or set GIGPILOT_SCHEMA_ENGINE_WASM_DIR to enable it', () => {
      expect(engineDir).toBeNull()
    })
  }
})
