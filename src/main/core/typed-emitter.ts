/**
 * The one event emitter in main: services' own events (token state, usage, account) and the
 * contract's main → renderer events (the EventBus below is this class over the contract's map).
 * No Node EventEmitter 'error' semantics: a throwing listener is isolated, reported to
 * `onListenerError` if given, and never breaks the emitter or the other listeners.
 */
export class TypedEmitter<Events extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>()
  private readonly anyListeners = new Set<(event: keyof Events & string, payload: unknown) => void>()

  constructor(private readonly onListenerError?: (event: keyof Events & string, error: unknown) => void) {}

  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void {
    let set = this.listeners.get(event)
    if (!set) this.listeners.set(event, (set = new Set()))
    set.add(listener as (payload: never) => void)
    return () => {
      set.delete(listener as (payload: never) => void)
    }
  }

  /** Every event, with its name (the Electron glue and the harness forward them all). */
  onAny(listener: (event: keyof Events & string, payload: unknown) => void): () => void {
    this.anyListeners.add(listener)
    return () => {
      this.anyListeners.delete(listener)
    }
  }

  emit<E extends keyof Events & string>(event: E, payload: Events[E]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) this.call(event, () => (listener as (p: Events[E]) => void)(payload))
    for (const listener of [...this.anyListeners]) this.call(event, () => listener(event, payload))
  }

  private call(event: keyof Events & string, fn: () => void): void {
    try {
      fn()
    } catch (e) {
      // A UI listener failing must not break the service call that emitted the event.
      this.onListenerError?.(event, e)
    }
  }
}
