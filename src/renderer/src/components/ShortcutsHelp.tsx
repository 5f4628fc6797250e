import { useEffect, useState } from 'react'
import { t, type MessageKey } from '../i18n'

const SHORTCUTS: Array<[string, MessageKey]> = [
  ['Ctrl+1 … Ctrl+5', 'shortcuts.areas'],
  ['?', 'shortcuts.help'],
  ['Esc', 'shortcuts.close']
]

const typingIn = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

/** "?" lists the keyboard shortcuts (keyboard first); Esc closes it. Ignored while typing. */
export function ShortcutsHelp(): React.JSX.Element | null {
  const [open, setOpen] = useState(false)
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false)
      else if (e.key === '?' && !typingIn(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) setOpen((o) => !o)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  if (!open) return null
  return (
    <div className="overlay" onClick={() => setOpen(false)}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onClick={(e) => e.stopPropagation()}>
        <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
        <table>
          <tbody>
            {SHORTCUTS.map(([keys, label]) => (
              <tr key={keys}>
                <th scope="row">
                  <kbd>{keys}</kbd>
                </th>
                <td>{t(label)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="actions">
          <button type="button" onClick={() => setOpen(false)} autoFocus>
            {t('shortcuts.close')}
          </button>
        </div>
      </div>
    </div>
  )
}
