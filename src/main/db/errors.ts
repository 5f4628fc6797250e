/**
 * Errors the database layer raises when it refuses to go on. Each one has a stable `code` for the
 * UI to branch on and a `message` in plain words that says what happened and what to do; the
 * technical detail (paths, SQLite messages) is in `detail` and `cause`, for the log.
 *
 * None of these is ever handled by deleting or overwriting the user's file: every path that throws
 * one leaves the database exactly as it was (tests check the file's hash).
 */
export abstract class DatabaseError extends Error {
  abstract readonly code: string
  /** Read by `isUserFacingError` (src/main/app/app-error.ts): the message is meant for people. */
  readonly userFacing = true

  constructor(
    message: string,
    /** Technical detail for the log, never shown as the headline. */
    readonly detail: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
    this.name = new.target.name
  }
}

/** `quick_check` found damage, or the file is not an SQLite database at all. */
export class DatabaseCorruptError extends DatabaseError {
  readonly code = 'DB_CORRUPT'
  constructor(
    readonly file: string,
    readonly problems: string[],
    options?: { cause?: unknown }
  ) {
    super(
      'GigPilot’s database file is damaged, so GigPilot did not open it and did not change it. ' +
        'Quit GigPilot and restore the newest copy from the “backups” folder next to it, ' +
        'or send the log to support. Do not delete the file: it may still be recoverable.',
      `${file}: ${problems.slice(0, 5).join('; ')}`,
      options
    )
  }
}

/** The database records a migration this version of the app does not ship: it came from a newer app. */
export class DatabaseFromNewerVersionError extends DatabaseError {
  readonly code = 'DB_FROM_NEWER_VERSION'
  constructor(
    readonly migration: string,
    readonly appliedByVersion: string | null
  ) {
    super(
      `This database was written by a newer version of GigPilot (migration ${migration}). ` +
        'Install the newer version; your data has not been changed.',
      `unknown applied migration ${migration}` + (appliedByVersion ? ` (applied by GigPilot ${appliedByVersion})` : '')
    )
  }
}

/** An applied migration's file changed since it was applied: the installation is not what wrote the database. */
export class MigrationChecksumError extends DatabaseError {
  readonly code = 'DB_MIGRATION_CHECKSUM'
  constructor(
    readonly migration: string,
    readonly expected: string,
    readonly actual: string
  ) {
    super(
      `GigPilot’s database was set up by a different build of migration ${migration} than the one installed, ` +
        'so GigPilot stopped before changing anything. Reinstall GigPilot (the installation may be damaged); ' +
        'your data has not been changed.',
      `checksum of ${migration}: database has ${expected}, file has ${actual}`
    )
  }
}

/** A migration failed; its transaction was rolled back, so the schema and data are as before it. */
export class MigrationFailedError extends DatabaseError {
  readonly code = 'DB_MIGRATION_FAILED'
  constructor(
    readonly migration: string,
    reason: string,
    readonly backupFile: string | null,
    options?: { cause?: unknown }
  ) {
    super(
      `Updating GigPilot’s database failed at migration ${migration}. The update was undone and your data ` +
        'has not been changed. Please send the log to support' +
        (backupFile ? `; a backup made just before is at ${backupFile}.` : '.'),
      `${migration}: ${reason}`,
      options
    )
  }
}

/** The verified backup taken before migrating could not be made; nothing was migrated. */
export class BackupFailedError extends DatabaseError {
  readonly code = 'DB_BACKUP_FAILED'
  constructor(
    readonly backupDir: string,
    reason: string,
    options?: { cause?: unknown }
  ) {
    super(
      'GigPilot needs to update its database but could not make a safe backup first, so it changed nothing. ' +
        `Check that there is free disk space and that ${backupDir} can be written, then start GigPilot again.`,
      reason,
      options
    )
  }
}

/** The database could not be opened for a reason other than damage (permissions, locked, disk full…). */
export class DatabaseOpenError extends DatabaseError {
  readonly code = 'DB_OPEN_FAILED'
  constructor(
    readonly file: string,
    reason: string,
    options?: { cause?: unknown }
  ) {
    super(
      'GigPilot could not open its database. Check that the disk is not full and that the data folder can be ' +
        'written, close other copies of GigPilot, then start it again. Your data has not been changed.',
      `${file}: ${reason}`,
      options
    )
  }
}

/**
 * The database worker thread (worker/db-worker.ts) stopped while calls were waiting for it. Those
 * calls failed (an open transaction was rolled back by SQLite, so nothing half-written stays);
 * the next call starts a new worker.
 */
export class DatabaseWorkerError extends DatabaseError {
  readonly code = 'DB_WORKER_FAILED'
  constructor(reason: string, options?: { cause?: unknown }) {
    super(
      'GigPilot’s database stopped unexpectedly, so the last change may not have been saved. ' +
        'Try again; if it happens again, restart GigPilot and send the log to support.',
      reason,
      options
    )
  }
}

/** The SQLite build lacks something the schema needs (FTS5 for the jobs' full-text search): a packaging fault. */
export class DatabaseFeatureMissingError extends DatabaseError {
  readonly code = 'DB_FEATURE_MISSING'
  constructor(
    readonly feature: string,
    detail: string
  ) {
    super(
      'This copy of GigPilot was built without a database feature it needs (' + feature + '). ' +
        'Reinstall GigPilot from the official download. Your data has not been changed.',
      detail
    )
  }
}
