import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { useT } from '../i18n'
import { Field } from './Field'

/** One chip: what is stored (`id`) and what is shown (`label`); for free text both are the text. */
export interface Chip {
  id: string
  label: string
}

export interface ChipsFieldProps {
  label: string
  values: readonly Chip[]
  onChange(values: Chip[]): void
  /** Typed text becomes a chip on Enter or a comma (terms, countries, keywords). */
  freeText?: boolean
  /** Suggestions for the typed text (a searchable picker); stale answers are dropped. */
  suggest?: (query: string) => Promise<readonly Chip[]>
  error?: string | null
  hint?: string | null
  placeholder?: string
  /** At most this many chips (the schema's limit). */
  max?: number
  'data-testid'?: string
}

/**
 * A list of chips with an input: free text (Enter or a comma adds, Backspace in an empty input
 * removes the last), or a searchable picker (a combobox with a listbox of suggestions: ↑/↓ move,
 * Enter picks, Esc closes). Each chip has its own "Remove" button. Duplicates are not added.
 */
export function ChipsField({ label, values, onChange, freeText, suggest, error, hint, placeholder, max, ...rest }: ChipsFieldProps): React.JSX.Element {
  const t = useT()
  const listId = useId()
  const [text, setText] = useState('')
  const [options, setOptions] = useState<readonly Chip[]>([])
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const asked = useRef(0)

  const has = (id: string): boolean => values.some((v) => v.id === id)
  const full = max !== undefined && values.length >= max
  const add = (chip: Chip): void => {
    setText('')
    setOpen(false)
    if (!has(chip.id) && !full) onChange([...values, chip])
  }
  const remove = (id: string): void => onChange(values.filter((v) => v.id !== id))

  useEffect(() => {
    if (!suggest || !open) return
    const n = ++asked.current
    suggest(text).then(
      (found) => {
        if (n !== asked.current) return
        setOptions(found)
        setActive(0)
      },
      () => n === asked.current && setOptions([])
    )
  }, [suggest, text, open])

  const shown = open && suggest ? options.filter((o) => !has(o.id)) : []
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown' && suggest) {
      e.preventDefault()
      if (!open) setOpen(true)
      else setActive((a) => Math.min(a + 1, Math.max(shown.length - 1, 0)))
    } else if (e.key === 'ArrowUp' && shown.length > 0) {
      e.preventDefault()
      setActive((a) => Math.max(a - 1, 0))
    } else if (e.key === 'Enter' || (e.key === ',' && freeText)) {
      const picked = shown[active]
      const typed = text.trim()
      if (picked && e.key === 'Enter') {
        e.preventDefault()
        add(picked)
      } else if (freeText && typed) {
        e.preventDefault()
        add({ id: typed, label: typed })
      } else if (e.key === 'Enter') e.preventDefault()
    } else if (e.key === 'Escape' && open) {
      e.preventDefault()
      e.stopPropagation()
      setOpen(false)
    } else if (e.key === 'Backspace' && text === '' && values.length > 0) {
      remove(values[values.length - 1]!.id)
    }
  }

  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => (
        <div className="chips" data-testid={rest['data-testid']}>
          {values.length > 0 ? (
            <ul className="row wrap" aria-label={t('ui.chips.chosen', { label })} style={{ listStyle: 'none', margin: 0, padding: 0, gap: 6 }}>
              {values.map((v) => (
                <li key={v.id} className="badge neutral">
                  {v.label}{' '}
                  <button type="button" className="btn link" aria-label={t('ui.chips.remove', { value: v.label })} onClick={() => remove(v.id)}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <input
            {...control}
            value={text}
            placeholder={placeholder}
            disabled={full}
            autoComplete="off"
            {...(suggest
              ? {
                  role: 'combobox',
                  'aria-expanded': shown.length > 0,
                  'aria-controls': listId,
                  'aria-autocomplete': 'list' as const,
                  'aria-activedescendant': shown[active] ? `${listId}-${active}` : undefined
                }
              : {})}
            onChange={(e) => {
              setText(e.target.value)
              if (suggest) setOpen(true)
            }}
            onFocus={() => suggest && setOpen(true)}
            onBlur={() => {
              const typed = text.trim()
              if (freeText && typed && !suggest) add({ id: typed, label: typed })
            }}
            onKeyDown={onKeyDown}
          />
          {suggest ? (
            <ul id={listId} role="listbox" aria-label={t('ui.chips.suggestions', { label })} className="list" hidden={shown.length === 0}>
              {shown.map((o, i) => (
                <li
                  key={o.id}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className="list-row"
                  onMouseDown={(e) => {
                    e.preventDefault()
                    add(o)
                  }}
                >
                  {o.label}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
    </Field>
  )
}
