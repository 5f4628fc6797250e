/**
 * L2-regularised logistic regression, fitted by Newton's method (IRLS) on standardised columns.
 * Minimises Σ log-loss + λ/2 · ‖w‖² (the intercept is not penalised). The inverse Hessian at the
 * optimum is kept as the coefficients' approximate covariance, for the prediction's interval. Pure.
 */

export interface LogisticFit {
  intercept: number
  weights: number[]
  /** (d+1)×(d+1) inverse Hessian, row-major, intercept first. */
  covariance: number[]
  iterations: number
  converged: boolean
}

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)))
export const logit = (p: number): number => {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p))
  return Math.log(q / (1 - q))
}

/** Cholesky solve of a symmetric positive-definite m×m system (row-major); also returns the inverse. */
function choleskyInverse(a: Float64Array, m: number): Float64Array {
  const l = new Float64Array(m * m)
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * m + j]!
      for (let k = 0; k < j; k++) s -= l[i * m + k]! * l[j * m + k]!
      if (i === j) l[i * m + i] = Math.sqrt(Math.max(s, 1e-12))
      else l[i * m + j] = s / l[j * m + j]!
    }
  }
  // inverse of L, then (L⁻¹)ᵀ L⁻¹
  const li = new Float64Array(m * m)
  for (let i = 0; i < m; i++) {
    li[i * m + i] = 1 / l[i * m + i]!
    for (let j = 0; j < i; j++) {
      let s = 0
      for (let k = j; k < i; k++) s -= l[i * m + k]! * li[k * m + j]!
      li[i * m + j] = s / l[i * m + i]!
    }
  }
  const inv = new Float64Array(m * m)
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0
      for (let k = i; k < m; k++) s += li[k * m + i]! * li[k * m + j]!
      inv[i * m + j] = s
      inv[j * m + i] = s
    }
  }
  return inv
}

/**
 * Fits y ~ X (rows of standardised columns, y 0/1); `lambda` is the L2 strength. Newton steps
 * (damped when huge) until the largest coefficient change is below `tolerance`, from the base
 * rate or from `start`.
 */
export function fitLogistic(
  x: readonly Float64Array[],
  y: readonly number[],
  lambda: number,
  options: { maxIterations?: number; tolerance?: number; start?: { intercept: number; weights: readonly number[] } } = {}
): LogisticFit {
  const n = x.length
  const d = n > 0 ? x[0]!.length : 0
  const m = d + 1
  const beta = new Float64Array(m)
  // start at the base rate: faster, and stable when one class is rare
  const rate = (y.reduce((a, b) => a + b, 0) + 0.5) / (n + 1)
  beta[0] = Math.log(rate / (1 - rate))
  // or from a nearby solution (the same columns fitted on fewer rows): fewer Newton steps
  if (options.start && options.start.weights.length === d) {
    beta[0] = options.start.intercept
    options.start.weights.forEach((w, j) => (beta[j + 1] = w))
  }
  const maxIt = options.maxIterations ?? 50
  const tol = options.tolerance ?? 1e-8
  let hessInv: Float64Array = new Float64Array(m * m)
  let iterations = 0
  let converged = false
  const h = new Float64Array(m * m)
  const g = new Float64Array(m)
  const row = new Float64Array(m)
  for (; iterations < maxIt; iterations++) {
    h.fill(0)
    g.fill(0)
    for (let i = 0; i < n; i++) {
      const xi = x[i]!
      row[0] = 1
      for (let j = 0; j < d; j++) row[j + 1] = xi[j]!
      let z = 0
      for (let j = 0; j < m; j++) z += beta[j]! * row[j]!
      const p = sigmoid(z)
      const w = Math.max(p * (1 - p), 1e-10)
      const r = p - y[i]!
      for (let a = 0; a < m; a++) {
        const ra = row[a]!
        if (ra === 0) continue
        g[a] = g[a]! + r * ra
        const wa = w * ra
        const base = a * m
        for (let b = 0; b <= a; b++) h[base + b] = h[base + b]! + wa * row[b]!
      }
    }
    for (let a = 0; a < m; a++) for (let b = 0; b < a; b++) h[b * m + a] = h[a * m + b]!
    for (let j = 1; j < m; j++) {
      h[j * m + j] = h[j * m + j]! + lambda
      g[j] = g[j]! + lambda * beta[j]!
    }
    hessInv = choleskyInverse(h, m)
    let maxStep = 0
    const step = new Float64Array(m)
    for (let a = 0; a < m; a++) {
      let s = 0
      for (let b = 0; b < m; b++) s += hessInv[a * m + b]! * g[b]!
      step[a] = s
      maxStep = Math.max(maxStep, Math.abs(s))
    }
    // damp huge steps (near-separable data early on)
    const scale = maxStep > 5 ? 5 / maxStep : 1
    for (let a = 0; a < m; a++) beta[a] = beta[a]! - scale * step[a]!
    if (maxStep < tol) {
      converged = true
      iterations++
      break
    }
  }
  return { intercept: beta[0]!, weights: Array.from(beta.subarray(1)), covariance: Array.from(hessInv), iterations, converged }
}

/** The linear predictor (log-odds) of one standardised row. */
export function linear(fit: Pick<LogisticFit, 'intercept' | 'weights'>, x: Float64Array): number {
  let z = fit.intercept
  for (let j = 0; j < fit.weights.length; j++) z += fit.weights[j]! * x[j]!
  return z
}

/** The variance of the linear predictor at x: [1 x]ᵀ Σ [1 x]. */
export function linearVariance(fit: Pick<LogisticFit, 'covariance' | 'weights'>, x: Float64Array): number {
  const m = fit.weights.length + 1
  const cov = fit.covariance
  if (cov.length !== m * m) return 0
  let v = 0
  for (let a = 0; a < m; a++) {
    const xa = a === 0 ? 1 : x[a - 1]!
    if (xa === 0) continue
    for (let b = 0; b < m; b++) {
      const xb = b === 0 ? 1 : x[b - 1]!
      v += xa * cov[a * m + b]! * xb
    }
  }
  return Math.max(0, v)
}
