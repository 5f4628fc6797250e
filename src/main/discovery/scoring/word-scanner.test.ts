import { describe, expect, it } from 'vitest'
import { WordScanner, isScannable } from './word-scanner'

function found(scanner: WordScanner, text: string): number[] {
  const ids: number[] = []
  scanner.scan(text, (id) => void ids.push(id))
  return ids
}

describe('WordScanner', () => {
  it('finds whole words in any case, not parts of words', () => {
    const s = new WordScanner(['java', 'seo'])
    expect(found(s, 'We need JAVA and Seo.')).toEqual([0, 1])
    expect(found(s, 'javascript, seoul, ajava')).toEqual([])
  })
  it('finds phrases through their first word and checks the rest in place', () => {
    const s = new WordScanner(['cold calling', 'cold'])
    expect(found(s, 'Cold Calling, every day')).toEqual([0, 1])
    expect(found(s, 'a cold callingx')).toEqual([1])
    expect(found(s, 'cold')).toEqual([1])
  })
  it('reports where each hit is', () => {
    const s = new WordScanner(['data entry'])
    const hits: Array<[number, number]> = []
    s.scan('Some Data Entry work', (_id, start, end) => void hits.push([start, end]))
    expect(hits).toEqual([[5, 15]])
  })
  it('keeps non-ASCII letters inside words and folds their case', () => {
    const s = new WordScanner(['café', 'ёлка'])
    expect(found(s, 'CAFÉ time, ЁЛКА')).toEqual([0, 1])
    expect(found(s, 'cafés')).toEqual([])
  })
  it('never reports a word only because its hash collides', () => {
    // Many entries in a small table force probing; every reported id must be a real match.
    const words = Array.from({ length: 500 }, (_, i) => `w${i}x`)
    const s = new WordScanner(words)
    const text = Array.from({ length: 2000 }, (_, i) => `q${i}z`).join(' ') + ' w7x w499x'
    expect(found(s, text)).toEqual([7, 499])
  })
  it('reports every hit, in order, when there are more candidates than one batch holds', () => {
    const s = new WordScanner(['me', 'end'])
    const text = `${'Me, '.repeat(2000)}the end`
    const starts: number[] = []
    s.scan(text, (id, start) => void (id === 0 && starts.push(start)))
    expect(starts).toHaveLength(2000)
    expect(starts.every((at, i) => at === i * 4)).toBe(true)
    expect(found(s, text).at(-1)).toBe(1)
  })

  it('stops when the callback returns true', () => {
    const s = new WordScanner(['a'])
    let n = 0
    s.scan('a a a a', () => ++n === 2)
    expect(n).toBe(2)
    let m = 0
    s.scan('a '.repeat(3000), () => ++m === 1500)
    expect(m).toBe(1500)
  })
  it('says which entries it can hold', () => {
    expect(isScannable('data entry')).toBe(true)
    expect(isScannable('c++')).toBe(false)
    expect(isScannable('.net')).toBe(false)
    expect(isScannable('a  b')).toBe(false)
    expect(isScannable('')).toBe(false)
  })
})
