import { jobUrl } from '@shared/upwork-links'
import { KEPT_STATUSES, type JobDetailDto, type JobListItem, type JobListPage, type JobStatus, type ScoreReasonDto } from '@shared/discovery'
import type { BulkStatement, Database } from '../db/open-database'
import { fromSqlDateTime, toSqlBoolean, toSqlDateTime } from '../db/sql-values'
import { UPWORK_CACHE_TTL_MS } from '../db/types'
import type { WireValue } from '../db/worker/protocol'
import type { FitScore } from './scoring'
import type { JobRow } from './normalize'

/**
 * Discovery's SQL over the Job table: the ingest's bulk statements (through the worker, durability
 * 'refetchable'), the jobs view's queries, full-text search (JobFts), the notified mark and the
 * 24 h prune. Reads go through the same single connection (db.client).
 */

/** Per job: bound for each row. */
const ROW_COLUMNS = [
  'upworkId', 'ciphertext', 'title', 'description', 'jobType', 'hourlyMin', 'hourlyMax', 'fixedAmount', 'currency',
  'experienceLevel', 'category', 'subcategory', 'durationLabel', 'engagement', 'skills', 'totalApplicants',
  'publishedAt', 'clientVerified', 'clientTotalSpent', 'clientHires', 'clientPostedJobs',
  'clientFeedback', 'clientReviews', 'clientCountry', 'clientCity', 'clientTimezone', 'score', 'scoreReasons'
] as const
/**
 * The same for every job of a transaction: bound once per statement (?1 now, ?2 expiry, ?3 score
 * version, ?4 the notification threshold or null), so a row sends 28 values instead of 35 (fewer
 * to copy to the worker and to bind there).
 */
const SHARED_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['fetchedAt', '?1'], ['expiresAt', '?2'], ['scoreVersion', '?3'], ['scoredAt', '?1'], ['firstSeenAt', '?1'], ['createdAt', '?1'], ['updatedAt', '?1']
]
const SHARED_PARAMS = 4
const SCORE_PARAM = ROW_COLUMNS.indexOf('score')
const COLUMNS = [...ROW_COLUMNS, ...SHARED_COLUMNS.map(([c]) => c), 'notifiedAt']
/** Never refreshed by a later fetch: ours (first seen, created, notified) and the keep decision (expiresAt, below). */
const KEPT_ON_REFRESH = new Set<string>(['upworkId', 'firstSeenAt', 'createdAt', 'expiresAt', 'notifiedAt'])
const ROWS_PER_STATEMENT = 50
const q = (c: string): string => `"${c}"`

function upsertSql(rows: number): string {
  const values = Array.from({ length: rows }, (_, r) => {
    const first = SHARED_PARAMS + 1 + r * ROW_COLUMNS.length
    // notifiedAt: a new job at or above the threshold (?4) is marked as it is stored.
    const marked = `CASE WHEN ?${first + SCORE_PARAM} >= ?4 THEN ?1 END`
    return `(${ROW_COLUMNS.map((_, k) => `?${first + k}`).join(', ')}, ${SHARED_COLUMNS.map(([, p]) => p).join(', ')}, ${marked})`
  })
  return (
    `INSERT INTO "Job" (${COLUMNS.map(q).join(', ')}) VALUES ${values.join(', ')} ` +
    `ON CONFLICT ("upworkId") DO UPDATE SET ` +
    COLUMNS.filter((c) => !KEPT_ON_REFRESH.has(c)).map((c) => `${q(c)} = excluded.${q(c)}`).join(', ') +
    // Kept jobs (saved/drafted/applied: expiresAt null and content present) stay kept; a cached or pruned one gets 24 h again.
    `, "expiresAt" = CASE WHEN "Job"."expiresAt" IS NULL AND "Job"."contentPrunedAt" IS NULL THEN NULL ELSE excluded."expiresAt" END` +
    `, "contentPrunedAt" = NULL` +
    // A known job never named by a notification is marked once it reaches the threshold.
    `, "notifiedAt" = CASE WHEN "Job"."notifiedAt" IS NULL AND excluded."score" >= ?4 THEN ?1 ELSE "Job"."notifiedAt" END ` +
    `RETURNING "id", "upworkId", "notifiedAt" IS NOT NULL`
  )
}
const sqlCache = new Map<number, string>()
const cachedUpsertSql = (rows: number): string => {
  let sql = sqlCache.get(rows)
  if (!sql) sqlCache.set(rows, (sql = upsertSql(rows)))
  return sql
}

function rowArgs(args: WireValue[], j: JobRow, s: FitScore): void {
  args.push(
    j.upworkId, j.ciphertext, j.title, j.description, j.jobType,
    j.hourlyMin ?? null, j.hourlyMax ?? null, j.fixedAmount ?? null, j.currency,
    j.experienceLevel ?? null, j.category, j.subcategory, j.durationLabel, j.engagement,
    JSON.stringify(j.skills), j.totalApplicants ?? null, toSqlDateTime(j.publishedAt),
    toSqlBoolean(j.clientVerified), j.clientTotalSpent ?? null, j.clientHires ?? null, j.clientPostedJobs ?? null,
    j.clientFeedback ?? null, j.clientReviews ?? null, j.clientCountry ?? null, j.clientCity, j.clientTimezone,
    s.score, JSON.stringify(s.reasons)
  )
}

/**
 * One transaction's statements: which ids exist already and whether a notification named them
 * (statement 0), the upserts returning [id, upworkId, notified], then the search hits (first seen
 * kept, last seen moved). With `notifyMinScore`, the upsert also marks (notifiedAt) the jobs at or
 * above it that no notification named yet: in the same row write, so marking costs nothing extra.
 */
export function ingestStatements(rows: readonly JobRow[], scores: readonly FitScore[], now: number, searchId: number | null, notifyMinScore: number | null = null): BulkStatement[] {
  const idsJson = JSON.stringify(rows.map((r) => r.upworkId))
  const nowText = toSqlDateTime(now)
  const expires = toSqlDateTime(now + UPWORK_CACHE_TTL_MS)
  const statements: BulkStatement[] = [
    { sql: `SELECT "upworkId", "notifiedAt" IS NOT NULL FROM "Job" WHERE "upworkId" IN (SELECT value FROM json_each(?))`, argsList: [[idsJson]], returnRows: true }
  ]
  const full = rows.length - (rows.length % ROWS_PER_STATEMENT)
  const groups = (from: number, to: number): WireValue[][] => {
    const lists: WireValue[][] = []
    for (let i = from; i < to; i += ROWS_PER_STATEMENT) {
      const args: WireValue[] = [nowText, expires, scores[i]!.scoreVersion, notifyMinScore]
      for (let k = i; k < Math.min(i + ROWS_PER_STATEMENT, to); k++) rowArgs(args, rows[k]!, scores[k]!)
      lists.push(args)
    }
    return lists
  }
  if (full > 0) statements.push({ sql: cachedUpsertSql(ROWS_PER_STATEMENT), argsList: groups(0, full), returnRows: true })
  if (full < rows.length) statements.push({ sql: cachedUpsertSql(rows.length - full), argsList: groups(full, rows.length), returnRows: true })
  if (searchId !== null) {
    statements.push({
      sql:
        `INSERT INTO "JobSearchHit" ("jobId", "searchId", "firstSeenAt", "lastSeenAt") ` +
        `SELECT "id", ?, ?, ? FROM "Job" WHERE "upworkId" IN (SELECT value FROM json_each(?)) ` +
        `ON CONFLICT ("jobId", "searchId") DO UPDATE SET "lastSeenAt" = excluded."lastSeenAt"`,
      argsList: [[searchId, nowText, nowText, idsJson]]
    })
  }
  return statements
}

/** Jobs per bulk transaction (the worker holds other queries back for at most one). */
export const INGEST_ROWS_PER_TRANSACTION = 1000
/** Transactions in flight: the worker writes one while the caller scores and builds the next. */
const SLICES_IN_FLIGHT = 2

export interface UpsertJobsResult {
  /** Jobs stored (inserted or refreshed), in input order of the slices' results. */
  stored: number
  /** Of those, seen before (refreshed: the newest snapshot kept). */
  updated: number
  /** Database ids of every stored job. */
  ids: number[]
  /** Upwork ids and database ids of the jobs new to the database (same order). */
  newUpworkIds: string[]
  newJobIds: number[]
  /** With `notifyMinScore`: the jobs this call marked as notified (never named before), best first. */
  marked: Array<{ id: number; title: string; score: number }>
}

/**
 * The one bulk write path of the Job table (the ingest, the benches): normalized rows (unique by
 * Upwork id) and their scores, INGEST_ROWS_PER_TRANSACTION per 'refetchable' transaction through
 * the database worker, two in flight. `scoreAt(i)` is called slice by slice, just before its
 * slice is built, so scoring overlaps the worker's writing. A failure stops the run (the slice in
 * flight after it may still commit); earlier slices stay committed.
 *
 * `notifyMinScore` (a search's ingest): the jobs at or above it that no notification named yet
 * are marked in the same writes and returned in `marked`, each once, also across restarts. A mark
 * commits with its job, atomically: a power cut that loses the last (refetchable) transactions
 * loses the jobs with their marks, so those jobs come back as new jobs at the next fetch — never a
 * stored job whose notification was lost or a mark without its job.
 */
export async function upsertJobs(
  db: Pick<Database, 'bulkWrite'>,
  rows: readonly JobRow[],
  scoreAt: (index: number) => FitScore,
  options: { now: number; searchId: number | null; notifyMinScore?: number | null; rowsPerTransaction?: number }
): Promise<UpsertJobsResult> {
  const size = options.rowsPerTransaction ?? INGEST_ROWS_PER_TRANSACTION
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`rowsPerTransaction must be a positive integer, got ${size}`)
  const notifyMinScore = options.notifyMinScore ?? null
  const result: UpsertJobsResult = { stored: 0, updated: 0, ids: [], newUpworkIds: [], newJobIds: [], marked: [] }
  const inFlight: Array<Promise<void>> = []
  for (let start = 0; start < rows.length; start += size) {
    const slice = rows.slice(start, start + size)
    const scores = new Array<FitScore>(slice.length)
    for (let i = 0; i < slice.length; i++) scores[i] = scoreAt(start + i)
    const statements = ingestStatements(slice, scores, options.now, options.searchId, notifyMinScore)
    if (inFlight.length === SLICES_IN_FLIGHT) await inFlight.shift()
    const written = db.bulkWrite(statements, { durability: 'refetchable' }).then(([existing, ...upserts]) => {
      /** Upwork id → whether a notification had named it (for the jobs already stored). */
      const known = new Map((existing?.rows ?? []).map((r) => [String(r[0]), Number(r[1]) === 1]))
      const byUpworkId = new Map(slice.map((row, i) => [row.upworkId, i]))
      for (const upserted of upserts.slice(0, options.searchId === null ? undefined : -1)) {
        for (const [id, upworkId, notified] of upserted.rows) {
          const key = String(upworkId)
          result.stored++
          result.ids.push(Number(id))
          const wasNotified = known.get(key)
          if (wasNotified !== undefined) result.updated++
          else {
            result.newUpworkIds.push(key)
            result.newJobIds.push(Number(id))
          }
          if (Number(notified) === 1 && wasNotified !== true && notifyMinScore !== null) {
            const i = byUpworkId.get(key)!
            result.marked.push({ id: Number(id), title: slice[i]!.title, score: scores[i]!.score })
          }
        }
      }
    })
    written.catch(() => undefined) // awaited below; a failure must not go unhandled before then
    inFlight.push(written)
  }
  for (const w of inFlight) await w
  result.marked.sort((a, b) => b.score - a.score || b.id - a.id)
  return result
}

export interface JobListQuery {
  sort: 'score' | 'recency'
  minScore?: number | null
  statuses?: readonly JobStatus[] | null
  searchId?: number | null
  limit: number
  offset: number
}

const LIST_COLUMNS =
  `j."id", j."upworkId", j."ciphertext", j."title", j."jobType", j."hourlyMin", j."hourlyMax", j."fixedAmount", j."currency", ` +
  `j."totalApplicants", j."clientVerified", j."clientTotalSpent", j."clientFeedback", j."clientCountry", j."score", j."userState", ` +
  `j."publishedAt", j."firstSeenAt", j."contentPrunedAt"`

type Row = Record<string, unknown>
const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))
const s = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))
const b = (v: unknown): boolean | null => (v === null || v === undefined ? null : Number(v) === 1)

function toListItem(r: Row): JobListItem {
  return {
    id: Number(r.id),
    upworkId: String(r.upworkId),
    url: jobUrl(String(r.ciphertext)),
    title: String(r.title ?? ''),
    jobType: s(r.jobType),
    hourlyMin: n(r.hourlyMin),
    hourlyMax: n(r.hourlyMax),
    fixedAmount: n(r.fixedAmount),
    currency: s(r.currency),
    totalApplicants: n(r.totalApplicants),
    clientVerified: b(r.clientVerified),
    clientTotalSpent: n(r.clientTotalSpent),
    clientFeedback: n(r.clientFeedback),
    clientCountry: s(r.clientCountry),
    score: n(r.score),
    status: String(r.userState) as JobStatus,
    publishedAt: fromSqlDateTime(r.publishedAt),
    firstSeenAt: fromSqlDateTime(r.firstSeenAt),
    contentPruned: r.contentPrunedAt !== null && r.contentPrunedAt !== undefined
  }
}

const parseJson = <T>(text: unknown, fallback: T): T => {
  if (typeof text !== 'string') return fallback
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}

/**
 * User text → an FTS5 query: each word quoted (no operators from the user), all words required, the
 * last one as a prefix. A word is what the index's tokenizer (unicode61) calls a token: letters,
 * numbers, private-use characters. Anything else ("_", marks, symbols) splits words, as it does in
 * the index: a quoted "node_js" would be a two-token phrase, which detail=column refuses.
 */
export function ftsQuery(text: string): string | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}\p{Co}]+/gu)?.slice(0, 12)
  if (!words || words.length === 0) return null
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ')
}

/** Full-text search ranks (bm25) the newest this-many matches: a bound on its cost (p95 < 10 ms over 100,000 jobs). */
export const FTS_RANK_WINDOW = 500

export class JobStore {
  constructor(private readonly db: Pick<Database, 'client' | 'bulkWrite'>) {}

  async list(query: JobListQuery): Promise<JobListPage> {
    const where: string[] = []
    const args: WireValue[] = []
    if (query.minScore !== null && query.minScore !== undefined) {
      where.push(`j."score" >= ?`)
      args.push(query.minScore)
    }
    if (query.statuses && query.statuses.length > 0) {
      where.push(`j."userState" IN (SELECT value FROM json_each(?))`)
      args.push(JSON.stringify(query.statuses))
    }
    if (query.searchId !== null && query.searchId !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM "JobSearchHit" h WHERE h."jobId" = j."id" AND h."searchId" = ?)`)
      args.push(query.searchId)
    }
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
    const order = query.sort === 'score' ? `j."score" DESC, j."id" DESC` : `j."publishedAt" DESC, j."id" DESC`
    const [page, total] = await Promise.all([
      this.db.client.execute({ sql: `SELECT ${LIST_COLUMNS} FROM "Job" j ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`, args: [...args, query.limit + 1, query.offset] }),
      this.db.client.execute({ sql: `SELECT count(*) AS n FROM "Job" j ${whereSql}`, args })
    ])
    const rows = page.rows as unknown as Row[]
    return {
      items: rows.slice(0, query.limit).map(toListItem),
      nextCursor: rows.length > query.limit ? String(query.offset + query.limit) : null,
      total: Number((total.rows[0] as unknown as Row | undefined)?.n ?? 0)
    }
  }

  /** Full-text search (title, description, skills), best match first (FTS5 bm25 rank). */
  async search(text: string, limit: number, offset: number): Promise<JobListPage> {
    const match = ftsQuery(text)
    if (!match) return { items: [], nextCursor: null, total: 0 }
    const result = await this.db.client.execute({
      // bm25 is computed for every match, so a common word over 100,000 jobs would take ~100 ms:
      // rank the newest FTS_RANK_WINDOW matches only (found in rowid order, which FTS5 walks cheaply).
      sql:
        `SELECT ${LIST_COLUMNS} FROM "JobFts" f JOIN "Job" j ON j."id" = f."rowid" WHERE "JobFts" MATCH ?1 ` +
        `AND f."rowid" >= (SELECT coalesce(min("rowid"), 0) FROM (SELECT "rowid" FROM "JobFts" WHERE "JobFts" MATCH ?1 ORDER BY "rowid" DESC LIMIT ?4)) ` +
        `ORDER BY f."rank" LIMIT ?2 OFFSET ?3`,
      args: [match, limit + 1, offset, FTS_RANK_WINDOW]
    })
    const rows = result.rows as unknown as Row[]
    return {
      items: rows.slice(0, limit).map(toListItem),
      nextCursor: rows.length > limit ? String(offset + limit) : null,
      total: offset + Math.min(rows.length, limit)
    }
  }

  async get(id: number): Promise<JobDetailDto | null> {
    const [job, hits] = await Promise.all([
      this.db.client.execute({ sql: `SELECT * FROM "Job" WHERE "id" = ?`, args: [id] }),
      this.db.client.execute({ sql: `SELECT "searchId" FROM "JobSearchHit" WHERE "jobId" = ? ORDER BY "searchId"`, args: [id] })
    ])
    const r = job.rows[0] as unknown as Row | undefined
    if (!r) return null
    return {
      ...toListItem(r),
      description: String(r.description ?? ''),
      skills: parseJson<unknown[]>(r.skills, []).filter((x): x is string => typeof x === 'string'),
      experienceLevel: s(r.experienceLevel),
      category: s(r.category),
      subcategory: s(r.subcategory),
      durationLabel: s(r.durationLabel),
      engagement: s(r.engagement),
      client: {
        verified: b(r.clientVerified),
        totalSpent: n(r.clientTotalSpent),
        hires: n(r.clientHires),
        postedJobs: n(r.clientPostedJobs),
        feedback: n(r.clientFeedback),
        reviews: n(r.clientReviews),
        country: s(r.clientCountry),
        city: s(r.clientCity),
        timezone: s(r.clientTimezone)
      },
      reasons: parseJson<ScoreReasonDto[]>(r.scoreReasons, []),
      scoreVersion: n(r.scoreVersion),
      scoredAt: r.scoredAt ? fromSqlDateTime(r.scoredAt) : null,
      searchIds: (hits.rows as unknown as Row[]).map((h) => Number(h.searchId))
    }
  }

  /**
   * The user's decision. Saved, drafted and applied keep the job (no expiry: it is the user's now);
   * any other status puts a kept job back under the 24 h rule, counted from its last fetch.
   */
  async setStatus(id: number, status: JobStatus, now: number): Promise<boolean> {
    const kept = KEPT_STATUSES.includes(status)
    const { rowsAffected } = await this.db.client.execute({
      sql: kept
        ? `UPDATE "Job" SET "userState" = ?, "expiresAt" = NULL, "updatedAt" = ? WHERE "id" = ?`
        : `UPDATE "Job" SET "userState" = ?, "expiresAt" = CASE WHEN "contentPrunedAt" IS NULL THEN strftime('%Y-%m-%dT%H:%M:%fZ', "fetchedAt", '+1 day') ELSE NULL END, "updatedAt" = ? WHERE "id" = ?`,
      args: [status, toSqlDateTime(now), id]
    })
    return rowsAffected > 0
  }

  /** The tray badge: jobs still "new" that reach the notification threshold. */
  async badgeCount(minScore: number): Promise<number> {
    const r = await this.db.client.execute({ sql: `SELECT count(*) AS n FROM "Job" WHERE "userState" = 'new' AND "score" >= ?`, args: [minScore] })
    return Number((r.rows[0] as unknown as Row | undefined)?.n ?? 0)
  }

  /**
   * Upwork's 24 h cache rule. A job the user has not saved, drafted for (a ProposalDraft) or applied
   * to loses its Upwork content once expired: title, description, skills, category, budgets, the
   * client snapshot. The row stays with what is ours: its ids and ciphertext (the link), score,
   * reasons and version, status, notified/first-seen times and search hits, so a later fetch of the
   * same job is not "new" and not notified again. Returns how many jobs were pruned.
   */
  async pruneExpired(now: number): Promise<number> {
    let total = 0
    for (;;) {
      const { rowsAffected } = await this.db.client.execute({
        sql:
          `UPDATE "Job" SET "title" = '', "description" = '', "skills" = '[]', "category" = NULL, "subcategory" = NULL, ` +
          `"durationLabel" = NULL, "engagement" = NULL, "experienceLevel" = NULL, "hourlyMin" = NULL, "hourlyMax" = NULL, ` +
          `"fixedAmount" = NULL, "currency" = NULL, "totalApplicants" = NULL, "clientVerified" = NULL, "clientTotalSpent" = NULL, ` +
          `"clientHires" = NULL, "clientPostedJobs" = NULL, "clientFeedback" = NULL, "clientReviews" = NULL, "clientCountry" = NULL, ` +
          `"clientCity" = NULL, "clientTimezone" = NULL, "expiresAt" = NULL, "contentPrunedAt" = ?1, "updatedAt" = ?1 ` +
          `WHERE "id" IN (SELECT "id" FROM "Job" WHERE "expiresAt" IS NOT NULL AND "expiresAt" < ?1 ` +
          `AND "userState" NOT IN ('saved', 'drafted', 'applied') ` +
          `AND NOT EXISTS (SELECT 1 FROM "ProposalDraft" d WHERE d."jobId" = "Job"."id") LIMIT 500)`,
        args: [toSqlDateTime(now)]
      })
      total += rowsAffected
      if (rowsAffected < 500) return total
    }
  }

  /** Jobs whose content is present, for rescoring, in id order from `afterId`. */
  async contentPage(afterId: number, limit: number): Promise<Row[]> {
    const r = await this.db.client.execute({
      sql: `SELECT * FROM "Job" WHERE "id" > ? AND "contentPrunedAt" IS NULL ORDER BY "id" LIMIT ?`,
      args: [afterId, limit]
    })
    return r.rows as unknown as Row[]
  }

  async writeScores(scores: ReadonlyArray<{ id: number; score: FitScore }>, now: number): Promise<void> {
    if (scores.length === 0) return
    const at = toSqlDateTime(now)
    await this.db.bulkWrite(
      [
        {
          sql: `UPDATE "Job" SET "score" = ?, "scoreReasons" = ?, "scoreVersion" = ?, "scoredAt" = ? WHERE "id" = ?`,
          argsList: scores.map(({ id, score }) => [score.score, JSON.stringify(score.reasons), score.scoreVersion, at, id])
        }
      ],
      { durability: 'refetchable' }
    )
  }
}
