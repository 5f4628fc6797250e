/**
 * The poller's heartbeat. A `Scheduler` calls `tick` every `everyMs` until the returned function is
 * called; what runs when (per-search intervals, jitter, no overlap, catch-up) is decided by the
 * caller against its Clock, so the heartbeat itself stays trivial and replaceable:
 * - `NodeCronScheduler` (node-cron, the only file importing it) in the app and the harness;
 * - `ManualScheduler` in tests: ticks only when the test says so.
 */
export interface Scheduler {
  /** Calls `tick` about every `everyMs` (the cron adapter rounds to an even step: see cronExpressionFor), never sooner. Returns the stop function. */
  every(everyMs: number, tick: () => void): () => void
}

/** Per-search interval jitter: ±10–20 % (upwork-api.md §4: not faster or more regular than a person). */
export const JITTER_MIN = 0.1
export const JITTER_MAX = 0.2

/**
 * The next delay: `intervalMs` moved by a fraction between JITTER_MIN and JITTER_MAX, up or down.
 * `random` returns [0, 1) (Math.random, or a seeded one in tests); two draws: the sign and the size.
 */
export function jitteredDelay(intervalMs: number, random: () => number): number {
  const sign = random() < 0.5 ? -1 : 1
  const size = JITTER_MIN + (JITTER_MAX - JITTER_MIN) * random()
  return Math.round(intervalMs * (1 + sign * size))
}

/** A small seeded random (mulberry32), for reproducible jitter in tests and diagnostics. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
