import type { ChannelName, ChannelOutput } from '@shared/contract'
import type { SecretStorageStatus } from '@shared/types'
import { MIGRATIONS_DIR } from '../../db/test-support/temp-files'
import { dispatch } from '../../ipc/dispatch'
import { createLogger } from '../../logging/create-logger'
import type { LogLevel } from '../../logging/logger'
import type { Clock } from '../../ports/clock'
import type { Notifier } from '../../ports/notifier'
import { ManualScheduler } from '../../scheduler/manual-scheduler'
import { MemorySecretStore } from '../../secrets/memory-secret-store'
import type { SecretStore } from '../../secrets/secret-store'
import { createNodeSettingsStore } from '../../settings/create-node-settings-store'
import { createCore, type Core, type CoreOptions } from '../create-core'
import { WorkspaceHost, type WorkspaceCoreSpec } from '../workspace-host'

export interface TestWorkspaceHostOptions {
  /** The real data folder. */
  dataDir: string
  clock: Clock
  /** The user's real secrets (a demo core gets the spec's own); default: a memory store for each core. */
  secrets?: { store: SecretStore; status: SecretStorageStatus }
  /** Every core's notifier (the demo's labelled by the spec); default: shows nothing. */
  notifier?: Notifier
  /** Default 'warn'. */
  logLevel?: LogLevel
  /** Called just before each core is built: a test can look at the disk then, and give the core more (its scheduler, env, openBrowser…). */
  core?: (spec: WorkspaceCoreSpec) => Partial<CoreOptions> | void | Promise<Partial<CoreOptions> | void>
}

export interface TestWorkspaceHost {
  host: WorkspaceHost
  /** One channel through the host's dispatch, as the renderer calls it; a failed answer throws with its code and message. */
  call<C extends ChannelName>(channel: C, input?: unknown): Promise<ChannelOutput<C>>
}

/**
 * The workspace host with real cores, as the app's root builds them (real SQLite files, settings
 * files, logs; harness runtime, a manual scheduler per core, no browser), on `dataDir`. The caller
 * starts it and closes it.
 */
export function openTestWorkspaceHost(opts: TestWorkspaceHostOptions): TestWorkspaceHost {
  const notifier: Notifier = opts.notifier ?? { notify: () => undefined }
  const host = new WorkspaceHost({
    dataDir: opts.dataDir,
    clock: opts.clock,
    openCore: async (spec): Promise<Core> => {
      const extra = (await opts.core?.(spec)) ?? {}
      const logger = createLogger({ dataDir: spec.dataDir, level: opts.logLevel ?? 'warn' })
      const memory = new MemorySecretStore()
      return createCore({
        runtime: 'harness',
        appVersion: '0.0.0-test',
        platform: process.platform,
        dataDir: spec.dataDir,
        migrationsDir: MIGRATIONS_DIR,
        env: {},
        logger,
        redact: (s) => s,
        clock: opts.clock,
        settings: createNodeSettingsStore({ dataDir: spec.dataDir, logger }),
        secrets: spec.secrets ?? opts.secrets ?? { store: memory, status: { backend: memory.backend, persistent: true, message: 'test' } },
        notifier: spec.decorateNotifier ? spec.decorateNotifier(notifier) : notifier,
        openBrowser: async () => undefined,
        openExternal: async () => undefined,
        workspace: spec.workspace,
        scheduler: new ManualScheduler(),
        ...(spec.upworkFetch ? { upworkFetch: spec.upworkFetch } : {}),
        ...extra
      })
    }
  })
  const call = async <C extends ChannelName>(channel: C, input?: unknown): Promise<ChannelOutput<C>> => {
    const result = await dispatch(host.dispatchOptions, channel, input)
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
    return result.value as ChannelOutput<C>
  }
  return { host, call }
}
