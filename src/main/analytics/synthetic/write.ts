/**
 * Writes a synthetic history into the real tables (Template, Job, ProposalDraft, ApprovalSnapshot,
 * Proposal, ProposalStatusEvent, AiCall, ApiUsageWindow) through the worker's bulk path, a few
 * thousand rows per transaction, ids taken from RETURNING (so it adds to a database that already
 * has rows). Status events are inserted in `recordedAt` order: an out-of-order row gets a later id
 * than the rows it precedes in time, as the sync would have written it.
 */
import type { Database } from '../../db/open-database'
import { toSqlBoolean, toSqlDateTime } from '../../db/sql-values'
import type { SyntheticDraft, SyntheticHistory, SyntheticJob } from './generate'

/** AppState key that marks the workspace's history as sample data (the demo's); its value says what was written. */
export const SAMPLE_HISTORY_KEY = 'analytics.sampleHistory'

const CHUNK = 2_000
const EVENT_CHUNK = 5_000

export interface WriteHistoryOptions {
  /** Mark the history as the demo's sample data (AppState SAMPLE_HISTORY_KEY). Default false. */
  sample?: boolean
  /**
   * Write a Job row per proposal (default true). The demo passes false so its jobs view keeps only
   * the live sample jobs: the features are in the approval snapshots and the drafts' job snapshots,
   * as for a job whose content Upwork's 24-hour rule has pruned.
   */
  jobs?: boolean
}

export interface WriteHistoryResult {
  templates: number
  jobs: number
  proposals: number
  events: number
  aiCalls: number
  /** Proposal index → Proposal.id. */
  proposalIds: number[]
  /** Proposal index → ProposalDraft.id (= ApprovalSnapshot.draftId). */
  draftIds: number[]
  /** Proposal index → Job.id (null with `jobs: false`). */
  jobIds: Array<number | null>
  /** Template key → Template.id. */
  templateIds: Record<string, number>
}

type Arg = string | number | null

async function insertReturningIds(db: Database, sql: string, rows: Arg[][], chunk = CHUNK): Promise<number[]> {
  const ids: number[] = []
  for (let i = 0; i < rows.length; i += chunk) {
    const [result] = await db.bulkWrite([{ sql: `${sql} RETURNING id`, argsList: rows.slice(i, i + chunk), returnRows: true }], { durability: 'refetchable' })
    for (const r of result?.rows ?? []) ids.push(Number(r[0]))
  }
  if (ids.length !== rows.length) throw new Error(`writeHistory: expected ${rows.length} ids, got ${ids.length}`)
  return ids
}

async function insert(db: Database, sql: string, rows: Arg[][], chunk = CHUNK): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await db.bulkWrite([{ sql, argsList: rows.slice(i, i + chunk) }], { durability: 'refetchable' })
}

export async function writeHistory(db: Database, h: SyntheticHistory, options: WriteHistoryOptions = {}): Promise<WriteHistoryResult> {
  const ts = toSqlDateTime
  const created = ts(h.now)

  const templateRows = h.templates.map((t) => [t.name, `Hi {{clientName}}, sample template ${t.key}.`, null, '["sample"]', created, created] as Arg[])
  const templateIdList = await insertReturningIds(db, 'INSERT INTO "Template" ("name", "body", "category", "tags", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)', templateRows)
  const templateIds: Record<string, number> = {}
  h.templates.forEach((t, i) => (templateIds[t.key] = templateIdList[i] as number))

  const withJobs = options.jobs ?? true
  const jobIds: Array<number | null> = !withJobs ? h.jobs.map(() => null) : await insertReturningIds(
    db,
    `INSERT INTO "Job" ("upworkId", "ciphertext", "title", "description", "jobType", "hourlyMin", "hourlyMax", "fixedAmount", "currency",
      "experienceLevel", "category", "skills", "totalApplicants", "publishedAt", "fetchedAt", "expiresAt", "userState", "score", "scoreReasons",
      "scoreVersion", "scoredAt", "firstSeenAt", "clientVerified", "clientTotalSpent", "clientHires", "clientFeedback", "clientCountry", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'USD', ?, ?, '[]', ?, ?, ?, NULL, 'applied', ?, '[]', NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    h.jobs.map((j) => [
      j.upworkId,
      j.ciphertext,
      j.title,
      'Sample job for the demo history.',
      j.jobType,
      j.hourlyMin,
      j.hourlyMax,
      j.fixedAmount,
      j.experienceLevel,
      j.category,
      j.totalApplicants,
      ts(j.publishedAt),
      ts(j.publishedAt),
      j.score,
      ts(j.publishedAt),
      ts(j.publishedAt),
      toSqlBoolean(j.clientVerified),
      j.clientTotalSpent,
      j.clientHires,
      j.clientFeedback,
      j.clientCountry,
      ts(j.publishedAt),
      ts(j.publishedAt)
    ])
  )

  const draftIds = await insertReturningIds(
    db,
    `INSERT INTO "ProposalDraft" ("kind", "jobId", "status", "jobSnapshot", "bidAmount", "bidKind", "bidCurrency", "connectsCost", "templateId", "strategy", "generation", "createdAt", "updatedAt")
     VALUES ('proposal', ?, 'sent', ?, ?, ?, 'USD', ?, ?, ?, 'done', ?, ?)`,
    h.drafts.map((d) => [
      jobIds[d.index] ?? null,
      JSON.stringify(jobSnapshotOf(h.jobs[d.index]!, jobIds[d.index] ?? null, d)),
      d.bidAmount,
      d.bidKind,
      d.connectsCost,
      templateIds[d.templateKey] ?? null,
      d.strategy,
      ts(d.approvedAt - 30 * 60_000),
      ts(d.approvedAt)
    ])
  )

  const aiCallIds = await insertReturningIds(
    db,
    'INSERT INTO "AiCall" ("task", "model", "promptTokens", "completionTokens", "costUsd", "durationMs", "ok", "error", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)',
    h.aiCalls.map((c) => [c.task, c.model, c.promptTokens, c.completionTokens, c.costUsd, c.durationMs, toSqlBoolean(c.ok), ts(c.createdAt)])
  )
  const aiCallOf = new Map(h.aiCalls.map((c, i) => [c.proposalIndex, aiCallIds[i] as number]))
  await insert(
    db,
    'INSERT INTO "DraftVersion" ("draftId", "seq", "source", "author", "text", "partial", "aiCallId", "createdAt") VALUES (?, 1, ?, ?, ?, 0, ?, ?)',
    h.drafts.map((d) => [
      draftIds[d.index] as number,
      d.textSource === 'ai' ? 'AI' : 'TEMPLATE',
      d.textSource === 'ai' ? 'ai' : 'template',
      d.coverLetter,
      aiCallOf.get(d.index) ?? null,
      ts(d.approvedAt - 30 * 60_000)
    ])
  )

  await insert(
    db,
    `INSERT INTO "ApprovalSnapshot" ("draftId", "jobId", "upworkJobId", "mode", "approvedAt", "approvedSeq", "score", "scoreParts", "clientVerified", "clientTotalSpent",
      "clientHires", "clientFeedback", "clientCountry", "jobType", "fixedAmount", "hourlyMin", "hourlyMax", "currency", "experienceLevel", "category", "totalApplicants",
      "minutesSincePosting", "bidAmount", "bidKind", "bidToBudget", "templateId", "strategy", "draftChars", "draftWords", "textSource", "editedByUser", "aiModel", "byAutopilot", "createdAt")
     VALUES (?, ?, ?, 'outbox', ?, 1, ?, '{}', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'USD', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, ?)`,
    h.drafts.map((d) => {
      const j = h.jobs[d.index]!
      return [
        draftIds[d.index] as number,
        jobIds[d.index] ?? null,
        j.upworkId,
        ts(d.approvedAt),
        j.score,
        toSqlBoolean(j.clientVerified),
        j.clientTotalSpent,
        j.clientHires,
        j.clientFeedback,
        j.clientCountry,
        j.jobType,
        j.fixedAmount,
        j.hourlyMin,
        j.hourlyMax,
        j.experienceLevel,
        j.category,
        j.totalApplicants,
        d.minutesSincePosting,
        d.bidAmount,
        d.bidKind,
        d.bidToBudget,
        templateIds[d.templateKey] ?? null,
        d.strategy,
        d.draftChars,
        d.draftWords,
        d.textSource,
        d.textSource === 'ai' ? 'gpt-4o-mini' : null,
        ts(d.approvedAt)
      ]
    })
  )

  const proposalIds = await insertReturningIds(
    db,
    `INSERT INTO "Proposal" ("upworkProposalId", "jobId", "upworkJobId", "jobTitle", "draftId", "status", "bidAmount", "connectsSpent", "submittedAt", "statusChangedAt",
      "createdAt", "updatedAt", "coverLetter", "upworkStatus", "stage", "submissionSource", "matchKind", "lastSyncedAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'outbox', 'id', ?)`,
    h.proposals.map((p) => {
      const j = h.jobs[p.index]!
      const upwork = /^[A-Z]/.test(p.status) ? p.status : null
      return [
        p.upworkProposalId,
        jobIds[p.index] ?? null,
        j.upworkId,
        j.title,
        draftIds[p.index] as number,
        p.status,
        p.bidAmount,
        p.connectsSpent,
        ts(p.submittedAt),
        ts(p.statusChangedAt),
        ts(p.submittedAt),
        ts(p.statusChangedAt),
        h.drafts[p.index]!.coverLetter,
        upwork,
        p.stage,
        ts(p.statusChangedAt)
      ]
    })
  )

  const events = [...h.events].sort((a, b) => a.recordedAt - b.recordedAt || a.proposalIndex - b.proposalIndex || a.at - b.at)
  await insert(
    db,
    'INSERT INTO "ProposalStatusEvent" ("proposalId", "fromStatus", "toStatus", "stage", "at", "source", "recordedAt") VALUES (?, ?, ?, ?, ?, ?, ?)',
    events.map((e) => [proposalIds[e.proposalIndex] as number, e.fromStatus, e.toStatus, e.stage, ts(e.at), e.source, ts(e.recordedAt)]),
    EVENT_CHUNK
  )

  await insert(
    db,
    'INSERT INTO "ApiUsageWindow" ("key", "count", "updatedAt") VALUES (?, ?, ?) ON CONFLICT("key") DO UPDATE SET "count" = "count" + excluded."count", "updatedAt" = excluded."updatedAt"',
    h.apiUsage.map((u) => [`day:${u.day}`, u.count, created])
  )

  if (options.sample) {
    const value = JSON.stringify({ seed: h.seed, proposals: h.proposals.length, writtenAt: h.now })
    await db.bulkWrite(
      [{ sql: 'INSERT INTO "AppState" ("key", "value", "updatedAt") VALUES (?, ?, ?) ON CONFLICT("key") DO UPDATE SET "value" = excluded."value", "updatedAt" = excluded."updatedAt"', argsList: [[SAMPLE_HISTORY_KEY, value, created]] }],
      { durability: 'refetchable' }
    )
  }

  return { templates: templateIdList.length, jobs: withJobs ? jobIds.length : 0, proposals: proposalIds.length, events: events.length, aiCalls: h.aiCalls.length, proposalIds, draftIds, jobIds, templateIds }
}

/** The draft's job snapshot (drafting's JobSnapshot shape): what the Drafts view shows of the job. */
function jobSnapshotOf(j: SyntheticJob, jobId: number | null, d: SyntheticDraft): Record<string, unknown> {
  return {
    jobId,
    upworkId: j.upworkId,
    url: `https://www.upwork.com/jobs/${j.ciphertext}`,
    title: j.title,
    description: '',
    jobType: j.jobType,
    hourlyMin: j.hourlyMin,
    hourlyMax: j.hourlyMax,
    fixedAmount: j.fixedAmount,
    currency: 'USD',
    skills: [],
    experienceLevel: j.experienceLevel,
    durationLabel: null,
    category: j.category,
    client: { name: null, country: j.clientCountry, totalSpent: j.clientTotalSpent, hires: j.clientHires, feedback: j.clientFeedback, verified: j.clientVerified },
    screeningQuestions: [],
    connectsCost: d.connectsCost,
    capturedAt: d.approvedAt
  }
}
