/** JobAnalysis rows (prisma/schema.prisma), one per cache key. */
import type { AiRecommendation, JobAnalysisDto } from '@shared/ai'
import type { Database } from '../../db/open-database'
import type { JobAnalysisAnswer } from './schema'

type Row = {
  jobId: number
  model: string
  promptVersion: number
  skillMatch: number
  budgetMatch: number
  complexityMatch: number
  recommendation: string
  clientAssessment: string | null
  reasoning: string | null
  textPrunedAt: Date | null
  createdAt: Date
}

const toDto = (r: Row, cached: boolean): JobAnalysisDto => ({
  jobId: r.jobId,
  skillMatch: r.skillMatch,
  budgetMatch: r.budgetMatch,
  complexityMatch: r.complexityMatch,
  clientAssessment: r.textPrunedAt ? null : r.clientAssessment,
  recommendation: r.recommendation as AiRecommendation,
  reasoning: r.textPrunedAt ? null : r.reasoning,
  model: r.model,
  promptVersion: r.promptVersion,
  createdAt: r.createdAt.getTime(),
  cached,
  textPruned: r.textPrunedAt !== null
})

export class JobAnalysisStore {
  constructor(private readonly db: Pick<Database, 'prisma'>) {}

  async byKey(cacheKey: string): Promise<JobAnalysisDto | null> {
    const row = await this.db.prisma.jobAnalysis.findUnique({ where: { cacheKey } })
    return row ? toDto(row, true) : null
  }

  /** The newest analysis of a job, whatever its key (a pruned job's content cannot be keyed). */
  async latestFor(jobId: number): Promise<JobAnalysisDto | null> {
    const row = await this.db.prisma.jobAnalysis.findFirst({ where: { jobId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] })
    return row ? toDto(row, true) : null
  }

  /** Saves (or, for a forced re-analysis, replaces) the analysis under its key. */
  async save(input: { jobId: number; cacheKey: string; model: string; promptVersion: number; answer: JobAnalysisAnswer; aiCallId: number | null; at: number }): Promise<JobAnalysisDto> {
    const a = input.answer
    const data = {
      jobId: input.jobId,
      model: input.model,
      promptVersion: input.promptVersion,
      skillMatch: a.skillMatch,
      budgetMatch: a.budgetMatch,
      complexityMatch: a.complexityMatch,
      recommendation: a.recommendation,
      clientAssessment: a.clientAssessment,
      reasoning: a.reasoning,
      textPrunedAt: null,
      aiCallId: input.aiCallId,
      createdAt: new Date(input.at)
    }
    const row = await this.db.prisma.jobAnalysis.upsert({ where: { cacheKey: input.cacheKey }, create: { cacheKey: input.cacheKey, ...data }, update: data })
    return toDto(row, false)
  }
}
