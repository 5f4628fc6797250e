/**
 * Scrubs credentials out of text before it reaches a log file, the console or an IPC error.
 *
 * Two layers, because neither is enough alone:
 * 1. Exact values: every secret the app reads or writes is registered here at runtime
 *    (the secret stores call `registerSecretForRedaction`), so a token is caught whatever
 *    surrounds it, including inside a stack trace or a URL.
 * 2. Shapes: bearer tokens, Upwork `oauth2v2_` tokens, OpenAI-style `sk-` keys, Authorization
 *    headers and the OAuth fields (`access_token`, `refresh_token`, `client_secret`, `code`,
 *    `code_verifier`…) in JSON, query strings and `key: value` text. These catch credentials the
 *    app has not seen yet, e.g. the body of a token response being logged by mistake.
 */

export const REDACTED = '[REDACTED]'

/**
 * Values shorter than this are not registered: replacing every "abc" in the log would make it
 * unreadable, and nothing this short is a real credential.
 */
const MIN_SECRET_LENGTH = 4

/** Field names whose values are always credentials (snake_case, camelCase and kebab-case). */
const SECRET_FIELD = String.raw`(?:access|refresh|id)[_-]?token|client[_-]?secret|code[_-]?verifier|api[_-]?key|password`

const SHAPES: ReadonlyArray<readonly [RegExp, string]> = [
  // Authorization headers, whatever the scheme: `Authorization: Basic …`, `"authorization":"Bearer …"`.
  [/(\bauthorization\\?["']?\s*[:=]\s*\\?["']?)[^"'\\\r\n,}]+/gi, `$1${REDACTED}`],
  // Bearer tokens anywhere (Basic credentials only count inside an Authorization header, above:
  // "Basic plan" in prose is not a credential).
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, `Bearer ${REDACTED}`],
  // Upwork OAuth 2 tokens carry this prefix.
  [/\boauth2v2_[A-Za-z0-9._~+/=-]+/g, `oauth2v2_${REDACTED}`],
  // OpenAI-style keys (sk-…, sk-proj-…).
  [/\bsk-[A-Za-z0-9_-]{10,}/g, `sk-${REDACTED}`],
  // Quoted values: "access_token":"…", 'refreshToken': '…', access_token = "…".
  [
    new RegExp(String.raw`(["']?\b(?:${SECRET_FIELD})["']?\s*[:=]\s*)(["'])(?:\\.|(?!\2)[^\\])*\2`, 'gi'),
    `$1$2${REDACTED}$2`
  ],
  // The same inside a JSON string that holds JSON (a logged response body): \"access_token\":\"…\".
  [new RegExp(String.raw`(\\"(?:${SECRET_FIELD})\\"\s*:\s*\\")[^"\\]*(\\")`, 'gi'), `$1${REDACTED}$2`],
  // Unquoted values: access_token=…&, refresh_token: abc (util.inspect, form bodies, query strings).
  [new RegExp(String.raw`(\b(?:${SECRET_FIELD})\s*[:=]\s*)(?!["'\s])[^\s"'&,;}\]]+`, 'gi'), `$1${REDACTED}`],
  // The OAuth authorization code in a query string or form body (`?code=…`, `&code=…`).
  [/((?:^|[?&#\s])code=)[^&\s"'#]+/g, `$1${REDACTED}`]
]

/**
 * `"code":"…"` in JSON is the OAuth authorization code in a token exchange, but it is also every
 * error code the app logs (`{"code":"invalid_input"}`, `ECONNREFUSED`, `ERR_HTTP_429`). Error
 * codes are single-case words joined by `_ . : -` (digits only as whole segments); anything else,
 * notably mixed-case or letter-digit random strings, is treated as a credential.
 */
const JSON_CODE = /("code"\s*:\s*)"((?:\\.|[^"\\])*)"/g
const ESCAPED_JSON_CODE = /(\\"code\\"\s*:\s*\\")([^"\\]*)(\\")/g
const ERROR_CODE_SHAPE = /^(?:[a-z]+(?:[_.:-](?:[a-z]+|\d+))*|[A-Z]+(?:[_.:-](?:[A-Z]+|\d+))*)$/
const looksLikeErrorCode = (value: string): boolean => value.length <= 40 && ERROR_CODE_SHAPE.test(value)

/** Replaces registered secret values and credential-shaped text. Kept as a class so tests can own one. */
export class Redactor {
  private readonly needles = new Set<string>()
  /** Longest first, so a secret that contains another is replaced whole. Rebuilt lazily. */
  private sorted: string[] | null = null

  register(value: string): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return
    // The same value as it appears inside JSON (meta is serialised) and inside a URL.
    const variants = [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]
    for (const v of variants) {
      if (v.length >= MIN_SECRET_LENGTH && !this.needles.has(v)) {
        this.needles.add(v)
        this.sorted = null
      }
    }
  }

  redact(text: string): string {
    let out = text
    if (this.needles.size > 0) {
      this.sorted ??= [...this.needles].sort((a, b) => b.length - a.length)
      for (const needle of this.sorted) {
        if (out.includes(needle)) out = out.split(needle).join(REDACTED)
      }
    }
    for (const [pattern, replacement] of SHAPES) out = out.replace(pattern, replacement)
    out = out.replace(JSON_CODE, (whole, prefix: string, value: string) =>
      looksLikeErrorCode(value) ? whole : `${prefix}"${REDACTED}"`
    )
    out = out.replace(ESCAPED_JSON_CODE, (whole, prefix: string, value: string, suffix: string) =>
      looksLikeErrorCode(value) ? whole : `${prefix}${REDACTED}${suffix}`
    )
    return out
  }
}

/**
 * The process-wide redactor. Secrets are registered at runtime from wherever they are read, and
 * every logger and the IPC error path must see the same set, so one shared instance is the point.
 */
const shared = new Redactor()

/** Adds a secret value (and its JSON/URL-escaped forms) to the set that is scrubbed from all output. */
export function registerSecretForRedaction(value: string): void {
  shared.register(value)
}

/** Scrubs registered secrets and credential-shaped text from `text`. */
export function redact(text: string): string {
  return shared.redact(text)
}
