import type { Logger } from '../../logging/logger'

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error'
  scope: string
  message: string
  meta?: Record<string, unknown>
}

/** A Logger that keeps lines in memory so tests can assert on them (and that no secret was logged). */
export class MemoryLogger implements Logger {
  constructor(
    readonly lines: LogLine[] = [],
    private readonly scope = 'test'
  ) {}

  debug(message: string, meta?: Record<string, unknown>): void {
    this.lines.push({ level: 'debug', scope: this.scope, message, meta })
  }
  info(message: string, meta?: Record<string, unknown>): void {
    this.lines.push({ level: 'info', scope: this.scope, message, meta })
  }
  warn(message: string, meta?: Record<string, unknown>): void {
    this.lines.push({ level: 'warn', scope: this.scope, message, meta })
  }
  error(message: string, meta?: Record<string, unknown>): void {
    this.lines.push({ level: 'error', scope: this.scope, message, meta })
  }
  child(scope: string): Logger {
    return new MemoryLogger(this.lines, `${this.scope}.${scope}`)
  }

  /** Everything logged, as one string, for "no secret appears" checks. */
  dump(): string {
    return JSON.stringify(this.lines)
  }
}
