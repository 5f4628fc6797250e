import { create } from 'zustand'
import type { AppInfo, AppStatus, Area } from '@shared/types'
import { api, toProblem, type Problem } from '../api'

interface AppState {
  info: AppInfo | null
  status: AppStatus | null
  area: Area
  /** A failure the whole shell should show (e.g. the background service is unreachable). */
  fatal: Problem | null
  /** Counts navigations (also to the area already open), so the page can move the focus each time. */
  navigations: number
  navigate(area: Area): void
  load(): Promise<void>
  setStatus(status: AppStatus): void
  setPaused(paused: boolean): Promise<void>
  /** Why the last pause/resume failed. */
  pauseError: Problem | null
}

export const useAppStore = create<AppState>((set, get) => ({
  info: null,
  status: null,
  area: 'jobs',
  fatal: null,
  navigations: 0,
  navigate: (area) => set((s) => ({ area, navigations: s.navigations + 1 })),
  setStatus: (status) => set({ status }),
  load: async () => {
    try {
      const [info, status] = await Promise.all([api.app.getInfo(), api.app.getStatus()])
      set({ info, status, fatal: null })
    } catch (e) {
      set({ fatal: toProblem(e) })
    }
  },
  pauseError: null,
  /** Optimistic like settings: the switch moves at once and moves back (with the reason) on failure. */
  setPaused: async (paused) => {
    const before = get().status
    if (before) set({ status: { ...before, automationPaused: paused }, pauseError: null })
    try {
      set({ status: await api.automation.setPaused({ paused }) })
    } catch (e) {
      set((s) => ({ status: s.status && before ? { ...s.status, automationPaused: before.automationPaused } : s.status, pauseError: toProblem(e) }))
    }
  }
}))
