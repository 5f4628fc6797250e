import { create } from 'zustand'
import type { AccountSummary, ApiUsage } from '@shared/types'
import { api, toProblem, type Problem } from '../api'

interface AccountState {
  account: AccountSummary | null
  usage: ApiUsage | null
  busy: boolean
  error: Problem | null
  load(): Promise<void>
  run(action: () => Promise<AccountSummary>): Promise<boolean>
  received(account: AccountSummary): void
  receivedUsage(usage: ApiUsage): void
  clearError(): void
}

export const useAccountStore = create<AccountState>((set) => ({
  account: null,
  usage: null,
  busy: false,
  error: null,
  load: async () => {
    try {
      const [account, usage] = await Promise.all([api.upwork.getAccount(), api.upwork.getUsage()])
      set({ account, usage })
    } catch (e) {
      set({ error: toProblem(e) })
    }
  },
  /** Runs one account action; the store shows its error in plain words and keeps the last state. */
  run: async (action) => {
    set({ busy: true, error: null })
    try {
      set({ account: await action(), busy: false })
      return true
    } catch (e) {
      set({ busy: false, error: toProblem(e) })
      return false
    }
  },
  received: (account) => set({ account }),
  receivedUsage: (usage) => set({ usage }),
  clearError: () => set({ error: null })
}))
