/**
 * Work in slices with the event loop served between them. SQLite itself runs in the database
 * worker (worker/db-worker.ts), so these are for main-thread loops over many items (e.g. a delete
 * in rounds of 500, each a short worker transaction): other callers' queries and the main thread's
 * own work get a turn between slices.
 */

/**
 * Let everything that is waiting run (I/O callbacks, timers, IPC) before continuing.
 * `setImmediate` runs after the poll phase, so pending I/O is served first, unlike a microtask.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/**
 * Calls `fn` on consecutive slices of `items` (at most `size` each, in order), one at a time,
 * yielding to the event loop between slices. Returns each slice's result in order.
 * A failure stops the run: earlier slices stay done (each slice is its own transaction).
 */
export async function runInBatches<T, R>(
  items: readonly T[],
  size: number,
  fn: (batch: T[], batchIndex: number) => Promise<R> | R
): Promise<R[]> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer, got ${size}`)
  const results: R[] = []
  for (let start = 0, index = 0; start < items.length; start += size, index++) {
    if (index > 0) await yieldToEventLoop()
    results.push(await fn(items.slice(start, start + size), index))
  }
  return results
}
