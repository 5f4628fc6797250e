import { describe, expect, it } from 'vitest'
import { activatesItself, typingIn } from './list-keys'

describe('list keys', () => {
  it('stay quiet while the user types, and leave Enter to controls that activate themselves', () => {
    document.body.innerHTML = '<input id="i"><textarea id="t"></textarea><div id="d"></div><button id="b"><span id="s">x</span></button><summary id="m">m</summary>'
    const el = (id: string): HTMLElement => document.getElementById(id)!
    expect(typingIn(el('i'))).toBe(true)
    expect(typingIn(el('t'))).toBe(true)
    expect(typingIn(el('d'))).toBe(false)
    expect(typingIn(null)).toBe(false)
    expect(activatesItself(el('s'))).toBe(true)
    expect(activatesItself(el('m'))).toBe(true)
    expect(activatesItself(el('d'))).toBe(false)
  })
})
