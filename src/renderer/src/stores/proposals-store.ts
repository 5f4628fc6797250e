import { create } from 'zustand'
import type { ProposalDetailDto, ProposalDto, ProposalSyncResult, UserMark } from '@shared/proposals'
import { api, toProblem, type Problem } from '../api'
import { whileBusy } from './store-helpers'

interface ProposalsState {
  phase: 'idle' | 'loading' | 'ready' | 'error'
  error: Problem | null
  items: ProposalDto[]
  /** The open proposal with its status history. */
  selected: ProposalDetailDto | null
  syncing: boolean
  syncResult: ProposalSyncResult | null
  syncError: Problem | null
  markError: Problem | null
  load(): Promise<void>
  open(id: number): Promise<void>
  mark(id: number, mark: UserMark): Promise<void>
  syncNow(): Promise<void>
  /** Loads and follows proposals:changed; returns the unsubscribe. */
  follow(): () => void
}

export const useProposalsStore = create<ProposalsState>((set, get) => ({
  phase: 'idle',
  error: null,
  items: [],
  selected: null,
  syncing: false,
  syncResult: null,
  syncError: null,
  markError: null,
  load: async () => {
    if (get().phase !== 'ready') set({ phase: 'loading' })
    try {
      set({ items: await api.proposals.list(), phase: 'ready', error: null })
      const open = get().selected
      if (open) await get().open(open.id)
    } catch (e) {
      set({ phase: 'error', error: toProblem(e) })
    }
  },
  open: async (id) => {
    try {
      set({ selected: await api.proposals.get({ id }), markError: null })
    } catch (e) {
      set({ markError: toProblem(e) })
    }
  },
  mark: async (id, mark) => {
    try {
      await api.proposals.mark({ id, status: mark })
      set({ markError: null })
      await get().load()
      await get().open(id)
    } catch (e) {
      set({ markError: toProblem(e) })
    }
  },
  syncNow: async () => {
    await whileBusy(get, set, 'syncing', 'syncError', async () => {
      set({ syncResult: await api.proposals.syncNow() })
      await get().load()
    })
  },
  follow: () => {
    const off = api.on('proposals:changed', () => void get().load())
    void get().load()
    return off
  }
}))
