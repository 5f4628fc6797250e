import { PROPOSAL_STAGES, STATUS_SOURCES, SUBMISSION_SOURCES, type ProposalStage, type StatusSource, type SubmissionSource } from '@shared/proposals'
import type { Database } from '../db/open-database'
import { fromSqlDateTime, toSqlDateTime } from '../db/sql-values'

/**
 * The Proposal rows and their history (ProposalStatusEvent). A status change is ONE transaction at
 * the 'user' durability: the history row and the new status together, as a compare-and-set on the
 * status it changes from (two syncs or a sync and a mark cannot write the same change twice).
 */
export interface ProposalRow {
  id: number
  upworkProposalId: string | null
  jobId: number | null
  upworkJobId: string | null
  jobTitle: string | null
  draftId: number | null
  status: string
  upworkStatus: string | null
  stage: ProposalStage | null
  submissionSource: SubmissionSource
  matchKind: 'id' | 'text' | 'similar' | 'none' | null
  bidAmount: number | null
  connectsSpent: number | null
  coverLetter: string | null
  submittedAt: number | null
  statusChangedAt: number
}

export interface StatusEventRow {
  proposalId: number
  from: string | null
  to: string
  stage: ProposalStage | null
  at: number
  source: StatusSource
}

export type NewProposal = Omit<ProposalRow, 'id' | 'statusChangedAt'> & {
  /** The first history row's time and source. */
  at: number
  source: StatusSource
}

/** A draft that has no proposal yet, on a job the sync sees (for proposals submitted on upwork.com). */
export interface OpenDraft {
  draftId: number
  jobId: number
  upworkJobId: string
  jobTitle: string
  text: string | null
  bidAmount: number | null
}

const COLUMNS = `"id", "upworkProposalId", "jobId", "upworkJobId", "jobTitle", "draftId", "status", "upworkStatus", "stage", "submissionSource", "matchKind", "bidAmount", "connectsSpent", "coverLetter", "submittedAt", "statusChangedAt"`

const str = (v: unknown): string | null => (v == null ? null : String(v))
const int = (v: unknown): number | null => (v == null ? null : Number(v))
const oneOf = <T extends string>(values: readonly T[], v: unknown): T | null => (values as readonly unknown[]).includes(v) ? (v as T) : null
const MATCH_KINDS = ['id', 'text', 'similar', 'none'] as const

function toRow(r: Record<string, unknown>): ProposalRow {
  return {
    id: Number(r.id),
    upworkProposalId: str(r.upworkProposalId),
    jobId: int(r.jobId),
    upworkJobId: str(r.upworkJobId),
    jobTitle: str(r.jobTitle),
    draftId: int(r.draftId),
    status: String(r.status),
    upworkStatus: str(r.upworkStatus),
    stage: oneOf(PROPOSAL_STAGES, r.stage),
    submissionSource: oneOf(SUBMISSION_SOURCES, r.submissionSource) ?? 'upwork',
    matchKind: oneOf(MATCH_KINDS, r.matchKind),
    bidAmount: r.bidAmount == null ? null : Number(r.bidAmount),
    connectsSpent: int(r.connectsSpent),
    coverLetter: str(r.coverLetter),
    submittedAt: r.submittedAt == null ? null : fromSqlDateTime(r.submittedAt),
    statusChangedAt: fromSqlDateTime(r.statusChangedAt)
  }
}

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ')
type Rows = Array<Record<string, unknown>>

export class ProposalStore {
  constructor(private readonly db: Pick<Database, 'client' | 'bulkWrite'>) {}

  /**
   * Creates the row and its first history row in one transaction. A row that already holds this
   * draft or this Upwork id wins: nothing is written and null is returned (the caller reads it).
   */
  async insert(p: NewProposal, now: number): Promise<number | null> {
    const at = toSqlDateTime(p.at)
    const ts = toSqlDateTime(now)
    const [inserted, event] = await this.db.bulkWrite(
      [
        {
          sql: `INSERT INTO "Proposal" ("upworkProposalId", "jobId", "upworkJobId", "jobTitle", "draftId", "status", "upworkStatus", "stage", "submissionSource", "matchKind", "bidAmount", "connectsSpent", "coverLetter", "submittedAt", "statusChangedAt", "lastSyncedAt", "createdAt", "updatedAt")
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING "id"`,
          returnRows: true,
          argsList: [
            [
              p.upworkProposalId,
              p.jobId,
              p.upworkJobId,
              p.jobTitle,
              p.draftId,
              p.status,
              p.upworkStatus,
              p.stage,
              p.submissionSource,
              p.matchKind,
              p.bidAmount,
              p.connectsSpent,
              p.coverLetter,
              p.submittedAt === null ? null : toSqlDateTime(p.submittedAt),
              at,
              p.upworkStatus === null ? null : ts,
              ts,
              ts
            ]
          ]
        },
        {
          // The newest row, if it has no history yet: it is the one just inserted (each row gets its first event with it).
          sql: `INSERT INTO "ProposalStatusEvent" ("proposalId", "fromStatus", "toStatus", "stage", "at", "source", "recordedAt")
                SELECT "id", NULL, ?, ?, ?, ?, ? FROM "Proposal" p WHERE "id" = (SELECT MAX("id") FROM "Proposal")
                AND NOT EXISTS (SELECT 1 FROM "ProposalStatusEvent" e WHERE e."proposalId" = p."id")`,
          argsList: [[p.status, p.stage, at, p.source, ts]]
        }
      ],
      { durability: 'user' }
    )
    const id = inserted?.rows[0]?.[0]
    return id == null || (event?.rowsAffected ?? 0) === 0 ? null : Number(id)
  }

  /**
   * A status change, if the proposal is still in `from`: history row + new status (and the other
   * fields given) together. False when the status was no longer `from` (nothing written).
   */
  async changeStatus(
    id: number,
    from: string,
    change: { to: string; stage: ProposalStage | null; at: number; source: StatusSource },
    fields: { upworkStatus?: string; upworkProposalId?: string; matchKind?: ProposalRow['matchKind']; synced?: boolean },
    now: number
  ): Promise<boolean> {
    const ts = toSqlDateTime(now)
    const at = toSqlDateTime(change.at)
    const sets = [`"status" = ?`, `"statusChangedAt" = ?`, `"updatedAt" = ?`, `"stage" = COALESCE(?, "stage")`]
    const args: Array<string | number | null> = [change.to, at, ts, change.stage]
    this.fieldSets(fields, ts, sets, args)
    const [event] = await this.db.bulkWrite(
      [
        {
          sql: `INSERT INTO "ProposalStatusEvent" ("proposalId", "fromStatus", "toStatus", "stage", "at", "source", "recordedAt")
                SELECT "id", "status", ?, COALESCE(?, "stage"), ?, ?, ? FROM "Proposal" WHERE "id" = ? AND "status" = ?`,
          argsList: [[change.to, change.stage, at, change.source, ts, id, from]]
        },
        { sql: `UPDATE "Proposal" SET ${sets.join(', ')} WHERE "id" = ? AND "status" = ?`, argsList: [[...args, id, from]] }
      ],
      { durability: 'user' }
    )
    return (event?.rowsAffected ?? 0) > 0
  }

  /** Fields with no status change (a first match to Upwork's id, the sync's mark). */
  async update(id: number, fields: { upworkStatus?: string; upworkProposalId?: string; matchKind?: ProposalRow['matchKind']; synced?: boolean }, now: number): Promise<void> {
    const ts = toSqlDateTime(now)
    const sets = [`"updatedAt" = ?`]
    const args: Array<string | number | null> = [ts]
    this.fieldSets(fields, ts, sets, args)
    await this.db.bulkWrite([{ sql: `UPDATE "Proposal" SET ${sets.join(', ')} WHERE "id" = ?`, argsList: [[...args, id]] }], { durability: 'user' })
  }

  private fieldSets(fields: { upworkStatus?: string; upworkProposalId?: string; matchKind?: ProposalRow['matchKind']; synced?: boolean }, ts: string, sets: string[], args: Array<string | number | null>): void {
    if (fields.upworkStatus !== undefined) {
      sets.push(`"upworkStatus" = ?`)
      args.push(fields.upworkStatus)
    }
    if (fields.upworkProposalId !== undefined) {
      sets.push(`"upworkProposalId" = ?`)
      args.push(fields.upworkProposalId)
    }
    if (fields.matchKind !== undefined) {
      sets.push(`"matchKind" = ?`)
      args.push(fields.matchKind)
    }
    if (fields.synced) {
      sets.push(`"lastSyncedAt" = ?`)
      args.push(ts)
    }
  }

  /** The proposals the sync saw: one statement for all (no write per unchanged row). */
  async markSynced(upworkProposalIds: readonly string[], now: number): Promise<void> {
    if (upworkProposalIds.length === 0) return
    const ts = toSqlDateTime(now)
    await this.db.bulkWrite(
      [{ sql: `UPDATE "Proposal" SET "lastSyncedAt" = ? WHERE "upworkProposalId" = ?`, argsList: upworkProposalIds.map((id) => [ts, id]) }],
      { durability: 'refetchable' }
    )
  }

  async get(id: number): Promise<ProposalRow | null> {
    const rs = await this.db.client.execute({ sql: `SELECT ${COLUMNS} FROM "Proposal" WHERE "id" = ?`, args: [id] })
    const r = rs.rows[0]
    return r ? toRow(r as unknown as Record<string, unknown>) : null
  }

  async byDraft(draftId: number): Promise<ProposalRow | null> {
    const rs = await this.db.client.execute({ sql: `SELECT ${COLUMNS} FROM "Proposal" WHERE "draftId" = ?`, args: [draftId] })
    const r = rs.rows[0]
    return r ? toRow(r as unknown as Record<string, unknown>) : null
  }

  async byUpworkId(upworkProposalId: string): Promise<ProposalRow | null> {
    const rs = await this.db.client.execute({ sql: `SELECT ${COLUMNS} FROM "Proposal" WHERE "upworkProposalId" = ?`, args: [upworkProposalId] })
    const r = rs.rows[0]
    return r ? toRow(r as unknown as Record<string, unknown>) : null
  }

  /** Newest submission first. */
  async list(): Promise<ProposalRow[]> {
    const rs = await this.db.client.execute(`SELECT ${COLUMNS} FROM "Proposal" ORDER BY COALESCE("submittedAt", "createdAt") DESC, "id" DESC`)
    return (rs.rows as unknown as Rows).map(toRow)
  }

  /** Every row, for the sync's matching (a freelancer has hundreds, not millions). */
  async all(): Promise<ProposalRow[]> {
    const rs = await this.db.client.execute(`SELECT ${COLUMNS} FROM "Proposal" ORDER BY "id"`)
    return (rs.rows as unknown as Rows).map(toRow)
  }

  /** Proposal drafts with no Proposal row, on the given Upwork jobs, each with its latest text. */
  async openDrafts(upworkJobIds: readonly string[]): Promise<OpenDraft[]> {
    const out: OpenDraft[] = []
    for (let i = 0; i < upworkJobIds.length; i += 500) {
      const ids = upworkJobIds.slice(i, i + 500)
      const rs = await this.db.client.execute({
        sql: `SELECT d."id" AS "draftId", j."id" AS "jobId", j."upworkId" AS "upworkJobId", j."title" AS "jobTitle", d."bidAmount" AS "bidAmount",
                (SELECT v."text" FROM "DraftVersion" v WHERE v."draftId" = d."id" ORDER BY v."seq" DESC LIMIT 1) AS "text"
              FROM "ProposalDraft" d JOIN "Job" j ON j."id" = d."jobId"
              WHERE d."kind" = 'proposal' AND d."status" <> 'discarded' AND j."upworkId" IN (${placeholders(ids.length)})
                AND NOT EXISTS (SELECT 1 FROM "Proposal" p WHERE p."draftId" = d."id")
              ORDER BY d."id"`,
        args: [...ids]
      })
      for (const r of rs.rows as unknown as Rows) {
        out.push({
          draftId: Number(r.draftId),
          jobId: Number(r.jobId),
          upworkJobId: String(r.upworkJobId),
          jobTitle: String(r.jobTitle),
          text: str(r.text),
          bidAmount: r.bidAmount == null ? null : Number(r.bidAmount)
        })
      }
    }
    return out
  }

  /** The local Job row and title of Upwork jobs the cache holds. */
  async jobsByUpworkId(upworkJobIds: readonly string[]): Promise<Map<string, { id: number; title: string }>> {
    const out = new Map<string, { id: number; title: string }>()
    for (let i = 0; i < upworkJobIds.length; i += 500) {
      const ids = upworkJobIds.slice(i, i + 500)
      const rs = await this.db.client.execute({ sql: `SELECT "id", "upworkId", "title" FROM "Job" WHERE "upworkId" IN (${placeholders(ids.length)})`, args: [...ids] })
      for (const r of rs.rows as unknown as Rows) out.set(String(r.upworkId), { id: Number(r.id), title: String(r.title) })
    }
    return out
  }

  /** The history of the proposals, oldest first per proposal (by time, then by when it was written). */
  async events(ids: readonly number[]): Promise<Map<number, StatusEventRow[]>> {
    const out = new Map<number, StatusEventRow[]>()
    for (let i = 0; i < ids.length; i += 500) {
      const slice = ids.slice(i, i + 500)
      const rs = await this.db.client.execute({
        sql: `SELECT "proposalId", "fromStatus", "toStatus", "stage", "at", "source" FROM "ProposalStatusEvent" WHERE "proposalId" IN (${placeholders(slice.length)}) ORDER BY "proposalId", "at", "id"`,
        args: [...slice]
      })
      for (const r of rs.rows as unknown as Rows) {
        const e: StatusEventRow = {
          proposalId: Number(r.proposalId),
          from: str(r.fromStatus),
          to: String(r.toStatus),
          stage: oneOf(PROPOSAL_STAGES, r.stage),
          at: fromSqlDateTime(r.at),
          source: oneOf(STATUS_SOURCES, r.source) ?? 'app'
        }
        const list = out.get(e.proposalId)
        if (list) list.push(e)
        else out.set(e.proposalId, [e])
      }
    }
    return out
  }
}
