/**
 * The harness's stand-in for the Electron preload: the same window.gigpilot, derived from the
 * same contract by the same buildBridgeApi, but carried over a loopback WebSocket. Bundled to one
 * classic script by the harness server and loaded before the app's own script.
 */
import { buildBridgeApi, type BridgeTransport } from '../../src/shared/bridge'
import type { ChannelName, EventName } from '../../src/shared/contract'
import type { IpcResult } from '../../src/shared/ipc-result'

declare const __HARNESS_TOKEN__: string

type ServerMessage =
  | { type: 'result'; id: number; result: IpcResult<unknown> }
  | { type: 'event'; event: EventName; payload: unknown }
  | { type: 'openUrl'; url: string }

const socket = new WebSocket(`ws://${location.host}/__bridge?token=${encodeURIComponent(__HARNESS_TOKEN__)}`)
const pending = new Map<number, (r: IpcResult<unknown>) => void>()
const listeners = new Map<EventName, Set<(p: unknown) => void>>()
const queue: string[] = []
let nextId = 1

const lost = (): IpcResult<unknown> => ({
  ok: false,
  error: { code: 'unavailable', message: 'The GigPilot harness services stopped. Restart `npm run harness` and reload.' }
})

socket.addEventListener('open', () => queue.splice(0).forEach((m) => socket.send(m)))
socket.addEventListener('close', () => {
  for (const resolve of pending.values()) resolve(lost())
  pending.clear()
})
socket.addEventListener('message', (e) => {
  const msg = JSON.parse(String(e.data)) as ServerMessage
  if (msg.type === 'result') {
    pending.get(msg.id)?.(msg.result)
    pending.delete(msg.id)
  } else if (msg.type === 'event') {
    listeners.get(msg.event)?.forEach((l) => l(msg.payload))
  } else if (msg.type === 'openUrl') {
    // Stands in for "open the system browser" during OAuth: a new tab follows the real redirect.
    window.open(msg.url, '_blank')
  }
})

const transport: BridgeTransport = {
  invoke(channel: ChannelName, input: unknown) {
    return new Promise((resolve) => {
      if (socket.readyState === WebSocket.CLOSED || socket.readyState === WebSocket.CLOSING) return resolve(lost())
      const id = nextId++
      pending.set(id, resolve)
      const text = JSON.stringify({ id, channel, input })
      if (socket.readyState === WebSocket.OPEN) socket.send(text)
      else queue.push(text)
    })
  },
  subscribe(event, listener) {
    const set = listeners.get(event) ?? new Set()
    set.add(listener)
    listeners.set(event, set)
    return () => set.delete(listener)
  }
}

Object.defineProperty(window, 'gigpilot', { value: buildBridgeApi(transport), writable: false, configurable: false })
