/**
 * Fault injection: a FIFO queue of "make the next N matching requests fail like this". Transport
 * faults (429, 5xx, 401, 403, delay, dropped socket) are applied before anything else; body faults
 * (scope error, malformed JSON, missing/null/mistyped fields) are applied to the response the
 * request would otherwise have produced, so clients see realistic, partially-right data.
 */
import type { Fault, FaultControl, FaultOptions, FaultPath } from './types'

interface QueuedFault {
  fault: Fault
  remaining: number
  path: FaultPath
  operation?: string
}

export class FaultQueue implements FaultControl {
  private queue: QueuedFault[] = []

  next(fault: Fault, opts: FaultOptions = {}): void {
    const count = opts.count ?? 1
    if (!(count > 0)) throw new Error('fault count must be > 0')
    this.queue.push({ fault, remaining: count, path: opts.path ?? 'graphql', operation: opts.operation })
  }

  clear(): void {
    this.queue = []
  }

  pending(): Array<{ fault: Fault; remaining: number; path: FaultPath; operation?: string }> {
    return this.queue.map((q) => ({ ...q }))
  }

  /** The first queued fault matching this request, consumed once. */
  take(path: 'graphql' | 'token', operationName: string | undefined): Fault | undefined {
    const index = this.queue.findIndex(
      (q) => (q.path === 'any' || q.path === path) && (q.operation === undefined || (path === 'graphql' && q.operation === operationName))
    )
    const entry = this.queue[index]
    if (!entry) return undefined
    entry.remaining -= 1
    if (entry.remaining <= 0) this.queue.splice(index, 1)
    return entry.fault
  }
}

/** Faults that replace the whole response (or add latency) before the request is processed. */
export function isTransportFault(fault: Fault): boolean {
  if (fault.kind === 'dropConnection' && fault.afterProcessing) return false
  return ['rateLimit', 'serverError', 'expiredToken', 'forbidden', 'delay', 'dropConnection'].includes(fault.kind)
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function walkObjects(value: unknown, visitObject: (obj: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walkObjects(item, visitObject)
  } else if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>
    visitObject(obj)
    for (const child of Object.values(obj)) walkObjects(child, visitObject)
  }
}

/** Remove the keys from every object in the payload (at any depth). */
export function removeFields(payload: unknown, fields: readonly string[]): void {
  walkObjects(payload, (obj) => {
    for (const f of fields) delete obj[f]
  })
}

/** Null the keys in every object of the payload that has them. */
export function nullFields(payload: unknown, fields: readonly string[]): void {
  walkObjects(payload, (obj) => {
    for (const f of fields) if (f in obj) obj[f] = null
  })
}

/**
 * Give some values the wrong JSON type, the way a schema drift would: counts as strings, titles
 * as numbers, booleans as strings, dates as epoch numbers. Every other object that has such a key
 * is altered, so clients see a mix of good and bad nodes.
 */
export function scrambleTypes(payload: unknown): void {
  // Count per object shape so that siblings (e.g. the nodes of one page) alternate good/bad.
  const seen = new Map<string, number>()
  walkObjects(payload, (obj) => {
    const candidates = Object.keys(obj).filter((k) => obj[k] !== null && typeof obj[k] !== 'object')
    if (candidates.length === 0) return
    const shape = Object.keys(obj).sort().join(',')
    const n = (seen.get(shape) ?? 0) + 1
    seen.set(shape, n)
    if (n % 2 === 0) return
    for (const key of candidates) {
      const v = obj[key] as Json
      if (typeof v === 'number') obj[key] = String(v)
      else if (typeof v === 'boolean') obj[key] = v ? 'true' : 'false'
      else if (typeof v === 'string') {
        if (key === 'title' || key === 'message' || key === 'name') obj[key] = 12345
        else if (/DateTime$/.test(key) && !Number.isNaN(Date.parse(v))) obj[key] = Date.parse(v)
        else if (key === 'rawValue' && v !== '' && !Number.isNaN(Number(v))) obj[key] = Number(v)
      }
    }
  })
}

/** A body cut off mid-way: valid start, invalid JSON. */
export function truncateJson(body: string): string {
  const cut = Math.max(1, Math.floor(body.length / 2))
  return body.slice(0, cut)
}

export function retryAfterHeader(fault: Extract<Fault, { kind: 'rateLimit' }>, now: number): string | undefined {
  if (fault.retryAfterSeconds === null) return undefined
  const seconds = fault.retryAfterSeconds ?? 2
  // HTTP-dates have 1 s resolution: round up so the client never waits less than asked.
  return fault.retryAfterDate
    ? new Date(Math.ceil((now + seconds * 1000) / 1000) * 1000).toUTCString()
    : String(Math.max(0, Math.round(seconds)))
}
