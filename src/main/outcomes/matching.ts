import { cleanLongText } from '../upwork/sanitize'

/**
 * Matching an Upwork proposal to the local one or to a draft by its cover letter. Upwork may trim,
 * re-wrap or strip markup from the text, and the user may edit the letter on upwork.com before
 * submitting, so: the same text after normalizing ('text'), or a similar one above a threshold
 * ('similar'; word-bigram Sørensen–Dice).
 */

/** Invisible characters stripped, markup (HTML tags, entities, Markdown emphasis/headings/bullets) removed, white space collapsed, lower case. */
export function normalizeLetter(value: string): string {
  return cleanLongText(value)
    .text.replace(/<[^>]*>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? ' ')
    .replace(/[*_`#>~]+/g, ' ')
    .replace(/^\s*[-•]\s+/gm, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
}

function bigrams(normalized: string): Map<string, number> {
  const words = normalized.split(/[^\p{L}\p{N}']+/u).filter(Boolean)
  const out = new Map<string, number>()
  const grams = words.length < 2 ? words : words.slice(1).map((w, i) => `${words[i]} ${w}`)
  for (const g of grams) out.set(g, (out.get(g) ?? 0) + 1)
  return out
}

/** 0…1: how much of the two letters' word pairs they share (1: the same words in the same order). */
export function letterSimilarity(a: string, b: string): number {
  const x = bigrams(normalizeLetter(a))
  const y = bigrams(normalizeLetter(b))
  let sizeX = 0
  let sizeY = 0
  let shared = 0
  for (const n of x.values()) sizeX += n
  for (const [g, n] of y) {
    sizeY += n
    shared += Math.min(n, x.get(g) ?? 0)
  }
  return sizeX + sizeY === 0 ? 0 : (2 * shared) / (sizeX + sizeY)
}

/**
 * The threshold for "the same letter, edited": a sentence reworded in a five-sentence letter stays
 * around 0.8; two different letters to one job share their greeting and little else (under 0.3).
 */
export const SIMILARITY_THRESHOLD = 0.6

export type TextMatch = 'text' | 'similar'

/** The best candidate for `letter`: an exact match first, else the most similar above the threshold. */
export function bestLetterMatch<T>(letter: string, candidates: readonly T[], textOf: (c: T) => string | null): { item: T; kind: TextMatch } | null {
  const wanted = normalizeLetter(letter)
  let best: { item: T; score: number } | null = null
  for (const c of candidates) {
    const t = textOf(c)
    if (t === null) continue
    if (normalizeLetter(t) === wanted) return { item: c, kind: 'text' }
    const score = letterSimilarity(letter, t)
    if (score >= SIMILARITY_THRESHOLD && (!best || score > best.score)) best = { item: c, score }
  }
  return best ? { item: best.item, kind: 'similar' } : null
}
