import { copyFile, open, rename, stat } from 'node:fs/promises'
import { listBackups } from './backup'

export interface RestoreResult {
  /** The backup that now is the database. */
  restoredFrom: string
  /** Where the damaged file was moved (kept: it may still be recoverable by hand). */
  damagedCopy: string
}

/** Thrown when there is nothing to restore; its message is for the user. */
export class NoBackupError extends Error {
  readonly code = 'DB_NO_BACKUP'
  readonly userFacing = true
  constructor(backupDir: string) {
    super(`There is no backup to restore in ${backupDir}. Quit GigPilot and keep the damaged file; support may be able to recover it.`)
    this.name = 'NoBackupError'
  }
}

const exists = async (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false
  )

/**
 * Puts the newest verified backup in place of a damaged database (security requirement 16: offer
 * restore or quit, never delete). The damaged file and its -wal/-shm are moved aside, not removed;
 * the backup is copied to a temporary name, flushed to disk, then renamed, so a crash midway
 * leaves either the damaged file moved aside or the complete backup, never half a file under the
 * database's name. The app must not have the database open.
 */
export async function restoreLatestBackup(opts: { file: string; backupDir: string; now?: () => Date }): Promise<RestoreResult> {
  const backups = await listBackups(opts.backupDir)
  const latest = backups.at(-1)
  if (!latest) throw new NoBackupError(opts.backupDir)
  const stamp = (opts.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')
  const damagedCopy = `${opts.file}.damaged-${stamp}`
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (await exists(opts.file + suffix)) await rename(opts.file + suffix, damagedCopy + suffix)
  }
  const temp = `${opts.file}.restoring`
  await copyFile(latest, temp)
  const handle = await open(temp, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temp, opts.file)
  return { restoredFrom: latest, damagedCopy }
}
