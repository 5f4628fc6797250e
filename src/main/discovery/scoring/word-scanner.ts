/**
 * Finds whole words from a fixed list in a text, in about twice the time it takes just to read
 * the characters. Measured on this project's (shared, busy) machine with a 1.5 KB job post: 34
 * `indexOf` calls cost ~19 µs and one regex alternation of the same words ~8 µs (V8 tries each
 * alternative at each position); this scan ~3 µs, against ~1.5 µs for a bare charCodeAt loop.
 *
 * Words are runs of letters, digits and combining marks in any script ("café", "ёлка" stay
 * whole). Case is folded while reading (a lower-cased copy of every post would be one more
 * 1.5 KB string per job for the garbage collector). Each word's hash is looked up in a small
 * open-addressing table; a hash hit is confirmed by comparing the characters, so collisions never
 * produce a false match. A phrase ("cold calling") is found through its first word and confirmed
 * in place.
 */

/**
 * Called for each entry found: `id` is its index in the list the scanner was built from, `start`
 * and `end` (exclusive) where it stands in the text. Return true to stop. (Three arguments rather
 * than an object: no allocation per hit.)
 */
export type OnWordHit = (id: number, start: number, end: number) => boolean | void

/**
 * For each UTF-16 code unit: 0 when it separates words, else its lower-case form. Letters, digits
 * and combining marks of any script are word characters; punctuation, spaces, symbols and
 * surrogates (emoji) separate words, so "telegram—me" or "telegram😀" still splits. One table
 * look-up per character is both the case fold and the word test. Built on first use (~10 ms).
 */
let foldTable: Uint16Array | null = null

function folds(): Uint16Array {
  if (foldTable) return foldTable
  const table = new Uint16Array(65536)
  const wordChar = /^[\p{L}\p{N}\p{M}]$/u
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue
    const ch = String.fromCharCode(c)
    if (c < 128 ? !((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) : !wordChar.test(ch)) continue
    const lower = ch.toLowerCase()
    table[c] = lower.length === 1 ? lower.charCodeAt(0) : c
  }
  foldTable = table
  return table
}

/** `word` (lower case) appears at `at` in `text`, ignoring case. */
function matchesAt(text: string, at: number, word: string, fold: Uint16Array): boolean {
  if (at + word.length > text.length) return false
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i)
    const t = text.charCodeAt(at + i)
    if (c !== t && fold[t] !== c) return false
  }
  return true
}

interface Slot {
  word: string
  /** Entries whose first word this is: [id, full entry]. */
  entries: Array<readonly [number, string]>
}

function hashWord(word: string): number {
  let h = 0
  for (let i = 0; i < word.length; i++) h = (Math.imul(h, 31) + word.charCodeAt(i)) | 0
  return h
}

/** Size of the first-word filter (a bit per bucket of the hash; false positives are checked). */
const FILTER_SIZE = 4096
const FILTER_MASK = FILTER_SIZE - 1
/** Candidate word ends collected per flush. */
const MAX_CANDIDATES = 512

export class WordScanner {
  private readonly hashes: Int32Array
  private readonly slots: Array<Slot | undefined>
  private readonly mask: number
  /** filter[hash & FILTER_MASK] is 1 when some entry's first word may have that hash. */
  private readonly filter = new Uint8Array(FILTER_SIZE)
  /** Scratch for candidate word ends (one scan at a time: do not scan again from inside onHit). */
  private readonly ends = new Int32Array(MAX_CANDIDATES)
  readonly size: number

  /**
   * `entries` are lower-case words or phrases (words separated by single spaces). An entry whose
   * first word is not a word by the rule above (it starts with "." or "+") is skipped: callers
   * search those with `indexOf`.
   */
  constructor(entries: readonly string[]) {
    let capacity = 16
    while (capacity < entries.length * 4) capacity *= 2
    this.mask = capacity - 1
    this.hashes = new Int32Array(capacity)
    this.slots = new Array<Slot | undefined>(capacity)
    let size = 0
    entries.forEach((entry, id) => {
      const first = firstWord(entry)
      if (!first) return
      const slot = this.slotFor(first, true)!
      slot.entries.push([id, entry])
      this.filter[hashWord(first) & FILTER_MASK] = 1
      size++
    })
    this.size = size
  }

  private slotFor(word: string, create: boolean): Slot | undefined {
    const h = hashWord(word)
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const slot = this.slots[i]
      if (slot === undefined) {
        if (!create) return undefined
        const made: Slot = { word, entries: [] }
        this.slots[i] = made
        this.hashes[i] = h
        return made
      }
      if (this.hashes[i] === h && slot.word === word) return slot
    }
  }

  /**
   * Calls `onHit` for each entry found as whole words in `text` (any case), in order. Stop early
   * by returning true.
   *
   * Two passes. The first reads every character once without a data-dependent branch (word
   * boundaries come every few characters and defeat branch prediction: a loop that branches on
   * them ran at ~4.6 µs per 1.5 KB here, this one at ~2.9 µs): it hashes each word as it goes and,
   * at each word end, writes the position into `ends` and advances the count only if the filter
   * says an entry may start with that word. The second pass checks those few candidates exactly.
   */
  scan(text: string, onHit: OnWordHit): void {
    if (this.size === 0) return
    const fold = folds()
    const filter = this.filter
    const ends = this.ends
    const n = text.length
    let h = 0
    let inWord = 0
    let count = 0
    for (let i = 0; i < n; i++) {
      const f = fold[text.charCodeAt(i)]!
      // 1 for a word character (f ≥ 1), else 0; no branch.
      const w = (f + 0xffff) >> 16
      ends[count] = i
      count += inWord & (w ^ 1) & filter[h & FILTER_MASK]!
      h = Math.imul((Math.imul(h, 31) + f) | 0, w)
      inWord = w
      if (count === MAX_CANDIDATES) {
        if (this.check(text, count, onHit)) return
        count = 0
      }
    }
    if (inWord === 1 && filter[h & FILTER_MASK] === 1) ends[count++] = n
    this.check(text, count, onHit)
  }

  /** The exact check of candidate word ends; true when onHit asked to stop. */
  private check(text: string, count: number, onHit: OnWordHit): boolean {
    const fold = folds()
    const n = text.length
    for (let c = 0; c < count; c++) {
      const wordEnd = this.ends[c]!
      let wordStart = wordEnd
      while (wordStart > 0 && fold[text.charCodeAt(wordStart - 1)] !== 0) wordStart--
      let h = 0
      for (let i = wordStart; i < wordEnd; i++) h = (Math.imul(h, 31) + fold[text.charCodeAt(i)]!) | 0
      for (let k = h & this.mask; ; k = (k + 1) & this.mask) {
        const slot = this.slots[k]
        if (slot === undefined) break
        if (this.hashes[k] !== h || slot.word.length !== wordEnd - wordStart || !matchesAt(text, wordStart, slot.word, fold)) continue
        for (const [id, entry] of slot.entries) {
          const end = wordStart + entry.length
          if (entry.length !== slot.word.length && !(matchesAt(text, wordStart, entry, fold) && (end >= n || fold[text.charCodeAt(end)] === 0))) continue
          if (onHit(id, wordStart, end) === true) return true
        }
        break
      }
    }
    return false
  }
}

function firstWord(entry: string): string {
  const fold = folds()
  let end = 0
  while (end < entry.length && fold[entry.charCodeAt(end)] !== 0) end++
  return entry.slice(0, end)
}

/** True when `entry` is made only of words and single spaces, so `WordScanner` finds it. */
export function isScannable(entry: string): boolean {
  if (!entry || entry !== entry.trim()) return false
  const fold = folds()
  for (let i = 0; i < entry.length; i++) {
    const c = entry.charCodeAt(i)
    // Lower case only (entries are compared as they are), words separated by single spaces.
    if (fold[c] === 0 ? !(c === 32 && entry.charCodeAt(i - 1) !== 32) : fold[c] !== c) return false
  }
  return true
}
