import { readFile } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2'
}

/** Reads a file under `root`; null for anything outside it or missing (the caller answers 404). */
export async function readStatic(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | null> {
  const base = resolve(root)
  let pathname: string
  try {
    pathname = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath)
  } catch {
    return null
  }
  if (/[\\\0]/.test(pathname)) return null
  const file = resolve(base, `.${pathname}`)
  if (!file.startsWith(base + sep)) return null
  try {
    return { body: await readFile(file), type: TYPES[extname(file)] ?? 'application/octet-stream' }
  } catch {
    return null
  }
}
