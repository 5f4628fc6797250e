import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository's prisma folder and its migrations, as the tests see them. */
export const PRISMA_DIR = fileURLToPath(new URL('../../../../prisma', import.meta.url))
export const SCHEMA_PATH = join(PRISMA_DIR, 'schema.prisma')
export const MIGRATIONS_DIR = join(PRISMA_DIR, 'migrations')

/** A fresh temporary folder and a function that removes it. */
export function makeTempDir(prefix = 'gigpilot-db-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A copy of the shipped migrations folder, to add test migrations to. */
export function copyMigrations(targetDir: string): string {
  const target = join(targetDir, 'migrations')
  cpSync(MIGRATIONS_DIR, target, { recursive: true })
  return target
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

/** The database file plus its -wal (whose frames are part of the database until checkpointed). */
export function sha256Database(path: string): string {
  const hash = createHash('sha256').update(readFileSync(path))
  if (existsSync(`${path}-wal`)) hash.update(readFileSync(`${path}-wal`))
  return hash.digest('hex')
}
