import { describe, expect, it } from 'vitest'
import { discoveryContract } from './discovery'

describe('searches:update input', () => {
  const parse = (input: unknown) => discoveryContract.channels['searches:update'].input.parse(input)

  it('changes only what is sent: a rename keeps the filters, the interval and the pause', () => {
    expect(parse({ id: 3, patch: { name: 'Renamed' } })).toEqual({ id: 3, patch: { name: 'Renamed' } })
    expect(parse({ id: 3, patch: { paused: true } })).toEqual({ id: 3, patch: { paused: true } })
  })

  it('filters, when sent, are the whole set (defaults filled in); bad values are refused', () => {
    const { patch } = parse({ id: 1, patch: { filters: { query: 'react' } } })
    expect(patch.filters).toMatchObject({ query: 'react', allTerms: [], client: { paymentVerified: false } })
    expect(() => parse({ id: 1, patch: { intervalMinutes: 0 } })).toThrow()
    expect(() => parse({ id: 1, patch: { name: ' ' } })).toThrow()
    expect(() => parse({ id: 1, patch: { nope: 1 } })).toThrow()
  })
})
