import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type GraphQLSchema, buildSchema, parse, validate } from 'graphql'
import { describe, expect, it } from 'vitest'
import { ALL_DOCUMENTS } from './documents'
import { schema as subset } from './graphql-handler'
import { compareWithReference } from './schema-compat'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
/** Upwork's introspected schema lives outside the repo (reference only; never copied in). */
const referencePath = resolve(repoRoot, '../shared/upwork/upwork.graphql')
const hasReference = existsSync(referencePath)
let reference: GraphQLSchema | undefined

function referenceSchema(): GraphQLSchema {
  reference ??= buildSchema(readFileSync(referencePath, 'utf8'))
  return reference
}

describe('GraphQL documents and schema subset', () => {
  for (const [name, doc] of Object.entries(ALL_DOCUMENTS)) {
    it(`${name} validates against our subset`, () => {
      expect(validate(subset, parse(doc)).map((e) => e.message)).toEqual([])
    })
  }

  it('every document also validates against the reference schema', (ctx) => {
    if (!hasReference) {
      console.warn(`[fake-upwork] reference schema not found at ${referencePath}: skipping the reference validation`)
      ctx.skip()
      return
    }
    const ref = referenceSchema()
    for (const [name, doc] of Object.entries(ALL_DOCUMENTS)) {
      expect({ name, errors: validate(ref, parse(doc)).map((e) => e.message) }).toEqual({ name, errors: [] })
    }
  })

  it('the subset uses the reference names and types exactly (fields, arguments, nullability, enum values)', (ctx) => {
    if (!hasReference) {
      console.warn(`[fake-upwork] reference schema not found at ${referencePath}: skipping the subset comparison`)
      ctx.skip()
      return
    }
    expect(compareWithReference(subset, referenceSchema())).toEqual([])
  })

  it('has no createJobProposal mutation (the reference has none)', () => {
    expect(subset.getMutationType()?.getFields().createJobProposal).toBeUndefined()
  })
})
