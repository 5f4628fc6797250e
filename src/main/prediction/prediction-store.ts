/**
 * The prediction domain's rows: the training data (approval snapshots joined with the proposals
 * they became and every stage their history reached) and the model versions (PredictionModel).
 * Reads the snapshot and outcome tables, writes only its own.
 */
import type { UserText } from '@shared/i18n'
import { PREDICTION_KINDS, type HeldOutMetricsDto, type PredictionKind } from '@shared/prediction'
import type { Database } from '../db/open-database'
import { yieldToEventLoop } from '../db/batches'
import { fromSqlDateTime, toSqlDateTime } from '../db/sql-values'
import type { FeatureSpec } from './features'
import { featuresOfSnapshot } from './inputs'
import { labelsOf } from './labels'
import type { TrainedModel } from './model'
import type { PriorParams } from './prior'
import type { LabelledRow } from './train'

type Row = Record<string, unknown>

/** The newest this many sent proposals are learned from (older ones add little and cost time). */
export const MAX_TRAINING_ROWS = 20_000
/** Rows per query: the main thread turns each page into rows between event-loop turns, never thousands at once. */
export const TRAINING_PAGE = 500

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))
const bool = (v: unknown): boolean | null => (v === null || v === undefined ? null : Number(v) === 1 || v === true)
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

const TRAINING_SQL =
  `SELECT s."id", s."approvedAt", s."score", s."minutesSincePosting", s."totalApplicants", s."clientVerified", s."clientTotalSpent", s."clientHires", ` +
  `s."clientFeedback", s."jobType", s."fixedAmount", s."hourlyMin", s."hourlyMax", s."experienceLevel", s."category", s."clientCountry", ` +
  `s."bidToBudget", s."draftWords", s."textSource", s."editedByUser", s."templateId", s."strategy", p."submittedAt", p."stage", ` +
  `(SELECT group_concat(DISTINCT e."stage") FROM "ProposalStatusEvent" e WHERE e."proposalId" = p."id") AS "stages" ` +
  `FROM "ApprovalSnapshot" s JOIN "Proposal" p ON p."draftId" = s."draftId" ` +
  `WHERE (s."approvedAt", s."id") < (?, ?) ORDER BY s."approvedAt" DESC, s."id" DESC LIMIT ?`

interface StoredCoefficients {
  spec: FeatureSpec
  intercept: number
  weights: number[]
  covariance: number[]
  lambda: number
  dataCutoff: number
  prior: PriorParams
}

interface StoredMetrics {
  heldOut: HeldOutMetricsDto
  priorHeldOut: HeldOutMetricsDto
}

function parseJson<T>(raw: unknown): T | null {
  try {
    return typeof raw === 'string' && raw ? (JSON.parse(raw) as T) : null
  } catch {
    return null
  }
}

export class PredictionStore {
  constructor(private readonly db: Pick<Database, 'client' | 'bulkWrite'>) {}

  /** Sent proposals with their snapshot and labels as of `now` (oldest first), read newest first in pages. */
  async trainingRows(now: number, limit = MAX_TRAINING_ROWS): Promise<LabelledRow[]> {
    const newestFirst: LabelledRow[] = []
    // keyset paging on (approvedAt, id); the start is a timestamp text (the column's NUMERIC affinity would make '9999' a number)
    let after: [string, number] = ['9999-12-31T23:59:59.999+00:00', Number.MAX_SAFE_INTEGER]
    while (newestFirst.length < limit) {
      if (newestFirst.length > 0) await yieldToEventLoop()
      const page = Math.min(TRAINING_PAGE, limit - newestFirst.length)
      const result = await this.db.client.execute({ sql: TRAINING_SQL, args: [after[0], after[1], page] })
      const rows = result.rows as unknown as Row[]
      for (const r of rows) newestFirst.push(toLabelledRow(r, now))
      if (rows.length < page) break
      const last = rows[rows.length - 1]!
      after = [String(last.approvedAt), Number(last.id)]
    }
    return newestFirst.reverse()
  }

  /**
   * Changes whenever outcomes or snapshots are added or change (the newest status row, the count
   * of snapshots and proposals): the heartbeat notices history written by any path (the sync, a
   * mark, the demo's sample history) without being told.
   */
  async signature(): Promise<string> {
    const r = await this.db.client.execute(
      `SELECT (SELECT MAX("id") FROM "ProposalStatusEvent") AS "e", (SELECT COUNT(*) FROM "ApprovalSnapshot") AS "s", (SELECT COUNT(*) FROM "Proposal") AS "p"`
    )
    const row = r.rows[0] as unknown as Row | undefined
    return `${String(row?.e ?? 0)}/${String(row?.s ?? 0)}/${String(row?.p ?? 0)}`
  }

  /** The version in use per kind (null: none yet). */
  async active(): Promise<Record<PredictionKind, TrainedModel | null>> {
    const result = await this.db.client.execute(`SELECT * FROM "PredictionModel" WHERE "status" = 'active' ORDER BY "version" DESC`)
    const out: Record<PredictionKind, TrainedModel | null> = { reply: null, hire: null }
    for (const r of result.rows as unknown as Row[]) {
      const kind = r.kind as PredictionKind
      if (!PREDICTION_KINDS.includes(kind) || out[kind]) continue
      out[kind] = toModel(r)
    }
    return out
  }

  /** The next version number per kind (highest stored + 1). */
  async nextVersions(): Promise<Record<PredictionKind, number>> {
    const result = await this.db.client.execute(`SELECT "kind", MAX("version") AS "v" FROM "PredictionModel" GROUP BY "kind"`)
    const out: Record<PredictionKind, number> = { reply: 1, hire: 1 }
    for (const r of result.rows as unknown as Row[]) if (PREDICTION_KINDS.includes(r.kind as PredictionKind)) out[r.kind as PredictionKind] = Number(r.v) + 1
    return out
  }

  /** Stores an accepted version and retires the one it replaces, in one transaction. */
  async saveAccepted(model: TrainedModel, decision: UserText): Promise<void> {
    const coefficients: StoredCoefficients = {
      spec: model.spec,
      intercept: model.intercept,
      weights: model.weights,
      covariance: model.covariance,
      lambda: model.lambda,
      dataCutoff: model.dataCutoff,
      prior: model.prior
    }
    const metrics: StoredMetrics = { heldOut: model.heldOut, priorHeldOut: model.priorHeldOut }
    const at = toSqlDateTime(model.trainedAt)
    await this.db.bulkWrite(
      [
        { sql: `UPDATE "PredictionModel" SET "status" = 'retired' WHERE "kind" = ? AND "status" = 'active'`, argsList: [[model.kind]] },
        {
          sql:
            `INSERT INTO "PredictionModel" ("kind", "version", "status", "trainedAt", "n", "positives", "featureSchemaVersion", "coefficients", "metrics", "decision", "createdAt") ` +
            `VALUES (?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?)`,
          argsList: [[model.kind, model.version, at, model.n, model.positives, model.featureSchemaVersion, JSON.stringify(coefficients), JSON.stringify(metrics), JSON.stringify(decision), at]]
        }
      ],
      { durability: 'user' }
    )
  }

  /** Every stored version of a kind, newest first (tests, diagnostics). */
  async versions(kind: PredictionKind): Promise<Array<{ version: number; status: string; trainedAt: number }>> {
    const result = await this.db.client.execute({ sql: `SELECT "version", "status", "trainedAt" FROM "PredictionModel" WHERE "kind" = ? ORDER BY "version" DESC`, args: [kind] })
    return (result.rows as unknown as Row[]).map((r) => ({ version: Number(r.version), status: String(r.status), trainedAt: fromSqlDateTime(r.trainedAt) }))
  }

  /** The decision stored with the version in use. */
  async activeDecision(kind: PredictionKind): Promise<UserText | null> {
    const result = await this.db.client.execute({ sql: `SELECT "decision" FROM "PredictionModel" WHERE "kind" = ? AND "status" = 'active' ORDER BY "version" DESC LIMIT 1`, args: [kind] })
    return parseJson<UserText>((result.rows[0] as unknown as Row | undefined)?.decision)
  }
}

function toLabelledRow(r: Row, now: number): LabelledRow {
  const at = fromSqlDateTime(r.approvedAt)
  const sentAt = r.submittedAt ? fromSqlDateTime(r.submittedAt) : at
  const stages = [...(str(r.stages)?.split(',') ?? []), str(r.stage)]
  const textSource = r.textSource === 'ai' || r.textSource === 'template' ? r.textSource : 'user'
  const x = featuresOfSnapshot({
    score: num(r.score),
    minutesSincePosting: num(r.minutesSincePosting),
    totalApplicants: num(r.totalApplicants),
    clientVerified: bool(r.clientVerified),
    clientTotalSpent: num(r.clientTotalSpent),
    clientHires: num(r.clientHires),
    clientFeedback: num(r.clientFeedback),
    jobType: str(r.jobType),
    fixedAmount: num(r.fixedAmount),
    hourlyMin: num(r.hourlyMin),
    hourlyMax: num(r.hourlyMax),
    experienceLevel: str(r.experienceLevel),
    category: str(r.category),
    clientCountry: str(r.clientCountry),
    bidToBudget: num(r.bidToBudget),
    draftWords: num(r.draftWords) ?? 0,
    textSource,
    editedByUser: bool(r.editedByUser) === true,
    templateId: num(r.templateId),
    strategy: str(r.strategy)
  })
  return { x, at, ...labelsOf(stages, sentAt, now) }
}

function toModel(r: Row): TrainedModel | null {
  const c = parseJson<StoredCoefficients>(r.coefficients)
  const m = parseJson<StoredMetrics>(r.metrics)
  if (!c || !m || !Array.isArray(c.weights) || !c.spec || c.weights.length !== c.spec.columns.length) return null
  return {
    kind: r.kind as PredictionKind,
    version: Number(r.version),
    trainedAt: fromSqlDateTime(r.trainedAt),
    featureSchemaVersion: Number(r.featureSchemaVersion),
    spec: c.spec,
    intercept: c.intercept,
    weights: c.weights,
    covariance: c.covariance,
    lambda: c.lambda,
    n: Number(r.n),
    positives: Number(r.positives),
    dataCutoff: c.dataCutoff,
    prior: c.prior,
    heldOut: m.heldOut,
    priorHeldOut: m.priorHeldOut
  }
}
