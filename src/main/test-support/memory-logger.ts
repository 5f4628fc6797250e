import { inspect } from 'node:util'
import { formatLine } from '../logging/format-line'
import { isLevelEnabled, type Logger, type LogLevel } from '../logging/logger'
import { redact as sharedRedact } from '../logging/redact'

export interface MemoryLogEntry {
  level: LogLevel
  scope: string | null
  /** What the caller passed, before formatting and redaction. */
  message: string
  meta?: Record<string, unknown>
  /** The redacted line exactly as the file logger would write it (without the timestamp). */
  line: string
}

export interface MemoryLogger extends Logger {
  /** Every entry written through this logger or its children, oldest first. */
  readonly entries: readonly MemoryLogEntry[]
  /** The redacted lines, for `expect(lines).toContain…`. */
  lines(level?: LogLevel): string[]
  /**
   * Everything the code handed to the logger, NOT redacted, as one string: for "no secret was
   * logged" checks, which must not pass just because the redactor happened to catch it.
   */
  dump(): string
  clear(): void
  child(scope: string): MemoryLogger
}

/**
 * A Logger that keeps its entries in memory, for tests: the same formatting and redaction as the
 * file logger (`lines()`), plus the raw calls (`entries`, `dump()`).
 */
export function createMemoryLogger(options: { level?: LogLevel; redact?: (text: string) => string } = {}): MemoryLogger {
  const entries: MemoryLogEntry[] = []
  const threshold = options.level ?? 'debug'
  const redact = options.redact ?? sharedRedact

  const make = (scope: string | null): MemoryLogger => {
    const write = (level: LogLevel, message: string, meta?: Record<string, unknown>): void => {
      if (!isLevelEnabled(threshold, level)) return
      entries.push({ level, scope, message, ...(meta === undefined ? {} : { meta }), line: redact(formatLine(scope, message, meta)) })
    }
    return {
      entries,
      debug: (m, meta) => write('debug', m, meta),
      info: (m, meta) => write('info', m, meta),
      warn: (m, meta) => write('warn', m, meta),
      error: (m, meta) => write('error', m, meta),
      child: (s) => make(scope ? `${scope}:${s}` : s),
      lines: (level) => entries.filter((e) => level === undefined || e.level === level).map((e) => e.line),
      dump: () =>
        entries
          .map((e) => `${e.level} ${e.scope ?? '-'} ${e.message}${e.meta === undefined ? '' : ` ${inspect(e.meta, { depth: 20, breakLength: Infinity, maxStringLength: Infinity, maxArrayLength: Infinity })}`}`)
          .join('\n'),
      clear: () => {
        entries.length = 0
      }
    }
  }
  return make(null)
}
