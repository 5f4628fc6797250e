import type { JobDetailDto, ProfileDto } from '@shared/discovery'
import type { AiProvider } from '../ai/ai-provider'

/** What drafting needs from the AI module (budget, rate limit, call log, the client). */
export type DraftingAi = Pick<AiProvider, 'client' | 'admit' | 'record'>

/** What drafting reads from discovery (through its factory's stores): all local. */
export interface DraftingSources {
  job(id: number): Promise<JobDetailDto | null>
  profile(): Promise<ProfileDto>
}
