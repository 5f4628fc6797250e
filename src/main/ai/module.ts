/**
 * The AI domain: Settings → AI's status, key and connection test (ai:*), the job analysis
 * (jobs:analyze, jobs:analysis; discovery/analysis/), the AiCall log, and `provider` (AiProvider)
 * for the other AI features (drafting). The composition root passes discovery's job detail and
 * profile; after each ingest (discovery's onIngested) the automatic top-K analysis runs
 * when it is turned on.
 */
import type { JobDetailDto, ProfileDto } from '@shared/discovery'
import type { Translate } from '@shared/i18n'
import type { Settings } from '@shared/settings'
import type { DomainModule } from '../core/domain-module'
import type { Database } from '../db/open-database'
import { JobAnalysisService } from '../discovery/analysis/analysis-service'
import { JobAnalysisStore } from '../discovery/analysis/analysis-store'
import { AutoAnalyzer } from '../discovery/analysis/auto-analyze'
import type { Logger } from '../logging/logger'
import type { Clock } from '../ports/clock'
import type { SecretStore } from '../secrets/secret-store'
import { AiCallRepository } from './ai-call-repository'
import type { AiProvider } from './ai-provider'
import { AiService, type AiServiceDeps } from './ai-service'

export type AiChannel = 'ai:status' | 'ai:saveKey' | 'ai:clearKey' | 'ai:testConnection' | 'jobs:analyze' | 'jobs:analysis'

export interface AiModuleDeps {
  db: Pick<Database, 'prisma' | 'client'>
  settings: () => Settings['ai']
  env: Readonly<Record<string, string | undefined>>
  secrets: SecretStore
  clock: Clock
  logger: Logger
  t: Translate
  /** Discovery's job detail and profile (from its factory). */
  jobs: { get(id: number): Promise<JobDetailDto | null> }
  profile: { get(): Promise<ProfileDto> }
  /** Discovery's onIngested (after each ingest, the new jobs' ids): the automatic top-K listens here. */
  onIngested: (listener: (e: { searchId: number | null; result: { newJobIds: number[] } }) => void) => () => void
  utcOffsetMinutes?: () => number
  clientOptions?: AiServiceDeps['clientOptions']
}

export interface AiModule extends DomainModule<AiChannel> {
  /** For the other AI features (drafting, replies): budget, rate limit, call log, the client. */
  provider: AiProvider
  service: AiService
  analysis: JobAnalysisService
  auto: AutoAnalyzer
}

export function createAiModule(deps: AiModuleDeps): AiModule {
  const log = deps.logger.child('ai')
  let usageChanged = (): void => undefined
  const service = new AiService({
    settings: deps.settings,
    env: deps.env,
    secrets: deps.secrets,
    calls: new AiCallRepository(deps.db),
    clock: deps.clock,
    logger: log,
    t: deps.t,
    utcOffsetMinutes: deps.utcOffsetMinutes,
    clientOptions: deps.clientOptions,
    onUsageChanged: () => usageChanged()
  })
  const analysis = new JobAnalysisService({ ai: service, store: new JobAnalysisStore(deps.db), jobs: deps.jobs, profile: deps.profile, settings: deps.settings, clock: deps.clock })
  const auto = new AutoAnalyzer({ db: deps.db, analysis, settings: deps.settings, clock: deps.clock, logger: log, onRun: (run) => service.noteAutoRun(run) })

  return {
    name: 'ai',
    provider: service,
    service,
    analysis,
    auto,
    handlers: {
      'ai:status': () => service.status(),
      'ai:saveKey': ({ apiKey }) => service.saveKey(apiKey),
      'ai:clearKey': () => service.clearKey(),
      'ai:testConnection': () => service.testConnection(),
      'jobs:analyze': ({ id, force }) => analysis.analyze(id, force),
      'jobs:analysis': async ({ id }) => ({ analysis: await analysis.cached(id) })
    },
    wireEvents: ({ bus, statusChanged }) => {
      usageChanged = () => {
        statusChanged()
        void service.usage().then(
          (u) => bus.emit('ai:usage', u),
          (e: unknown) => log.warn('AI usage could not be read', { error: String(e) })
        )
      }
      const offIngest = deps.onIngested((e) => void auto.afterIngest({ searchId: e.searchId, newJobIds: e.result.newJobIds }))
      return () => {
        offIngest()
        usageChanged = () => undefined
      }
    },
    status: () => {
      const run = service.lastAutoRun()
      return { notices: run?.stoppedBecause ? [deps.t('ai.auto.stopped', { analysed: run.analysed, reason: run.stoppedBecause })] : [] }
    },
    dispose: () => auto.stop()
  }
}
