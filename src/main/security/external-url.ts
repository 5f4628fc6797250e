/**
 * Which links may leave the app for the system browser. Job posts, client messages and model
 * output are untrusted, so only https links to Upwork's own hosts are allowed, compared on the
 * parsed hostname (a prefix check would let `upwork.com.attacker.example` through).
 *
 * Parse once, check the parsed URL, open exactly what was checked: `vetExternalUrl` returns the
 * parsed `href`, and callers open that, never the string they were given. (The WHATWG parser
 * reads `https://www.upwork.com\@evil.com/` as a path on upwork.com, while another parser may
 * read `evil.com`; opening the raw string would let the check and the opener disagree.)
 */
const ALLOWED_HOSTS = ['upwork.com']

/** The normalised URL to open, or null when the link must not leave the app. */
export function vetExternalUrl(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return null
  // Backslashes, spaces, tabs, newlines and control characters are silently dropped or rewritten
  // by URL parsers, each in its own way; a real link has none of them.
  if (/[\\\s]/.test(raw) || [...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol !== 'https:') return null
  if (url.username || url.password) return null
  if (url.port && url.port !== '443') return null
  const host = url.hostname.toLowerCase()
  if (!ALLOWED_HOSTS.some((h) => host === h || host.endsWith(`.${h}`))) return null
  return url.href
}

export function isAllowedExternalUrl(raw: string): boolean {
  return vetExternalUrl(raw) !== null
}
