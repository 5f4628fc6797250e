import { useEffect, useRef, useState } from 'react'

/** Where list shortcuts (j/k, Enter, s, d…) stay quiet: the user is typing. */
export const typingIn = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

/** Elements that do something of their own on Enter (a list's Enter must not take it from them). */
export const activatesItself = (target: EventTarget | null): boolean =>
  target instanceof Element && target.closest('button, a[href], summary, [role="button"], [role="link"], [role="menuitem"], [role="tab"]') !== null

/** The time, re-read every minute, so "12 min ago" and "09:04" in a list stay true. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000)
    return () => clearInterval(timer)
  }, [])
  return now
}

export interface ListKeys {
  /** j/k (and ↓/↑ while the list itself has the focus): moves the selection; the new row's index, or -1. */
  move(delta: 1 | -1): number
  /** Brings that row into view. */
  scrollTo(index: number): void
  /** Enter (not on a control that has its own Enter): opens the selected row; false when none is selected. */
  open(): boolean
  /** The list's other keys (s, d, /…), by `KeyboardEvent.key`. */
  keys?: Record<string, (e: KeyboardEvent) => void>
  /** A key while the user types in a field (e.g. Esc in the search box). */
  whileTyping?(e: KeyboardEvent): void
}

/**
 * A list's keyboard, on the window while the page is shown (ux.md "Keyboard first"): j/k or the
 * arrows move, Enter opens, plus the list's own keys. Nothing while a modifier is held, a dialog is
 * open, or the user types (except `whileTyping`). `keys` is read at each key press, so it may
 * close over the latest render.
 */
export function useListKeys(keys: ListKeys): void {
  const latest = useRef(keys)
  useEffect(() => {
    latest.current = keys
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return
      if (document.querySelector('[aria-modal="true"]')) return
      const k = latest.current
      if (typingIn(e.target)) return k.whileTyping?.(e)
      const inList = e.target instanceof HTMLElement && e.target.getAttribute('role') === 'listbox'
      const move = (delta: 1 | -1): void => {
        e.preventDefault()
        const index = k.move(delta)
        if (index >= 0) k.scrollTo(index)
      }
      if (e.key === 'j' || (e.key === 'ArrowDown' && inList)) return move(1)
      if (e.key === 'k' || (e.key === 'ArrowUp' && inList)) return move(-1)
      if (e.key === 'Enter') {
        // Not when Enter belongs to a control (a button, a link, a summary): it activates that.
        if (!activatesItself(e.target) && k.open()) e.preventDefault()
        return
      }
      k.keys?.[e.key]?.(e)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}

/** j/k in a list: the index one row down (+1) or up (−1) from the selected item, kept in the list (the first row when none is selected); -1 for an empty list. */
export function stepIndex<T>(items: readonly T[], isSelected: (item: T) => boolean, delta: 1 | -1): number {
  if (items.length === 0) return -1
  const at = items.findIndex(isSelected)
  return at === -1 ? 0 : Math.min(items.length - 1, Math.max(0, at + delta))
}
