/**
 * Experiment variants for new drafts (issue 10 item 3). The experiments domain decides
 * (src/main/experiments: seeded assignment, Thompson sampling, kept winners as defaults); drafting
 * asks it through this port, given by the composition root, when the user did not steer a new
 * proposal draft (no template or strategy chosen by hand), and tells it when the user steers an
 * assigned draft by hand afterwards (another template or strategy: an override, left out of the
 * comparison). Without a source (tests, or a build without experiments) nothing is assigned.
 */
import type { BidDto } from '@shared/drafting'
import { bidUnderRule } from '@shared/experiments'

export interface VariantAssignment {
  /** The running experiment's variant (null: only defaults from kept winners apply). */
  variantId: number | null
  templateId: number | null
  strategy: string | null
  /** A bid rule: the suggested bid times `factor`. */
  bidRule: { factor: number } | null
}

export interface VariantSource {
  assign(): Promise<VariantAssignment | null>
  /** The user chose another template or strategy for this draft by hand. */
  userSteered(draftId: number): Promise<void>
}

export const NO_VARIANTS: VariantSource = { assign: async () => null, userSteered: async () => undefined }

/** The draft's bid under a rule (`bidUnderRule`); the suggestion itself is kept. */
export function applyBidRule(bid: BidDto, rule: { factor: number } | null, isAboveBudget: (amount: number) => boolean): BidDto {
  if (!rule || bid.suggested === null) return bid
  const amount = bidUnderRule(bid.suggested, rule)
  return { ...bid, amount, aboveBudget: isAboveBudget(amount) }
}
