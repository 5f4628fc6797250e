import {
  predictionForDraftSchema,
  predictionForJobsSchema,
  type PredictionDto,
  type PredictionQualityDto
} from '../prediction'
import { channel, defineDomain, event, none } from './define'

/**
 * On-device success prediction (issue 10 item 4): P(reply), P(hire) with intervals, the prior's
 * share and the top reasons, for jobs (before drafting) and drafts (before sending); the models'
 * held-out quality for Settings → Analytics.
 */
export const predictionContract = defineDomain({
  channels: {
    /** One prediction per known job, in the order asked (an unknown id is left out). */
    'prediction:forJobs': channel(predictionForJobsSchema)<PredictionDto[]>(),
    /** The draft's prediction: its job's features plus the draft's (bid ÷ budget, length, template, strategy). */
    'prediction:forDraft': channel(predictionForDraftSchema)<PredictionDto>(),
    /** The models in use, their held-out quality beside the prior-only baseline, the training status. */
    'prediction:quality': channel(none)<PredictionQualityDto>(),
    /** Train now (a user click); resolves when done, with the quality after it. */
    'prediction:retrain': channel(none)<PredictionQualityDto>()
  },
  events: {
    /** A training finished (a new version, or kept the previous one), started, or failed. */
    'prediction:modelChanged': event<PredictionQualityDto>()
  }
})
