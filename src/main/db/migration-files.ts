import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

/** One `prisma/migrations/<name>/migration.sql`, as shipped with the app. */
export interface MigrationFile {
  /** The folder name, e.g. `20261128000000_init`; folders sort by their timestamp prefix. */
  name: string
  sql: string
  /** sha256 (hex) of the SQL with line endings normalised to \n (a git checkout may use \r\n). */
  checksum: string
}

export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n'), 'utf8').digest('hex')
}

/** Reads every migration folder under `dir`, in name order. Folders without migration.sql are an error. */
export async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
  return Promise.all(
    names.map(async (name) => {
      let sql: string
      try {
        sql = await readFile(join(dir, name, 'migration.sql'), 'utf8')
      } catch (e) {
        throw new Error(`Migration folder ${name} in ${dir} has no readable migration.sql`, { cause: e })
      }
      return { name, sql, checksum: migrationChecksum(sql) }
    })
  )
}
