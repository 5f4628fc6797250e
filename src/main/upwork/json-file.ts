import { mkdir, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { atomicWriteFileSync } from '../core/atomic-write-file'

/** Reads a JSON file; null when it does not exist. Throws on other errors (the caller decides). */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
  return JSON.parse(text) as unknown
}

/** Replaces the file through the one atomic writer (temp file, fsync, rename, fsync of the folder), mode 0600. */
export async function writeJsonFileAtomic(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  atomicWriteFileSync(path, JSON.stringify(value, null, 2), 0o600)
}
