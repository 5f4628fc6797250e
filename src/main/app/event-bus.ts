import type { EventMap, EventName } from '@shared/contract'

type Listener<E extends EventName> = (payload: EventMap[E]) => void

/**
 * Main-side hub for the contract's main → renderer events. Services emit here; the Electron glue
 * forwards to the window and the harness forwards to its WebSocket clients.
 */
export class EventBus {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>()
  private readonly anyListeners = new Set<(event: EventName, payload: unknown) => void>()

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const l of this.listeners.get(event) ?? []) l(payload)
    for (const l of this.anyListeners) l(event, payload)
  }

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    const set = this.listeners.get(event) ?? new Set()
    set.add(listener as Listener<EventName>)
    this.listeners.set(event, set)
    return () => set.delete(listener as Listener<EventName>)
  }

  onAny(listener: (event: EventName, payload: unknown) => void): () => void {
    this.anyListeners.add(listener)
    return () => this.anyListeners.delete(listener)
  }
}
