import type { DiscoveryModule } from '../../discovery/module'
import { createMemoryLogger } from '../../test-support/memory-logger'
import { createAiModule, type AiModule, type AiModuleDeps } from '../module'

/**
 * The AI module as the composition root builds it, for tests of the features that draft or analyse
 * through it: discovery's jobs, profile and ingest hook, no environment, UTC days, no SDK retries.
 */
export function createTestAiModule(
  deps: Pick<AiModuleDeps, 'db' | 'settings' | 'secrets' | 'clock' | 't'> & { discovery: Pick<DiscoveryModule, 'jobs' | 'profile' | 'onIngested'>; timeoutMs?: number }
): AiModule {
  return createAiModule({
    db: deps.db,
    settings: deps.settings,
    env: {},
    secrets: deps.secrets,
    clock: deps.clock,
    logger: createMemoryLogger(),
    t: deps.t,
    jobs: deps.discovery.jobs,
    profile: deps.discovery.profile,
    onIngested: deps.discovery.onIngested,
    utcOffsetMinutes: () => 0,
    clientOptions: { maxRetries: 0, timeoutMs: deps.timeoutMs ?? 5_000 }
  })
}
