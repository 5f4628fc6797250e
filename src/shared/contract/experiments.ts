import {
  clearDefaultSchema,
  createExperimentSchema,
  draftAssignmentsSchema,
  experimentIdSchema,
  setDraftVariantSchema,
  setThompsonSchema,
  stopExperimentSchema,
  type DraftAssignmentDto,
  type ExperimentDefaultsDto,
  type ExperimentDto,
  type ExperimentsChangedEvent,
  type ExperimentSummaryDto
} from '../experiments'
import { channel, defineDomain, event, none } from './define'

/**
 * Experiments (issue 10 item 3): A/B tests of templates, strategies and bid rules over the user's
 * own proposals. One experiment runs at a time; new drafts the user did not steer get one of its
 * variants (seeded; Thompson sampling optional). Results are beta-binomial, the winner rule is
 * peeking-safe (mSPRT). Nothing here drafts or sends.
 */
export const experimentsContract = defineDomain({
  channels: {
    /** Every experiment, running first, then newest first, with its decision in words. */
    'experiments:list': channel(none)<ExperimentSummaryDto[]>(),
    /** One experiment with its per-variant results. */
    'experiments:get': channel(experimentIdSchema)<ExperimentDto>(),
    /** Starts an experiment (refused while another runs, for a variant whose template is archived or missing, mixed kinds, duplicate names). */
    'experiments:create': channel(createExperimentSchema)<ExperimentDto>(),
    /** Stops it; `keep` (a variant of it) becomes the default template / strategy / bid rule for new drafts. */
    'experiments:stop': channel(stopExperimentSchema)<ExperimentDto>(),
    /** Thompson sampling on or off (assignment shifts toward the better variant as evidence grows). */
    'experiments:setThompson': channel(setThompsonSchema)<ExperimentDto>(),
    /** The user's override of a draft's variant (null: leave the experiment); the draft is then left out of the comparison. */
    'experiments:setDraftVariant': channel(setDraftVariantSchema)<DraftAssignmentDto>(),
    /** The experiment assignment of each given draft that has one (drafts without one are left out). */
    'experiments:draftAssignments': channel(draftAssignmentsSchema)<DraftAssignmentDto[]>(),
    /** What new drafts use by default from kept winners. */
    'experiments:defaults': channel(none)<ExperimentDefaultsDto>(),
    /** Forgets the kept winner of one kind (new drafts go back to the app's own default). */
    'experiments:clearDefault': channel(clearDefaultSchema)<ExperimentDefaultsDto>()
  },
  events: {
    /** An experiment was created, stopped or changed, or a draft was assigned / overridden. */
    'experiments:changed': event<ExperimentsChangedEvent>()
  }
})
