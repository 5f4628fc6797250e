/** Small statistics for benchmarks: these machines are noisy, so report medians of several runs. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** The p-th percentile (0–100), nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

export const round = (n: number, digits = 1): number => Number(n.toFixed(digits))

/**
 * One figure a benchmark reports: `key` is its stable name in `npm run bench -- --json FILE`
 * (`area.metric_unit`, e.g. `db.bulk_upsert_rows_per_s`), `label` what the printed table says.
 */
export interface Figure {
  key: string
  label: string
  value: number
}

/** The median of `values`, rounded (0 digits for rates, `digits` otherwise), as a figure. */
export function medianFigure(key: string, label: string, values: number[], digits = key.endsWith('_per_s') ? 0 : 1): Figure {
  return { key, label, value: round(median(values), digits) }
}
