import { describe, expect, it } from 'vitest'
import { isAllowedExternalUrl, vetExternalUrl } from './external-url'

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
    '',
    // The check and the opener must see one URL: parsers disagree on these, so none passes.
    'https://www.upwork.com\\@evil.com/',
    'https://www.upwork.com\\evil.com/',
    'https://www.upwork.com@evil.com/',
    'https://evil.com#@www.upwork.com/',
    'https://evil.com%2f@www.upwork.com/',
    'https://evil.com%2fwww.upwork.com/',
    'https://www.upwork.com\t@evil.com/',
    'https://www.upwork.com\n.evil.com/',
    'https://www.upwork.com /',
    ' https://www.upwork.com/',
    'https://www.upwork.com\u0000.evil.com/',
    // IDN lookalikes (Cyrillic о, Greek ο) and a trailing-dot host.
    'https://www.upw\u043erk.com/',
    'https://www.upw\u03bfrk.com/',
    'https://upwork.com./',
    'javascript://www.upwork.com/%0aalert(1)',
    'JAVASCRIPT:alert(1)',
    'https://' + 'a'.repeat(2100) + '.upwork.com/'
  ])('refuses %j', (url) => expect(isAllowedExternalUrl(url)).toBe(false))

  it.each([
    ['https://WWW.UPWORK.COM/jobs/~01abc', 'https://www.upwork.com/jobs/~01abc'],
    ['https://www.upwork.com:443/jobs/~01abc', 'https://www.upwork.com/jobs/~01abc'],
    ['https://www%2eupwork.com/x', 'https://www.upwork.com/x'],
    ['https://www.upwork.com/a/%2e%2e/jobs', 'https://www.upwork.com/jobs'],
    ['https://www.upwork.com/jobs?q=a%20b#frag', 'https://www.upwork.com/jobs?q=a%20b#frag']
  ])('returns the parsed URL to open for %s', (raw, href) => expect(vetExternalUrl(raw)).toBe(href))
})
