import { net, powerMonitor } from 'electron'
import { PolledOnlineStatus, type OnlineStatus, type PowerEvent, type PowerMonitor } from '../ports/power-monitor'

/** Electron's powerMonitor behind the PowerMonitor port (call after app 'ready'). */
export function createElectronPowerMonitor(): PowerMonitor {
  return {
    on(event: PowerEvent, listener: () => void): () => void {
      // The four events take no arguments we use; the cast keeps one code path for all of them.
      const on = powerMonitor.on.bind(powerMonitor) as (e: string, l: () => void) => unknown
      const off = powerMonitor.removeListener.bind(powerMonitor) as (e: string, l: () => void) => unknown
      on(event, listener)
      return () => void off(event, listener)
    }
  }
}

/** `net.isOnline()` checked every 10 s (Electron has no online event in main). */
export function createElectronOnlineStatus(everyMs = 10_000): OnlineStatus {
  return new PolledOnlineStatus(() => net.isOnline(), everyMs)
}
