import type { InValue } from '@libsql/client'
import { jobUrl } from '@shared/upwork-links'
import { systemClock, type Clock } from '../../ports/clock'
import { yieldToEventLoop } from '../batches'
import type { Job as JobRow, Prisma } from '../generated/client'
import type { BulkStatement, BulkStatementResult, Database } from '../open-database'
import type { WireValue } from '../worker/protocol'
import { fromSqlDateTime, toSqlBoolean, toSqlDateTime } from '../sql-values'
import {
  UPWORK_CACHE_TTL_MS,
  type JobDto,
  type JobPage,
  type JobType,
  type JobUpsertInput,
  type JobUserState,
  type UpsertJobsResult
} from '../types'

/** Columns the bulk upsert writes, in order. `userState` is left to its default on insert. */
const INSERT_COLUMNS = [
  'upworkId', 'ciphertext', 'title', 'description', 'jobType', 'hourlyMin', 'hourlyMax', 'fixedAmount', 'currency',
  'experienceLevel', 'category', 'subcategory', 'durationLabel', 'engagement', 'skills', 'totalApplicants',
  'publishedAt', 'fetchedAt', 'expiresAt', 'clientVerified', 'clientTotalSpent', 'clientHires', 'clientPostedJobs',
  'clientFeedback', 'clientReviews', 'clientCountry', 'clientCity', 'clientTimezone', 'createdAt', 'updatedAt'
] as const

/** What a re-fetch refreshes: Upwork's content, never the user's state or our createdAt. */
const REFRESHED_COLUMNS = INSERT_COLUMNS.filter((c) => c !== 'upworkId' && c !== 'createdAt' && c !== 'expiresAt')

const q = (column: string): string => `"${column}"`

/**
 * Rows per INSERT statement. libsql binds parameters one by one across N-API; measured (10,000
 * jobs in one transaction): 50-row statements ~1.6× single-row ones, 10-row ones in between.
 */
export const ROWS_PER_STATEMENT = 50

/**
 * Jobs per bulk transaction. The worker runs each one whole while other queries (the UI's Prisma
 * reads) wait for it in the event loop, so this bounds that wait: 1,000 Upwork-sized jobs take
 * ~20–25 ms on an idle core (bench/db.bench.ts: "slowest transaction"), and larger transactions
 * gained little throughput (README).
 */
export const BULK_ROWS_PER_TRANSACTION = 1000

const MAX_SLICES_IN_FLIGHT = 2

export interface ListJobsOptions {
  /** 1–200; default 50. */
  limit?: number
  /** `nextCursor` of the previous page. */
  cursor?: string | null
  /** Only jobs in these states (default: all). */
  userStates?: readonly JobUserState[]
}

export interface UpsertJobsOptions {
  /** The saved search that found these jobs: recorded in JobSearchHit. */
  searchId?: number
  /** Jobs per transaction (default BULK_ROWS_PER_TRANSACTION). */
  batchSize?: number
}

/**
 * Jobs fetched from Upwork. The ingest path (`upsertMany`) is the database worker's bulk write:
 * multi-row upserts prepared once, up to BULK_ROWS_PER_TRANSACTION jobs per transaction, committed
 * as `refetchable` data (synchronous=NORMAL: Upwork can send them again). Reads go through Prisma.
 */
export class JobsRepository {
  constructor(
    private readonly db: Pick<Database, 'prisma' | 'client' | 'bulkWrite'>,
    private readonly clock: Clock = systemClock
  ) {}

  /**
   * Inserts new jobs and refreshes known ones (matched by Upwork id; the last duplicate in the input
   * wins). A refresh keeps the user's state and keeps a saved/drafted job's `expiresAt` null; a
   * cached job's expiry moves to 24 h after this fetch. Each slice of `batchSize` jobs is one
   * transaction; the next slice is built and sent while the worker writes the current one.
   * A failure stops the run (the slice after it may still commit); earlier slices stay committed.
   */
  async upsertMany(jobs: readonly JobUpsertInput[], options: UpsertJobsOptions = {}): Promise<UpsertJobsResult> {
    const size = options.batchSize ?? BULK_ROWS_PER_TRANSACTION
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`batchSize must be a positive integer, got ${size}`)
    const unique = [...new Map(jobs.map((j) => [j.upworkId, j])).values()]
    const now = this.clock.now()
    const result: UpsertJobsResult = { inserted: 0, updated: 0, idsByUpworkId: new Map() }
    const collect = (count: number, [existing, ...upserts]: BulkStatementResult[]): void => {
      const known = Number(existing?.rows[0]?.[0] ?? 0)
      result.updated += known
      result.inserted += count - known
      for (const upserted of upserts) for (const [id, upworkId] of upserted.rows) result.idsByUpworkId.set(String(upworkId), Number(id))
    }
    // Up to two slices in flight: the worker writes one while the next is built and sent.
    const inFlight: Array<Promise<void>> = []
    for (let start = 0; start < unique.length; start += size) {
      const slice = unique.slice(start, start + size)
      const statements = jobsBulkStatements(slice, now, options.searchId)
      if (inFlight.length === MAX_SLICES_IN_FLIGHT) await inFlight.shift()
      const written = this.db.bulkWrite(statements, { durability: 'refetchable' }).then((results) => collect(slice.length, results))
      written.catch(() => undefined) // awaited below; a failure must not go unhandled before then
      inFlight.push(written)
    }
    for (const written of inFlight) await written
    return result
  }

  /** Newest first (by publishedAt, then id), keyset-paginated so deletions never shift pages. */
  async listPage(options: ListJobsOptions = {}): Promise<JobPage> {
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 200)
    const after = options.cursor ? decodeCursor(options.cursor) : null
    const where: Prisma.JobWhereInput = {}
    if (options.userStates) where.userState = { in: [...options.userStates] }
    if (after) {
      const publishedAt = new Date(after.publishedAt)
      where.OR = [{ publishedAt: { lt: publishedAt } }, { publishedAt, id: { lt: after.id } }]
    }
    const rows = await this.db.prisma.job.findMany({
      where,
      orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
      take: limit + 1
    })
    const items = rows.slice(0, limit).map(toJobDto)
    const last = items[items.length - 1]
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.publishedAt, last.id) : null }
  }

  async getById(id: number): Promise<JobDto | null> {
    const row = await this.db.prisma.job.findUnique({ where: { id } })
    return row ? toJobDto(row) : null
  }

  /** Saving a job keeps it past the 24 h cache limit (it becomes the user's, not a cache entry). */
  async setUserState(id: number, userState: JobUserState): Promise<void> {
    await this.db.prisma.job.update({
      where: { id },
      data: userState === 'saved' ? { userState, expiresAt: null } : { userState }
    })
  }

  /** Keeps a job the user drafted for or applied to (no expiry). */
  async retain(id: number): Promise<void> {
    await this.db.prisma.job.update({ where: { id }, data: { expiresAt: null } })
  }

  /**
   * Deletes cached postings past their expiry (Upwork: no caching beyond 24 h), never a job with a
   * draft. In batches of 500 rows, yielding between them. Returns how many were deleted.
   */
  async pruneExpired(): Promise<number> {
    const now = toSqlDateTime(this.clock.now())
    let total = 0
    for (;;) {
      const { rowsAffected } = await this.db.client.execute({
        sql:
          `DELETE FROM "Job" WHERE "id" IN (SELECT "id" FROM "Job" WHERE "expiresAt" IS NOT NULL AND "expiresAt" < ? ` +
          `AND NOT EXISTS (SELECT 1 FROM "ProposalDraft" d WHERE d."jobId" = "Job"."id") LIMIT 500)`,
        args: [now]
      })
      total += rowsAffected
      if (rowsAffected < 500) return total
      await yieldToEventLoop()
    }
  }

  async count(): Promise<number> {
    return this.db.prisma.job.count()
  }
}

/**
 * One slice's bulk write: how many of the jobs exist already (statement 0), then the upserts in
 * ROWS_PER_STATEMENT-row statements returning `[id, upworkId]` (one statement for the full groups,
 * one for the rest), then the saved-search hits. The Upwork ids travel as one JSON array.
 */
export function jobsBulkStatements(jobs: readonly JobUpsertInput[], now: number, searchId?: number): BulkStatement[] {
  const idsJson = JSON.stringify(jobs.map((j) => j.upworkId))
  const statements: BulkStatement[] = [
    { sql: `SELECT count(*) FROM "Job" WHERE "upworkId" IN (SELECT value FROM json_each(?))`, argsList: [[idsJson]], returnRows: true }
  ]
  const full = jobs.length - (jobs.length % ROWS_PER_STATEMENT)
  const groups = (from: number, to: number): WireValue[][] => {
    const lists: WireValue[][] = []
    for (let i = from; i < to; i += ROWS_PER_STATEMENT) lists.push(jobsUpsertArgs(jobs.slice(i, Math.min(i + ROWS_PER_STATEMENT, to)), now))
    return lists
  }
  if (full > 0) statements.push({ sql: jobsUpsertSql(ROWS_PER_STATEMENT), argsList: groups(0, full), returnRows: true })
  if (full < jobs.length) statements.push({ sql: jobsUpsertSql(jobs.length - full), argsList: groups(full, jobs.length), returnRows: true })
  if (searchId !== undefined) {
    const at = toSqlDateTime(now)
    statements.push({
      sql:
        `INSERT INTO "JobSearchHit" ("jobId", "searchId", "firstSeenAt", "lastSeenAt") ` +
        `SELECT "id", ?, ?, ? FROM "Job" WHERE "upworkId" IN (SELECT value FROM json_each(?)) ` +
        `ON CONFLICT ("jobId", "searchId") DO UPDATE SET "lastSeenAt" = excluded."lastSeenAt"`,
      argsList: [[searchId, at, at, idsJson]]
    })
  }
  return statements
}

/** The multi-row upsert for some rows as one statement (tests and the bench's contrast runs). */
export function jobsUpsertStatement(batch: readonly JobUpsertInput[], now: number): { sql: string; args: InValue[] } {
  return { sql: jobsUpsertSql(batch.length), args: jobsUpsertArgs(batch, now) }
}

/** The arguments of `jobsUpsertSql(batch.length)`, row after row. */
function jobsUpsertArgs(batch: readonly JobUpsertInput[], now: number): WireValue[] {
  const nowText = toSqlDateTime(now)
  const expires = toSqlDateTime(now + UPWORK_CACHE_TTL_MS)
  const args: WireValue[] = []
  for (const j of batch) {
    const c = j.client ?? {}
    args.push(
      j.upworkId, j.ciphertext, j.title, j.description, j.jobType,
      j.hourlyMin ?? null, j.hourlyMax ?? null, j.fixedAmount ?? null, j.currency ?? null,
      j.experienceLevel ?? null, j.category ?? null, j.subcategory ?? null, j.durationLabel ?? null, j.engagement ?? null,
      JSON.stringify(j.skills ?? []), j.totalApplicants ?? null,
      toSqlDateTime(j.publishedAt), nowText, expires,
      toSqlBoolean(c.verified), c.totalSpent ?? null, c.hires ?? null, c.postedJobs ?? null,
      c.feedback ?? null, c.reviews ?? null, c.country ?? null, c.city ?? null, c.timezone ?? null,
      nowText, nowText
    )
  }
  return args
}

/**
 * The multi-row upsert for `rows` jobs, returning `[id, upworkId]`. 50 rows × 30 columns stays
 * far below SQLite's 32,766 bound parameters.
 */
function jobsUpsertSql(rows: number): string {
  const row = `(${INSERT_COLUMNS.map(() => '?').join(', ')})`
  return (
    `INSERT INTO "Job" (${INSERT_COLUMNS.map(q).join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')} ` +
    `ON CONFLICT ("upworkId") DO UPDATE SET ` +
    REFRESHED_COLUMNS.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ') +
    // Saved/drafted/applied jobs (expiresAt null) stay kept; cached ones get a new 24 h.
    `, "expiresAt" = CASE WHEN "Job"."expiresAt" IS NULL THEN NULL ELSE excluded."expiresAt" END ` +
    `RETURNING "id", "upworkId"`
  )
}

export function toJobDto(row: JobRow): JobDto {
  return {
    id: row.id,
    upworkId: row.upworkId,
    ciphertext: row.ciphertext,
    url: jobUrl(row.ciphertext),
    title: row.title,
    description: row.description,
    jobType: row.jobType as JobType,
    hourlyMin: row.hourlyMin,
    hourlyMax: row.hourlyMax,
    fixedAmount: row.fixedAmount,
    currency: row.currency,
    experienceLevel: row.experienceLevel,
    category: row.category,
    subcategory: row.subcategory,
    durationLabel: row.durationLabel,
    engagement: row.engagement,
    skills: parseSkills(row.skills),
    totalApplicants: row.totalApplicants,
    publishedAt: fromSqlDateTime(row.publishedAt),
    fetchedAt: fromSqlDateTime(row.fetchedAt),
    expiresAt: row.expiresAt ? fromSqlDateTime(row.expiresAt) : null,
    userState: row.userState as JobUserState,
    client: {
      verified: row.clientVerified,
      totalSpent: row.clientTotalSpent,
      hires: row.clientHires,
      postedJobs: row.clientPostedJobs,
      feedback: row.clientFeedback,
      reviews: row.clientReviews,
      country: row.clientCountry,
      city: row.clientCity,
      timezone: row.clientTimezone
    }
  }
}

function parseSkills(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : []
  } catch {
    return []
  }
}

function encodeCursor(publishedAt: number, id: number): string {
  return Buffer.from(`${publishedAt}:${id}`, 'utf8').toString('base64url')
}

function decodeCursor(cursor: string): { publishedAt: number; id: number } {
  const match = /^(-?\d+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (!match) throw new RangeError('Invalid jobs page cursor')
  return { publishedAt: Number(match[1]), id: Number(match[2]) }
}
