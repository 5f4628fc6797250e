import { channelNames, eventNames, type BridgeApi, type ChannelName, type EventName } from './contract'
import type { IpcResult } from './ipc-result'

/** How a bridge reaches main: Electron's ipcRenderer in the preload, a WebSocket in the harness. */
export interface BridgeTransport {
  invoke(channel: ChannelName, input: unknown): Promise<IpcResult<unknown>>
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void
}

/**
 * Derives window.gigpilot from the contract: one method per channel, grouped by namespace, and an
 * `on` that accepts only the contract's event names. Nothing raw (no channel string, no
 * ipcRenderer, no event object) is reachable from the page.
 */
export function buildBridgeApi(transport: BridgeTransport): BridgeApi {
  const api: Record<string, Record<string, (input?: unknown) => Promise<IpcResult<unknown>>>> = {}
  for (const name of channelNames) {
    const [ns, method] = name.split(':') as [string, string]
    api[ns] ??= {}
    api[ns][method] = (input?: unknown) => transport.invoke(name, input)
  }
  const allowed = new Set<string>(eventNames)
  const on = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
    if (!allowed.has(event)) throw new Error(`Unknown event: ${String(event)}`)
    if (typeof listener !== 'function') throw new Error('Listener must be a function')
    return transport.subscribe(event, listener)
  }
  return Object.freeze({ ...Object.fromEntries(Object.entries(api).map(([k, v]) => [k, Object.freeze(v)])), on }) as unknown as BridgeApi
}
