import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/**
 * Replaces `filePath` with `data` so that a crash or power cut leaves either the old file or the
 * new one, never a torn mix: write a temp file in the same folder (same filesystem, so rename is
 * atomic), fsync it, rename over the target, then fsync the folder so the rename itself is durable.
 */
export function atomicWriteFileSync(filePath: string, data: string | Buffer, mode = 0o600): void {
  const dir = dirname(filePath)
  const tmp = join(dir, `.${basename(filePath)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  // 'wx': never follow or reuse an existing file at the temp name. The mode applies on creation.
  const fd = openSync(tmp, 'wx', mode)
  try {
    const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
    let offset = 0
    while (offset < buffer.length) offset += writeSync(fd, buffer, offset, buffer.length - offset)
    fsyncSync(fd)
  } catch (e) {
    closeSync(fd)
    rmSync(tmp, { force: true })
    throw e
  }
  closeSync(fd)
  try {
    renameSync(tmp, filePath)
  } catch (e) {
    rmSync(tmp, { force: true })
    throw e
  }
  fsyncDirectory(dir)
}

function fsyncDirectory(dir: string): void {
  // Windows cannot open a directory for fsync; there the rename is as durable as it gets.
  if (process.platform === 'win32') return
  let fd: number | undefined
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch {
    // Best effort: some filesystems refuse fsync on directories.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}
