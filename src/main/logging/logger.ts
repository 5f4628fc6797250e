/** The logging port. Implementations redact secrets before anything is written. */
export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void
  info(message: string, meta?: Record<string, unknown>): void
  warn(message: string, meta?: Record<string, unknown>): void
  error(message: string, meta?: Record<string, unknown>): void
  /** A logger whose lines carry `scope` (e.g. 'upwork', 'db'). */
  child(scope: string): Logger
}

/** Lowest level first; a logger set to `info` drops `debug`. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export const isLevelEnabled = (threshold: LogLevel, level: LogLevel): boolean =>
  LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(threshold)
