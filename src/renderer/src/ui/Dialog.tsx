import { useEffect, useId, useRef, type ReactNode } from 'react'

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

const focusables = (root: HTMLElement): HTMLElement[] => Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE))

export interface DialogProps {
  title: ReactNode
  /** Called for Esc, a click outside, or a close button: the dialog does not close itself. */
  onClose: () => void
  children: ReactNode
  /** Buttons row at the bottom. */
  actions?: ReactNode
  role?: 'dialog' | 'alertdialog'
  'data-testid'?: string
}

/**
 * A modal dialog. Focus moves into it (the first element marked `data-autofocus`, else the first
 * focusable one), Tab and Shift+Tab stay inside it, focus that lands outside is pulled back, and on
 * close focus returns to whatever had it before.
 */
export function Dialog({ title, onClose, children, actions, role = 'dialog', ...rest }: DialogProps): React.JSX.Element {
  const titleId = useId()
  const ref = useRef<HTMLDivElement>(null)
  const onCloseRef = useRef(onClose)
  useEffect(() => {
    onCloseRef.current = onClose
  })

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const first = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(dialog)[0] ?? dialog
    first.focus()

    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        e.preventDefault()
        e.stopPropagation()
        onCloseRef.current()
        return
      }
      if (e.key !== 'Tab') return
      const items = focusables(dialog)
      if (items.length === 0) {
        e.preventDefault()
        dialog.focus()
        return
      }
      const firstItem = items[0]!
      const lastItem = items[items.length - 1]!
      const active = document.activeElement
      if (e.shiftKey && (active === firstItem || !dialog.contains(active))) {
        e.preventDefault()
        lastItem.focus()
      } else if (!e.shiftKey && (active === lastItem || !dialog.contains(active))) {
        e.preventDefault()
        firstItem.focus()
      }
    }
    // Focus that escapes anyway (a click behind the overlay, a screen reader's jump) comes back.
    const onFocusIn = (e: FocusEvent): void => {
      if (e.target instanceof Node && !dialog.contains(e.target)) (focusables(dialog)[0] ?? dialog).focus()
    }
    document.addEventListener('keydown', onKeyDown, true)
    document.addEventListener('focusin', onFocusIn)
    return () => {
      document.removeEventListener('keydown', onKeyDown, true)
      document.removeEventListener('focusin', onFocusIn)
      if (opener && opener.isConnected) opener.focus()
    }
  }, [])

  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={ref} className="dialog" role={role} aria-modal="true" aria-labelledby={titleId} tabIndex={-1} {...rest}>
        <h2 id={titleId}>{title}</h2>
        <div className="dialog-body">{children}</div>
        {actions ? <div className="actions">{actions}</div> : null}
      </div>
    </div>
  )
}
