import { describe, expect, it } from 'vitest'
import { isAllowedExternalUrl } from './external-url'

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://www.upwork.com/jobs/~021234567890abcdef01',
    'https://upwork.com/',
    'https://support.upwork.com/hc/en-us/articles/115015933448'
  ])('allows %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true))

  it.each([
    'http://www.upwork.com/jobs/x',
    'https://upwork.com.attacker.example/',
    'https://evilupwork.com/',
    'https://user:pw@www.upwork.com/',
    'https://www.upwork.com:8443/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'smb://upwork.com/share',
    'data:text/html,hi',
    'not a url',
    ''
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false))
})
