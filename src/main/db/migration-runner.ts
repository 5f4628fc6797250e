import { join, dirname } from 'node:path'
import type { Client } from '@libsql/client'
import type { Logger } from '../logging/logger'
import { DEFAULT_BACKUPS_KEPT, makeVerifiedBackup } from './backup'
import { DatabaseFromNewerVersionError, MigrationChecksumError, MigrationFailedError } from './errors'
import { readMigrationFiles, type MigrationFile } from './migration-files'

/**
 * The app's own migration runner (Prisma has no supported programmatic migrate API, and its CLI
 * needs a schema-engine binary we do not ship). It applies `prisma/migrations/<name>/migration.sql`
 * in name order and records each in a bookkeeping table, which the schema-agreement test ignores.
 *
 * Guarantees:
 * - Nothing is written before the database has been checked: a database that has applied a
 *   migration this app does not know (written by a newer version) or whose applied migration
 *   differs from the shipped file is refused, unmodified.
 * - Before the first pending migration on a database that already has tables: a verified backup.
 * - Each migration and its bookkeeping row commit in ONE transaction; any failure rolls both back.
 * - Foreign keys are switched off around the migration (SQLite's documented procedure for schema
 *   changes: with them on, Prisma's "redefine table" steps — DROP TABLE of a parent — would run
 *   cascades and delete child rows) and `PRAGMA foreign_key_check` must be clean before COMMIT.
 */

export const MIGRATIONS_TABLE = '_gigpilot_migrations'

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (
  "name" TEXT PRIMARY KEY,
  "checksum" TEXT NOT NULL,
  "applied_at" TEXT NOT NULL,
  "app_version" TEXT NOT NULL
)`

export interface AppliedMigration {
  name: string
  checksum: string
  appliedAt: string
  appVersion: string
}

export interface MigrationPlan {
  applied: AppliedMigration[]
  pending: MigrationFile[]
  /** The database already holds tables (of ours or anyone's): migrating it needs a backup first. */
  hasTables: boolean
}

export interface ApplyOptions {
  /** The database file (for messages). */
  dbFile: string
  /** Where verified backups go; defaults to `<folder of dbFile>/backups`. */
  backupDir?: string
  keepBackups?: number
  appVersion: string
  logger?: Logger
  now?: () => Date
}

export interface MigrationResult {
  applied: string[]
  backupFile: string | null
}

/**
 * Compares the database with the shipped migrations without writing anything.
 * Throws DatabaseFromNewerVersionError or MigrationChecksumError.
 */
export async function planMigrations(client: Client, migrations: readonly MigrationFile[]): Promise<MigrationPlan> {
  const tables = (await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"))
    .rows.map((r) => String(r.name))
  const applied: AppliedMigration[] = []
  if (tables.includes(MIGRATIONS_TABLE)) {
    const rows = (await client.execute(`SELECT name, checksum, applied_at, app_version FROM "${MIGRATIONS_TABLE}" ORDER BY name`)).rows
    for (const r of rows) {
      applied.push({ name: String(r.name), checksum: String(r.checksum), appliedAt: String(r.applied_at), appVersion: String(r.app_version) })
    }
  }
  const shipped = new Map(migrations.map((m) => [m.name, m]))
  // Newest unknown first: that is the one to name in the message.
  const unknown = applied.filter((a) => !shipped.has(a.name)).sort((a, b) => b.name.localeCompare(a.name))
  if (unknown[0]) throw new DatabaseFromNewerVersionError(unknown[0].name, unknown[0].appVersion)
  for (const a of applied) {
    const file = shipped.get(a.name)
    if (file && file.checksum !== a.checksum) throw new MigrationChecksumError(a.name, a.checksum, file.checksum)
  }
  const done = new Set(applied.map((a) => a.name))
  return { applied, pending: migrations.filter((m) => !done.has(m.name)), hasTables: tables.length > 0 }
}

/** Applies the plan's pending migrations (backup first when the database has tables). */
export async function applyMigrations(client: Client, plan: MigrationPlan, options: ApplyOptions): Promise<MigrationResult> {
  const { dbFile, appVersion, logger, now = () => new Date() } = options
  if (plan.pending.length === 0) return { applied: [], backupFile: null }
  const first = plan.pending[0] as MigrationFile

  let backupFile: string | null = null
  if (plan.hasTables) {
    backupFile = await makeVerifiedBackup(client, {
      backupDir: options.backupDir ?? join(dirname(dbFile), 'backups'),
      label: first.name,
      keep: options.keepBackups ?? DEFAULT_BACKUPS_KEPT,
      now: now(),
      logger
    })
  }

  const applied: string[] = []
  await client.execute('PRAGMA foreign_keys = OFF')
  try {
    for (const migration of plan.pending) {
      await applyOne(client, migration, appVersion, now(), backupFile)
      applied.push(migration.name)
      logger?.info('database migration applied', { migration: migration.name })
    }
  } finally {
    await client.execute('PRAGMA foreign_keys = ON')
  }
  return { applied, backupFile }
}

/** Reads the migrations folder, plans, and applies: the whole start-up step in one call. */
export async function runMigrations(
  client: Client,
  options: ApplyOptions & { migrationsDir: string }
): Promise<MigrationResult> {
  const plan = await planMigrations(client, await readMigrationFiles(options.migrationsDir))
  return applyMigrations(client, plan, options)
}

async function applyOne(client: Client, migration: MigrationFile, appVersion: string, at: Date, backupFile: string | null): Promise<void> {
  let tx
  try {
    tx = await client.transaction('write')
  } catch (e) {
    throw new MigrationFailedError(migration.name, `could not start a transaction: ${message(e)}`, backupFile, { cause: e })
  }
  try {
    await tx.execute(CREATE_MIGRATIONS_TABLE)
    await tx.executeMultiple(migration.sql)
    await tx.execute({
      sql: `INSERT INTO "${MIGRATIONS_TABLE}" (name, checksum, applied_at, app_version) VALUES (?, ?, ?, ?)`,
      args: [migration.name, migration.checksum, at.toISOString(), appVersion]
    })
    const violations = (await tx.execute('PRAGMA foreign_key_check')).rows
    if (violations.length > 0) {
      const sample = violations.slice(0, 3).map((v) => `${String(v.table)} row ${String(v.rowid)} → ${String(v.parent)}`)
      throw new Error(`foreign key check failed after the migration (${violations.length} rows): ${sample.join(', ')}`)
    }
    await tx.commit()
  } catch (e) {
    await tx.rollback()
    throw new MigrationFailedError(migration.name, message(e), backupFile, { cause: e })
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
