import { useCallback, useEffect, useMemo, useState } from 'react'
import { profilePatchSchema, type ProfileDto } from '@shared/discovery'
import { api, toProblem, type Problem } from '../../api'
import { useErrorText, useI18n, useT } from '../../i18n'
import { useProfileStore } from '../../stores/profile-store'
import { Button, Card, ChipsField, Field, TextField, type Chip } from '../../ui'
import { numberOrNull, numberText, problemAt, schemaProblems } from '../jobs/searches/schema-problems'
import { ScoreWeightsCard } from './ProfileSectionWeights'

interface PortfolioDraft {
  title: string
  description: string
  url: string
}

interface Form {
  skills: Chip[]
  hourlyRate: string
  minFixedBudget: string
  yearsExperience: string
  bio: string
  portfolio: PortfolioDraft[]
  avoidCountries: Chip[]
  negativeKeywords: Chip[]
}

const chips = (values: readonly string[]): Chip[] => values.map((v) => ({ id: v, label: v }))

const formOf = (p: ProfileDto): Form => ({
  skills: chips(p.skills),
  hourlyRate: numberText(p.hourlyRate),
  minFixedBudget: numberText(p.minFixedBudget),
  yearsExperience: numberText(p.yearsExperience),
  bio: p.bio,
  portfolio: p.portfolio.map((i) => ({ title: i.title, description: i.description, url: i.url ?? '' })),
  avoidCountries: chips(p.avoidCountries),
  negativeKeywords: chips(p.negativeKeywords)
})

/** The profile patch exactly as profile:update takes it. */
export const patchOf = (f: Form) => ({
  skills: f.skills.map((s) => s.label),
  hourlyRate: numberOrNull(f.hourlyRate),
  minFixedBudget: numberOrNull(f.minFixedBudget),
  yearsExperience: numberOrNull(f.yearsExperience),
  bio: f.bio,
  portfolio: f.portfolio.map((i) => ({ title: i.title, description: i.description, url: i.url.trim() === '' ? null : i.url.trim() })),
  avoidCountries: f.avoidCountries.map((c) => c.id),
  negativeKeywords: f.negativeKeywords.map((c) => c.id)
})

type Notice = { kind: 'saved' } | { kind: 'error'; what: 'save' | 'import'; problem: Problem }

/**
 * Settings → Profile: what the fit score compares each job with (skills, rate, minimum budget,
 * experience, portfolio, bio, countries to avoid, negative keywords), imported from Upwork with
 * one click and then editable; the score weights below it.
 */
export function ProfileSection(): React.JSX.Element {
  const t = useT()
  const profile = useProfileStore((s) => s.profile)
  const loadError = useProfileStore((s) => s.loadError)
  const load = useProfileStore((s) => s.load)
  const errorText = useErrorText()
  useEffect(() => void load(), [load])
  return (
    <>
      <Card title={t('searches.profile.title')}>
        {loadError ? (
          <p className="field-error" role="alert">
            {t('searches.profile.loadFailed', { reason: errorText(loadError) })}
          </p>
        ) : null}
        {profile ? <ProfileForm key={`${profile.source}-${profile.importedAt ?? 0}`} profile={profile} /> : null}
      </Card>
      {profile ? <ScoreWeightsCard profile={profile} /> : null}
    </>
  )
}

function ProfileForm({ profile }: { profile: ProfileDto }): React.JSX.Element {
  const t = useT()
  const language = useI18n((s) => s.language)
  const errorText = useErrorText()
  const save = useProfileStore((s) => s.save)
  const importFromUpwork = useProfileStore((s) => s.importFromUpwork)
  const [form, setForm] = useState<Form>(() => formOf(profile))
  const [tried, setTried] = useState(false)
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<Notice | null>(null)
  const set = <K extends keyof Form>(key: K, value: Form[K]): void => {
    setForm((f) => ({ ...f, [key]: value }))
    setNotice(null)
  }
  const patch = useMemo(() => patchOf(form), [form])
  const problems = useMemo(() => (tried ? schemaProblems(profilePatchSchema.strict(), patch, t, language) : {}), [tried, patch, t, language])
  const at = (path: string): string | null => problemAt(problems, path)

  const suggestSkills = useCallback(async (query: string): Promise<Chip[]> => (await api.ontology.skills({ query, limit: 20 })).items.map((s) => ({ id: s.label, label: s.label })), [])

  const onSave = async (): Promise<void> => {
    setTried(true)
    if (Object.keys(schemaProblems(profilePatchSchema.strict(), patch, t, language)).length > 0) return
    setBusy(true)
    try {
      await save(patch)
      setNotice({ kind: 'saved' })
    } catch (e) {
      setNotice({ kind: 'error', what: 'save', problem: toProblem(e) })
    } finally {
      setBusy(false)
    }
  }
  const onImport = async (): Promise<void> => {
    setBusy(true)
    try {
      await importFromUpwork() // the form remounts with the imported profile
    } catch (e) {
      setNotice({ kind: 'error', what: 'import', problem: toProblem(e) })
      setBusy(false)
    }
  }
  const setItem = (i: number, item: Partial<PortfolioDraft>): void => set('portfolio', form.portfolio.map((p, j) => (j === i ? { ...p, ...item } : p)))
  const num = (key: 'hourlyRate' | 'minFixedBudget' | 'yearsExperience', label: string): React.JSX.Element => (
    <TextField label={label} type="number" inputMode="decimal" min={0} value={form[key]} error={at(key)} onChange={(e) => set(key, e.target.value)} />
  )

  return (
    <div data-testid="profile-form">
      <div className="actions">
        <Button onClick={() => void onImport()} disabled={busy}>
          {t('searches.profile.import')}
        </Button>
        <span className="muted" data-testid="profile-source">
          {profile.source === 'upwork' && profile.importedAt ? t('searches.profile.importedAt', { when: new Date(profile.importedAt).toLocaleString(language) }) : t('searches.profile.manual')}
        </span>
      </div>
      <ChipsField label={t('searches.profile.skills')} values={form.skills} onChange={(v) => set('skills', v)} freeText suggest={suggestSkills} error={at('skills')} max={200} hint={t('searches.profile.skillsHint')} />
      <div className="row wrap">
        {num('hourlyRate', t('searches.profile.hourlyRate'))}
        {num('minFixedBudget', t('searches.profile.minFixedBudget'))}
        {num('yearsExperience', t('searches.profile.yearsExperience'))}
      </div>
      <Field label={t('searches.profile.bio')} error={at('bio')}>
        {(control) => <textarea {...control} rows={4} value={form.bio} onChange={(e) => set('bio', e.target.value)} />}
      </Field>

      <fieldset data-testid="portfolio">
        <legend>{t('searches.profile.portfolio')}</legend>
        {form.portfolio.length === 0 ? <p className="muted">{t('searches.profile.portfolio.empty')}</p> : null}
        {form.portfolio.map((item, i) => (
          <div key={i} role="group" aria-label={t('searches.profile.portfolio.item', { n: i + 1 })} className="portfolio-item">
            <TextField label={t('searches.profile.portfolio.itemTitle')} value={item.title} error={at(`portfolio.${i}.title`)} onChange={(e) => setItem(i, { title: e.target.value })} />
            <Field label={t('searches.profile.portfolio.itemDescription')} error={at(`portfolio.${i}.description`)}>
              {(control) => <textarea {...control} rows={2} value={item.description} onChange={(e) => setItem(i, { description: e.target.value })} />}
            </Field>
            <TextField label={t('searches.profile.portfolio.itemUrl')} type="url" value={item.url} error={at(`portfolio.${i}.url`)} onChange={(e) => setItem(i, { url: e.target.value })} />
            <Button variant="link-danger" onClick={() => set('portfolio', form.portfolio.filter((_, j) => j !== i))}>
              {t('searches.profile.portfolio.remove', { n: i + 1 })}
            </Button>
          </div>
        ))}
        <Button onClick={() => set('portfolio', [...form.portfolio, { title: '', description: '', url: '' }])} disabled={form.portfolio.length >= 100}>
          {t('searches.profile.portfolio.add')}
        </Button>
      </fieldset>

      <ChipsField label={t('searches.profile.avoidCountries')} values={form.avoidCountries} onChange={(v) => set('avoidCountries', v)} freeText error={at('avoidCountries')} max={250} />
      <ChipsField
        label={t('searches.profile.negativeKeywords')}
        values={form.negativeKeywords}
        onChange={(v) => set('negativeKeywords', v)}
        freeText
        error={at('negativeKeywords')}
        max={200}
        hint={t('searches.profile.negativeKeywordsHint')}
      />
      <div className="actions">
        <Button variant="primary" onClick={() => void onSave()} disabled={busy} data-testid="profile-save">
          {t('searches.profile.save')}
        </Button>
        <span role="status" className={notice?.kind === 'error' ? 'field-error' : 'muted'} data-testid="profile-notice">
          {!notice
            ? null
            : notice.kind === 'saved'
              ? t('searches.profile.saved')
              : t(notice.what === 'save' ? 'searches.profile.saveFailed' : 'searches.profile.importFailed', { reason: errorText(notice.problem) })}
        </span>
      </div>
    </div>
  )
}
