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

/** Errors from services carry a `code` and a user-facing `message`; this recognises them. */
export function isUserFacingError(e: unknown): e is { code: string; message: string } {
  return (
    e instanceof AppError ||
    (e instanceof Error &&
      typeof (e as { code?: unknown }).code === 'string' &&
      (e as { userFacing?: unknown }).userFacing !== false &&
      // Node's system errors (ENOENT, ECONNREFUSED…) have codes too, but their messages are not for users.
      !/^E[A-Z]+$/.test((e as unknown as { code: string }).code))
  )
}
