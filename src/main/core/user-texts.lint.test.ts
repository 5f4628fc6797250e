import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isMessageKey } from '@shared/i18n'

/**
 * No English for the user is left in main's errors: every `new AppError(` / `new UpworkError(`
 * (and the subclasses') passes a catalog key or a `text(…)`; its string literals are error codes
 * or catalog keys, never words. (The types enforce the same; this also catches a cast.)
 */
const MAIN = join(__dirname, '..')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return e.name === 'test-support' || e.name === 'generated' ? [] : sourceFiles(path)
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [path] : []
  })
}

/** The argument text of the call whose `(` is at `open` (strings and nested parens respected). */
function argumentsAt(source: string, open: number): string {
  let depth = 0
  let quote: string | null = null
  for (let i = open; i < source.length; i++) {
    const c = source[i]!
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = null
      continue
    }
    if (c === "'" || c === '"' || c === '`') quote = c
    else if (c === '(') depth++
    else if (c === ')' && --depth === 0) return source.slice(open + 1, i)
  }
  throw new Error('unbalanced call')
}

const CALL = /new (?:AppError|UpworkError|KeyRejectedError|OAuthTokenError)\(/g

describe('user-facing errors in src/main', () => {
  const sites = sourceFiles(MAIN).flatMap((file) => {
    const source = readFileSync(file, 'utf8')
    return [...source.matchAll(CALL)].map((m) => ({ at: `${relative(MAIN, file)}:${source.slice(0, m.index).split('\n').length}`, args: argumentsAt(source, m.index + m[0].length - 1) }))
  })

  it('are found (the scan sees the call sites)', () => {
    expect(sites.length).toBeGreaterThan(50)
  })

  it('carry catalog keys, never words: no template literal, every string literal a code or a key', () => {
    const problems: string[] = []
    for (const { at, args } of sites) {
      if (args.includes('`')) problems.push(`${at}: template literal`)
      for (const [, literal] of args.matchAll(/'([^'\\]*(?:\\.[^'\\]*)*)'/g)) {
        // codes ('not_found', 'DB_CORRUPT'), catalog keys, and a locale tag for number formatting
        if (!/^[A-Za-z_]+$/.test(literal!) && !/^[a-z]{2}-[A-Z]{2}$/.test(literal!) && !isMessageKey(literal!)) problems.push(`${at}: '${literal}'`)
      }
    }
    expect(problems).toEqual([])
  })
})
