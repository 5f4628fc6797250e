/**
 * Bulk work in short slices. The SQLite drivers run every statement synchronously on the main
 * process's thread, so one big transaction over thousands of rows would freeze the app (IPC,
 * timers, the window) for its whole duration. Work is cut into batches small enough to finish in
 * a few milliseconds (bench/db.bench.ts measures them), and the event loop gets a turn between
 * batches.
 */

/**
 * Largest number of rows written in one transaction by the bulk paths. Measured (bench/db.bench.ts,
 * 2 busy cores, Upwork-sized jobs, libsql): a 100-row batch takes ~5 ms typically and stays well
 * under 50 ms even on a loaded machine; 200-row batches took ~10 ms with spikes near 30–50 ms.
 */
export const MAX_ROWS_PER_BATCH = 100

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
