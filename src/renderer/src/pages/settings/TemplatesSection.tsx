import { useEffect, useRef, useState } from 'react'
import type { JobListItem } from '@shared/discovery'
import { TEMPLATE_VARIABLES, type TemplateDto, type TemplatePreviewDto } from '@shared/drafting'
import { api, toProblem, type Problem } from '../../api'
import { useErrorText, useT, type MessageKey } from '../../i18n'
import { useTemplatesStore } from '../../stores/templates-store'
import { Badge, Button, Card, CheckboxField, ChipsField, Field, SelectField, TextField } from '../../ui'

/** How long the body may stay unchanged before the preview is asked again. */
export const PREVIEW_DEBOUNCE_MS = 250

interface DraftTemplate {
  id: number | null
  name: string
  category: string
  tags: string[]
  body: string
}

const blank: DraftTemplate = { id: null, name: '', category: '', tags: [], body: '' }
const fromTemplate = (t: TemplateDto): DraftTemplate => ({ id: t.id, name: t.name, category: t.category ?? '', tags: t.tags, body: t.body })

/** Settings → Templates: proposal templates with variables, a live preview against a stored job, usage counts. */
export function TemplatesSection(): React.JSX.Element {
  const t = useT()
  const errorText = useErrorText()
  const templates = useTemplatesStore((s) => s.templates)
  const includeArchived = useTemplatesStore((s) => s.includeArchived)
  const loadError = useTemplatesStore((s) => s.error)
  const { load, archive } = useTemplatesStore.getState()
  const [editing, setEditing] = useState<DraftTemplate | null>(null)
  const [problem, setProblem] = useState<Problem | null>(null)

  useEffect(() => {
    void useTemplatesStore.getState().load()
  }, [])

  const toggleArchive = async (tpl: TemplateDto): Promise<void> => {
    setProblem(null)
    try {
      await archive(tpl.id, !tpl.archived)
      if (editing?.id === tpl.id) setEditing(null)
    } catch (e) {
      setProblem(toProblem(e))
    }
  }

  return (
    <Card title={t('drafts.templates.title')} data-testid="templates-section">
      <p className="muted">{t('drafts.templates.intro')}</p>
      {loadError ? (
        <p className="error" role="alert">
          {errorText(loadError)}
        </p>
      ) : null}
      <CheckboxField label={t('drafts.templates.showArchived')} checked={includeArchived} onChange={(e) => void load({ includeArchived: e.target.checked })} />
      {templates.length === 0 ? <p className="muted">{t('drafts.templates.none')}</p> : null}
      <ul className="templates-list" aria-label={t('drafts.templates.title')}>
        {templates.map((tpl) => (
          <li key={tpl.id} className="list-row">
            <span className="list-row-main">
              <span className="list-row-title">{tpl.name}</span>
              <span className="list-row-detail">
                {[tpl.category, tpl.tags.length ? tpl.tags.join(', ') : null].filter(Boolean).join(' · ')}
              </span>
              <span className="list-row-detail">{t('drafts.templates.usage', { count: tpl.usageCount })}</span>
            </span>
            <span className="list-row-trailing">
              {tpl.archived ? <Badge>{t('drafts.templates.archived')}</Badge> : null}
              {!tpl.archived ? (
                <Button variant="link" onClick={() => setEditing(fromTemplate(tpl))} aria-label={t('drafts.templates.editNamed', { name: tpl.name })}>
                  {t('drafts.templates.edit')}
                </Button>
              ) : null}
              <Button variant="link" onClick={() => void toggleArchive(tpl)} aria-label={t(tpl.archived ? 'drafts.templates.unarchiveNamed' : 'drafts.templates.archiveNamed', { name: tpl.name })}>
                {tpl.archived ? t('drafts.templates.unarchive') : t('drafts.templates.archive')}
              </Button>
            </span>
          </li>
        ))}
      </ul>
      {problem ? (
        <p className="error" role="alert">
          {errorText(problem)}
        </p>
      ) : null}
      {editing ? (
        <TemplateEditor key={editing.id ?? 'new'} initial={editing} onDone={() => setEditing(null)} />
      ) : (
        <div className="actions">
          <Button onClick={() => setEditing(blank)}>{t('drafts.templates.new')}</Button>
        </div>
      )}
    </Card>
  )
}

function TemplateEditor({ initial, onDone }: { initial: DraftTemplate; onDone(): void }): React.JSX.Element {
  const t = useT()
  const errorText = useErrorText()
  const [value, setValue] = useState(initial)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [busy, setBusy] = useState(false)
  const [jobs, setJobs] = useState<JobListItem[]>([])
  const [jobId, setJobId] = useState<number | null>(null)
  const [preview, setPreview] = useState<TemplatePreviewDto | null>(null)
  const [previewError, setPreviewError] = useState<Problem | null>(null)
  const body = useRef<HTMLTextAreaElement>(null)
  const asked = useRef(0)

  useEffect(() => {
    api.jobs.list({ sort: 'recency', limit: 50 }).then(
      (page) => setJobs(page.items.filter((j) => j.title)),
      () => setJobs([])
    )
  }, [])

  // Live preview: the body rendered for the chosen job (or every variable's fallback); stale answers are dropped.
  useEffect(() => {
    const ask = ++asked.current
    const timer = setTimeout(() => {
      api.templates.preview({ body: value.body, jobId }).then(
        (p) => ask === asked.current && (setPreview(p), setPreviewError(null)),
        (e: unknown) => ask === asked.current && setPreviewError(toProblem(e))
      )
    }, PREVIEW_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [value.body, jobId])

  const insert = (name: string): void => {
    const el = body.current
    const token = `{{${name}}}`
    const at = el ? el.selectionStart : value.body.length
    const end = el ? el.selectionEnd : value.body.length
    setValue((v) => ({ ...v, body: v.body.slice(0, at) + token + v.body.slice(end) }))
  }

  const submit = async (): Promise<void> => {
    setBusy(true)
    setProblem(null)
    const input = { name: value.name, body: value.body, category: value.category.trim() || null, tags: value.tags }
    try {
      const store = useTemplatesStore.getState()
      if (value.id === null) await store.create(input)
      else await store.update(value.id, input)
      onDone()
    } catch (e) {
      setProblem(toProblem(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="template-editor"
      aria-label={value.id === null ? t('drafts.templates.new') : t('drafts.templates.editNamed', { name: initial.name })}
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <TextField label={t('drafts.templates.name')} value={value.name} required maxLength={120} onChange={(e) => setValue({ ...value, name: e.target.value })} />
      <TextField label={t('drafts.templates.category')} value={value.category} maxLength={60} onChange={(e) => setValue({ ...value, category: e.target.value })} />
      <ChipsField
        label={t('drafts.templates.tags')}
        freeText
        max={20}
        values={value.tags.map((tag) => ({ id: tag, label: tag }))}
        onChange={(chips) => setValue({ ...value, tags: chips.map((c) => c.id) })}
      />
      <Field label={t('drafts.templates.body')}>
        {(control) => <textarea {...control} ref={body} rows={10} className="draft-text" value={value.body} onChange={(e) => setValue({ ...value, body: e.target.value })} />}
      </Field>
      <div aria-label={t('drafts.templates.variables')} role="group" className="template-variables">
        <span className="muted small">{t('drafts.templates.variables')}</span>
        {TEMPLATE_VARIABLES.map((name) => (
          <Button key={name} variant="link" onClick={() => insert(name)} title={t(`drafts.templates.var.${name}` as MessageKey)}>
            {`{{${name}}}`}
          </Button>
        ))}
      </div>
      <SelectField label={t('drafts.templates.previewJob')} value={jobId ?? ''} onChange={(e) => setJobId(e.target.value ? Number(e.target.value) : null)}>
        <option value="">{t('drafts.templates.previewNoJob')}</option>
        {jobs.map((j) => (
          <option key={j.id} value={j.id}>
            {j.title}
          </option>
        ))}
      </SelectField>
      <section aria-label={t('drafts.templates.preview')} className="template-preview">
        <h3>{t('drafts.templates.preview')}</h3>
        {previewError ? (
          <p className="error" role="alert">
            {errorText(previewError)}
          </p>
        ) : null}
        <div className="draft-version-text" data-testid="template-preview">
          {preview?.text ?? ''}
        </div>
        {preview && preview.missing.length > 0 ? <p className="muted small">{t('drafts.templates.missing', { names: preview.missing.join(', ') })}</p> : null}
        {preview && preview.unknown.length > 0 ? <p className="warn small">{t('drafts.templates.unknown', { names: preview.unknown.join(', ') })}</p> : null}
      </section>
      {problem ? (
        <p className="error" role="alert">
          {errorText(problem)}
        </p>
      ) : null}
      <div className="actions">
        <Button type="submit" variant="primary" disabled={busy}>
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </div>
    </form>
  )
}
