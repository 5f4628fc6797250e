import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { buildSchema, GraphQLEnumType, parse, validate } from 'graphql'
import { PROPOSAL_STATUSES } from '@shared/types'
import { describe, expect, it } from 'vitest'
import { READ_OPERATIONS } from './operations'
// The one import of the writes outside the outbox: this test parses the documents, it sends nothing.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { WRITE_OPERATIONS } from './operations/writes'

const ALL_OPERATIONS = [...READ_OPERATIONS, ...WRITE_OPERATIONS]

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
    // Every write is in operations/writes/ (which only the outbox may import), and nothing else is.
    expect(READ_OPERATIONS.filter((o) => o.kind === 'mutation')).toEqual([])
    expect(WRITE_OPERATIONS.map((o) => o.kind)).toEqual(WRITE_OPERATIONS.map(() => 'mutation'))
    expect(WRITE_OPERATIONS.map((o) => o.name)).toEqual(['SendRoomMessage'])
  })

  it('has one list of proposal statuses, and it is exactly what Upwork filters by', () => {
    const filter = schema?.getType('VendorProposalStatusFilterInput')
    expect(filter).toBeInstanceOf(GraphQLEnumType)
    const values = (filter as GraphQLEnumType).getValues().map((v) => v.name)
    expect([...PROPOSAL_STATUSES].sort()).toEqual(values.sort())
  })
})
