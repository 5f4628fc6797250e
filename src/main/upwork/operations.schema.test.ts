import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { buildSchema, parse, validate } from 'graphql'
import { describe, expect, it } from 'vitest'
import { ALL_OPERATIONS } from './operations'

/**
 * Every document GigPilot sends must be valid against Upwork's introspected schema. The schema
 * is reference material kept beside the repository (`../shared/upwork/upwork.graphql`, relative
 * to the repo root; CI clones with shared/ beside it) or wherever GIGPILOT_UPWORK_SCHEMA points.
 * A missing file is a failure, not a skip: silently skipping would let a broken query ship.
 */
function schemaPath(): { found: string | null; looked: string[] } {
  const candidates = [
    process.env.GIGPILOT_UPWORK_SCHEMA,
    path.resolve(process.cwd(), '../shared/upwork/upwork.graphql')
  ].filter((p): p is string => !!p)
  return { found: candidates.find((p) => existsSync(p)) ?? null, looked: candidates }
}

describe('GraphQL documents against the reference schema', () => {
  const { found, looked } = schemaPath()

  it('finds the reference schema', () => {
    expect(
      found,
      `Upwork reference schema not found. Looked at: ${looked.join(', ')}. Set GIGPILOT_UPWORK_SCHEMA or place shared/ beside the repo.`
    ).not.toBeNull()
  })

  const schema = found ? buildSchema(readFileSync(found, 'utf8')) : null

  it.each(ALL_OPERATIONS.map((op) => [op.name, op] as const))('%s validates with zero errors', (_name, op) => {
    expect(schema, 'reference schema missing (see above)').not.toBeNull()
    const errors = validate(schema!, parse(op.document)).map((e) => e.message)
    expect(errors).toEqual([])
  })

  it('marks exactly the mutations as writes', () => {
    for (const op of ALL_OPERATIONS) {
      const def = parse(op.document).definitions[0]
      expect(def && 'operation' in def ? def.operation : null, op.name).toBe(op.kind)
    }
    expect(ALL_OPERATIONS.filter((o) => o.kind === 'mutation').map((o) => o.name)).toEqual(['SendRoomMessage'])
  })
})
