/**
 * Where the features come from, one way for training and for prediction: the approval snapshot
 * (review/snapshot.ts computes it at approval; for a draft before sending the same function runs
 * now), and for a job before drafting the job's side of it, with the posting age computed by the
 * snapshot's own function. Pure.
 */
import type { JobDetailDto } from '@shared/discovery'
import type { SnapshotRow } from '../review/review-store'
import { minutesSincePosting } from '../review/snapshot'
import type { FeatureInput, JobFeatures } from './features'

export type SnapshotFeatures = Pick<
  SnapshotRow,
  | 'score'
  | 'minutesSincePosting'
  | 'totalApplicants'
  | 'clientVerified'
  | 'clientTotalSpent'
  | 'clientHires'
  | 'clientFeedback'
  | 'jobType'
  | 'fixedAmount'
  | 'hourlyMin'
  | 'hourlyMax'
  | 'experienceLevel'
  | 'category'
  | 'clientCountry'
  | 'bidToBudget'
  | 'draftWords'
  | 'textSource'
  | 'editedByUser'
  | 'templateId'
  | 'strategy'
>

/** A snapshot (stored at approval, or taken now for a draft) → the model's input. */
export function featuresOfSnapshot(s: SnapshotFeatures): FeatureInput {
  return {
    ...jobSide(s),
    draft: { bidToBudget: s.bidToBudget, draftWords: s.draftWords, textSource: s.textSource, editedByUser: s.editedByUser, templateId: s.templateId, strategy: s.strategy }
  }
}

function jobSide(s: JobFeatures): JobFeatures {
  return {
    score: s.score,
    minutesSincePosting: s.minutesSincePosting,
    totalApplicants: s.totalApplicants,
    clientVerified: s.clientVerified,
    clientTotalSpent: s.clientTotalSpent,
    clientHires: s.clientHires,
    clientFeedback: s.clientFeedback,
    jobType: s.jobType,
    fixedAmount: s.fixedAmount,
    hourlyMin: s.hourlyMin,
    hourlyMax: s.hourlyMax,
    experienceLevel: s.experienceLevel,
    category: s.category,
    clientCountry: s.clientCountry
  }
}

/** A job before drafting, as if approved at `now` (the draft's side left out). */
export function featuresOfJob(job: JobDetailDto, now: number): FeatureInput {
  return {
    score: job.score,
    minutesSincePosting: minutesSincePosting(job.publishedAt, now),
    totalApplicants: job.totalApplicants,
    clientVerified: job.client.verified,
    clientTotalSpent: job.client.totalSpent,
    clientHires: job.client.hires,
    clientFeedback: job.client.feedback,
    jobType: job.jobType,
    fixedAmount: job.fixedAmount,
    hourlyMin: job.hourlyMin,
    hourlyMax: job.hourlyMax,
    experienceLevel: job.experienceLevel,
    category: job.category,
    clientCountry: job.client.country,
    draft: null
  }
}
