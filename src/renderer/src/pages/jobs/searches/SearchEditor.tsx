import { useCallback, useEffect, useMemo, useState } from 'react'
import {
  DEFAULT_SEARCH_INTERVAL_MINUTES,
  savedSearchInputSchema,
  WORKLOAD_OPTIONS,
  type SavedSearchDto,
  type SavedSearchInput,
  type SearchFilters
} from '@shared/discovery'
import type { OntologyCategoriesDto, OntologySource } from '@shared/contract/discovery'
import { api, toProblem, type Problem } from '../../../api'
import { useErrorText, useI18n, useT } from '../../../i18n'
import { useSearchesStore } from '../../../stores/searches-store'
import { Button, CheckboxField, ChipsField, Dialog, SelectField, TextField, type Chip } from '../../../ui'
import { numberOrNull, numberText, problemAt, schemaProblems, type Problems } from './schema-problems'

export interface SearchEditorProps {
  /** null: a new search. */
  search: SavedSearchDto | null
  onClose(): void
  onSaved(search: SavedSearchDto): void
}

const BUILTIN = 'builtin:'
const chips = (values: readonly string[]): Chip[] => values.map((v) => ({ id: v, label: v }))
const ids = (values: readonly Chip[]): string[] => values.map((v) => v.id)

/** The form's state: numbers as typed (validated by the shared schema on save), lists as chips. */
interface Form {
  name: string
  query: string
  allTerms: Chip[]
  anyTerms: Chip[]
  exactPhrases: Chip[]
  excludeTerms: Chip[]
  categories: Chip[]
  skills: Chip[]
  experienceLevel: SearchFilters['experienceLevel']
  contractType: SearchFilters['contractType']
  budgetMin: string
  budgetMax: string
  hourlyMin: string
  hourlyMax: string
  paymentVerified: boolean
  minHires: string
  minTotalSpent: string
  minFeedback: string
  minHireRate: string
  countriesIn: Chip[]
  countriesOut: Chip[]
  maxApplicants: string
  postedWithinHours: string
  workload: string[]
  interval: string
}

function formOf(search: SavedSearchDto | null): Form {
  const f = search?.filters
  return {
    name: search?.name ?? '',
    query: f?.query ?? '',
    allTerms: chips(f?.allTerms ?? []),
    anyTerms: chips(f?.anyTerms ?? []),
    exactPhrases: chips(f?.exactPhrases ?? []),
    excludeTerms: chips(f?.excludeTerms ?? []),
    // Labels arrive from the ontology once it answers (ids shown meanwhile).
    categories: chips(f?.categoryIds ?? []),
    skills: chips(f?.skillIds ?? []),
    experienceLevel: f?.experienceLevel ?? null,
    contractType: f?.contractType ?? null,
    budgetMin: numberText(f?.budgetMin),
    budgetMax: numberText(f?.budgetMax),
    hourlyMin: numberText(f?.hourlyMin),
    hourlyMax: numberText(f?.hourlyMax),
    paymentVerified: f?.client.paymentVerified ?? false,
    minHires: numberText(f?.client.minHires),
    minTotalSpent: numberText(f?.client.minTotalSpent),
    minFeedback: numberText(f?.client.minFeedback),
    minHireRate: numberText(f?.client.minHireRate),
    countriesIn: chips(f?.client.countriesIn ?? []),
    countriesOut: chips(f?.client.countriesOut ?? []),
    maxApplicants: numberText(f?.maxApplicants),
    postedWithinHours: numberText(f?.postedWithinHours),
    workload: [...(f?.workload ?? [])],
    interval: String(search?.intervalMinutes ?? DEFAULT_SEARCH_INTERVAL_MINUTES)
  }
}

/** The saved search exactly as the contract takes it (every filter present). */
export function inputOf(form: Form): SavedSearchInput & { filters: SearchFilters } {
  return {
    name: form.name,
    intervalMinutes: numberOrNull(form.interval) ?? Number.NaN,
    filters: {
      query: form.query,
      allTerms: ids(form.allTerms),
      anyTerms: ids(form.anyTerms),
      exactPhrases: ids(form.exactPhrases),
      excludeTerms: ids(form.excludeTerms),
      categoryIds: ids(form.categories),
      skillIds: ids(form.skills),
      experienceLevel: form.experienceLevel,
      contractType: form.contractType,
      budgetMin: numberOrNull(form.budgetMin),
      budgetMax: numberOrNull(form.budgetMax),
      hourlyMin: numberOrNull(form.hourlyMin),
      hourlyMax: numberOrNull(form.hourlyMax),
      client: {
        paymentVerified: form.paymentVerified,
        minHires: numberOrNull(form.minHires),
        minTotalSpent: numberOrNull(form.minTotalSpent),
        minFeedback: numberOrNull(form.minFeedback),
        minHireRate: numberOrNull(form.minHireRate),
        countriesIn: ids(form.countriesIn),
        countriesOut: ids(form.countriesOut)
      },
      maxApplicants: numberOrNull(form.maxApplicants),
      postedWithinHours: numberOrNull(form.postedWithinHours),
      workload: form.workload
    }
  }
}

/** The shared schema's rules, plus min ≤ max for the two ranges. */
function validate(input: ReturnType<typeof inputOf>, t: ReturnType<typeof useT>, language: ReturnType<typeof useI18n.getState>['language']): Problems {
  const problems = schemaProblems(savedSearchInputSchema.strict(), input, t, language)
  const f = input.filters
  for (const [min, max, path] of [[f.budgetMin, f.budgetMax, 'filters.budgetMax'], [f.hourlyMin, f.hourlyMax, 'filters.hourlyMax']] as const) {
    if (min !== null && max !== null && Number.isFinite(min) && Number.isFinite(max) && min > max) problems[path] ??= t('searches.invalid.minAboveMax')
  }
  return problems
}

/** Ontology categories as picker options: top-level ones and "Subcategory (Category)". */
function categoryOptions(list: OntologyCategoriesDto['items']): Chip[] {
  return list.flatMap((c) => [{ id: c.id, label: c.label }, ...c.subcategories.map((s) => ({ id: s.id, label: `${s.label} (${c.label})` }))])
}

/** Creates or edits a saved search (every filter of issue 7 item 2), validated at each field. */
export function SearchEditor({ search, onClose, onSaved }: SearchEditorProps): React.JSX.Element {
  const t = useT()
  const language = useI18n((s) => s.language)
  const errorText = useErrorText()
  const create = useSearchesStore((s) => s.create)
  const update = useSearchesStore((s) => s.update)
  const [form, setForm] = useState<Form>(() => formOf(search))
  const [tried, setTried] = useState(false)
  const [saving, setSaving] = useState(false)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [categories, setCategories] = useState<OntologyCategoriesDto | null>(null)
  const [skillSource, setSkillSource] = useState<OntologySource | null>(null)
  const set = <K extends keyof Form>(key: K, value: Form[K]): void => setForm((f) => ({ ...f, [key]: value }))

  const input = useMemo(() => inputOf(form), [form])
  const problems = useMemo(() => (tried ? validate(input, t, language) : {}), [tried, input, t, language])
  const at = (path: string): string | null => problemAt(problems, path)

  // The ontology: categories (whole list) and the labels of the search's chosen skills.
  useEffect(() => {
    let live = true
    api.ontology.categories().then(
      (c) => {
        if (!live) return
        setCategories(c)
        const labels = new Map(categoryOptions(c.items).map((o) => [o.id, o.label]))
        setForm((f) => ({ ...f, categories: f.categories.map((x) => ({ id: x.id, label: labels.get(x.id) ?? x.label })) }))
      },
      () => live && setCategories({ items: [], source: 'builtin', fetchedAt: null })
    )
    const chosen = search?.filters.skillIds ?? []
    api.ontology.skills({ query: '', limit: 1, ids: chosen.length > 0 ? [...chosen] : null }).then(
      (r) => {
        if (!live) return
        setSkillSource(r.source)
        if (chosen.length === 0) return
        const labels = new Map(r.items.map((s) => [s.id, s.label]))
        setForm((f) => ({ ...f, skills: f.skills.map((x) => ({ id: x.id, label: labels.get(x.id) ?? x.label })) }))
      },
      () => undefined
    )
    return () => {
      live = false
    }
  }, [search])

  const suggestSkills = useCallback(async (query: string): Promise<Chip[]> => (await api.ontology.skills({ query, limit: 20 })).items, [])
  const suggestCategories = useCallback(
    async (query: string): Promise<Chip[]> => {
      const q = query.trim().toLowerCase()
      return categoryOptions(categories?.items ?? []).filter((o) => o.label.toLowerCase().includes(q)).slice(0, 30)
    },
    [categories]
  )
  /** A built-in skill (Upwork not connected) has no Upwork id: it is searched as a word ("all of these words"). */
  const pickSkills = (next: Chip[]): void => {
    const builtin = next.filter((s) => s.id.startsWith(BUILTIN))
    setForm((f) => ({
      ...f,
      skills: next.filter((s) => !s.id.startsWith(BUILTIN)),
      allTerms: [...f.allTerms, ...builtin.map((s) => ({ id: s.label, label: s.label })).filter((s) => !f.allTerms.some((x) => x.id === s.id))]
    }))
  }

  const save = async (): Promise<void> => {
    setTried(true)
    setProblem(null)
    if (Object.keys(validate(input, t, language)).length > 0) return
    setSaving(true)
    try {
      onSaved(search ? await update(search.id, input) : await create(input))
    } catch (e) {
      setProblem(toProblem(e))
    } finally {
      setSaving(false)
    }
  }

  const num = (key: keyof Form & string, path: string, label: string, extra: { step?: string; min?: number; max?: number } = {}): React.JSX.Element => (
    <TextField label={label} inputMode="decimal" type="number" value={form[key] as string} error={at(path)} onChange={(e) => set(key, e.target.value as never)} {...extra} />
  )
  const terms = (key: 'allTerms' | 'anyTerms' | 'exactPhrases' | 'excludeTerms', label: string): React.JSX.Element => (
    <ChipsField label={label} freeText values={form[key]} onChange={(v) => set(key, v)} error={at(`filters.${key}`)} max={50} placeholder={t('searches.editor.termsPlaceholder')} />
  )
  const invalidCount = Object.keys(problems).length

  return (
    <Dialog
      title={search ? t('searches.editor.editTitle') : t('searches.editor.newTitle')}
      onClose={onClose}
      data-testid="search-editor"
      actions={
        <>
          {invalidCount > 0 ? (
            <span className="field-error" role="alert">
              {t('searches.editor.fixFields', { n: invalidCount })}
            </span>
          ) : null}
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" disabled={saving} onClick={() => void save()} data-testid="search-save">
            {t('common.save')}
          </Button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <TextField label={t('searches.editor.name')} value={form.name} error={at('name')} onChange={(e) => set('name', e.target.value)} data-autofocus />

        <fieldset>
          <legend>{t('searches.editor.words')}</legend>
          <TextField label={t('searches.editor.query')} value={form.query} error={at('filters.query')} hint={t('searches.editor.queryHint')} onChange={(e) => set('query', e.target.value)} />
          {terms('allTerms', t('searches.editor.allTerms'))}
          {terms('anyTerms', t('searches.editor.anyTerms'))}
          {terms('exactPhrases', t('searches.editor.exactPhrases'))}
          {terms('excludeTerms', t('searches.editor.excludeTerms'))}
        </fieldset>

        <fieldset>
          <legend>{t('searches.editor.ontology')}</legend>
          <ChipsField
            label={t('searches.editor.categories')}
            values={form.categories}
            onChange={(v) => set('categories', v.filter((c) => !c.id.startsWith(BUILTIN)))}
            suggest={categories?.source === 'upwork' ? suggestCategories : undefined}
            error={at('filters.categoryIds')}
            hint={categories?.source === 'builtin' ? t('searches.editor.categoriesOffline') : null}
            max={50}
            data-testid="category-picker"
          />
          <ChipsField
            label={t('searches.editor.skills')}
            values={form.skills}
            onChange={pickSkills}
            suggest={suggestSkills}
            error={at('filters.skillIds')}
            hint={skillSource === 'builtin' ? t('searches.editor.skillsBuiltin') : null}
            max={100}
            data-testid="skill-picker"
          />
        </fieldset>

        <fieldset>
          <legend>{t('searches.editor.job')}</legend>
          <div className="row wrap">
            <SelectField
              label={t('searches.editor.experience')}
              value={form.experienceLevel ?? ''}
              error={at('filters.experienceLevel')}
              onChange={(e) => set('experienceLevel', (e.target.value || null) as Form['experienceLevel'])}
            >
              <option value="">{t('searches.editor.any')}</option>
              <option value="ENTRY_LEVEL">{t('scoreLevel.ENTRY_LEVEL')}</option>
              <option value="INTERMEDIATE">{t('scoreLevel.INTERMEDIATE')}</option>
              <option value="EXPERT">{t('scoreLevel.EXPERT')}</option>
            </SelectField>
            <SelectField
              label={t('searches.editor.contractType')}
              value={form.contractType ?? ''}
              error={at('filters.contractType')}
              onChange={(e) => set('contractType', (e.target.value || null) as Form['contractType'])}
            >
              <option value="">{t('searches.editor.any')}</option>
              <option value="HOURLY">{t('searches.editor.hourly')}</option>
              <option value="FIXED">{t('searches.editor.fixed')}</option>
            </SelectField>
          </div>
          <div className="row wrap">
            {num('budgetMin', 'filters.budgetMin', t('searches.editor.budgetMin'), { min: 0 })}
            {num('budgetMax', 'filters.budgetMax', t('searches.editor.budgetMax'), { min: 0 })}
            {num('hourlyMin', 'filters.hourlyMin', t('searches.editor.hourlyMin'), { min: 0 })}
            {num('hourlyMax', 'filters.hourlyMax', t('searches.editor.hourlyMax'), { min: 0 })}
          </div>
          <div className="row wrap">
            {num('maxApplicants', 'filters.maxApplicants', t('searches.editor.maxApplicants'), { min: 0, step: '1' })}
            {num('postedWithinHours', 'filters.postedWithinHours', t('searches.editor.postedWithin'), { min: 1, step: '1' })}
          </div>
          <div role="group" aria-label={t('searches.editor.workload')}>
            <p className="muted">{t('searches.editor.workload')}</p>
            {WORKLOAD_OPTIONS.map((w, i) => (
              <CheckboxField
                key={w}
                label={t(`searches.editor.workload.${i as 0 | 1 | 2}`)}
                checked={form.workload.includes(w)}
                onChange={(e) => set('workload', e.target.checked ? [...form.workload, w] : form.workload.filter((x) => x !== w))}
              />
            ))}
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('searches.editor.client')}</legend>
          <CheckboxField label={t('searches.editor.paymentVerified')} checked={form.paymentVerified} onChange={(e) => set('paymentVerified', e.target.checked)} />
          <div className="row wrap">
            {num('minHires', 'filters.client.minHires', t('searches.editor.minHires'), { min: 0, step: '1' })}
            {num('minTotalSpent', 'filters.client.minTotalSpent', t('searches.editor.minTotalSpent'), { min: 0 })}
            {num('minFeedback', 'filters.client.minFeedback', t('searches.editor.minFeedback'), { min: 0, max: 5, step: '0.1' })}
            {num('minHireRate', 'filters.client.minHireRate', t('searches.editor.minHireRate'), { min: 0, max: 100 })}
          </div>
          <ChipsField label={t('searches.editor.countriesIn')} freeText values={form.countriesIn} onChange={(v) => set('countriesIn', v)} error={at('filters.client.countriesIn')} max={250} />
          <ChipsField label={t('searches.editor.countriesOut')} freeText values={form.countriesOut} onChange={(v) => set('countriesOut', v)} error={at('filters.client.countriesOut')} max={250} />
        </fieldset>

        <p className="field-hint" data-testid="local-filters-hint">
          {t('searches.editor.localHint')}
        </p>

        {num('interval', 'intervalMinutes', t('searches.editor.interval'), { min: 1, step: '1' })}
        {problem ? (
          <p className="field-error" role="alert">
            {t('searches.editor.saveFailed', { reason: errorText(problem) })}
          </p>
        ) : null}
      </form>
    </Dialog>
  )
}
