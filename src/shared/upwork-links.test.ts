import { describe, expect, it } from 'vitest'
import { jobUrl } from './upwork-links'

describe('jobUrl', () => {
  it('builds the public posting URL with or without the leading ~', () => {
    expect(jobUrl('~021234abcd')).toBe('https://www.upwork.com/jobs/~021234abcd')
    expect(jobUrl('021234abcd')).toBe('https://www.upwork.com/jobs/~021234abcd')
  })

  it('encodes the ciphertext so stored or fetched data cannot change the path or host', () => {
    expect(jobUrl('../../evil?x=1')).toBe('https://www.upwork.com/jobs/~..%2F..%2Fevil%3Fx%3D1')
    expect(new URL(jobUrl('~a/../../@evil.com#')).host).toBe('www.upwork.com')
  })
})
