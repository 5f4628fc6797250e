/**
 * An error meant for the user: `message` is plain words that say what happened and what to do,
 * `code` is stable for the UI to branch on. Anything else thrown is treated as a bug and shown
 * as a generic message with a pointer to the log.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
    this.name = 'AppError'
  }
}

/**
 * Only AppError (and its subclasses, e.g. UpworkError) and errors marked `userFacing` carry a message
 * written for users. Anything else (a library's error with its own `code`, a Prisma error with
 * SQL in it) is a bug to log, not text to show.
 */
export function isUserFacingError(e: unknown): e is { code: string; message: string } {
  if (e instanceof AppError) return true
  // Layers that cannot extend AppError (the database errors keep their own base) opt in explicitly.
  return e instanceof Error && (e as { userFacing?: unknown }).userFacing === true && typeof (e as { code?: unknown }).code === 'string'
}
