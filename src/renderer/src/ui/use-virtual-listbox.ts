import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual'
import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, type ForwardedRef, type RefObject } from 'react'

/** What a page can do with a virtualized listbox: bring a row into view (j/k), give it the focus. */
export interface VirtualListboxHandle {
  scrollToIndex(index: number): void
  focus(): void
}

export interface VirtualListboxOptions<T> {
  items: readonly T[]
  /** Every row is this tall, so the list never measures. */
  rowHeight: number
  keyOf(item: T): string | number
  /** The user scrolled near the end of what is loaded. */
  onNearEnd(): void
  /** Called once, when rows are first on screen. */
  onRowsPainted?(): void
}

export interface VirtualListbox {
  /** The scroll box (the listbox element). */
  scroller: RefObject<HTMLDivElement | null>
  /** The rows in view (plus a few): the only ones in the DOM. */
  rows: VirtualItem[]
  /** The height of all the rows (the inner box). */
  totalSize: number
  /** The scroll box's onScroll: remembers the row at the top of the view. */
  onScroll(): void
}

/**
 * A listbox of fixed-height rows, virtualized (smooth at 10,000+ rows), with what the lists share:
 * the page's handle (scroll a row into view, focus), "near the end" to read the next page, a
 * callback when rows are first painted, and a scroll anchor — rows arriving above what the user is
 * reading would push it down, so the row at the top of the view stays there (at the very top, the
 * view stays at the top, where the new rows show).
 */
export function useVirtualListbox<T>({ items, rowHeight, keyOf, onNearEnd, onRowsPainted }: VirtualListboxOptions<T>, ref: ForwardedRef<VirtualListboxHandle>): VirtualListbox {
  const scroller = useRef<HTMLDivElement>(null)
  // The virtualizer's functions stay inside this hook (read at render, called from the handle at a
  // key press); only plain values (rows, sizes) leave it, so nothing memoized holds a stale one.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    getItemKey: (index) => (items[index] === undefined ? index : keyOf(items[index]))
  })
  useImperativeHandle(ref, () => ({
    scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    focus: () => scroller.current?.focus()
  }))

  const itemsNow = useRef(items)
  const shown = useRef(items)
  const keyOfNow = useRef(keyOf)
  const anchor = useRef<{ key: string | number; offset: number } | null>(null)
  const onScroll = useCallback(() => {
    const el = scroller.current
    if (!el) return
    const first = Math.floor(el.scrollTop / rowHeight)
    const item = itemsNow.current[first]
    anchor.current = item === undefined ? null : { key: keyOfNow.current(item), offset: el.scrollTop - first * rowHeight }
  }, [rowHeight])
  useLayoutEffect(() => {
    itemsNow.current = items
    keyOfNow.current = keyOf
    const el = scroller.current
    const at = anchor.current ? items.findIndex((item) => keyOf(item) === anchor.current!.key) : -1
    if (el && shown.current !== items && el.scrollTop > 0 && at >= 0) el.scrollTop = at * rowHeight + anchor.current!.offset
    shown.current = items
    onScroll()
  }, [items, keyOf, rowHeight, onScroll])

  const rows = virtualizer.getVirtualItems()
  const last = rows[rows.length - 1]?.index ?? -1
  useEffect(() => {
    if (last >= items.length - 20) onNearEnd()
  }, [last, items.length, onNearEnd])

  const painted = rows.length > 0
  useEffect(() => {
    if (painted) onRowsPainted?.()
  }, [painted, onRowsPainted])

  return { scroller, rows, totalSize: virtualizer.getTotalSize(), onScroll }
}
