import cron from 'node-cron'
import type { Scheduler } from './scheduler'

/**
 * The Scheduler over node-cron (v4): one cron task per heartbeat. The only file that imports
 * node-cron. `noOverlap` keeps a slow tick from stacking up; callers decide on their Clock what
 * is due, so a heartbeat only has to come about as often as asked.
 */
export class NodeCronScheduler implements Scheduler {
  every(everyMs: number, tick: () => void): () => void {
    const task = cron.schedule(cronExpressionFor(everyMs), () => tick(), { noOverlap: true })
    return () => {
      void task.destroy()
    }
  }
}

const DIVISORS_OF_60 = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30]
const DIVISORS_OF_24 = [1, 2, 3, 4, 6, 8, 12]

/** The largest divisor not above `n` (so a step repeats evenly: `*\/59` fires at :00 and :59). */
function evenStep(n: number, divisors: readonly number[]): number {
  return [...divisors].reverse().find((d) => d <= n) ?? 1
}

/**
 * The cron expression (with seconds) for a heartbeat of about `everyMs`: a step that divides its
 * field evenly, so ticks are never closer than asked — a 30-minute heartbeat is `0 *\/30 * * * *`,
 * not a tick every 59 s. Below a second rounds up to 1 s; a day or more is once a day at midnight.
 */
export function cronExpressionFor(everyMs: number): string {
  const seconds = Math.max(1, Math.round(everyMs / 1000))
  if (seconds < 60) return `*/${evenStep(seconds, DIVISORS_OF_60)} * * * * *`
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `0 */${evenStep(minutes, DIVISORS_OF_60)} * * * *`
  const hours = Math.round(minutes / 60)
  if (hours < 24) return `0 0 */${evenStep(hours, DIVISORS_OF_24)} * * *`
  return '0 0 0 * * *'
}
