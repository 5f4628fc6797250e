import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { RAW_SQL_TABLES } from '../raw-sql-objects'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Client, Config } from '@libsql/client'
import { PrismaLibSql } from '@prisma/adapter-libsql'
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import { SingleConnectionClient } from '../single-connection-client'

/**
 * `prisma migrate diff --from-migrations … --to-schema …` without the native schema engine, using
 * Prisma's WebAssembly schema engine (`@prisma/schema-engine-wasm`, not a project dependency yet).
 * Found through GIGPILOT_SCHEMA_ENGINE_WASM_DIR (a folder with schema_engine_bg.js/.wasm) or the
 * installed package; null when neither exists, and the exact-diff test skips.
 */
export function findSchemaEngineWasm(): string | null {
  const fromEnv = process.env.GIGPILOT_SCHEMA_ENGINE_WASM_DIR
  if (fromEnv) return existsSync(join(fromEnv, 'schema_engine_bg.wasm')) ? fromEnv : null
  try {
    return dirname(createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg'))
  } catch {
    return null
  }
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: Record<string, unknown>) => { exports: Record<string, unknown> }
}

interface SchemaEngine {
  diff(params: unknown): Promise<{ exitCode: number; stdout?: string | null }>
}

/**
 * The SQL that would turn the database produced by `migrationsDir` into what `schemaPath`
 * describes. An empty migration (exitCode 0) means they agree exactly, as Prisma judges it.
 * The shadow database is an in-memory libsql one on exactly one connection (InMemoryLibSql below).
 */
export async function diffMigrationsAgainstSchema(
  engineDir: string,
  schemaPath: string,
  migrationsDir: string
): Promise<{ exitCode: number; script: string }> {
  const glue = await loadEngine(engineDir)
  const schema = readFileSync(schemaPath, 'utf8')
  const adapter = bindMigrationAwareSqlAdapterFactory(scriptsAsScripts(new InMemoryLibSql({ url: ':memory:' })))
  const engine = await glue.SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => undefined, adapter)
  const dirs = readdirSync(migrationsDir)
    .filter((d) => statSync(join(migrationsDir, d)).isDirectory())
    .sort()
  const lockPath = join(migrationsDir, 'migration_lock.toml')
  const result = await engine.diff({
    from: {
      tag: 'migrations',
      baseDir: migrationsDir,
      lockfile: { path: lockPath, content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
      shadowDbInitScript: '',
      migrationDirectories: dirs.map((d) => ({
        path: join(migrationsDir, d),
        migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: readFileSync(join(migrationsDir, d, 'migration.sql'), 'utf8') } }
      }))
    },
    to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
    script: true,
    exitCode: true,
    // The raw-SQL tables (FTS5 and its shadows) are not Prisma's: the engine leaves them alone.
    filters: { externalTables: [...RAW_SQL_TABLES], externalEnums: [] }
  })
  return { exitCode: result.exitCode, script: result.stdout ?? '' }
}

type EngineGlue = Record<string, unknown> & {
  __wbg_set_wasm(exports: Record<string, unknown>): void
  SchemaEngine: { new: (options: unknown, log: (line: string) => void, adapter: unknown) => Promise<SchemaEngine> }
}

/** The wasm module is instantiated once per process: a second instantiation of the same glue module hangs the next diff. */
const engines = new Map<string, Promise<EngineGlue>>()

function loadEngine(engineDir: string): Promise<EngineGlue> {
  let loaded = engines.get(engineDir)
  if (!loaded) {
    loaded = (async () => {
      const glue = (await import(pathToFileURL(join(engineDir, 'schema_engine_bg.js')).href)) as EngineGlue
      // Node 20 cannot `import` a .wasm file without a flag: instantiate it by hand, as wasm-bindgen's
      // own entry file would. (The WebAssembly global is not in this project's TypeScript libs.)
      const { WebAssembly: wasm } = globalThis as unknown as { WebAssembly: WasmApi }
      const module = new wasm.Module(readFileSync(join(engineDir, 'schema_engine_bg.wasm')))
      const instance = new wasm.Instance(module, { './schema_engine_bg.js': glue })
      glue.__wbg_set_wasm(instance.exports)
      ;(instance.exports.__wbindgen_start as (() => void) | undefined)?.()
      return glue
    })()
    engines.set(engineDir, loaded)
  }
  return loaded
}

/**
 * Prisma's libsql adapter on a fresh in-memory database per connect(), each on ONE connection:
 * @libsql/client's own local client opens a new connection for the statement after a transaction,
 * and a new `:memory:` connection is a new, empty database (the schema would vanish mid-diff).
 */
class InMemoryLibSql extends PrismaLibSql {
  override createClient(config: Config): Client {
    return new SingleConnectionClient({ ...config, url: ':memory:' })
  }
}

/**
 * The wasm engine applies each migration file as one multi-statement `executeRaw`; the SQLite
 * adapters prepare only a single statement there. Route such calls to `executeScript`.
 */
function scriptsAsScripts(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  const wrap = (adapter: SqlDriverAdapter): SqlDriverAdapter =>
    new Proxy(adapter, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver)
        if (property === 'executeRaw') {
          return async (query: { sql: string; args: unknown[] }) => {
            if (query.args.length === 0 && /;\s*\S/.test(query.sql)) {
              await target.executeScript(query.sql)
              return 0
            }
            return target.executeRaw(query as Parameters<SqlDriverAdapter['executeRaw']>[0])
          }
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
      }
    })
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: async () => wrap(await factory.connectToShadowDb())
  }
}
