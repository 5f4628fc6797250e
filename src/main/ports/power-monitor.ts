/**
 * The machine's state the poller respects (security.md requirement 24): asleep (PowerMonitor) and
 * offline (OnlineStatus). Electron adapters are in src/main/electron/power-monitor.ts; in Node (the
 * browser harness, tests) the defaults below say "awake" and "online".
 */
export type PowerEvent = 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen'

export interface PowerMonitor {
  /** Returns the unsubscribe function. */
  on(event: PowerEvent, listener: () => void): () => void
}

export interface OnlineStatus {
  isOnline(): boolean
  /** Called when the state changes. Returns the unsubscribe function. */
  onChange(listener: (online: boolean) => void): () => void
  dispose?(): void
}

/** Node: no power events. */
export const nodePowerMonitor: PowerMonitor = { on: () => () => undefined }

/** Node: always online (a failed request is reported on the search instead). */
export const alwaysOnline: OnlineStatus = { isOnline: () => true, onChange: () => () => undefined }

/** Test double and building block: a PowerMonitor and OnlineStatus whose events are emitted by hand. */
export class ManualPowerMonitor implements PowerMonitor {
  private readonly listeners = new Map<PowerEvent, Set<() => void>>()
  on(event: PowerEvent, listener: () => void): () => void {
    let set = this.listeners.get(event)
    if (!set) this.listeners.set(event, (set = new Set()))
    set.add(listener)
    return () => void set.delete(listener)
  }
  emit(event: PowerEvent): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) l()
  }
}

export class ManualOnlineStatus implements OnlineStatus {
  private readonly listeners = new Set<(online: boolean) => void>()
  constructor(private online = true) {}
  isOnline(): boolean {
    return this.online
  }
  onChange(listener: (online: boolean) => void): () => void {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }
  set(online: boolean): void {
    if (online === this.online) return
    this.online = online
    for (const l of [...this.listeners]) l(online)
  }
}

/**
 * Online status by polling a check (Electron: `net.isOnline()`), reporting changes only.
 * `setInterval`/`clearInterval` are injectable for tests.
 */
export class PolledOnlineStatus extends ManualOnlineStatus {
  private readonly handle: unknown
  constructor(
    check: () => boolean,
    everyMs = 10_000,
    private readonly timers: { setInterval: (fn: () => void, ms: number) => unknown; clearInterval: (h: unknown) => void } = {
      setInterval: (fn, ms) => {
        const h = setInterval(fn, ms)
        h.unref?.()
        return h
      },
      clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>)
    }
  ) {
    super(check())
    this.handle = this.timers.setInterval(() => this.set(check()), everyMs)
  }
  dispose(): void {
    this.timers.clearInterval(this.handle)
  }
}
