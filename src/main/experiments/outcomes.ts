/**
 * Which sent proposals count, and as what (pure). A proposal's outcome for a metric:
 * - `success`: the furthest funnel stage it ever reached (its status history, in any order, and
 *   its current stage) is at or beyond the metric: replied (or interview, hired) for `reply`,
 *   interview (or hired) for `interview`, hired for `hire`;
 * - `failure`: not reached, and either the proposal is closed (declined, lost, withdrawn,
 *   archived — or hired, for a metric it did not need) or it was sent at least the metric's
 *   waiting window ago (`PENDING_WINDOW_DAYS`);
 * - `pending`: not reached and younger than the window (also when its send time is after "now",
 *   a clock that moved back): left out of the comparison until it is known, and counted apart.
 */
import type { ExperimentMetric } from '@shared/experiments'
import { CLOSED_STAGES, type ProposalStage } from '@shared/proposals'

/** Days a sent proposal may wait for the metric before it counts as "not reached". */
export const PENDING_WINDOW_DAYS: Readonly<Record<ExperimentMetric, number>> = { reply: 14, interview: 21, hire: 30 }

const DAY_MS = 86_400_000
const RANK: Readonly<Partial<Record<string, number>>> = { replied: 1, interview: 2, hired: 3 }
const NEEDED: Readonly<Record<ExperimentMetric, number>> = { reply: 1, interview: 2, hire: 3 }

/** The furthest of the reply → interview → hired stages among `stages` (0: none). */
export const furthestRank = (stages: Iterable<string | null>): number => {
  let best = 0
  for (const s of stages) if (s !== null) best = Math.max(best, RANK[s] ?? 0)
  return best
}

/** How long a sent proposal has waited, against the metric's window: `unknown` when its send time is after "now" (a clock moved back) or unreadable. */
export type WaitClass = 'overdue' | 'young' | 'unknown'

export function waitClass(sentAt: number, now: number, metric: ExperimentMetric): WaitClass {
  const age = now - sentAt
  if (!Number.isFinite(age) || age < 0) return 'unknown'
  return age >= windowMs(metric) ? 'overdue' : 'young'
}

export const windowMs = (metric: ExperimentMetric): number => PENDING_WINDOW_DAYS[metric] * DAY_MS

export interface SentProposalFacts {
  /** The furthest rank reached (`furthestRank` of its history and current stage). */
  reached: number
  /** Its current stage (null: unknown). */
  stage: string | null
  waited: WaitClass
}

export type Outcome = 'success' | 'failure' | 'pending'

export function outcomeOf(p: SentProposalFacts, metric: ExperimentMetric): Outcome {
  if (p.reached >= NEEDED[metric]) return 'success'
  if (p.stage !== null && (CLOSED_STAGES as readonly string[]).includes(p.stage as ProposalStage)) return 'failure'
  return p.waited === 'overdue' ? 'failure' : 'pending'
}
