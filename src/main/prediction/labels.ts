/**
 * What the model learns: did a sent proposal get a reply, a hire. An outcome counts as known only
 * once its window has passed since sending (REPLY_WINDOW_MS, HIRE_WINDOW_MS), whatever happened
 * meanwhile: counting a recent proposal only when it already replied (or was declined) would
 * teach the model a rate that is too high (too low). Stages are the funnel's
 * (src/shared/proposals.ts); "reached" means any row of the history, so a later re-read of
 * "Pending" does not undo a reply, and rows out of order change nothing. Pure.
 */
import type { ProposalStage } from '@shared/proposals'

export const REPLY_WINDOW_MS = 14 * 24 * 3_600_000
export const HIRE_WINDOW_MS = 30 * 24 * 3_600_000

const REPLIED: ReadonlySet<string> = new Set<ProposalStage>(['replied', 'interview', 'hired'])

export interface OutcomeLabels {
  reply: 0 | 1 | null
  hire: 0 | 1 | null
}

/** Labels from the stages a proposal reached and when it was sent (null: not known yet). */
export function labelsOf(stages: Iterable<string | null>, sentAt: number, now: number): OutcomeLabels {
  let replied = false
  let hired = false
  for (const s of stages) {
    if (s !== null && REPLIED.has(s)) replied = true
    if (s === 'hired') hired = true
  }
  const age = now - sentAt
  return {
    reply: age >= REPLY_WINDOW_MS ? (replied ? 1 : 0) : null,
    hire: age >= HIRE_WINDOW_MS ? (hired ? 1 : 0) : null
  }
}
