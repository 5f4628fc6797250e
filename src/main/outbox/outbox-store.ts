import type { UserText } from '@shared/i18n'
import { OUTBOX_STATES, type OutboxKind, type OutboxState } from '@shared/outbox'
import type { Database } from '../db/open-database'
import { fromSqlDateTime, toSqlDateTime } from '../db/sql-values'

/**
 * The outbox's rows (OutboxItem, OutboxEvent). Every change of state is ONE transaction in the
 * database worker at the 'user' durability (synchronous=FULL): the new state and its history row
 * together, on disk when the call returns. A change is a compare-and-set: it happens only from the
 * states given, so two callers (two clicks, a click and the online flush) cannot both move an item
 * to `sending`; the loser sees `false`.
 */
export interface OutboxRow {
  id: number
  kind: OutboxKind
  payload: string
  idempotencyKey: string
  state: OutboxState
  attempts: number
  lastErrorCode: string | null
  lastErrorText: UserText | null
  remoteId: string | null
  draftId: number | null
  createdAt: number
  updatedAt: number
  sentAt: number | null
}

export interface OutboxEventRow {
  itemId: number
  from: OutboxState | null
  to: OutboxState
  at: number
  detail: string | null
}

export interface TransitionChange {
  /** Add one to `attempts` (a request is about to leave). */
  attempt?: boolean
  /** Set (an object), clear (null) or keep (undefined) the last error. */
  error?: { code: string; text: UserText } | null
  remoteId?: string
  sentAt?: number
}

const ITEM_COLUMNS = `"id", "kind", "payload", "idempotencyKey", "state", "attempts", "lastErrorCode", "lastErrorText", "remoteId", "draftId", "createdAt", "updatedAt", "sentAt"`

function asState(value: unknown): OutboxState {
  const s = String(value)
  if (!(OUTBOX_STATES as readonly string[]).includes(s)) throw new Error(`Unknown outbox state in the database: ${s}`)
  return s as OutboxState
}

function parseText(value: unknown): UserText | null {
  if (typeof value !== 'string' || value === '') return null
  try {
    return JSON.parse(value) as UserText
  } catch {
    return null
  }
}

const num = (v: unknown): number => Number(v)
const nullableDate = (v: unknown): number | null => (v == null ? null : fromSqlDateTime(v))
const nullableString = (v: unknown): string | null => (v == null ? null : String(v))

function toRow(r: Record<string, unknown>): OutboxRow {
  return {
    id: num(r.id),
    kind: String(r.kind) as OutboxKind,
    payload: String(r.payload),
    idempotencyKey: String(r.idempotencyKey),
    state: asState(r.state),
    attempts: num(r.attempts),
    lastErrorCode: nullableString(r.lastErrorCode),
    lastErrorText: parseText(r.lastErrorText),
    remoteId: nullableString(r.remoteId),
    draftId: r.draftId == null ? null : num(r.draftId),
    createdAt: fromSqlDateTime(r.createdAt),
    updatedAt: fromSqlDateTime(r.updatedAt),
    sentAt: nullableDate(r.sentAt)
  }
}

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ')

export class OutboxStore {
  constructor(private readonly db: Pick<Database, 'client' | 'bulkWrite'>) {}

  /**
   * One item per idempotency key: the first call creates it (`queued`, with its "created" event),
   * a later call with the same key changes nothing. Returns the item either way, and whether it was new.
   */
  async create(
    input: { kind: OutboxKind; payload: string; idempotencyKey: string; draftId: number | null },
    now: number
  ): Promise<{ row: OutboxRow; created: boolean }> {
    const at = toSqlDateTime(now)
    const [inserted] = await this.db.bulkWrite(
      [
        {
          sql: `INSERT INTO "OutboxItem" ("kind", "payload", "idempotencyKey", "state", "attempts", "draftId", "createdAt", "updatedAt")
                VALUES (?, ?, ?, 'queued', 0, ?, ?, ?) ON CONFLICT ("idempotencyKey") DO NOTHING`,
          argsList: [[input.kind, input.payload, input.idempotencyKey, input.draftId, at, at]]
        },
        {
          sql: `INSERT INTO "OutboxEvent" ("itemId", "fromState", "toState", "at", "detail")
                SELECT "id", NULL, 'queued', ?, 'created' FROM "OutboxItem" i
                WHERE "idempotencyKey" = ? AND NOT EXISTS (SELECT 1 FROM "OutboxEvent" e WHERE e."itemId" = i."id")`,
          argsList: [[at, input.idempotencyKey]]
        }
      ],
      { durability: 'user' }
    )
    const row = await this.byKey(input.idempotencyKey)
    if (!row) throw new Error('The outbox item was not saved')
    return { row, created: (inserted?.rowsAffected ?? 0) > 0 }
  }

  /** Moves the item to `to` if it is in one of `from`; false (nothing written) otherwise. */
  async transition(id: number, from: readonly OutboxState[], to: OutboxState, change: TransitionChange, detail: string, now: number): Promise<boolean> {
    const at = toSqlDateTime(now)
    const inFrom = `"state" IN (${placeholders(from.length)})`
    const sets = [`"state" = ?`, `"updatedAt" = ?`]
    const args: Array<string | number | null> = [to, at]
    if (change.attempt) sets.push(`"attempts" = "attempts" + 1`)
    if (change.error !== undefined) {
      sets.push(`"lastErrorCode" = ?`, `"lastErrorText" = ?`)
      args.push(change.error?.code ?? null, change.error ? JSON.stringify(change.error.text) : null)
    }
    if (change.remoteId !== undefined) {
      sets.push(`"remoteId" = ?`)
      args.push(change.remoteId)
    }
    if (change.sentAt !== undefined) {
      sets.push(`"sentAt" = ?`)
      args.push(toSqlDateTime(change.sentAt))
    }
    const [, updated] = await this.db.bulkWrite(
      [
        {
          // The history row first, from the same condition, so it is written exactly when the change is.
          sql: `INSERT INTO "OutboxEvent" ("itemId", "fromState", "toState", "at", "detail")
                SELECT "id", "state", ?, ?, ? FROM "OutboxItem" WHERE "id" = ? AND ${inFrom}`,
          argsList: [[to, at, detail, id, ...from]]
        },
        { sql: `UPDATE "OutboxItem" SET ${sets.join(', ')} WHERE "id" = ? AND ${inFrom}`, argsList: [[...args, id, ...from]] }
      ],
      { durability: 'user' }
    )
    return (updated?.rowsAffected ?? 0) > 0
  }

  /**
   * At start: an item still `sending` was in flight when the app stopped (a crash, a kill, a power
   * cut), so Upwork may have it. It becomes `unknown`, to be read back; never sent again blindly.
   */
  async markInterrupted(error: { code: string; text: UserText }, now: number): Promise<number> {
    const at = toSqlDateTime(now)
    const [, updated] = await this.db.bulkWrite(
      [
        {
          sql: `INSERT INTO "OutboxEvent" ("itemId", "fromState", "toState", "at", "detail")
                SELECT "id", 'sending', 'unknown', ?, 'interrupted' FROM "OutboxItem" WHERE "state" = 'sending'`,
          argsList: [[at]]
        },
        {
          sql: `UPDATE "OutboxItem" SET "state" = 'unknown', "updatedAt" = ?, "lastErrorCode" = ?, "lastErrorText" = ? WHERE "state" = 'sending'`,
          argsList: [[at, error.code, JSON.stringify(error.text)]]
        }
      ],
      { durability: 'user' }
    )
    return updated?.rowsAffected ?? 0
  }

  async get(id: number): Promise<OutboxRow | null> {
    const rs = await this.db.client.execute({ sql: `SELECT ${ITEM_COLUMNS} FROM "OutboxItem" WHERE "id" = ?`, args: [id] })
    const r = rs.rows[0]
    return r ? toRow(r as unknown as Record<string, unknown>) : null
  }

  async byKey(key: string): Promise<OutboxRow | null> {
    const rs = await this.db.client.execute({ sql: `SELECT ${ITEM_COLUMNS} FROM "OutboxItem" WHERE "idempotencyKey" = ?`, args: [key] })
    const r = rs.rows[0]
    return r ? toRow(r as unknown as Record<string, unknown>) : null
  }

  /** Newest first; `states` narrows it (oldest first then, the order to work through them). */
  async list(states?: readonly OutboxState[]): Promise<OutboxRow[]> {
    const rs = states
      ? await this.db.client.execute({
          sql: `SELECT ${ITEM_COLUMNS} FROM "OutboxItem" WHERE "state" IN (${placeholders(states.length)}) ORDER BY "createdAt", "id"`,
          args: [...states]
        })
      : await this.db.client.execute(`SELECT ${ITEM_COLUMNS} FROM "OutboxItem" ORDER BY "createdAt" DESC, "id" DESC`)
    return rs.rows.map((r) => toRow(r as unknown as Record<string, unknown>))
  }

  /** The history of the items, oldest first per item. */
  async events(itemIds: readonly number[]): Promise<Map<number, OutboxEventRow[]>> {
    const out = new Map<number, OutboxEventRow[]>()
    if (itemIds.length === 0) return out
    for (let i = 0; i < itemIds.length; i += 500) {
      const ids = itemIds.slice(i, i + 500)
      const rs = await this.db.client.execute({
        sql: `SELECT "itemId", "fromState", "toState", "at", "detail" FROM "OutboxEvent" WHERE "itemId" IN (${placeholders(ids.length)}) ORDER BY "itemId", "id"`,
        args: [...ids]
      })
      for (const r of rs.rows as unknown as Array<Record<string, unknown>>) {
        const event: OutboxEventRow = {
          itemId: num(r.itemId),
          from: r.fromState == null ? null : asState(r.fromState),
          to: asState(r.toState),
          at: fromSqlDateTime(r.at),
          detail: nullableString(r.detail)
        }
        const list = out.get(event.itemId)
        if (list) list.push(event)
        else out.set(event.itemId, [event])
      }
    }
    return out
  }

  async countByState(states: readonly OutboxState[]): Promise<Map<OutboxState, number>> {
    const rs = await this.db.client.execute({
      sql: `SELECT "state", COUNT(*) AS "n" FROM "OutboxItem" WHERE "state" IN (${placeholders(states.length)}) GROUP BY "state"`,
      args: [...states]
    })
    return new Map(rs.rows.map((r) => [asState((r as unknown as Record<string, unknown>).state), num((r as unknown as Record<string, unknown>).n)]))
  }

  /** Upwork ids already matched to an item of this kind (a read-back never claims one twice). */
  async claimedRemoteIds(kind: OutboxKind): Promise<Set<string>> {
    const rs = await this.db.client.execute({ sql: `SELECT "remoteId" FROM "OutboxItem" WHERE "kind" = ? AND "remoteId" IS NOT NULL`, args: [kind] })
    return new Set(rs.rows.map((r) => String((r as unknown as Record<string, unknown>).remoteId)))
  }
}
