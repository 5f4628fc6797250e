/**
 * Which links may leave the app for the system browser. Job posts, client messages and model
 * output are untrusted, so only https links to Upwork's own hosts are allowed, compared on the
 * parsed hostname (a prefix check would let `upwork.com.attacker.example` through).
 */
const ALLOWED_HOSTS = ['upwork.com']

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.protocol !== 'https:') return false
  if (url.username || url.password) return false
  if (url.port && url.port !== '443') return false
  const host = url.hostname.toLowerCase()
  return ALLOWED_HOSTS.some((h) => host === h || host.endsWith(`.${h}`))
}
