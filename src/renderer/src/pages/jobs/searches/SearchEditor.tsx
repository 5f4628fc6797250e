import { useState } from 'react'
import { DEFAULT_SEARCH_INTERVAL_MINUTES, type SavedSearchDto, type SavedSearchInput } from '@shared/discovery'
import { toProblem, type Problem } from '../../../api'
import { useErrorText, useT } from '../../../i18n'
import { useSearchesStore } from '../../../stores/searches-store'
import { Button, Dialog, TextField } from '../../../ui'

export interface SearchEditorProps {
  /** null: a new search. */
  search: SavedSearchDto | null
  onClose(): void
  onSaved(search: SavedSearchDto): void
}

/** Creates or edits a saved search. */
export function SearchEditor({ search, onClose, onSaved }: SearchEditorProps): React.JSX.Element {
  const t = useT()
  const errorText = useErrorText()
  const create = useSearchesStore((s) => s.create)
  const update = useSearchesStore((s) => s.update)
  const [name, setName] = useState(search?.name ?? '')
  const [query, setQuery] = useState(search?.filters.query ?? '')
  const [interval, setInterval] = useState(String(search?.intervalMinutes ?? DEFAULT_SEARCH_INTERVAL_MINUTES))
  const [problem, setProblem] = useState<Problem | null>(null)

  const save = async (): Promise<void> => {
    const input: SavedSearchInput = { name, filters: { ...(search?.filters ?? {}), query }, intervalMinutes: Number(interval) }
    try {
      onSaved(search ? await update(search.id, input) : await create(input))
    } catch (e) {
      setProblem(toProblem(e))
    }
  }

  return (
    <Dialog
      title={search ? t('searches.editor.editTitle') : t('searches.editor.newTitle')}
      onClose={onClose}
      data-testid="search-editor"
      actions={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" onClick={() => void save()}>
            {t('common.save')}
          </Button>
        </>
      }
    >
      <TextField label={t('searches.editor.name')} value={name} onChange={(e) => setName(e.target.value)} data-autofocus />
      <TextField label={t('searches.editor.query')} value={query} onChange={(e) => setQuery(e.target.value)} />
      <TextField label={t('searches.editor.interval')} type="number" value={interval} onChange={(e) => setInterval(e.target.value)} />
      {problem ? (
        <p className="field-error" role="alert">
          {errorText(problem)}
        </p>
      ) : null}
    </Dialog>
  )
}
