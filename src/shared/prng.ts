/**
 * The one seeded PRNG: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator) seeded through
 * splitmix32. Pure, the same numbers on every machine. Never Math.random where results must be
 * reproducible: experiments' assignment and Monte Carlo, analytics' synthetic history (the
 * known-truth tests and the demo's sample history depend on the exact sequences).
 * - `seededRandom(...parts)`: uniforms from any number of integer seed parts (experiment seed,
 *   the draft's sequence number, a stream tag);
 * - `createRng(seed)`: the synthetic history's generator with its helpers (int, chance, pick, …).
 * The two seed the state differently (their sequences are what they always were; tested in
 * prng.test.ts); the generator is the same.
 */

/** splitmix32: spreads one 32-bit state into well-mixed 32-bit outputs (used to seed sfc32). */
function splitmix32(state: number): () => number {
  let s = state >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
}

/** sfc32 from its four 32-bit state words, warmed up by 12 outputs: uniforms in [0, 1). */
function sfc32(a: number, b: number, c: number, d: number): () => number {
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = (b ^ (b >>> 9)) >>> 0
    b = (c + (c << 3)) >>> 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) >>> 0
    return t / 4294967296
  }
  for (let i = 0; i < 12; i++) next()
  return next
}

/** A generator of uniforms in [0, 1) from any number of integer seed parts (e.g. seed, sequence). */
export function seededRandom(...parts: number[]): () => number {
  let h = 0x811c9dc5
  for (const p of parts) {
    const mix = splitmix32((h ^ Math.trunc(p)) >>> 0)
    h = (mix() ^ Math.imul(h, 0x01000193)) >>> 0
  }
  const init = splitmix32(h)
  return sfc32(init(), init(), init(), init())
}

/** A fresh 31-bit seed (the caller's randomness), e.g. a new experiment's, stored with it. */
export function newSeed(random: () => number = Math.random): number {
  return Math.floor(random() * 0x7fffffff) + 1
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number
  /** True with probability p. */
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** One of the items, by weight (weights need not sum to 1). */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T
  /** Exponential with the given mean. */
  exponential(mean: number): number
  /** Standard normal (Box–Muller). */
  normal(): number
}

/** The generator with helpers, from one integer seed (the synthetic history's). */
export function createRng(seed: number): Rng {
  const init = splitmix32(Math.floor(seed) | 0)
  // The counter word starts one ahead: this generator once added the counter after stepping it,
  // which is sfc32 with d + 1; kept so every seed gives the history it always gave.
  const next = sfc32(init(), init(), init(), (init() + 1) >>> 0)
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    weighted: (items) => {
      const total = items.reduce((s, [, w]) => s + w, 0)
      let r = next() * total
      for (const [item, w] of items) {
        r -= w
        if (r < 0) return item
      }
      return (items[items.length - 1] as readonly [never, number])[0]
    },
    exponential: (mean) => -Math.log(1 - next()) * mean,
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())
  }
}
