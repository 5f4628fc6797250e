import { create } from 'zustand'
import type { AiConnectionTestDto, AiStatusDto, AiUsageDto } from '@shared/ai'
import { api, toProblem, type Problem } from '../api'

interface AiState {
  status: AiStatusDto | null
  loadError: Problem | null
  load(): Promise<void>
  /** Sends the key to main (the keychain); the renderer never keeps or shows it. */
  saveKey(apiKey: string): Promise<void>
  clearKey(): Promise<void>
  testConnection(): Promise<AiConnectionTestDto>
  receivedUsage(usage: AiUsageDto): void
  /** Loads and follows ai:usage; returns the unsubscribe. */
  follow(): () => void
}

export const useAiStore = create<AiState>((set, get) => ({
  status: null,
  loadError: null,
  load: async () => {
    try {
      set({ status: await api.ai.status(), loadError: null })
    } catch (e) {
      set({ loadError: toProblem(e) })
    }
  },
  saveKey: async (apiKey) => set({ status: await api.ai.saveKey({ apiKey }) }),
  clearKey: async () => set({ status: await api.ai.clearKey() }),
  testConnection: () => api.ai.testConnection(),
  receivedUsage: (usage) => set((s) => (s.status ? { status: { ...s.status, usage } } : {})),
  follow: () => {
    const off = api.on('ai:usage', (u) => get().receivedUsage(u))
    void get().load()
    return off
  }
}))
