import { create } from 'zustand'
import type { OutboxItemDto } from '@shared/outbox'
import { api, toProblem, type Problem } from '../api'

interface OutboxState {
  items: OutboxItemDto[]
  error: Problem | null
  /** Per item: the last cancel/retry refusal. */
  actionErrors: Record<number, Problem>
  load(): Promise<void>
  /** A `queued` item, before it is sent (a user click). */
  cancel(id: number): Promise<void>
  /** A `failed` item, sent again (a user click). */
  retry(id: number): Promise<void>
  changed(item: OutboxItemDto): void
  follow(): () => void
}

export const useOutboxStore = create<OutboxState>((set, get) => {
  const act = async (id: number, call: () => Promise<OutboxItemDto>): Promise<void> => {
    try {
      get().changed(await call())
      set((s) => {
        const { [id]: _gone, ...rest } = s.actionErrors
        return { actionErrors: rest }
      })
    } catch (e) {
      set((s) => ({ actionErrors: { ...s.actionErrors, [id]: toProblem(e) } }))
    }
  }
  return {
    items: [],
    error: null,
    actionErrors: {},
    load: async () => {
      try {
        set({ items: await api.outbox.list(), error: null })
      } catch (e) {
        set({ error: toProblem(e) })
      }
    },
    cancel: (id) => act(id, () => api.outbox.cancel({ id })),
    retry: (id) => act(id, () => api.outbox.retry({ id })),
    changed: (item) =>
      set((s) => ({ items: s.items.some((i) => i.id === item.id) ? s.items.map((i) => (i.id === item.id ? item : i)) : [item, ...s.items] })),
    follow: () => {
      const off = api.on('outbox:changed', (item) => get().changed(item))
      void get().load()
      return off
    }
  }
})
