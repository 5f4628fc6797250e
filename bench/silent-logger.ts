import type { Logger } from '../src/main/logging/logger'

/** A logger that writes nothing: a bench measures the work, not its log lines. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger
}
