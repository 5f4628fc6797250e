import { inEnglish, text as userText, type MessageKey, type UserText } from '@shared/i18n'

/**
 * An error meant for the user: `text` is a catalog key and its parameters (src/shared/i18n), so the
 * words are rendered in the user's language where they are shown (IPC dispatch, the account card);
 * `message` is the same text in English, for logs and tests. `code` is stable for the UI to branch
 * on. Anything else thrown is treated as a bug and shown as a generic message with a pointer to
 * the log.
 */
export class AppError extends Error {
  readonly text: UserText

  constructor(
    readonly code: string,
    text: UserText | MessageKey,
    options?: { cause?: unknown }
  ) {
    const value = typeof text === 'string' ? userText(text) : text
    super(inEnglish(value), options)
    this.text = value
    this.name = 'AppError'
  }
}

/**
 * Only AppError (and its subclasses, e.g. UpworkError) and errors marked `userFacing` carry a message
 * written for users. Anything else (a library's error with its own `code`, a Prisma error with
 * SQL in it) is a bug to log, not text to show.
 */
export function isUserFacingError(e: unknown): e is { code: string; message: string; text?: UserText } {
  if (e instanceof AppError) return true
  // Layers that cannot extend AppError (the database errors keep their own base) opt in explicitly.
  return e instanceof Error && (e as { userFacing?: unknown }).userFacing === true && typeof (e as { code?: unknown }).code === 'string'
}

/** The words of a user-facing error as data: its text when it has one, else its message as it is. */
export const textOf = (e: { message: string; text?: UserText }): UserText => e.text ?? userText('error.plain', { message: e.message })
