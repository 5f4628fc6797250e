/**
 * The Beta distribution, numerically: log-gamma, the regularized incomplete beta function
 * (continued fraction, Numerical Recipes §6.4), quantiles by bisection, and sampling (Marsaglia–
 * Tsang gamma variates). Pure; every function returns a finite number for a, b ≥ 1.
 */

const LANCZOS = [676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7]

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x)
  const z = x - 1
  let s = 0.99999999999980993
  for (let i = 0; i < LANCZOS.length; i++) s += LANCZOS[i]! / (z + i + 1)
  const t = z + LANCZOS.length - 0.5
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s)
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const TINY = 1e-300
  const qab = a + b
  const qap = a + 1
  const qam = a - 1
  let c = 1
  let d = 1 - (qab * x) / qap
  if (Math.abs(d) < TINY) d = TINY
  d = 1 / d
  let h = d
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + aa / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2))
    d = 1 + aa * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + aa / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    const del = d * c
    h *= del
    if (Math.abs(del - 1) < 3e-14) break
  }
  return h
}

/** I_x(a, b): P(X ≤ x) for X ~ Beta(a, b). */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x)
  const front = Math.exp(lnFront)
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b
}

/** The p-quantile of Beta(a, b), by bisection to 1e-10. */
export function betaQuantile(p: number, a: number, b: number): number {
  if (p <= 0) return 0
  if (p >= 1) return 1
  let lo = 0
  let hi = 1
  for (let i = 0; i < 60 && hi - lo > 1e-10; i++) {
    const mid = (lo + hi) / 2
    if (betaCdf(mid, a, b) < p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

/** A standard normal variate (Box–Muller; one of the pair). */
export function sampleNormal(random: () => number): number {
  let u = random()
  while (u <= 0) u = random()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
}

/**
 * A sampler of Beta variates from `random`: Gamma(shape, 1) by Marsaglia & Tsang (2000) for
 * shape ≥ 1 (boosted below 1), Beta(a, b) = X / (X + Y); Box–Muller normals used in pairs.
 */
export function betaSampler(random: () => number): { gamma(shape: number): number; beta(a: number, b: number): number } {
  let spare = 0
  let hasSpare = false
  const normal = (): number => {
    if (hasSpare) {
      hasSpare = false
      return spare
    }
    let u = random()
    while (u <= 0) u = random()
    const r = Math.sqrt(-2 * Math.log(u))
    const theta = 2 * Math.PI * random()
    spare = r * Math.sin(theta)
    hasSpare = true
    return r * Math.cos(theta)
  }
  const gamma = (shape: number): number => {
    if (shape < 1) return gamma(shape + 1) * Math.pow(Math.max(random(), Number.MIN_VALUE), 1 / shape)
    const d = shape - 1 / 3
    const c = 1 / Math.sqrt(9 * d)
    for (;;) {
      let x: number
      let v: number
      do {
        x = normal()
        v = 1 + c * x
      } while (v <= 0)
      v = v * v * v
      const u = random()
      const x2 = x * x
      if (u < 1 - 0.0331 * x2 * x2) return d * v
      if (Math.log(Math.max(u, Number.MIN_VALUE)) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v
    }
  }
  return {
    gamma,
    beta: (a, b) => {
      const x = gamma(a)
      return x / (x + gamma(b))
    }
  }
}

/** A Gamma(shape, 1) variate. */
export function sampleGamma(shape: number, random: () => number): number {
  return betaSampler(random).gamma(shape)
}

/** A Beta(a, b) variate. */
export function sampleBeta(a: number, b: number, random: () => number): number {
  return betaSampler(random).beta(a, b)
}
