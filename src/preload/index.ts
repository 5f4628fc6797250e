import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { buildBridgeApi } from '@shared/bridge'

/**
 * window.gigpilot: one method per contract channel plus `on` for the contract's events. The page
 * never sees ipcRenderer, channel strings or Electron's event objects.
 */
const api = buildBridgeApi({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  subscribe: (event, listener) => {
    const forward = (_e: IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(event, forward)
    return () => {
      ipcRenderer.removeListener(event, forward)
    }
  }
})

contextBridge.exposeInMainWorld('gigpilot', api)
