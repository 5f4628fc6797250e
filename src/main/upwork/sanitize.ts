/**
 * Hygiene for text that comes from Upwork (job posts and client messages are written by
 * strangers and later shown to the user and to the model). security.md §6: strip invisible
 * characters at ingest, cap length.
 */

/**
 * Zero-width space/non-joiner/joiner (U+200B–U+200D), word joiner (U+2060), variation selectors
 * (U+FE00–U+FE0F) and the Unicode "tag" block (U+E0000–U+E007F), which can smuggle hidden
 * instructions into model input (security.md §6). Also the zero-width no-break space / BOM
 * (U+FEFF) and the bidi embedding/override/isolate controls (U+202A–U+202E, U+2066–U+2069) that
 * make text display differently from what it says ("invoice\u202Efdp.exe"). Checked by code
 * point (a regex character class with variation selectors is easy to get subtly wrong).
 */
export function isInvisibleCodePoint(cp: number): boolean {
  return (
    (cp >= 0x200b && cp <= 0x200d) ||
    cp === 0x2060 ||
    cp === 0xfeff ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0000 && cp <= 0xe007f)
  )
}

/** Fast pre-check on UTF-16 units: the BMP ones, or the high surrogate every tag character starts with. */
function mayContainInvisible(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0xdb40 || isInvisibleCodePoint(c)) return true
  }
  return false
}

export function stripInvisible(text: string): string {
  if (!mayContainInvisible(text)) return text
  let out = ''
  for (const ch of text) {
    if (!isInvisibleCodePoint(ch.codePointAt(0)!)) out += ch
  }
  return out
}

export const MAX_DESCRIPTION_CHARS = 50_000
export const TRUNCATION_NOTE = '\n\n[Truncated by GigPilot: the original text was longer.]'

export interface CleanText {
  text: string
  truncated: boolean
}

/** Strips invisible characters, then caps the length (without splitting a surrogate pair). */
export function cleanLongText(text: string, max = MAX_DESCRIPTION_CHARS): CleanText {
  const stripped = stripInvisible(text)
  if (stripped.length <= max) return { text: stripped, truncated: false }
  return { text: cutAt(stripped, max) + TRUNCATION_NOTE, truncated: true }
}

/** For short fields (titles, names, labels): strip invisible characters and cap quietly. */
export function cleanShortText(text: string, max = 1_000): string {
  const stripped = stripInvisible(text)
  return stripped.length <= max ? stripped : cutAt(stripped, max)
}

function cutAt(text: string, max: number): string {
  const code = text.charCodeAt(max - 1)
  // Never leave half of a surrogate pair at the end.
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max)
}
