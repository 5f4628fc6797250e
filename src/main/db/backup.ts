import { randomBytes } from 'node:crypto'
import { chmod, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Client } from '@libsql/client'
import type { Logger } from '../logging/logger'
import { BackupFailedError } from './errors'

export const DEFAULT_BACKUPS_KEPT = 5

const FINAL_NAME = /^gigpilot-.+-before-.+\.db$/
const TEMP_PREFIX = '.gigpilot-backup-'
const CHECK_SCHEMA = 'gigpilot_backup_check'

export interface BackupOptions {
  backupDir: string
  /** What the backup precedes, e.g. the first pending migration's name; part of the file name. */
  label: string
  /** How many backups to keep (newest first); older ones are deleted after a successful backup. */
  keep?: number
  now?: Date
  logger?: Logger
}

/**
 * A verified copy of the live database (security.md R14):
 * `VACUUM INTO` a temporary name (a consistent snapshot, even with the WAL in use) →
 * `PRAGMA integrity_check` on the copy (attached to the same connection) must say ok → fsync the copy → rename to its final name →
 * fsync the folder. A crash at any point leaves at most a temp file (removed by the next backup);
 * a file under a final name is always complete and verified. Returns the final path.
 *
 * `VACUUM INTO` runs synchronously on the calling thread; it is only used at start, before the
 * window shows.
 */
export async function makeVerifiedBackup(client: Client, options: BackupOptions): Promise<string> {
  const { backupDir, label, keep = DEFAULT_BACKUPS_KEPT, now = new Date(), logger } = options
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  const temp = join(backupDir, `${TEMP_PREFIX}${stamp}-${randomBytes(4).toString('hex')}.tmp`)
  try {
    await mkdir(backupDir, { recursive: true })
    await removeStaleTemps(backupDir)
    await client.execute({ sql: 'VACUUM INTO ?', args: [temp] })
    // VACUUM INTO creates the copy with the default mode (0644): it holds the user's data, so owner-only.
    if (process.platform !== 'win32') await chmod(temp, 0o600)
    await checkIntegrity(client, temp)
    await fsyncFile(temp)
    const final = await freeName(backupDir, `gigpilot-${stamp}-before-${safeLabel(label)}`)
    await rename(temp, final)
    await fsyncDir(backupDir)
    const removed = await pruneBackups(backupDir, keep)
    logger?.info('database backup made and verified', { file: final, removedOld: removed.length })
    return final
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined)
    if (e instanceof BackupFailedError) throw e
    throw new BackupFailedError(backupDir, e instanceof Error ? e.message : String(e), { cause: e })
  }
}

/** Deletes all but the newest `keep` backups (names sort by their timestamp). Returns what it deleted. */
export async function pruneBackups(backupDir: string, keep: number): Promise<string[]> {
  const names = (await readdir(backupDir)).filter((n) => FINAL_NAME.test(n)).sort()
  const doomed = names.slice(0, Math.max(0, names.length - keep))
  for (const name of doomed) await rm(join(backupDir, name), { force: true })
  return doomed.map((n) => join(backupDir, n))
}

/** The backups in `backupDir`, oldest first. */
export async function listBackups(backupDir: string): Promise<string[]> {
  try {
    return (await readdir(backupDir))
      .filter((n) => FINAL_NAME.test(n))
      .sort()
      .map((n) => join(backupDir, n))
  } catch {
    return []
  }
}

/**
 * integrity_check of the copy through the live connection (ATTACH … DETACH). A second libsql
 * connection would keep the copy open until garbage collection (libsql-js closes a connection only
 * when its statements are collected), and Windows cannot rename a file that is still open.
 */
async function checkIntegrity(client: Client, file: string): Promise<void> {
  await client.execute({ sql: `ATTACH DATABASE ? AS ${CHECK_SCHEMA}`, args: [file] })
  try {
    const rows = (await client.execute(`PRAGMA ${CHECK_SCHEMA}.integrity_check`)).rows
    const problems = rows.map((r) => String(Object.values(r)[0]))
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new Error(`integrity_check of the backup copy failed: ${problems.slice(0, 5).join('; ')}`)
    }
  } finally {
    await client.execute(`DETACH DATABASE ${CHECK_SCHEMA}`)
  }
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Makes the rename durable. Windows cannot open a folder for fsync; there the rename is best effort. */
async function fsyncDir(dir: string): Promise<void> {
  let handle
  try {
    handle = await open(dir, 'r')
    await handle.sync()
  } catch {
    // EISDIR/EPERM on Windows: nothing more we can do.
  } finally {
    await handle?.close()
  }
}

async function removeStaleTemps(backupDir: string): Promise<void> {
  for (const name of await readdir(backupDir)) {
    if (name.startsWith(TEMP_PREFIX)) await rm(join(backupDir, name), { force: true })
  }
}

async function freeName(dir: string, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = join(dir, n === 1 ? `${base}.db` : `${base}-${n}.db`)
    const exists = await stat(candidate).then(
      () => true,
      () => false
    )
    if (!exists) return candidate
  }
}

function safeLabel(label: string): string {
  return label.replace(/[^A-Za-z0-9_.-]/g, '_')
}
