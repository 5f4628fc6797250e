/**
 * The demo workspace's sample history (issue 10): proposals, status changes, replies, interviews
 * and hires from the analytics' seeded generator, so a newcomer's Analytics page is full. Written
 * when the demo is opened (app/workspace-host.ts calls it for the demo only, never for the user's
 * real workspace), and marked as sample data (AppState `analytics.sampleHistory`): the dashboard
 * says `sample: true` and the page labels it.
 *
 * It is kept current: a history written more than a day ago (its newest proposal is at most that
 * new) is replaced, when the demo opens, by a fresh one ending now, so the 7-day view, the
 * experiment and the prediction do not go stale in a demo folder kept for weeks. Only the rows
 * this file wrote go — their ids are kept in AppState `demo.sampleRows` — never anything the
 * user made in the demo. The sample templates stay (the new history is put on them), and so does
 * the demo experiment (the new sample drafts are assigned to its variants).
 */
import { generateHistory, type SyntheticHistory } from '../analytics/synthetic/generate'
import { SAMPLE_HISTORY_KEY, writeHistory, type WriteHistoryResult } from '../analytics/synthetic/write'
import type { Database } from '../db/open-database'
import { toSqlDateTime } from '../db/sql-values'
import type { Clock } from '../ports/clock'
import { seedDemoExperiment } from '../experiments/demo'

export const DEMO_HISTORY = { seed: 20261201, proposals: 1_200, days: 180 } as const

/** AppState key: the ids of the rows the sample history wrote (what a refresh may delete). */
export const SAMPLE_ROWS_KEY = 'demo.sampleRows'

/** A history written longer ago than this is replaced when the demo opens. */
export const SAMPLE_HISTORY_MAX_AGE_MS = 24 * 60 * 60_000

/** Ids as [first, last] runs (a bulk write's ids are nearly consecutive: a few runs, not 1,200 numbers). */
type Runs = Array<[number, number]>

interface SampleRows {
  proposals: Runs
  drafts: Runs
  aiCalls: Runs
  /** Sample template key → Template.id. */
  templates: Record<string, number>
  /** ApiUsageWindow `day:…` counts the history added. */
  apiUsage: Array<[string, number]>
}

function toRuns(ids: readonly number[]): Runs {
  const runs: Runs = []
  for (const id of [...ids].sort((a, b) => a - b)) {
    const last = runs.at(-1)
    if (last && id === last[1] + 1) last[1] = id
    else if (!last || id > last[1]) runs.push([id, id])
  }
  return runs
}

function fromRuns(runs: Runs): number[] {
  const ids: number[] = []
  for (const [first, last] of runs) for (let id = first; id <= last; id++) ids.push(id)
  return ids
}

async function readState<T>(db: Database, key: string): Promise<T | null> {
  const r = await db.client.execute({ sql: 'SELECT value FROM AppState WHERE key = ?', args: [key] })
  const value = r.rows[0]?.[0]
  if (typeof value !== 'string') return null
  try {
    return JSON.parse(value) as T
  } catch {
    return null
  }
}

const saveRowsStatement = (rows: SampleRows, now: number) => ({
  sql: 'INSERT INTO "AppState" ("key", "value", "updatedAt") VALUES (?, ?, ?) ON CONFLICT("key") DO UPDATE SET "value" = excluded."value", "updatedAt" = excluded."updatedAt"',
  argsList: [[SAMPLE_ROWS_KEY, JSON.stringify(rows), toSqlDateTime(now)]]
})

/** `IN` over a JSON array bound once (no statement with 1,200 placeholders). */
const IN_IDS = 'IN (SELECT value FROM json_each(?))'

async function rowsWritten(db: Database, h: SyntheticHistory, w: WriteHistoryResult, templates: Record<string, number>): Promise<SampleRows> {
  const calls = await db.client.execute({ sql: `SELECT "aiCallId" FROM "DraftVersion" WHERE "aiCallId" IS NOT NULL AND "draftId" ${IN_IDS}`, args: [JSON.stringify(w.draftIds)] })
  return {
    proposals: toRuns(w.proposalIds),
    drafts: toRuns(w.draftIds),
    aiCalls: toRuns(calls.rows.map((r) => Number(r[0]))),
    templates,
    apiUsage: h.apiUsage.map((u) => [`day:${u.day}`, u.count])
  }
}

/** Deletes the sample rows (their status history and versions go with them) and forgets them; the templates stay. */
async function deleteSampleRows(db: Database, rows: SampleRows, now: number): Promise<void> {
  const proposals = JSON.stringify(fromRuns(rows.proposals))
  const drafts = JSON.stringify(fromRuns(rows.drafts))
  await db.bulkWrite(
    [
      // Follow-up reminders about sample proposals are sample too.
      { sql: `DELETE FROM "FollowUp" WHERE "kind" = 'proposal' AND "proposalId" ${IN_IDS}`, argsList: [[proposals]] },
      { sql: `DELETE FROM "ApprovalSnapshot" WHERE "draftId" ${IN_IDS}`, argsList: [[drafts]] },
      { sql: `DELETE FROM "Proposal" WHERE "id" ${IN_IDS}`, argsList: [[proposals]] },
      { sql: `DELETE FROM "ProposalDraft" WHERE "kind" = 'proposal' AND "id" ${IN_IDS}`, argsList: [[drafts]] },
      { sql: `DELETE FROM "AiCall" WHERE "id" ${IN_IDS}`, argsList: [[JSON.stringify(fromRuns(rows.aiCalls))]] },
      { sql: 'UPDATE "ApiUsageWindow" SET "count" = max(0, "count" - ?) WHERE "key" = ?', argsList: rows.apiUsage.map(([key, count]) => [count, key]) },
      // The fresh history is like a first sync's: the follow-ups already due in it are listed, not
      // notified in a burst (replies' first-check mark, replies/follow-ups.ts, moves to now).
      { sql: `UPDATE "AppState" SET "value" = ?, "updatedAt" = ? WHERE "key" = 'replies.followUps.watchingSince'`, argsList: [[JSON.stringify(now), toSqlDateTime(now)]] },
      // Forgotten in the same transaction: an interrupted refresh never deletes or subtracts twice.
      saveRowsStatement({ proposals: [], drafts: [], aiCalls: [], templates: rows.templates, apiUsage: [] }, now)
    ].filter((s) => s.argsList.length > 0),
    { durability: 'user' }
  )
}

/**
 * The new history on the sample templates already there (the user may have drafts or an
 * experiment on them): its drafts and approval snapshots are moved onto them and the copies
 * writeHistory made go. A template the user deleted meanwhile is replaced by the new copy.
 */
async function keepTemplates(db: Database, written: Record<string, number>, kept: Record<string, number>): Promise<Record<string, number>> {
  const result: Record<string, number> = { ...written }
  const existing = new Set(
    (await db.client.execute({ sql: `SELECT id FROM "Template" WHERE "id" ${IN_IDS}`, args: [JSON.stringify(Object.values(kept))] })).rows.map((r) => Number(r[0]))
  )
  const moves = Object.entries(written).flatMap(([key, id]) => (kept[key] !== undefined && existing.has(kept[key]) ? [[kept[key], id] as [number, number]] : []))
  if (moves.length === 0) return result
  await db.bulkWrite(
    [
      { sql: 'UPDATE "ProposalDraft" SET "templateId" = ? WHERE "templateId" = ?', argsList: moves },
      { sql: 'UPDATE "ApprovalSnapshot" SET "templateId" = ? WHERE "templateId" = ?', argsList: moves },
      { sql: 'DELETE FROM "Template" WHERE "id" = ?', argsList: moves.map(([, id]) => [id]) }
    ],
    { durability: 'user' }
  )
  for (const [key] of Object.entries(written)) if (kept[key] !== undefined && existing.has(kept[key])) result[key] = kept[key]
  return result
}

/** The new sample drafts join the demo experiment's variants (by their template); none: the experiment is made as on a first open. */
async function assignToDemoExperiment(db: Database, clock: Clock, draftIds: readonly number[]): Promise<void> {
  const variants = await db.client.execute({
    sql: `SELECT v."id", v."templateId" FROM "ExperimentVariant" v JOIN "Experiment" e ON e."id" = v."experimentId" WHERE e."demo" = 1 AND v."templateId" IS NOT NULL`,
    args: []
  })
  if (variants.rows.length === 0) {
    await seedDemoExperiment(db, clock)
    return
  }
  await db.bulkWrite(
    [
      {
        sql: `UPDATE "ProposalDraft" SET "variantId" = ? WHERE "templateId" = ? AND "kind" = 'proposal' AND "variantId" IS NULL AND "id" ${IN_IDS}`,
        argsList: variants.rows.map((r) => [Number(r[0]), Number(r[1]), JSON.stringify(draftIds)])
      }
    ],
    { durability: 'user' }
  )
}

/**
 * Writes the sample history unless this demo database has a current one; true when it wrote (a
 * first one, or a fresh one in place of one written more than a day ago).
 */
export async function seedSampleHistory(db: Database, clock: Clock): Promise<boolean> {
  const now = clock.now()
  const marked = await readState<{ writtenAt?: number }>(db, SAMPLE_HISTORY_KEY)
  if (!marked) {
    const h = generateHistory({ ...DEMO_HISTORY, now })
    const w = await writeHistory(db, h, { sample: true, jobs: false })
    await db.bulkWrite([saveRowsStatement(await rowsWritten(db, h, w, w.templateIds), now)], { durability: 'user' })
    // A clearly labelled running experiment over it (the sample templates B vs A), for the Analytics page.
    await seedDemoExperiment(db, clock)
    return true
  }
  // Without the record of its rows (a demo folder from before it was kept) nothing can be told apart: left as it is.
  const rows = await readState<SampleRows>(db, SAMPLE_ROWS_KEY)
  if (!rows || typeof marked.writtenAt !== 'number' || now - marked.writtenAt <= SAMPLE_HISTORY_MAX_AGE_MS) return false

  await deleteSampleRows(db, rows, now)
  const h = generateHistory({ ...DEMO_HISTORY, now })
  const w = await writeHistory(db, h, { sample: true, jobs: false })
  const templates = await keepTemplates(db, w.templateIds, rows.templates)
  await db.bulkWrite([saveRowsStatement(await rowsWritten(db, h, w, templates), now)], { durability: 'user' })
  await assignToDemoExperiment(db, clock, w.draftIds)
  return true
}
