import { create } from 'zustand'
import type { ProfileDto } from '@shared/discovery'
import { api, toProblem, type Problem } from '../api'

type ProfilePatch = Partial<Omit<ProfileDto, 'source' | 'importedAt' | 'updatedAt'>>

interface ProfileState {
  profile: ProfileDto | null
  loadError: Problem | null
  load(): Promise<void>
  /** Saves a patch; resolves to the saved profile, or throws the failure (the form shows it). */
  save(patch: ProfilePatch): Promise<ProfileDto>
  /** profile:importFromUpwork; throws the failure in plain words (not connected, no profile scope…). */
  importFromUpwork(): Promise<ProfileDto>
  /** jobs:rescoreAll after the weights changed: how many stored jobs were rescored. */
  rescoreAll(): Promise<number>
}

export const useProfileStore = create<ProfileState>((set) => ({
  profile: null,
  loadError: null,
  load: async () => {
    try {
      set({ profile: await api.profile.get(), loadError: null })
    } catch (e) {
      set({ loadError: toProblem(e) })
    }
  },
  save: async (patch) => {
    const saved = await api.profile.update(patch)
    set({ profile: saved })
    return saved
  },
  importFromUpwork: async () => {
    const imported = await api.profile.importFromUpwork()
    set({ profile: imported })
    return imported
  },
  rescoreAll: async () => (await api.jobs.rescoreAll()).rescored
}))
