import { net, protocol } from 'electron'
import { resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CONTENT_SECURITY_POLICY } from '../security/content-security-policy'

/**
 * The renderer is served from app://gigpilot/ rather than file://, so an XSS cannot read local
 * files and the origin is one we can check IPC senders against.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'gigpilot'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** Must run before app 'ready'. */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

/** Serves files of `rendererDir` only; anything that resolves outside it is a 404. */
export function handleAppScheme(rendererDir: string): void {
  const root = resolve(rendererDir)
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 })
    let pathname: string
    try {
      pathname = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)
    } catch {
      return new Response('Not found', { status: 404 })
    }
    // Backslashes are separators on Windows and NUL truncates paths: neither belongs in our URLs.
    if (/[\\\0]/.test(pathname)) return new Response('Not found', { status: 404 })
    const file = resolve(root, `.${pathname}`)
    if (file !== root && !file.startsWith(root + sep)) return new Response('Not found', { status: 404 })
    const response = await net.fetch(pathToFileURL(file).toString())
    const headers = new Headers(response.headers)
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    headers.set('X-Content-Type-Options', 'nosniff')
    return new Response(response.body, { status: response.status, headers })
  })
}
