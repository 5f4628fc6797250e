import { describe, expect, it } from 'vitest'
import { isTrustedSender } from './sender-check'

const trusted = ['app://gigpilot']

describe('isTrustedSender', () => {
  it('accepts the app top frame', () => {
    expect(isTrustedSender({ url: 'app://gigpilot/index.html', parent: null }, trusted)).toBe(true)
  })
  it.each([
    ['a destroyed frame (null)', null],
    ['a sub-frame', { url: 'app://gigpilot/index.html', parent: {} }],
    ['another origin', { url: 'https://evil.example/', parent: null }],
    ['a look-alike host', { url: 'app://gigpilot.evil/index.html', parent: null }],
    ['file://', { url: 'file:///tmp/index.html', parent: null }],
    ['about:blank', { url: 'about:blank', parent: null }],
    ['garbage', { url: '::::', parent: null }]
  ])('refuses %s', (_name, frame) => {
    expect(isTrustedSender(frame, trusted)).toBe(false)
  })
})
