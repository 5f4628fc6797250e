import type { InValue } from '@libsql/client'
import { systemClock, type Clock } from '../../ports/clock'
import { MAX_ROWS_PER_BATCH, runInBatches, yieldToEventLoop } from '../batches'
import type { Job as JobRow, Prisma } from '../generated/client'
import type { Database } from '../open-database'
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
 * Rows per INSERT statement. libsql binds parameters one by one across N-API; measured, 50-row
 * statements run a batch faster than one 100/200-row statement and far faster than single rows.
 */
export const ROWS_PER_STATEMENT = 50

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
  /** Rows per transaction (default and maximum MAX_ROWS_PER_BATCH = 100). */
  batchSize?: number
}

/**
 * Jobs fetched from Upwork. The ingest path (`upsertMany`) is batched raw SQL: multi-row upserts,
 * ≤100 rows per transaction, the event loop served between batches (bench/db.bench.ts measures a
 * batch at ~5 ms). Reads go through Prisma.
 */
export class JobsRepository {
  constructor(
    private readonly db: Pick<Database, 'prisma' | 'client'>,
    private readonly clock: Clock = systemClock
  ) {}

  /**
   * Inserts new jobs and refreshes known ones (matched by Upwork id; the last duplicate in the input
   * wins). A refresh keeps the user's state and keeps a saved/drafted job's `expiresAt` null; a
   * cached job's expiry moves to 24 h after this fetch.
   */
  async upsertMany(jobs: readonly JobUpsertInput[], options: UpsertJobsOptions = {}): Promise<UpsertJobsResult> {
    const size = Math.min(options.batchSize ?? MAX_ROWS_PER_BATCH, MAX_ROWS_PER_BATCH)
    const unique = [...new Map(jobs.map((j) => [j.upworkId, j])).values()]
    const now = this.clock.now()
    const result: UpsertJobsResult = { inserted: 0, updated: 0, idsByUpworkId: new Map() }
    await runInBatches(unique, size, async (batch) => {
      const ids = batch.map((j) => j.upworkId)
      const marks = ids.map(() => '?').join(', ')
      const statements: Array<{ sql: string; args: InValue[] }> = [{ sql: `SELECT "upworkId" FROM "Job" WHERE "upworkId" IN (${marks})`, args: ids }]
      for (let i = 0; i < batch.length; i += ROWS_PER_STATEMENT) statements.push(jobsUpsertStatement(batch.slice(i, i + ROWS_PER_STATEMENT), now))
      const upserts = statements.length - 1
      if (options.searchId !== undefined) {
        const at = toSqlDateTime(now)
        statements.push({
          sql:
            `INSERT INTO "JobSearchHit" ("jobId", "searchId", "firstSeenAt", "lastSeenAt") ` +
            `SELECT "id", ?, ?, ? FROM "Job" WHERE "upworkId" IN (${marks}) ` +
            `ON CONFLICT ("jobId", "searchId") DO UPDATE SET "lastSeenAt" = excluded."lastSeenAt"`,
          args: [options.searchId, at, at, ...ids]
        })
      }
      const [existing, ...rest] = await this.db.client.batch(statements, 'write')
      const known = existing?.rows.length ?? 0
      result.updated += known
      result.inserted += batch.length - known
      for (const upserted of rest.slice(0, upserts)) {
        for (const row of upserted.rows) result.idsByUpworkId.set(String(row.upworkId), Number(row.id))
      }
    })
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
 * The multi-row upsert for some rows (exported for bench/db.bench.ts, which runs the same SQL on
 * both drivers). 50 rows × 30 columns stays far below SQLite's 32,766 bound parameters.
 */
export function jobsUpsertStatement(batch: readonly JobUpsertInput[], now: number): { sql: string; args: InValue[] } {
  const nowText = toSqlDateTime(now)
  const expires = toSqlDateTime(now + UPWORK_CACHE_TTL_MS)
  const args: InValue[] = []
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
  const row = `(${INSERT_COLUMNS.map(() => '?').join(', ')})`
  const sql =
    `INSERT INTO "Job" (${INSERT_COLUMNS.map(q).join(', ')}) VALUES ${batch.map(() => row).join(', ')} ` +
    `ON CONFLICT ("upworkId") DO UPDATE SET ` +
    REFRESHED_COLUMNS.map((c) => `${q(c)} = excluded.${q(c)}`).join(', ') +
    // Saved/drafted/applied jobs (expiresAt null) stay kept; cached ones get a new 24 h.
    `, "expiresAt" = CASE WHEN "Job"."expiresAt" IS NULL THEN NULL ELSE excluded."expiresAt" END ` +
    `RETURNING "id", "upworkId"`
  return { sql, args }
}

export function toJobDto(row: JobRow): JobDto {
  return {
    id: row.id,
    upworkId: row.upworkId,
    ciphertext: row.ciphertext,
    url: `https://www.upwork.com/jobs/~${row.ciphertext.replace(/^~/, '')}`,
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
