import { useEffect, useState } from 'react'
import { useT, type MessageKey } from '../i18n'
import { Button, Dialog, List, ListRow } from '../ui'

const SHORTCUTS: Array<[string, MessageKey]> = [
  ['Ctrl+1 … Ctrl+5', 'shortcuts.areas'],
  ['j / k', 'jobs.shortcuts.move'],
  ['Enter', 'jobs.shortcuts.open'],
  ['s', 'jobs.shortcuts.save'],
  ['d', 'jobs.shortcuts.dismiss'],
  ['/', 'jobs.shortcuts.search'],
  ['j / k', 'queue.shortcuts.move'],
  ['e', 'queue.shortcuts.edit'],
  ['a', 'queue.shortcuts.approve'],
  ['x', 'queue.shortcuts.discard'],
  ['?', 'shortcuts.help'],
  ['Esc', 'shortcuts.close']
]

const typingIn = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

/** "?" lists the keyboard shortcuts (keyboard first); Esc closes it. Ignored while typing. */
export function ShortcutsHelp(): React.JSX.Element | null {
  const t = useT()
  const [open, setOpen] = useState(false)
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === '?' && !typingIn(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) setOpen((o) => !o)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  if (!open) return null
  return (
    <Dialog
      title={t('shortcuts.title')}
      onClose={() => setOpen(false)}
      actions={
        <Button data-autofocus onClick={() => setOpen(false)}>
          {t('shortcuts.close')}
        </Button>
      }
    >
      <List className="list shortcuts">
        {SHORTCUTS.map(([keys, label]) => (
          <ListRow key={label} leading={<kbd>{keys}</kbd>} title={t(label)} />
        ))}
      </List>
    </Dialog>
  )
}
