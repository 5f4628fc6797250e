/**
 * Runs async tasks one after another per key, and tasks for different keys in parallel.
 *
 * Secret stores need it because get/set/delete on one key can otherwise interleave (a get that
 * starts before an earlier set finishes returns the old token; two refreshes race to write), the
 * same reason VS Code's secret storage keeps a per-key sequencer. A failed task does not block
 * the tasks queued behind it.
 */
export class KeyedSequencer<K> {
  private readonly tails = new Map<K, Promise<void>>()

  run<T>(key: K, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve()
    const result = previous.then(task)
    const tail = result.then(
      () => undefined,
      () => undefined
    )
    this.tails.set(key, tail)
    // Drop the entry once this task is the last one, so the map does not grow with every key ever used.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key)
    })
    return result
  }

  /** Keys with work queued or running (for tests and diagnostics). */
  get busyKeys(): K[] {
    return [...this.tails.keys()]
  }
}
