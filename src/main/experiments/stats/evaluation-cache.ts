/**
 * The statistics of an experiment are a pure function of its counts and options (evaluate.ts,
 * seeded), so a result is kept for the exact inputs that made it: the outcome SQL still runs on
 * every read (new outcomes, overrides, the pending window moving with the clock all show at once),
 * and the ~5 ms of Monte Carlo draws and exact quantiles (5 variants, 8,000 draws) are skipped when
 * the counts did not move — a new draft's assignment, the page asking again after
 * `experiments:changed`, list() and the recommendations reading the same experiment. Nothing to
 * invalidate: different inputs are a different key. Bounded (oldest out first).
 */
import { evaluate, type ArmInput, type Evaluation, type EvaluationOptions } from './evaluate'

export class EvaluationCache {
  readonly #kept = new Map<string, Evaluation>()
  #computed = 0

  constructor(private readonly size = 32) {}

  /** How many evaluations were computed (not taken from the cache): for tests and the bench. */
  get computed(): number {
    return this.#computed
  }

  evaluate(arms: readonly ArmInput[], opts: EvaluationOptions): Evaluation {
    const key = JSON.stringify([arms.map((a) => [a.id, a.n, a.successes, a.comparable !== false]), opts.alpha, opts.minPerVariant, opts.minPBest, opts.minEffect, opts.seed, opts.draws, opts.baselineRate ?? null])
    const kept = this.#kept.get(key)
    if (kept) {
      this.#kept.delete(key)
      this.#kept.set(key, kept)
      return copy(kept)
    }
    const result = evaluate(arms, opts)
    this.#computed++
    this.#kept.set(key, result)
    while (this.#kept.size > this.size) this.#kept.delete(this.#kept.keys().next().value as string)
    return copy(result)
  }

  clear(): void {
    this.#kept.clear()
  }
}

/** A caller may change what it gets; the kept result stays as computed. */
const copy = (e: Evaluation): Evaluation => ({ arms: e.arms.map((a) => ({ ...a, interval: { ...a.interval } })), decision: { ...e.decision } })
