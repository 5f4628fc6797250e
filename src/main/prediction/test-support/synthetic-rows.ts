/**
 * Tests only: the analytics engineer's synthetic history (known true effects) as labelled rows,
 * the way the store labels them from the database (outcome known once the window has passed).
 */
import { generateHistory, type GenerateOptions, type SyntheticHistory } from '../../analytics/synthetic/generate'
import type { LabelledRow } from '../train'
import { labelsOf } from '../labels'

export function rowsOf(h: SyntheticHistory): LabelledRow[] {
  const templateIndex = new Map(h.templates.map((t, i) => [t.key, i + 1]))
  return h.drafts.map((d) => {
    const j = h.jobs[d.index]!
    const p = h.proposals[d.index]!
    const stages = new Set(h.events.filter((e) => e.proposalIndex === d.index).map((e) => e.stage))
    return {
      at: d.approvedAt,
      ...labelsOf(stages, p.submittedAt, h.now),
      x: {
        score: j.score,
        minutesSincePosting: d.minutesSincePosting,
        totalApplicants: j.totalApplicants,
        clientVerified: j.clientVerified,
        clientTotalSpent: j.clientTotalSpent,
        clientHires: j.clientHires,
        clientFeedback: j.clientFeedback,
        jobType: j.jobType,
        fixedAmount: j.fixedAmount,
        hourlyMin: j.hourlyMin,
        hourlyMax: j.hourlyMax,
        experienceLevel: j.experienceLevel,
        category: j.category,
        clientCountry: j.clientCountry,
        draft: {
          bidToBudget: d.bidToBudget,
          draftWords: d.draftWords,
          textSource: d.textSource,
          editedByUser: false,
          templateId: templateIndex.get(d.templateKey) ?? null,
          strategy: d.strategy
        }
      }
    }
  })
}

export const syntheticRows = (options: GenerateOptions): { history: SyntheticHistory; rows: LabelledRow[] } => {
  const history = generateHistory(options)
  return { history, rows: rowsOf(history) }
}
