import { existsSync, lstatSync } from 'node:fs'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { WorkspaceInfo, WorkspaceKind } from '@shared/contract/workspace'
import { translator, type Translate } from '@shared/i18n'
import type { Settings } from '@shared/settings'
import type { SecretStorageStatus } from '@shared/types'
import { AppError } from '../core/app-error'
import type { Handlers } from '../core/domain-module'
import { EventBus } from '../core/event-bus'
import { createDemoUpwork } from '../demo/demo-upwork'
import { seedSampleHistory } from '../demo/sample-history'
import { DEMO_DIR_NAME, demoHandler, demoNotifier, localizeDemoAccount, demoSecrets, openDemoState, seedDemoContent, writeDemoAccount, writeDemoState } from '../demo/demo-workspace'
import type { DispatchOptions } from '../ipc/dispatch'
import type { Logger } from '../logging/logger'
import type { Clock } from '../ports/clock'
import type { Notifier } from '../ports/notifier'
import type { SecretStore } from '../secrets/secret-store'
import type { Core } from './create-core'
import { accountFileOf } from './data-dir'
import { createWorkspaceModule, type WorkspaceModule } from './workspace-module'

/**
 * The workspace host: the app runs either the real workspace (the user's data folder) or the
 * demo workspace (`<data folder>/demo-workspace/`: its own database, settings, logs and account,
 * secrets in memory only, its Upwork answered in-process by the sample job source). One core is
 * open at a time; switching closes it (its timers, poller and events stop) and opens the other.
 *
 * The caller (Electron's index.ts, the browser harness) says how a core is built from a spec
 * (`openCore`: its settings store, logger, notifier, keychain); the host decides which folder,
 * which secrets, which Upwork. IPC goes through `dispatchOptions`, whose handlers always follow
 * the core that is open; events come from `bus`, which relays only the open core's events.
 *
 * Which workspace is active is kept in `<data folder>/workspace.json` (only while the demo is
 * active), so a restart reopens the demo. Leaving the demo deletes its folder and that file, and
 * touches nothing else in the real folder.
 */

export const ACTIVE_WORKSPACE_FILE = 'workspace.json'

export interface WorkspaceCoreSpec {
  kind: WorkspaceKind
  dataDir: string
  /** The workspace channels: every core serves them (the composition root merges this module). */
  workspace: WorkspaceModule
  /** Demo: a memory store holding the demo account's tokens. Absent: the user's real secrets. */
  secrets?: { store: SecretStore; status: SecretStorageStatus }
  /** Demo: the sample job source, answering every Upwork request in-process. */
  upworkFetch?: typeof fetch
  /** Demo: labels the notifications ("Demo: …"). */
  decorateNotifier?: (notifier: Notifier) => Notifier
}

export interface WorkspaceHostOptions {
  /** The real data folder. */
  dataDir: string
  clock: Clock
  openCore(spec: WorkspaceCoreSpec): Promise<Core>
  /** For the host's own lines while no core is open (default: silent). */
  logger?: Logger
}

interface Open {
  kind: WorkspaceKind
  core: Core
  demoStartedAt: number | null
  unrelay: () => void
}

export class WorkspaceHost {
  /** Every event of the open core, and `workspace:changed`. */
  readonly bus: EventBus
  readonly dispatchOptions: DispatchOptions
  readonly demoDir: string
  private open: Open | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false
  private readonly module: WorkspaceModule
  /** The real workspace's language and translator when it was last open: a new demo speaks the same. */
  private realLanguage: Settings['language'] = 'system'
  private realT: Translate = translator('en')
  /** The demo's words (account name, notification label, refusals): the open core's language. */
  private readonly t: Translate = (key, params) => (this.open?.core.dispatchOptions.t ?? this.realT)(key, params)

  constructor(private readonly opts: WorkspaceHostOptions) {
    this.demoDir = join(opts.dataDir, DEMO_DIR_NAME)
    this.bus = new EventBus((event, error) => this.log().error('An event listener failed', { event, error: String(error) }))
    this.module = createWorkspaceModule(this)
    const handlers = new Proxy({} as Handlers, {
      get: (_target, name) => {
        if (typeof name !== 'string') return undefined
        const current = this.open?.core.dispatchOptions.handlers as Record<string, unknown> | undefined
        if (!current) return () => Promise.reject(new AppError('unavailable', 'demo.err.switching'))
        const handler = current[name]
        // The demo: no real sign-in, no link to a sample job, the account named in the language in force.
        return this.open?.kind === 'demo' && typeof handler === 'function' ? demoHandler(name, handler as (input: unknown) => unknown, this.t) : handler
      }
    })
    // Getters, not copies: dispatch reads them on every call, so they follow the open core.
    const base: Pick<DispatchOptions, 'handlers' | 'redact' | 't'> = {
      handlers,
      redact: (text) => (this.open ? this.open.core.dispatchOptions.redact(text) : text),
      t: (key, params) => this.t(key, params)
    }
    this.dispatchOptions = Object.defineProperties(base as DispatchOptions, {
      logger: { enumerable: true, get: () => this.log().child('ipc') },
      logsDir: { enumerable: true, get: () => this.open?.core.dispatchOptions.logsDir ?? join(opts.dataDir, 'logs') }
    })
  }

  /** Opens the workspace that was active last time (the demo if the user was in it). */
  start(): Promise<WorkspaceInfo> {
    return this.serial(async () => {
      const wanted = await this.readActive()
      if (wanted === 'demo' && existsSync(this.demoDir)) {
        try {
          await this.openDemo()
          return this.info()
        } catch (e) {
          this.log().error('The demo workspace could not be opened; opening your workspace', { error: String(e) })
          await this.removeDemo()
        }
      } else if (wanted === 'demo') {
        await this.writeActive('real')
      }
      await this.openReal()
      return this.info()
    })
  }

  /** The open core (throws while switching). */
  get core(): Core {
    if (!this.open) throw new AppError('unavailable', 'demo.err.switching')
    return this.open.core
  }

  info(): WorkspaceInfo {
    return { kind: this.open?.kind ?? 'real', demoStartedAt: this.open?.demoStartedAt ?? null }
  }

  enterDemo(): Promise<WorkspaceInfo> {
    return this.serial(async () => {
      if (this.open?.kind === 'demo') return this.info()
      this.log().info('Entering the demo workspace', {})
      await this.closeOpen()
      try {
        await this.writeActive('demo')
        await this.openDemo()
      } catch (e) {
        // Back to where the user was; the demo's half-made folder goes.
        await this.removeDemo()
        await this.openReal()
        throw e
      }
      this.changed()
      return this.info()
    })
  }

  leaveDemo(): Promise<WorkspaceInfo> {
    return this.serial(async () => {
      if (this.open?.kind !== 'demo') return this.info()
      this.log().info('Leaving the demo workspace', {})
      await this.closeOpen()
      await this.removeDemo()
      await this.openReal()
      this.changed()
      return this.info()
    })
  }

  /** App quit: closes the open core. */
  close(): Promise<void> {
    return this.serial(async () => {
      this.closed = true
      await this.closeOpen()
    })
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.closed) throw new AppError('unavailable', 'demo.err.switching')
      return fn()
    })
    this.queue = run.catch(() => undefined)
    return run
  }

  private changed(): void {
    this.bus.emit('workspace:changed', this.info())
  }

  private log(): Logger {
    return this.open?.core.logger ?? this.opts.logger ?? SILENT
  }

  private async openReal(): Promise<void> {
    const core = await this.opts.openCore({ kind: 'real', dataDir: this.opts.dataDir, workspace: this.module })
    this.adopt('real', core, null)
  }

  private async openDemo(): Promise<void> {
    const { clock } = this.opts
    const t = this.t
    const state = await openDemoState(this.demoDir, clock)
    await writeDemoAccount(accountFileOf(this.demoDir), clock, t)
    const upwork = createDemoUpwork({ clock, startedAt: state.startedAt, t })
    const core = await this.opts.openCore({
      kind: 'demo',
      dataDir: this.demoDir,
      workspace: this.module,
      secrets: await demoSecrets(clock, t),
      upworkFetch: upwork.fetch,
      decorateNotifier: (n) => demoNotifier(n, t)
    })
    try {
      if (!state.seeded) {
        await seedDemoContent({ handlers: core.dispatchOptions.handlers, settings: core.settings, language: this.realLanguage })
        await writeDemoState(this.demoDir, { ...state, seeded: true })
      }
      // The Analytics page's sample history (once per demo folder); the success model learns from it.
      if (await seedSampleHistory(core.db, clock)) void core.prediction.retrain()
    } catch (e) {
      await core.close()
      throw e
    }
    this.adopt('demo', core, state.startedAt)
  }

  private adopt(kind: WorkspaceKind, core: Core, demoStartedAt: number | null): void {
    const unrelay = core.bus.onAny((event, payload) =>
      this.bus.emit(event, (kind === 'demo' && event === 'upwork:account' ? localizeDemoAccount(payload, this.t) : payload) as never)
    )
    this.open = { kind, core, demoStartedAt, unrelay }
  }

  private async closeOpen(): Promise<void> {
    const open = this.open
    if (!open) return
    this.open = null
    if (open.kind === 'real') {
      this.realLanguage = open.core.settings.get().language
      this.realT = open.core.dispatchOptions.t ?? this.realT
    }
    // Nothing the old core says after this reaches the window.
    open.unrelay()
    await open.core.close()
  }

  /** Deletes the demo folder (refusing anything but a real folder at the expected place) and the marker. */
  private async removeDemo(): Promise<void> {
    if (existsSync(this.demoDir) && lstatSync(this.demoDir).isDirectory()) {
      await rm(this.demoDir, { recursive: true, force: true, maxRetries: 3 })
    }
    await this.writeActive('real')
  }

  private async readActive(): Promise<WorkspaceKind> {
    try {
      const parsed = JSON.parse(await readFile(join(this.opts.dataDir, ACTIVE_WORKSPACE_FILE), 'utf8')) as { active?: unknown }
      return parsed.active === 'demo' ? 'demo' : 'real'
    } catch {
      return 'real'
    }
  }

  /** The demo is marked by the file; the real workspace by its absence (the real folder as it was). */
  private async writeActive(kind: WorkspaceKind): Promise<void> {
    const file = join(this.opts.dataDir, ACTIVE_WORKSPACE_FILE)
    if (kind === 'real') {
      await rm(file, { force: true })
      return
    }
    await writeFile(`${file}.tmp`, JSON.stringify({ active: kind }), { mode: 0o600 })
    await rename(`${file}.tmp`, file)
  }
}

const SILENT: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => SILENT
}
