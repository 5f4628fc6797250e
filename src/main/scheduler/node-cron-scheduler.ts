import cron from 'node-cron'
import type { Scheduler } from './scheduler'

/**
 * The Scheduler over node-cron (v4): one cron task per heartbeat, in whole seconds (at least 1 s,
 * at most 59 s, which is plenty for a heartbeat that checks due searches). The only file that
 * imports node-cron. `noOverlap` keeps a slow tick from stacking up; the poller has its own
 * per-search overlap guard on top.
 */
export class NodeCronScheduler implements Scheduler {
  every(everyMs: number, tick: () => void): () => void {
    const seconds = Math.min(59, Math.max(1, Math.round(everyMs / 1000)))
    const task = cron.schedule(`*/${seconds} * * * * *`, () => tick(), { noOverlap: true })
    return () => {
      void task.destroy()
    }
  }
}
