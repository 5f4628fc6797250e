/**
 * Seeded pseudo-random numbers for experiments: reproducible assignment (experiment seed + the
 * draft's sequence number) and seeded Monte Carlo. sfc32 seeded through splitmix32; pure.
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

/** A generator of uniforms in [0, 1) from any number of integer seed parts (e.g. seed, sequence). */
export function seededRandom(...parts: number[]): () => number {
  let h = 0x811c9dc5
  for (const p of parts) {
    const mix = splitmix32((h ^ Math.trunc(p)) >>> 0)
    h = (mix() ^ Math.imul(h, 0x01000193)) >>> 0
  }
  const init = splitmix32(h)
  let a = init()
  let b = init()
  let c = init()
  let d = init()
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) >>> 0
    return t / 4294967296
  }
  for (let i = 0; i < 12; i++) next()
  return next
}

/** A fresh 31-bit seed for a new experiment (the caller's randomness; stored with the experiment). */
export function newSeed(random: () => number = Math.random): number {
  return Math.floor(random() * 0x7fffffff) + 1
}
