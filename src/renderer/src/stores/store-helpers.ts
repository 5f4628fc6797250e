import { toProblem, type Problem } from '../api'
import { stepIndex } from '../ui/list-keys'

/** A store's keys whose value is a boolean / may hold a Problem. */
type FlagKey<S> = { [K in keyof S]-?: S[K] extends boolean ? K : never }[keyof S]
type ProblemKey<S> = { [K in keyof S]-?: Problem | null extends S[K] ? K : never }[keyof S]

/**
 * One action at a time under a store's busy flag (Sync now, Retrain, Export…): nothing while the
 * flag is up (null); else the flag up and the error cleared, `work`'s answer, a failure kept in the
 * error field as a Problem (null), and the flag down again whatever happened.
 */
export async function whileBusy<S, T>(get: () => S, set: (partial: Partial<S>) => void, flag: FlagKey<S>, error: ProblemKey<S>, work: () => Promise<T>): Promise<T | null> {
  if (get()[flag]) return null
  set({ [flag]: true, [error]: null } as Partial<S>)
  try {
    return await work()
  } catch (e) {
    set({ [error]: toProblem(e) } as Partial<S>)
    return null
  } finally {
    set({ [flag]: false } as Partial<S>)
  }
}

/** How near the end of the loaded rows a j/k step asks for the next page. */
export const NEAR_END_ROWS = 10

/**
 * j/k in a paged list store: selects the item one row down (+1) or up (−1) (the first when none
 * is), asks for the next page when that is within NEAR_END_ROWS of the end; the new index, or -1
 * for an empty list.
 */
export function moveSelection<T, K>(items: readonly T[], selectedId: K | null, idOf: (item: T) => K, delta: 1 | -1, select: (id: K) => void, loadMore: () => void): number {
  const index = stepIndex(items, (item) => idOf(item) === selectedId, delta)
  if (index === -1) return -1
  select(idOf(items[index]!))
  if (index >= items.length - NEAR_END_ROWS) loadMore()
  return index
}
