/** Every number anywhere in `v` is finite (no NaN, no Infinity): the "never NaN" checks. */
export const finiteDeep = (v: unknown): boolean => {
  if (typeof v === 'number') return Number.isFinite(v)
  if (Array.isArray(v)) return v.every(finiteDeep)
  if (v && typeof v === 'object') return Object.values(v).every(finiteDeep)
  return true
}
