import { REDACTED } from './redact'

/**
 * Turns one log call into one line of text (before redaction). Meta is JSON so lines stay
 * greppable and machine-readable; the serialiser copes with what real code passes (Errors,
 * cycles, bigints, Buffers) instead of throwing from inside a log call.
 */

/** Meta keys whose values are credentials whatever they look like (e.g. `{ accessToken: … }`). */
const SECRET_KEY_NAME =
  /^(?:(?:access|refresh|id)[_-]?token|client[_-]?secret|code[_-]?verifier|api[_-]?key|password|authorization|secret|token)$/i

export function serializeMeta(meta: Record<string, unknown>): string {
  const seen = new WeakSet<object>()
  const replacer = function (this: unknown, key: string, value: unknown): unknown {
    if (key !== '' && SECRET_KEY_NAME.test(key) && value !== null && value !== undefined && typeof value !== 'boolean') {
      return REDACTED
    }
    if (typeof value === 'bigint') return `${value.toString()}n`
    if (typeof value === 'function' || typeof value === 'symbol') return undefined
    if (value instanceof Error) return errorToPlain(value)
    if (value !== null && typeof value === 'object') {
      // JSON.stringify has already called toJSON for Buffers: catch them by shape.
      if ((value as { type?: unknown }).type === 'Buffer' && Array.isArray((value as { data?: unknown }).data)) {
        return `[Buffer ${(value as { data: unknown[] }).data.length} bytes]`
      }
      if (seen.has(value)) return '[Circular]'
      seen.add(value)
    }
    return value
  }
  try {
    return JSON.stringify(meta, replacer) ?? ''
  } catch (e) {
    return JSON.stringify({ metaNotSerializable: e instanceof Error ? e.message : String(e) })
  }
}

function errorToPlain(e: Error): Record<string, unknown> {
  const plain: Record<string, unknown> = { name: e.name, message: e.message }
  const code = (e as { code?: unknown }).code
  if (code !== undefined) plain.code = code
  if (e.stack) plain.stack = e.stack
  if (e.cause !== undefined) plain.cause = e.cause instanceof Error ? errorToPlain(e.cause) : e.cause
  return plain
}

/**
 * `[scope] message {"meta":…}` on one line. Newlines in the message are escaped so that text
 * from outside (a job title, a server's error body) cannot forge extra log lines.
 */
export function formatLine(scope: string | null, message: string, meta?: Record<string, unknown>): string {
  const text = String(message).replace(/\r?\n|\r/g, '\\n')
  const metaText = meta && Object.keys(meta).length > 0 ? ` ${serializeMeta(meta)}` : ''
  return `${scope ? `[${scope}] ` : ''}${text}${metaText}`
}
