/**
 * Held-out quality of probabilistic predictions: AUC (Mann–Whitney, ties counted half), Brier
 * score, log-loss, calibration bins and the expected calibration error. Pure; never NaN (an AUC
 * with one class only is null).
 */
import type { CalibrationBinDto, HeldOutMetricsDto } from '@shared/prediction'

export const CALIBRATION_BINS = 10

export function auc(p: readonly number[], y: readonly number[]): number | null {
  const pos = y.filter((v) => v === 1).length
  const neg = y.length - pos
  if (pos === 0 || neg === 0) return null
  const order = p.map((v, i) => i).sort((a, b) => p[a]! - p[b]!)
  let rankSumPos = 0
  for (let i = 0; i < order.length; ) {
    let j = i
    while (j + 1 < order.length && p[order[j + 1]!] === p[order[i]!]) j++
    const avgRank = (i + j) / 2 + 1
    for (let k = i; k <= j; k++) if (y[order[k]!] === 1) rankSumPos += avgRank
    i = j + 1
  }
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg)
}

export function brier(p: readonly number[], y: readonly number[]): number {
  if (p.length === 0) return 0
  let s = 0
  for (let i = 0; i < p.length; i++) s += (p[i]! - y[i]!) ** 2
  return s / p.length
}

export function logLoss(p: readonly number[], y: readonly number[]): number {
  if (p.length === 0) return 0
  let s = 0
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(1 - 1e-12, Math.max(1e-12, p[i]!))
    s -= y[i] === 1 ? Math.log(q) : Math.log(1 - q)
  }
  return s / p.length
}

/** Equal-width bins over [0, 1]; only non-empty ones are returned. */
export function calibrationBins(p: readonly number[], y: readonly number[], bins = CALIBRATION_BINS): CalibrationBinDto[] {
  const sums = Array.from({ length: bins }, () => ({ p: 0, y: 0, n: 0 }))
  for (let i = 0; i < p.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p[i]! * bins)))
    const s = sums[b]!
    s.p += p[i]!
    s.y += y[i]!
    s.n++
  }
  return sums.flatMap((s, b) => (s.n === 0 ? [] : [{ from: b / bins, to: (b + 1) / bins, predicted: s.p / s.n, observed: s.y / s.n, count: s.n }]))
}

/** Σ (count / n) · |predicted − observed| over the bins. */
export function expectedCalibrationError(bins: readonly CalibrationBinDto[]): number {
  const n = bins.reduce((a, b) => a + b.count, 0)
  return n === 0 ? 0 : bins.reduce((a, b) => a + (b.count / n) * Math.abs(b.predicted - b.observed), 0)
}

export function heldOutMetrics(p: readonly number[], y: readonly number[]): HeldOutMetricsDto {
  const bins = calibrationBins(p, y)
  return {
    n: p.length,
    positives: y.filter((v) => v === 1).length,
    auc: auc(p, y),
    brier: brier(p, y),
    logLoss: logLoss(p, y),
    ece: expectedCalibrationError(bins),
    bins
  }
}
