/**
 * The peeking guard: a mixture sequential probability ratio test (mSPRT; Robbins 1970; Johari,
 * Koomen, Pekelis & Walsh, "Always valid inference", 2017) on the difference of two proportions,
 * normal approximation, mixing distribution N(0, τ²) over the difference. Its likelihood ratio
 * Λₙ is a martingale under "no difference", so P(Λₙ ≥ 1/α at any n) ≤ α (Ville's inequality):
 * the results may be looked at after every proposal, every day, for ever, and a false winner is
 * still declared with probability at most α. Pure.
 */

export interface ArmCounts {
  n: number
  successes: number
}

/** The pooled rate under "no difference" (its posterior mean: never 0 or 1, so the variance is never 0). */
export const pooledRate = (arms: readonly ArmCounts[]): number => {
  let n = 0
  let s = 0
  for (const a of arms) {
    n += a.n
    s += a.successes
  }
  return (s + 1) / (n + 2)
}

/**
 * log Λ for a difference `diff` between two arms of sizes nA, nB, pooled rate p and mixing
 * scale τ (the size of difference worth detecting, in rate points). −∞ when an arm is empty.
 */
export function logMixtureRatio(diff: number, nA: number, nB: number, pooled: number, tau: number): number {
  if (nA <= 0 || nB <= 0) return Number.NEGATIVE_INFINITY
  const v = pooled * (1 - pooled) * (1 / nA + 1 / nB)
  const t2 = tau * tau
  return 0.5 * Math.log(v / (v + t2)) + (t2 * diff * diff) / (2 * v * (v + t2))
}

/** log Λ for the observed difference between two arms. */
export function logMsprt(a: ArmCounts, b: ArmCounts, pooled: number, tau: number): number {
  if (a.n <= 0 || b.n <= 0) return Number.NEGATIVE_INFINITY
  return logMixtureRatio(b.successes / b.n - a.successes / a.n, a.n, b.n, pooled, tau)
}

/**
 * How many more outcomes per arm until Λ, at difference `diff`, would reach the threshold: the
 * expected-path approximation (the statistic computed as if the rates stayed what they are). A
 * rough guide, not a promise; null beyond `cap`.
 */
export function extraPerArmNeeded(diff: number, nA: number, nB: number, pooled: number, tau: number, logThreshold: number, minPerArm: number, cap = 200_000): number | null {
  const ok = (m: number): boolean => nA + m >= minPerArm && nB + m >= minPerArm && logMixtureRatio(diff, nA + m, nB + m, pooled, tau) >= logThreshold
  if (ok(0)) return 0
  let hi = 1
  while (!ok(hi)) {
    hi *= 2
    if (hi > cap) return null
  }
  let lo = Math.floor(hi / 2)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (ok(mid)) hi = mid
    else lo = mid
  }
  return hi
}
