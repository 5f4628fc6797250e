import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { buildSchema, parse, validate } from 'graphql'
import { describe, expect, it } from 'vitest'
import { schema as fakeSchema, schemaWithProposalSubmit } from '../../../tools/fake-upwork/graphql-handler'
import { CREATE_JOB_PROPOSAL, UNPUBLISHED_WRITE_OPERATIONS, WRITE_OPERATIONS } from '../upwork/operations/writes'
import { comparableText } from './read-back'

/**
 * The proposal submission document is shaped as upwork-api.md §2.6 reports it (create-job-proposal.ts
 * says what is assumed): valid against the fake's opt-in extension, and — as documented — not in
 * Upwork's January 2026 reference schema, so it is kept apart from the reference-checked writes.
 */
describe('createJobProposal document', () => {
  it('validates against the fake with submission on, and not with it off', () => {
    expect(validate(schemaWithProposalSubmit, parse(CREATE_JOB_PROPOSAL.document)).map((e) => e.message)).toEqual([])
    expect(validate(fakeSchema, parse(CREATE_JOB_PROPOSAL.document)).length).toBeGreaterThan(0)
  })

  it('is not in the reference schema (the documented assumption), so it is listed apart', () => {
    const reference = path.resolve(process.cwd(), '../shared/upwork/upwork.graphql')
    if (existsSync(reference)) {
      const errors = validate(buildSchema(readFileSync(reference, 'utf8')), parse(CREATE_JOB_PROPOSAL.document)).map((e) => e.message)
      expect(errors.join('\n')).toMatch(/createJobProposal/)
    }
    expect(WRITE_OPERATIONS).not.toContain(CREATE_JOB_PROPOSAL)
    expect(UNPUBLISHED_WRITE_OPERATIONS).toEqual([CREATE_JOB_PROPOSAL])
  })
})

describe('read-back text matching', () => {
  it('is tolerant of white space and invisible characters, not of different words', () => {
    expect(comparableText('  Hello!\n\nI can\tdo this. ')).toBe(comparableText('Hello! I can do this.'))
    expect(comparableText('Hello\u200b world')).toBe('Hello world')
    expect(comparableText('Hello world')).not.toBe(comparableText('Hello, world'))
  })
})
