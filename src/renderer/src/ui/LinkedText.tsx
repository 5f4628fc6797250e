import { Fragment } from 'react'
import { Button } from './Button'

/**
 * Where links are in untrusted text: `http(s)://…` and `www.…` runs, up to whitespace or a
 * character no URL has unescaped, without the punctuation that usually ends a sentence after one.
 * Anything else (`javascript:`, `data:`, `mailto:`) stays text: only web links are offered.
 */
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"'`{}|\\^]+/gi
const TRAILING = /[.,;:!?)\]]+$/

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; url: string }

/** Splits text into plain runs and links (a `www.` link is offered as https). Pure; the text is never parsed as HTML. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = []
  let at = 0
  for (const m of text.matchAll(LINK)) {
    const start = m.index
    // A sentence's punctuation after a link is not part of it; a closing bracket is, when the link opened one.
    let found = m[0].replace(TRAILING, '')
    if (m[0].charAt(found.length) === ')' && found.split('(').length > found.split(')').length) found += ')'
    if (found.length <= 'https://'.length && !found.startsWith('www.')) continue
    if (start > at) parts.push({ kind: 'text', text: text.slice(at, start) })
    parts.push({ kind: 'link', text: found, url: found.toLowerCase().startsWith('www.') ? `https://${found}` : found })
    at = start + found.length
  }
  if (at < text.length) parts.push({ kind: 'text', text: text.slice(at) })
  return parts
}

export interface LinkedTextProps {
  text: string
  /** The user clicked a link: ask main to open it (main vets it). Nothing opens without a click. */
  onOpenLink(url: string): void
  /** The accessible name of a link's button, given the link (e.g. "Open link https://…"). */
  linkLabel(url: string): string
}

/**
 * Untrusted text (a client's message) with its links shown, not followed: each link is a button
 * that shows the address and, when clicked, hands it to `onOpenLink` — there is no `<a href>` that
 * could navigate the window. All of it is React text, never HTML.
 */
export function LinkedText({ text, onOpenLink, linkLabel }: LinkedTextProps): React.JSX.Element {
  return (
    <>
      {splitLinks(text).map((p, i) =>
        p.kind === 'text' ? (
          <Fragment key={i}>{p.text}</Fragment>
        ) : (
          <Button key={i} variant="link" className="text-link" aria-label={linkLabel(p.url)} title={linkLabel(p.url)} onClick={() => onOpenLink(p.url)}>
            {p.text}
          </Button>
        )
      )}
    </>
  )
}
