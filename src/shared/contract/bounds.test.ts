import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { channels } from '../contract'

/**
 * Every IPC channel's input, as the renderer may send it: objects refuse unknown keys at every
 * level, strings and arrays have a maximum, records a bounded key count (a refinement JSON
 * Schema cannot show, so records are listed). A string bounded only by an anchored pattern of
 * fixed-length parts (a time "HH:MM", a cursor of ≤ 9 digits) counts as bounded.
 */
const BOUNDED_PATTERNS = new Set(['^([01]\\d|2[0-3]):[0-5]\\d$', '^\\d{1,9}$'])
/** Records whose key count is refined (scoreWeightsPatchSchema: ≤ 40 keys of ≤ 40 characters). */
const BOUNDED_RECORDS = new Set(['profile:update .properties.scoreWeights'])

type Node = Record<string, unknown>

export function unboundedParts(name: string, schema: z.ZodType): string[] {
  const problems: string[] = []
  const walk = (n: unknown, path: string): void => {
    if (!n || typeof n !== 'object') return
    const node = n as Node
    const at = `${name} ${path}`
    if (node.type === 'object') {
      const extra = node.additionalProperties
      if (extra !== false && !(typeof extra === 'object' && BOUNDED_RECORDS.has(at))) problems.push(`${at}: object accepts unknown keys`)
    }
    if (node.type === 'string' && node.maxLength === undefined && node.enum === undefined && node.const === undefined) {
      if (typeof node.pattern !== 'string' || !BOUNDED_PATTERNS.has(node.pattern)) problems.push(`${at}: string without a maximum length`)
    }
    if (node.type === 'array' && node.maxItems === undefined) problems.push(`${at}: array without a maximum length`)
    for (const [k, v] of Object.entries(node)) if (v && typeof v === 'object') walk(v, `${path}.${k}`)
  }
  walk(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), '')
  return problems
}

describe('IPC input schemas', () => {
  it('the check finds a loose object, an unbounded string, array and record', () => {
    expect(unboundedParts('x:y', z.object({ a: z.string(), b: z.array(z.number()).max(3), c: z.object({ d: z.boolean() }), e: z.record(z.string().max(3), z.number()) }).strict())).toEqual([
      'x:y .properties.a: string without a maximum length',
      'x:y .properties.c: object accepts unknown keys',
      'x:y .properties.e: object accepts unknown keys'
    ])
    expect(unboundedParts('x:y', z.object({ a: z.array(z.string().max(2)) }).strict())).toEqual(['x:y .properties.a: array without a maximum length'])
  })

  it('every channel refuses unknown keys at every level, and bounds every string, array and record', () => {
    const problems = Object.entries(channels).flatMap(([name, def]) => unboundedParts(name, (def as { input: z.ZodType }).input))
    expect(problems).toEqual([])
  })

  it('the bounded record really is bounded, and a nested unknown key is refused by the channels that had none', () => {
    const weights = Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`w${i}`, 1]))
    expect(channels['profile:update'].input.safeParse({ scoreWeights: weights }).success).toBe(false)
    expect(channels['profile:update'].input.safeParse({ portfolio: [{ title: 'A', html: '<b>' }] }).success).toBe(false)
    expect(channels['searches:create'].input.safeParse({ name: 'A', filters: { query: 'x', extra: 1 } }).success).toBe(false)
    expect(channels['searches:create'].input.safeParse({ name: 'A', filters: { client: { paymentVerified: true, extra: 1 } } }).success).toBe(false)
    expect(channels['searches:update'].input.safeParse({ id: 1, patch: { filters: { client: { extra: 1 } } } }).success).toBe(false)
    expect(channels['searches:create'].input.safeParse({ name: 'A', filters: { client: { paymentVerified: true } } }).success).toBe(true)
  })
})
