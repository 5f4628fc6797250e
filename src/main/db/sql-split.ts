/**
 * Splits an SQL script into single statements.
 *
 * Why: libsql's `execute()` prepares one statement and silently ignores the rest of a string, and its
 * `executeMultiple()` rolls back any open transaction when it returns. A migration must run as a
 * whole script *inside* a transaction that also writes the bookkeeping row, so the runner executes
 * the script statement by statement.
 *
 * Understands '…' strings, "…" / `…` / […] identifiers, -- and /* *\/ comments, and
 * CREATE TRIGGER … BEGIN … END; bodies (like sqlite3_complete(), a trigger ends at `END;`).
 * Statements that are only whitespace or comments are dropped.
 */
export function splitSqlStatements(sql: string): string[] {
  const statements: string[] = []
  let start = 0
  let i = 0
  // Words seen in the current statement (upper-cased, first few only) and the last token.
  let words: string[] = []
  let lastToken = ''
  let hasCode = false

  const isTrigger = (): boolean =>
    words[0] === 'CREATE' && (words[1] === 'TRIGGER' || ((words[1] === 'TEMP' || words[1] === 'TEMPORARY') && words[2] === 'TRIGGER'))

  const finish = (end: number): void => {
    const text = sql.slice(start, end).trim()
    if (hasCode && text.length > 0) statements.push(text)
    words = []
    lastToken = ''
    hasCode = false
  }

  while (i < sql.length) {
    const ch = sql[i] as string
    const next = sql[i + 1]
    if (ch === '-' && next === '-') {
      const nl = sql.indexOf('\n', i)
      i = nl === -1 ? sql.length : nl + 1
      continue
    }
    if (ch === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2)
      i = close === -1 ? sql.length : close + 2
      continue
    }
    if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      const closeChar = ch === '[' ? ']' : ch
      let j = i + 1
      for (;;) {
        const k = sql.indexOf(closeChar, j)
        if (k === -1) {
          j = sql.length
          break
        }
        // A doubled quote is an escaped quote (not for […], which cannot contain ']').
        if (closeChar !== ']' && sql[k + 1] === closeChar) {
          j = k + 2
          continue
        }
        j = k + 1
        break
      }
      hasCode = true
      lastToken = 'literal'
      i = j
      continue
    }
    if (ch === ';') {
      if (!isTrigger() || lastToken === 'END') {
        finish(i)
        start = i + 1
      } else {
        lastToken = ';'
      }
      i++
      continue
    }
    if (/[A-Za-z_]/.test(ch)) {
      let j = i + 1
      while (j < sql.length && /[A-Za-z0-9_$]/.test(sql[j] as string)) j++
      const word = sql.slice(i, j).toUpperCase()
      if (words.length < 3) words.push(word)
      lastToken = word
      hasCode = true
      i = j
      continue
    }
    if (!/\s/.test(ch)) {
      hasCode = true
      lastToken = ch
    }
    i++
  }
  finish(sql.length)
  return statements
}
