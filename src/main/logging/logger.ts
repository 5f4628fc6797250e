/** The logging port. Implementations redact secrets before anything is written. */
export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void
  info(message: string, meta?: Record<string, unknown>): void
  warn(message: string, meta?: Record<string, unknown>): void
  error(message: string, meta?: Record<string, unknown>): void
  /** A logger whose lines carry `scope` (e.g. 'upwork', 'db'). */
  child(scope: string): Logger
}
