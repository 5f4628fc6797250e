/**
 * Beta-binomial evaluation of an experiment (issue 10 item 3). Pure and seeded.
 *
 * - Each variant: Beta(1, 1) prior, posterior Beta(1 + successes, 1 + failures); posterior mean,
 *   95% equal-tailed credible interval (exact quantiles).
 * - Among the comparable (still assignable) variants: the probability each is best and the
 *   expected loss of choosing it, E[max_j p_j − p_i], by seeded Monte Carlo.
 * - The decision, peeking-safe: a winner only when every variant has at least `minPerVariant`
 *   known outcomes, the leader beats every other variant in an mSPRT at level α/(k−1)
 *   (Bonferroni over the k−1 comparisons; always valid, so daily looks do not inflate false
 *   winners) and its probability to be best is at least `minPBest`.
 * - "How many more": the expected-path approximation of the mSPRT (msprt.ts) at the larger of
 *   the observed leader–runner-up difference and the minimum effect worth detecting.
 */
import type { ExperimentDecisionDto } from '@shared/experiments'
import { betaQuantile, betaSampler } from './beta'
import { extraPerArmNeeded, logMsprt, pooledRate } from './msprt'
import { seededRandom } from '@shared/prng'

export interface ArmInput {
  id: number
  n: number
  successes: number
  /** Still assignable (a retired variant is shown but not compared). Default true. */
  comparable?: boolean
}

export interface ArmResult {
  id: number
  n: number
  successes: number
  rate: number | null
  posteriorMean: number
  interval: { low: number; high: number }
  pBest: number | null
  expectedLoss: number | null
}

export interface EvaluationOptions {
  /** The false-winner rate the rule keeps under any amount of peeking. */
  alpha: number
  minPerVariant: number
  minPBest: number
  /** Relative lift worth detecting (0.3 = 30%): sets the mSPRT's mixing scale and the "how many more". */
  minEffect: number
  seed: number
  draws: number
  /** The user's overall rate for the metric (all their sent proposals), for the "how many more" estimate; null: unknown. */
  baselineRate?: number | null
}

export const DEFAULT_EVALUATION: Omit<EvaluationOptions, 'seed'> = { alpha: 0.05, minPerVariant: 30, minPBest: 0.95, minEffect: 0.3, draws: 8000 }

export interface Evaluation {
  arms: ArmResult[]
  decision: ExperimentDecisionDto
}

const clean = (a: ArmInput): ArmInput => {
  const n = Number.isFinite(a.n) && a.n > 0 ? Math.floor(a.n) : 0
  const s = Number.isFinite(a.successes) && a.successes > 0 ? Math.min(n, Math.floor(a.successes)) : 0
  return { id: a.id, n, successes: s, comparable: a.comparable !== false }
}

const mean = (a: ArmInput): number => (1 + a.successes) / (2 + a.n)
const observed = (a: ArmInput): number => (a.n > 0 ? a.successes / a.n : mean(a))

/** P(best) and expected loss for each of `arms`, by `draws` seeded posterior draws. */
export function probabilityBest(arms: readonly ArmInput[], seed: number, draws: number): { pBest: number[]; expectedLoss: number[] } {
  const k = arms.length
  if (k === 0) return { pBest: [], expectedLoss: [] }
  const { gamma } = betaSampler(seededRandom(seed, 0x5eed))
  const alpha = Float64Array.from(arms, (a) => 1 + a.successes)
  const beta = Float64Array.from(arms, (a) => 1 + a.n - a.successes)
  const best = new Float64Array(k)
  const loss = new Float64Array(k)
  const x = new Float64Array(k)
  for (let d = 0; d < draws; d++) {
    let max = -1
    let arg = 0
    for (let i = 0; i < k; i++) {
      const g = gamma(alpha[i]!)
      const v = g / (g + gamma(beta[i]!))
      x[i] = v
      if (v > max) {
        max = v
        arg = i
      }
    }
    best[arg]! += 1
    for (let i = 0; i < k; i++) loss[i]! += max - x[i]!
  }
  return { pBest: Array.from(best, (b) => b / draws), expectedLoss: Array.from(loss, (l) => l / draws) }
}

/**
 * The "how many more" estimate. The pooled rate is the arms' own, blended with the user's overall
 * rate (`baselineRate`, 100 pseudo-observations) when known, so a young experiment is not planned
 * around a 50% reply rate. Before the minimum sample the difference planned for is the minimum
 * effect (small samples' differences are noise); after it, the larger of the observed leader –
 * runner-up difference and the minimum effect.
 */
function forwardEstimate(arms: readonly ArmInput[], opts: EvaluationOptions, logThreshold: number, early: boolean): number | null {
  const sorted = [...arms].sort((a, b) => mean(b) - mean(a))
  const leader = sorted[0]!
  const runner = sorted[1]!
  const own = arms.reduce((acc, a) => ({ n: acc.n + a.n, s: acc.s + a.successes }), { n: 0, s: 0 })
  const base = opts.baselineRate
  const pooled = base !== undefined && base !== null && Number.isFinite(base) ? (own.s + 1 + 100 * Math.min(0.99, Math.max(0.01, base))) / (own.n + 2 + 100) : pooledRate(arms)
  const tau = tauOf(pooled, opts.minEffect)
  const planned = opts.minEffect * pooled
  const diff = early ? planned : Math.max(Math.abs(observed(leader) - observed(runner)), planned)
  const smallest = Math.min(...arms.map((a) => a.n))
  const perArm = extraPerArmNeeded(diff, smallest, smallest, pooled, tau, logThreshold, opts.minPerVariant)
  return perArm === null ? null : perArm * arms.length
}

const tauOf = (pooled: number, minEffect: number): number => Math.max(minEffect * pooled, 0.005)

/**
 * The peeking-safe decision over the comparable arms. Cheap unless the mSPRT passes (then the
 * Monte Carlo P(best) is computed, or taken from `pBestOf` when the caller has it already).
 */
export function decide(armsIn: readonly ArmInput[], opts: EvaluationOptions, pBestOf?: (index: number) => number): ExperimentDecisionDto {
  const arms = armsIn.map(clean)
  const k = arms.length
  if (k < 2) return { kind: 'cannotCompare' }
  const logThreshold = Math.log((k - 1) / opts.alpha)
  const shortfall = arms.reduce((sum, a) => sum + Math.max(0, opts.minPerVariant - a.n), 0)
  if (shortfall > 0) {
    const forward = forwardEstimate(arms, opts, logThreshold, true)
    return { kind: 'notEnoughData', moreProposals: forward === null ? shortfall : Math.max(shortfall, forward) }
  }
  let leader = 0
  for (let i = 1; i < k; i++) if (mean(arms[i]!) > mean(arms[leader]!)) leader = i
  const pooled = pooledRate(arms)
  const tau = tauOf(pooled, opts.minEffect)
  const L = arms[leader]!
  const allBeaten = arms.every((a, i) => i === leader || (observed(L) > observed(a) && logMsprt(a, L, pooled, tau) >= logThreshold))
  if (allBeaten) {
    const p = pBestOf ? pBestOf(leader) : probabilityBest(arms, opts.seed, opts.draws).pBest[leader]!
    if (p >= opts.minPBest) return { kind: 'winner', variantId: L.id, pBest: p }
  }
  return { kind: 'noWinnerYet', moreProposals: forwardEstimate(arms, opts, logThreshold, false) }
}

/** Every variant's posterior figures, P(best)/expected loss among the comparable ones, and the decision. */
export function evaluate(armsIn: readonly ArmInput[], opts: EvaluationOptions): Evaluation {
  const arms = armsIn.map(clean)
  const comparable = arms.filter((a) => a.comparable)
  const mc = comparable.length >= 2 ? probabilityBest(comparable, opts.seed, opts.draws) : null
  const indexOf = new Map(comparable.map((a, i) => [a.id, i]))
  const results: ArmResult[] = arms.map((a) => {
    const alpha = 1 + a.successes
    const beta = 1 + a.n - a.successes
    const i = indexOf.get(a.id)
    return {
      id: a.id,
      n: a.n,
      successes: a.successes,
      rate: a.n > 0 ? a.successes / a.n : null,
      posteriorMean: alpha / (alpha + beta),
      interval: { low: betaQuantile(0.025, alpha, beta), high: betaQuantile(0.975, alpha, beta) },
      pBest: mc && i !== undefined ? mc.pBest[i]! : null,
      expectedLoss: mc && i !== undefined ? mc.expectedLoss[i]! : null
    }
  })
  const decision = decide(comparable, opts, mc ? (i) => mc.pBest[i]! : undefined)
  return { arms: results, decision }
}
