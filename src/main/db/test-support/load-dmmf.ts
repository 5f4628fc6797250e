import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)

/** The parts of Prisma's DMMF datamodel the schema-agreement test reads. */
export interface DmmfField {
  name: string
  dbName: string | null
  kind: 'scalar' | 'object' | 'enum' | 'unsupported'
  isList: boolean
  isRequired: boolean
  isUnique: boolean
  isId: boolean
  isUpdatedAt: boolean
  type: string
  hasDefaultValue: boolean
  default?: unknown
  relationName?: string
  relationFromFields?: string[]
  relationToFields?: string[]
  relationOnDelete?: string
  relationOnUpdate?: string
}

export interface DmmfModel {
  name: string
  dbName: string | null
  fields: DmmfField[]
  primaryKey: { name: string | null; fields: string[] } | null
  uniqueFields: string[][]
  uniqueIndexes: Array<{ name: string | null; fields: string[] }>
}

export interface DmmfIndex {
  model: string
  type: 'id' | 'unique' | 'normal' | 'fulltext'
  isDefinedOnField: boolean
  name?: string
  dbName?: string
  fields: Array<{ name: string; sortOrder?: 'asc' | 'desc' }>
}

export interface DmmfDatamodel {
  models: DmmfModel[]
  enums: unknown[]
  indexes: DmmfIndex[]
}

/**
 * Prisma's own parse of a schema: runs `prisma generate` on a temporary copy whose only generator
 * is test-support/dmmf-generator.mjs. Offline: the CLI only needs PRISMA_SCHEMA_ENGINE_BINARY to
 * name an existing file (docs/environment.md).
 */
export function loadDmmf(schemaPath: string): DmmfDatamodel {
  const dir = mkdtempSync(join(tmpdir(), 'gigpilot-dmmf-'))
  try {
    const generator = fileURLToPath(new URL('./dmmf-generator.mjs', import.meta.url))
    const schema = readFileSync(schemaPath, 'utf8').replace(/generator\s+\w+\s*\{[^}]*\}/g, '')
    const tempSchema = join(dir, 'schema.prisma')
    writeFileSync(
      tempSchema,
      `generator dmmf {\n  provider = ${JSON.stringify(`"${process.execPath}" "${generator}"`)}\n  output = "./out"\n}\n${schema}`
    )
    const cli = require.resolve('prisma/build/index.js')
    const run = spawnSync(process.execPath, [cli, 'generate', '--schema', tempSchema], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        CHECKPOINT_DISABLE: '1'
      }
    })
    if (run.status !== 0) throw new Error(`prisma generate (DMMF dump) failed:\n${run.stdout}\n${run.stderr}`)
    return JSON.parse(readFileSync(join(dir, 'out', 'dmmf.json'), 'utf8')) as DmmfDatamodel
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
