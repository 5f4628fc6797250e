/** A zustand store as far as a reset needs it. */
interface ResettableStore {
  getInitialState(): unknown
  setState(state: never, replace: true): void
}

/** Puts each store back to its initial state (replaced whole, so no field a test added stays). */
export function resetStores(...stores: readonly ResettableStore[]): void {
  for (const store of stores) (store.setState as (s: unknown, replace: true) => void)(store.getInitialState(), true)
}
