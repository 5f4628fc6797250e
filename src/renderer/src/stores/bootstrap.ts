import { api } from '../api'
import { useAccountStore } from './account-store'
import { useAppStore } from './app-store'
import { followInboxEvents } from './inbox-store'
import { followJobEvents } from './jobs-store'
import { useSettingsStore } from './settings-store'

/** Loads the first state and keeps the stores fed by main's typed events. Returns a cleanup. */
export function bootstrapStores(): () => void {
  const unsubscribers = [
    api.on('settings:changed', (s) => useSettingsStore.getState().received(s)),
    api.on('app:status', (s) => useAppStore.getState().setStatus(s)),
    api.on('app:navigate', ({ area }) => useAppStore.getState().navigate(area)),
    api.on('upwork:account', (a) => useAccountStore.getState().received(a)),
    api.on('upwork:usage', (u) => useAccountStore.getState().receivedUsage(u)),
    followJobEvents(),
    followInboxEvents()
  ]
  void useAppStore.getState().load()
  void useSettingsStore.getState().load()
  void useAccountStore.getState().load()
  return () => unsubscribers.forEach((u) => u())
}
