import { create } from 'zustand'
import type { Settings, SettingsPatch } from '@shared/settings'
import { api, errorMessage } from '../api'

interface SettingsState {
  settings: Settings | null
  error: string | null
  load(): Promise<void>
  /** Sends a partial update; main validates it and answers with the full settings. */
  update(patch: SettingsPatch): Promise<boolean>
  reset(): Promise<void>
  received(settings: Settings): void
}

export const useSettingsStore = create<SettingsState>((set) => ({
  settings: null,
  error: null,
  load: async () => {
    try {
      set({ settings: await api.settings.get(), error: null })
    } catch (e) {
      set({ error: errorMessage(e) })
    }
  },
  update: async (patch) => {
    try {
      set({ settings: await api.settings.update(patch), error: null })
      return true
    } catch (e) {
      set({ error: errorMessage(e) })
      return false
    }
  },
  reset: async () => {
    set({ settings: await api.settings.reset(), error: null })
  },
  received: (settings) => set({ settings })
}))
