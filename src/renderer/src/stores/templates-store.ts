import { create } from 'zustand'
import type { TemplateDto, TemplateInput } from '@shared/drafting'
import { api, toProblem, type Problem } from '../api'

interface TemplatesState {
  templates: TemplateDto[]
  includeArchived: boolean
  phase: 'idle' | 'loading' | 'ready' | 'error'
  error: Problem | null
  load(options?: { includeArchived?: boolean }): Promise<void>
  create(input: TemplateInput): Promise<TemplateDto>
  update(id: number, patch: Partial<TemplateInput>): Promise<TemplateDto>
  archive(id: number, archived: boolean): Promise<void>
}

export const useTemplatesStore = create<TemplatesState>((set, get) => {
  const put = (t: TemplateDto): void =>
    set((s) => {
      const known = s.templates.some((x) => x.id === t.id)
      const templates = known ? s.templates.map((x) => (x.id === t.id ? t : x)) : [...s.templates, t]
      return { templates: s.includeArchived ? templates : templates.filter((x) => !x.archived) }
    })
  return {
    templates: [],
    includeArchived: false,
    phase: 'idle',
    error: null,
    load: async (options = {}) => {
      const includeArchived = options.includeArchived ?? get().includeArchived
      set({ includeArchived, phase: get().phase === 'ready' ? 'ready' : 'loading' })
      try {
        set({ templates: await api.templates.list({ includeArchived }), phase: 'ready', error: null })
      } catch (e) {
        set({ phase: 'error', error: toProblem(e) })
      }
    },
    create: async (input) => {
      const t = await api.templates.create(input)
      put(t)
      return t
    },
    update: async (id, patch) => {
      const t = await api.templates.update({ id, patch })
      put(t)
      return t
    },
    archive: async (id, archived) => put(await api.templates.archive({ id, archived }))
  }
})
