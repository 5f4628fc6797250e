import { create } from 'zustand'
import type { AppInfo, AppStatus, Area } from '@shared/types'
import { api, errorMessage } from '../api'

interface AppState {
  info: AppInfo | null
  status: AppStatus | null
  area: Area
  /** A failure the whole shell should show (e.g. the background service is unreachable). */
  fatal: string | null
  navigate(area: Area): void
  load(): Promise<void>
  setStatus(status: AppStatus): void
  setPaused(paused: boolean): Promise<void>
}

export const useAppStore = create<AppState>((set) => ({
  info: null,
  status: null,
  area: 'jobs',
  fatal: null,
  navigate: (area) => set({ area }),
  setStatus: (status) => set({ status }),
  load: async () => {
    try {
      const [info, status] = await Promise.all([api.app.getInfo(), api.app.getStatus()])
      set({ info, status, fatal: null })
    } catch (e) {
      set({ fatal: errorMessage(e) })
    }
  },
  setPaused: async (paused) => {
    const status = await api.automation.setPaused({ paused })
    set({ status })
  }
}))
