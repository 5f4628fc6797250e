import { describe, expect, it } from 'vitest'
import { bestLetterMatch, letterSimilarity, normalizeLetter, SIMILARITY_THRESHOLD } from './matching'

const LETTER =
  'Hello! I have built three Electron apps with offline sync and a SQLite cache. I would start with your import flow, then the reports. Can you share a sample file? I can start on Monday.'

describe('cover-letter matching', () => {
  it('normalizes white space, invisible characters, HTML and Markdown markup, and case', () => {
    expect(normalizeLetter('  <p>Hello\u200b <b>World</b></p>\n\n**Bold**  &amp; _it_ ')).toBe('hello world bold & it')
    expect(normalizeLetter('- one\n- two')).toBe('one two')
  })

  it('the same letter re-wrapped or with markup is an exact match; an edited sentence is similar; another letter is not', () => {
    const rewrapped = `<p>${LETTER.replace(/\. /g, '.\n\n')}</p>`
    const edited = LETTER.replace('Can you share a sample file?', 'Could you send me one example export?')
    const other = 'Hi, I am a designer with ten years of Figma work; here is my portfolio of landing pages for fintech clients.'
    expect(bestLetterMatch(LETTER, [{ t: other }, { t: rewrapped }], (c) => c.t)).toMatchObject({ kind: 'text', item: { t: rewrapped } })
    expect(letterSimilarity(LETTER, edited)).toBeGreaterThan(0.75)
    expect(bestLetterMatch(LETTER, [{ t: other }, { t: edited }], (c) => c.t)).toMatchObject({ kind: 'similar', item: { t: edited } })
    expect(letterSimilarity(LETTER, other)).toBeLessThan(0.1)
    expect(bestLetterMatch(LETTER, [{ t: other }, { t: null }], (c) => c.t)).toBeNull()
  })

  it('two letters sharing only a greeting and a sign-off stay under the threshold', () => {
    const a = 'Hello! I can start on Monday. I have built dashboards in React for logistics firms, with charts and exports.'
    const b = 'Hello! I can start on Monday. My background is Python data pipelines on AWS, Airflow and dbt for retail analytics.'
    expect(letterSimilarity(a, b)).toBeLessThan(SIMILARITY_THRESHOLD)
  })

  it('prefers the most similar of several edited candidates', () => {
    const lightly = LETTER.replace('Monday', 'Tuesday')
    const heavily = LETTER.replace('Can you share a sample file? I can start on Monday.', 'What format are your exports in, and when is the deadline for this?')
    expect(bestLetterMatch(LETTER, [{ t: heavily }, { t: lightly }], (c) => c.t)?.item.t).toBe(lightly)
  })
})
