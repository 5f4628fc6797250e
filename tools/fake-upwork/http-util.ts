/** Small HTTP helpers. Every response goes through `send` so the request log gets its status. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { RecordedRequest } from './types'

export interface Exchange {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  entry: RecordedRequest
}

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buf = chunk as Buffer
    size += buf.length
    if (size > limitBytes) throw new BodyTooLargeError(`body larger than ${limitBytes} bytes`)
    chunks.push(buf)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export function send(
  ex: Exchange,
  status: number,
  body: string,
  contentType: string,
  headers: Record<string, string> = {}
): void {
  ex.entry.status = status
  if (ex.res.headersSent || ex.res.destroyed) return
  ex.res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(body)),
    ...headers
  })
  ex.res.end(body)
}

export function sendJson(ex: Exchange, status: number, body: unknown, headers: Record<string, string> = {}): void {
  send(ex, status, JSON.stringify(body), 'application/json; charset=utf-8', headers)
}

export function sendHtml(ex: Exchange, status: number, html: string): void {
  send(ex, status, html, 'text/html; charset=utf-8', {
    // The authorize page is the only HTML; keep it inert beyond its own inline style.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    'X-Frame-Options': 'DENY'
  })
}

export function redirect(ex: Exchange, location: string): void {
  send(ex, 302, '', 'text/plain; charset=utf-8', { Location: location, 'Cache-Control': 'no-store' })
}

/** Drop the connection without any response bytes: the client saw its request go out, nothing back. */
export function dropConnection(ex: Exchange): void {
  ex.entry.status = 0
  ex.req.socket.destroy()
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
