/**
 * The demo workspace's sample history (issue 10): proposals, status changes, replies, interviews
 * and hires from the analytics' seeded generator, so a newcomer's Analytics page is full. Written
 * once per demo folder, when the demo is opened (app/workspace-host.ts calls it for the demo only,
 * never for the user's real workspace), and marked as sample data (AppState
 * `analytics.sampleHistory`): the dashboard says `sample: true` and the page labels it.
 */
import { generateHistory } from '../analytics/synthetic/generate'
import { SAMPLE_HISTORY_KEY, writeHistory } from '../analytics/synthetic/write'
import type { Database } from '../db/open-database'
import type { Clock } from '../ports/clock'
import { seedDemoExperiment } from '../experiments/demo'

export const DEMO_HISTORY = { seed: 20261201, proposals: 1_200, days: 180 } as const

/** Writes the sample history unless this demo database has it already; true when it wrote. */
export async function seedSampleHistory(db: Database, clock: Clock): Promise<boolean> {
  const marked = await db.client.execute({ sql: 'SELECT 1 FROM AppState WHERE key = ?', args: [SAMPLE_HISTORY_KEY] })
  if (marked.rows.length > 0) return false
  await writeHistory(db, generateHistory({ ...DEMO_HISTORY, now: clock.now() }), { sample: true, jobs: false })
  // A clearly labelled running experiment over it (the sample templates B vs A), for the Analytics page.
  await seedDemoExperiment(db, clock)
  return true
}
