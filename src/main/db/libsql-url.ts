import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * The `file:` URL libsql wants for a path. Percent-encoded, so spaces, `#` and `%` in user folder
 * names survive (a raw `file:` + path with `#` is rejected as a URL fragment). On Windows libsql
 * wants `file:C:/…` rather than `file:///C:/…` (not testable on this Linux machine).
 */
export function toLibsqlFileUrl(path: string): string {
  const href = pathToFileURL(resolve(path)).href
  return process.platform === 'win32' ? href.replace(/^file:\/\/\//, 'file:') : href
}
