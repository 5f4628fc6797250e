import { savedSearchInputSchema, searchFiltersSchema, type SavedSearchDto, type SavedSearchInput, type SearchRunResult } from '@shared/discovery'
import type { Database } from '../db/open-database'
import { fromSqlDateTime, toSqlDateTime } from '../db/sql-values'
import type { Clock } from '../ports/clock'
import type { SearchRunRecord, SearchStore } from './ports'

type Row = Record<string, unknown>
type Change = { kind: 'created' | 'updated' | 'deleted'; searchId: number }

const SELECT =
  `SELECT s.*, (SELECT count(*) FROM "JobSearchHit" h JOIN "Job" j ON j."id" = h."jobId" ` +
  `WHERE h."searchId" = s."id" AND j."userState" = 'new') AS "newCount" FROM "SavedSearch" s`

function parseJson(text: unknown): unknown {
  try {
    return typeof text === 'string' ? JSON.parse(text) : null
  } catch {
    return null
  }
}

function toDto(r: Row): SavedSearchDto {
  const filters = searchFiltersSchema.safeParse(parseJson(r.query) ?? {})
  return {
    id: Number(r.id),
    name: String(r.name),
    filters: filters.success ? filters.data : searchFiltersSchema.parse({}),
    intervalMinutes: Number(r.intervalMinutes),
    paused: Number(r.enabled) !== 1,
    lastRunAt: r.lastRunAt ? fromSqlDateTime(r.lastRunAt) : null,
    lastResult: (parseJson(r.lastResult) as SearchRunResult | null) ?? null,
    lastError: r.lastError === null || r.lastError === undefined ? null : String(r.lastError),
    nextRunAt: r.nextRunAt ? fromSqlDateTime(r.nextRunAt) : null,
    newCount: Number(r.newCount ?? 0),
    createdAt: fromSqlDateTime(r.createdAt),
    updatedAt: fromSqlDateTime(r.updatedAt)
  }
}

/** Saved searches (issue 7 item 2) and their run status; the poller's SearchStore. */
export class SavedSearchStore implements SearchStore {
  private readonly listeners = new Set<(change: Change) => void>()
  private readonly statusListeners = new Set<(search: SavedSearchDto) => void>()

  constructor(
    private readonly db: Pick<Database, 'client'>,
    private readonly clock: Clock
  ) {}

  async list(): Promise<SavedSearchDto[]> {
    return ((await this.db.client.execute(`${SELECT} ORDER BY s."id"`)).rows as unknown as Row[]).map(toDto)
  }

  async listActive(): Promise<SavedSearchDto[]> {
    return ((await this.db.client.execute(`${SELECT} WHERE s."enabled" = 1 ORDER BY s."id"`)).rows as unknown as Row[]).map(toDto)
  }

  /** The search's name alone (for a notification: no new-job count to compute). */
  async name(id: number): Promise<string | null> {
    const r = (await this.db.client.execute({ sql: `SELECT "name" FROM "SavedSearch" WHERE "id" = ?`, args: [id] })).rows[0] as unknown as Row | undefined
    return r ? String(r.name) : null
  }

  async get(id: number): Promise<SavedSearchDto | null> {
    const r = (await this.db.client.execute({ sql: `${SELECT} WHERE s."id" = ?`, args: [id] })).rows[0] as unknown as Row | undefined
    return r ? toDto(r) : null
  }

  async create(input: SavedSearchInput): Promise<SavedSearchDto> {
    const v = savedSearchInputSchema.parse(input)
    const now = toSqlDateTime(this.clock.now())
    const r = await this.db.client.execute({
      sql: `INSERT INTO "SavedSearch" ("name", "query", "enabled", "intervalMinutes", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?) RETURNING "id"`,
      args: [v.name, JSON.stringify(v.filters), v.paused ? 0 : 1, v.intervalMinutes, now, now]
    })
    const id = Number(r.rows[0]?.[0])
    this.changed({ kind: 'created', searchId: id })
    return (await this.get(id))!
  }

  /** Returns null when the search does not exist. */
  async update(id: number, patch: Partial<SavedSearchInput>): Promise<SavedSearchDto | null> {
    const current = await this.get(id)
    if (!current) return null
    const v = savedSearchInputSchema.parse({
      name: patch.name ?? current.name,
      filters: patch.filters ?? current.filters,
      intervalMinutes: patch.intervalMinutes ?? current.intervalMinutes,
      paused: patch.paused ?? current.paused
    })
    await this.db.client.execute({
      sql:
        `UPDATE "SavedSearch" SET "name" = ?, "query" = ?, "enabled" = ?, "intervalMinutes" = ?, "updatedAt" = ?, ` +
        `"nextRunAt" = CASE WHEN ? = 0 THEN NULL ELSE "nextRunAt" END WHERE "id" = ?`,
      args: [v.name, JSON.stringify(v.filters), v.paused ? 0 : 1, v.intervalMinutes, toSqlDateTime(this.clock.now()), v.paused ? 0 : 1, id]
    })
    this.changed({ kind: 'updated', searchId: id })
    return this.get(id)
  }

  async delete(id: number): Promise<boolean> {
    const { rowsAffected } = await this.db.client.execute({ sql: `DELETE FROM "SavedSearch" WHERE "id" = ?`, args: [id] })
    if (rowsAffected > 0) this.changed({ kind: 'deleted', searchId: id })
    return rowsAffected > 0
  }

  async recordRun(searchId: number, run: SearchRunRecord): Promise<void> {
    await this.db.client.execute({
      sql: `UPDATE "SavedSearch" SET "lastRunAt" = ?, "lastResult" = ?, "lastError" = ?, "nextRunAt" = ? WHERE "id" = ?`,
      args: [toSqlDateTime(run.at), JSON.stringify(run.result), run.result.ok ? null : (run.result.error ?? 'error'), run.nextRunAt === null ? null : toSqlDateTime(run.nextRunAt), searchId]
    })
    await this.emitStatus(searchId)
  }

  async setNextRun(searchId: number, nextRunAt: number | null): Promise<void> {
    await this.db.client.execute({
      sql: `UPDATE "SavedSearch" SET "nextRunAt" = ? WHERE "id" = ?`,
      args: [nextRunAt === null ? null : toSqlDateTime(nextRunAt), searchId]
    })
    await this.emitStatus(searchId)
  }

  async knownUpworkIds(searchId: number, upworkIds: readonly string[]): Promise<Set<string>> {
    if (upworkIds.length === 0) return new Set()
    const r = await this.db.client.execute({
      sql:
        `SELECT j."upworkId" FROM "JobSearchHit" h JOIN "Job" j ON j."id" = h."jobId" ` +
        `WHERE h."searchId" = ? AND j."upworkId" IN (SELECT value FROM json_each(?))`,
      args: [searchId, JSON.stringify(upworkIds)]
    })
    return new Set(r.rows.map((row) => String(row[0])))
  }

  onChange(listener: (change: Change) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** discovery:searchStatus: after a run is recorded or the next run moves. */
  onStatus(listener: (search: SavedSearchDto) => void): () => void {
    this.statusListeners.add(listener)
    return () => this.statusListeners.delete(listener)
  }

  private changed(change: Change): void {
    for (const l of this.listeners) l(change)
  }

  private async emitStatus(searchId: number): Promise<void> {
    if (this.statusListeners.size === 0) return
    const search = await this.get(searchId)
    if (search) for (const l of this.statusListeners) l(search)
  }
}
