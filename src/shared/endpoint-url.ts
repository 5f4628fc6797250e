/**
 * Which URLs may serve as an API endpoint (Upwork's OAuth and GraphQL URLs, the AI base URL).
 * Tokens and the client secret travel to these, so plain http is allowed only to this computer
 * (a local fake, proxy or model); anything that leaves the machine must be https.
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

export const ENDPOINT_URL_RULE = 'Use an https:// URL, or http:// only for this computer (127.0.0.1 or localhost).'

export function isAllowedEndpointUrl(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.username || url.password) return false
  if (url.protocol === 'https:') return true
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname.toLowerCase())
}
