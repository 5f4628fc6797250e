import { formatLine } from './format-line'
import { isLevelEnabled, type Logger, type LogLevel } from './logger'
import { redact as sharedRedact } from './redact'

export interface MemoryLogEntry {
  level: LogLevel
  scope: string | null
  /** The redacted line exactly as a file logger would write it (without the timestamp). */
  line: string
}

export interface MemoryLogger extends Logger {
  /** Every entry written through this logger or its children, oldest first. */
  readonly entries: readonly MemoryLogEntry[]
  /** Just the lines, for `expect(lines).toContain…`. */
  lines(level?: LogLevel): string[]
  clear(): void
  child(scope: string): MemoryLogger
}

/**
 * A Logger that keeps lines in memory. It is a real implementation of the port (same formatting
 * and the same redaction as the file logger), used where a log file would only get in the way:
 * tests of other modules, and the harness.
 */
export function createMemoryLogger(
  options: { level?: LogLevel; redact?: (text: string) => string } = {}
): MemoryLogger {
  const entries: MemoryLogEntry[] = []
  const threshold = options.level ?? 'debug'
  const redact = options.redact ?? sharedRedact

  const make = (scope: string | null): MemoryLogger => {
    const write = (level: LogLevel, message: string, meta?: Record<string, unknown>): void => {
      if (!isLevelEnabled(threshold, level)) return
      entries.push({ level, scope, line: redact(formatLine(scope, message, meta)) })
    }
    return {
      entries,
      debug: (m, meta) => write('debug', m, meta),
      info: (m, meta) => write('info', m, meta),
      warn: (m, meta) => write('warn', m, meta),
      error: (m, meta) => write('error', m, meta),
      child: (s) => make(scope ? `${scope}:${s}` : s),
      lines: (level) => entries.filter((e) => level === undefined || e.level === level).map((e) => e.line),
      clear: () => {
        entries.length = 0
      }
    }
  }
  return make(null)
}
