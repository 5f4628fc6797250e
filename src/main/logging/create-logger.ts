import { join } from 'node:path'
import electronLog from 'electron-log/node'
import { formatLine } from './format-line'
import { isLevelEnabled, type Logger, type LogLevel } from './logger'
import { redact as sharedRedact } from './redact'

export interface CreateLoggerOptions {
  /** The app's data folder; the log goes to `<dataDir>/logs/main.log`. */
  dataDir: string
  level: LogLevel
  /** Also print to stdout/stderr (development). Off by default: a packaged app has no console. */
  console?: boolean
  /** Rotate when the file passes this size; the previous file is kept as `main.old.log`. */
  maxSizeBytes?: number
  /** Defaults to the process-wide redactor that the secret stores register values with. */
  redact?: (text: string) => string
}

export interface FileLogger extends Logger {
  /** Absolute path of the current log file (for "open the log folder" and for tests). */
  readonly filePath: string
  child(scope: string): FileLogger
}

export const DEFAULT_LOG_MAX_SIZE = 5 * 1024 * 1024

/** electron-log keeps instances in a global registry by id; each createLogger call gets its own. */
let instanceCounter = 0

/**
 * A Logger that writes redacted lines to `<dataDir>/logs/main.log` through `electron-log/node`
 * (plain Node, so it runs the same in tests, the harness and Electron's main process).
 *
 * Redaction happens here, on the finished line, before electron-log sees it: that way no
 * transport (file, console, any added later) can receive unredacted text.
 */
export function createLogger(options: CreateLoggerOptions): FileLogger {
  const filePath = join(options.dataDir, 'logs', 'main.log')
  const redact = options.redact ?? sharedRedact
  const threshold = options.level

  instanceCounter += 1
  const log = electronLog.create({ logId: `gigpilot-${process.pid}-${instanceCounter}` })

  const file = log.transports.file
  file.resolvePathFn = () => filePath
  file.level = threshold
  file.maxSize = options.maxSizeBytes ?? DEFAULT_LOG_MAX_SIZE
  // Synchronous appends: a line is on disk before the call returns, so the last lines before a
  // crash are not lost in a buffer (and tests can read the file straight back).
  file.sync = true
  // Logs can hold job text and account names: readable by this user only.
  file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' }
  file.format = ({ data, message }) => [`${(message.date ?? new Date()).toISOString()} [${message.level}] ${data.join(' ')}`]

  log.transports.console.level = options.console ? threshold : false
  // The node build of electron-log also has ipc and remote transports; neither is wanted.
  for (const name of ['ipc', 'remote'] as const) {
    const transport = (log.transports as unknown as Record<string, { level: unknown } | undefined>)[name]
    if (transport) transport.level = false
  }

  const make = (scope: string | null): FileLogger => {
    const write = (level: LogLevel, message: string, meta?: Record<string, unknown>): void => {
      if (!isLevelEnabled(threshold, level)) return
      try {
        log[level](redact(formatLine(scope, message, meta)))
      } catch {
        // Logging must never take the app down; electron-log already reports its own I/O errors.
      }
    }
    return {
      filePath,
      debug: (m, meta) => write('debug', m, meta),
      info: (m, meta) => write('info', m, meta),
      warn: (m, meta) => write('warn', m, meta),
      error: (m, meta) => write('error', m, meta),
      child: (s) => make(scope ? `${scope}:${s}` : s)
    }
  }
  return make(null)
}
