import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCore, type Core } from '../../src/main/app/create-core'
import type { WorkspaceCoreSpec } from '../../src/main/app/workspace-host'
import type { WorkerEntry } from '../../src/main/db/worker/database-worker'
import { standaloneWorkspaceModule } from '../../src/main/app/workspace-module'
import { createLogger } from '../../src/main/logging/create-logger'
import { redact } from '../../src/main/logging/redact'
import { systemClock } from '../../src/main/ports/clock'
import type { AppNotification, Notifier } from '../../src/main/ports/notifier'
import { chooseSecretStore } from '../../src/main/secrets/choose-secret-store'
import { loadKeytar } from '../../src/main/secrets/keytar-like'
import { createNodeSettingsStore } from '../../src/main/settings/create-node-settings-store'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** Notifications in the harness: there is no desktop to show them on, so they are logged and kept for tests. */
export class RecordingNotifier implements Notifier {
  readonly shown: AppNotification[] = []
  constructor(private readonly print: boolean) {}
  notify(n: AppNotification): void {
    this.shown.push(n)
    if (this.print) console.log(`[notification] ${n.title}: ${n.body}`)
  }
}

export type HarnessCore = Core & { notifier: RecordingNotifier }

/**
 * The same services Electron runs, composed with Node adapters: conf instead of electron-store,
 * keytar without the safeStorage fallback (Electron-only), a recording notifier.
 */
export async function createHarnessCore(opts: {
  dataDir: string
  env: NodeJS.ProcessEnv
  verbose: boolean
  openBrowser: (url: string) => Promise<void>
  /** The recording notifier to use (the harness keeps one across workspaces). */
  notifier?: RecordingNotifier
  /** From the workspace host: the workspace channels and, for the demo, its secrets, Upwork and notifier label. */
  spec?: Omit<WorkspaceCoreSpec, 'kind' | 'dataDir'>
  /** The database worker's script (default: from source through tsx; the cold-start bench passes the built one, as the app runs). */
  databaseWorker?: WorkerEntry
}): Promise<HarnessCore> {
  mkdirSync(opts.dataDir, { recursive: true })
  const logger = createLogger({ dataDir: opts.dataDir, level: 'debug', console: opts.verbose })
  const settings = createNodeSettingsStore({ dataDir: opts.dataDir, logger })
  const { keytar, error: keytarLoadError } = await loadKeytar()
  // One keychain service per data folder, so harness runs never touch a real GigPilot install's secrets.
  const serviceName = `GigPilot-harness-${createHash('sha256').update(opts.dataDir).digest('hex').slice(0, 12)}`
  // Not awaited: the keychain probe runs while createCore opens the database.
  const secrets = opts.spec?.secrets ?? chooseSecretStore({
    keytar,
    safeStorage: null,
    dataDir: opts.dataDir,
    logger,
    serviceName,
    ...(keytarLoadError ? { keytarLoadError } : {})
  })
  const notifier = opts.notifier ?? new RecordingNotifier(opts.verbose)
  const version = (JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as { version: string }).version
  const core = await createCore({
    runtime: 'harness',
    appVersion: version,
    platform: process.platform,
    dataDir: opts.dataDir,
    migrationsDir: resolve(repoRoot, 'prisma/migrations'),
    env: opts.env,
    logger,
    redact,
    clock: systemClock,
    settings,
    secrets,
    notifier: opts.spec?.decorateNotifier ? opts.spec.decorateNotifier(notifier) : notifier,
    openBrowser: opts.openBrowser,
    openExternal: opts.openBrowser,
    workspace: opts.spec?.workspace ?? standaloneWorkspaceModule(),
    ...(opts.databaseWorker ? { databaseWorker: opts.databaseWorker } : {}),
    ...(opts.spec?.upworkFetch ? { upworkFetch: opts.spec.upworkFetch } : {})
  })
  return Object.assign(core, { notifier })
}
