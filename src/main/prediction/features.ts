/**
 * The success model's features (issue 10 item 4), one module for training and prediction alike.
 *
 * Input is what the approval snapshot stores (review/snapshot.ts computes it; a job before drafting
 * gives the job's side only, `draft: null`). `rawColumns` turns it into named raw values (log
 * scales for money and counts, one-hot levels for categories, a 0/1 indicator beside every value
 * that can be missing); `fitSpec` learns, from the training rows only, which columns exist (levels
 * seen often enough, columns that vary) and their mean, spread and range; `encode` standardises a
 * row with that spec, a value outside the training range clamped to it. Pure.
 */
import type { PredictionFeature } from '@shared/prediction'

/** Bumped whenever a column's meaning changes: a stored model with another version is retrained, never applied. */
export const FEATURE_SCHEMA_VERSION = 1

export interface JobFeatures {
  score: number | null
  minutesSincePosting: number | null
  totalApplicants: number | null
  clientVerified: boolean | null
  clientTotalSpent: number | null
  clientHires: number | null
  clientFeedback: number | null
  jobType: string | null
  fixedAmount: number | null
  hourlyMin: number | null
  hourlyMax: number | null
  experienceLevel: string | null
  category: string | null
  clientCountry: string | null
}

export interface DraftFeatures {
  bidToBudget: number | null
  draftWords: number
  textSource: 'ai' | 'template' | 'user'
  editedByUser: boolean
  templateId: number | null
  strategy: string | null
}

/** One row: the job's side, and the draft's once there is one (null: a job before drafting). */
export interface FeatureInput extends JobFeatures {
  draft: DraftFeatures | null
}

/** How a column came out of a feature: its value, "value missing", "none at all" (a count of 0), or one level of a category. */
export type ColumnKind = 'value' | 'missing' | 'none' | 'level'

export interface ColumnSpec {
  name: string
  feature: PredictionFeature
  kind: ColumnKind
  level?: string
  mean: number
  sd: number
  /** A value column's range in the training rows: a row outside it is clamped (no extrapolation beyond what was seen). */
  min?: number
  max?: number
}

export interface FeatureSpec {
  schemaVersion: number
  columns: ColumnSpec[]
}

/** Categorical features whose levels come from the data (kept when seen at least this often). */
const CATEGORICAL: ReadonlyArray<PredictionFeature> = ['experienceLevel', 'category', 'clientCountry', 'textSource', 'template', 'strategy']
export const MIN_LEVEL_COUNT = 10
export const MAX_LEVELS = 8
/** Counts where none at all differs in kind from a few (a client with no hires yet). */
const NONE_FLAG: ReadonlySet<PredictionFeature> = new Set(['clientHires', 'clientTotalSpent', 'totalApplicants'])
const DRAFT_FEATURES: ReadonlySet<PredictionFeature> = new Set(['bidToBudget', 'draftWords', 'textSource', 'editedByUser', 'template', 'strategy'])

export const isDraftFeature = (f: PredictionFeature): boolean => DRAFT_FEATURES.has(f)

const log1p = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : Math.log1p(Math.max(0, v)))
const num = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : v)
const bool = (v: boolean | null): number | null => (v === null ? null : v ? 1 : 0)

/** The budget a bid is weighed against: fixed → the price; hourly → the range's top, else its bottom (as snapshot.bidToBudget). */
export function budgetOf(j: Pick<JobFeatures, 'jobType' | 'fixedAmount' | 'hourlyMin' | 'hourlyMax'>): number | null {
  const b = j.jobType === 'FIXED' ? j.fixedAmount : (j.hourlyMax ?? j.hourlyMin)
  return b !== null && b > 0 ? b : null
}

/** A feature's numeric value (before standardisation), null when unknown; categorical ones are not here. */
export function numericValues(x: FeatureInput): Partial<Record<PredictionFeature, number | null>> {
  const out: Partial<Record<PredictionFeature, number | null>> = {
    score: num(x.score),
    minutesSincePosting: log1p(x.minutesSincePosting),
    totalApplicants: log1p(x.totalApplicants),
    clientVerified: bool(x.clientVerified),
    clientTotalSpent: log1p(x.clientTotalSpent),
    clientHires: log1p(x.clientHires),
    clientFeedback: num(x.clientFeedback),
    fixedPrice: x.jobType === null ? null : x.jobType === 'FIXED' ? 1 : 0,
    budget: log1p(budgetOf(x))
  }
  if (x.draft) {
    out.bidToBudget = x.draft.bidToBudget === null ? null : Math.min(3, Math.max(0, x.draft.bidToBudget))
    out.draftWords = log1p(x.draft.draftWords)
    out.editedByUser = x.draft.editedByUser ? 1 : 0
  }
  return out
}

/** A categorical feature's level (null when unknown). */
export function levelOf(x: FeatureInput, f: PredictionFeature): string | null {
  switch (f) {
    case 'experienceLevel':
      return x.experienceLevel
    case 'category':
      return x.category
    case 'clientCountry':
      return x.clientCountry
    case 'textSource':
      return x.draft?.textSource ?? null
    case 'template':
      return x.draft?.templateId == null ? null : String(x.draft.templateId)
    case 'strategy':
      return x.draft?.strategy ?? null
    default:
      return null
  }
}

const NUMERIC: ReadonlyArray<PredictionFeature> = ['score', 'minutesSincePosting', 'totalApplicants', 'clientVerified', 'clientTotalSpent', 'clientHires', 'clientFeedback', 'fixedPrice', 'budget', 'bidToBudget', 'draftWords', 'editedByUser']

const MISSING_KEY = new Map(NUMERIC.map((f) => [f, `${f}:missing`]))
const NONE_KEY = new Map(NUMERIC.map((f) => [f, `${f}:none`]))
/** Rows are read many times in one training (spec, encoding, evaluation): each row's raw columns once. */
const rawCache = new WeakMap<FeatureInput, Map<string, number>>()

/** Named raw values of one row: every numeric feature's value and missing flag, and 1 for its category levels. */
export function rawColumns(x: FeatureInput): Map<string, number> {
  const cached = rawCache.get(x)
  if (cached) return cached
  const out = new Map<string, number>()
  const values = numericValues(x)
  for (const f of NUMERIC) {
    if (isDraftFeature(f) && !x.draft) continue // a job before drafting: the draft's columns stay neutral
    const v = values[f] ?? null
    out.set(MISSING_KEY.get(f)!, v === null ? 1 : 0)
    if (v !== null) out.set(f, v)
    if (v !== null && NONE_FLAG.has(f)) out.set(NONE_KEY.get(f)!, v === 0 ? 1 : 0)
  }
  for (const f of CATEGORICAL) {
    if (isDraftFeature(f) && !x.draft) continue
    const level = levelOf(x, f)
    if (level !== null) out.set(`${f}=${level}`, 1)
  }
  rawCache.set(x, out)
  return out
}

/** Neutral value for a column a row does not have: 0 for flags and levels, the training mean for values. */
function valueIn(raw: Map<string, number>, c: ColumnSpec, hasDraft: boolean): number {
  if (isDraftFeature(c.feature) && !hasDraft) return c.mean
  const v = raw.get(c.name)
  if (v !== undefined) return v
  return c.kind === 'value' ? c.mean : 0
}

/** Learns the columns from training rows: levels seen ≥ MIN_LEVEL_COUNT times (at most MAX_LEVELS), columns that vary, their mean and sd. */
export function fitSpec(rows: readonly FeatureInput[]): FeatureSpec {
  const raws = rows.map(rawColumns)
  const candidates: Array<Omit<ColumnSpec, 'mean' | 'sd'>> = []
  for (const f of NUMERIC) {
    candidates.push({ name: f, feature: f, kind: 'value' }, { name: `${f}:missing`, feature: f, kind: 'missing' })
    if (NONE_FLAG.has(f)) candidates.push({ name: `${f}:none`, feature: f, kind: 'none' })
  }
  for (const f of CATEGORICAL) {
    const counts = new Map<string, number>()
    for (const x of rows) {
      const l = levelOf(x, f)
      if (l !== null) counts.set(l, (counts.get(l) ?? 0) + 1)
    }
    const kept = [...counts.entries()]
      .filter(([, n]) => n >= MIN_LEVEL_COUNT)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_LEVELS)
    for (const [level] of kept) candidates.push({ name: `${f}=${level}`, feature: f, kind: 'level', level })
  }
  const columns: ColumnSpec[] = []
  for (const c of candidates) {
    // a value column's mean over the rows that have it; a row without it sits at that mean (0 once standardised)
    let count = 0
    let sum = 0
    let sumSq = 0
    let min = Infinity
    let max = -Infinity
    for (const r of raws) {
      const v = r.get(c.name)
      if (v === undefined) continue
      count++
      sum += v
      sumSq += v * v
      if (v < min) min = v
      if (v > max) max = v
    }
    if (c.kind === 'value' ? count === 0 : raws.length === 0) continue
    const mean = c.kind === 'value' ? sum / count : sum / raws.length
    // over every row: one without a value sits at the mean (adds nothing), flags and levels are 0 there
    const variance = Math.max(0, (sumSq - (c.kind === 'value' ? count : raws.length) * mean * mean) / raws.length)
    const sd = Math.sqrt(variance)
    if (!(sd > 1e-9)) continue // constant in the training data: nothing to learn from it
    columns.push(c.kind === 'value' ? { ...c, mean, sd, min, max } : { ...c, mean, sd })
  }
  return { schemaVersion: FEATURE_SCHEMA_VERSION, columns }
}

/** The standardised vector of one row under `spec` (the model's columns, in order). */
export function encode(spec: FeatureSpec, x: FeatureInput): Float64Array {
  const raw = rawColumns(x)
  const out = new Float64Array(spec.columns.length)
  spec.columns.forEach((c, i) => {
    const v = valueIn(raw, c, x.draft !== null)
    const clamped = c.min !== undefined && c.max !== undefined ? Math.min(c.max, Math.max(c.min, v)) : v
    out[i] = (clamped - c.mean) / c.sd
  })
  return out
}
