import { useEffect, useState } from 'react'

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
