/**
 * The analysis the model must return, checked with zod by `structured()` (one retry, then a plain
 * "not in the expected form twice"). Only a value that passes reaches the database or the screen.
 */
import { z } from 'zod'
import { AI_RECOMMENDATIONS } from '@shared/ai'

const score = z.number().int().min(0).max(10).describe('0 (no match) to 10 (perfect match)')

export const jobAnalysisSchema = z
  .object({
    skillMatch: score.describe("How well the freelancer's skills match the job, 0 to 10"),
    budgetMatch: score.describe("How well the job's budget matches the freelancer's rate, 0 to 10"),
    complexityMatch: score.describe("How well the job's complexity matches the freelancer's experience, 0 to 10"),
    clientAssessment: z.string().trim().min(1).max(1000).describe('One or two sentences about the client, from the posting'),
    recommendation: z.enum(AI_RECOMMENDATIONS),
    reasoning: z.string().trim().min(1).max(2000).describe('Why, in at most five sentences')
  })
  .strict()

export type JobAnalysisAnswer = z.infer<typeof jobAnalysisSchema>
