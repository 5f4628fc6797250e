import { betaSampler } from './beta'
import { seededRandom } from '@shared/prng'

/**
 * Assignment k's variant (an index into `arms`), from a PRNG seeded with (seed, k): uniform, or
 * with Thompson sampling the highest of one draw from each arm's Beta(1 + s, 1 + n − s). Pure.
 */
export function chooseVariant(arms: ReadonlyArray<{ n: number; successes: number }>, seed: number, k: number, thompson: boolean): number {
  const random = seededRandom(seed, k)
  if (!thompson) return Math.min(arms.length - 1, Math.floor(random() * arms.length))
  const sampler = betaSampler(random)
  let best = 0
  let max = -1
  for (let i = 0; i < arms.length; i++) {
    const a = arms[i]!
    const x = sampler.beta(1 + a.successes, 1 + Math.max(0, a.n - a.successes))
    if (x > max) {
      max = x
      best = i
    }
  }
  return best
}
