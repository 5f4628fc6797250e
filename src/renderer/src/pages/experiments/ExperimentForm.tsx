import { useEffect, useState } from 'react'
import { EXPERIMENT_KINDS, EXPERIMENT_METRICS, type CreateExperimentInput, type ExperimentDto, type ExperimentKind, type ExperimentMetric, type VariantInput } from '@shared/experiments'
import { isMessageKey } from '@shared/i18n'
import { useErrorText, useT, type MessageKey } from '../../i18n'
import { useDraftsStore } from '../../stores/drafts-store'
import { useExperimentsStore } from '../../stores/experiments-store'
import { useTemplatesStore } from '../../stores/templates-store'
import { Button, Card, CheckboxField, SelectField, TextField } from '../../ui'

/** The contract's bounds: two to six variants. */
export const MIN_VARIANTS = 2
export const MAX_VARIANTS = 6

interface VariantRow {
  key: number
  name: string
  /** A template id, a strategy id or a bid factor in percent, as typed. */
  choice: string
}

type Errors = Partial<Record<'name' | 'variants' | 'minEffect' | `variant.${number}.name` | `variant.${number}.choice`, MessageKey>>

let nextKey = 1
const row = (): VariantRow => ({ key: nextKey++, name: '', choice: '' })

/** What the form refuses before anything is sent, each at its field in plain words. */
export function validateExperiment(form: { name: string; kind: ExperimentKind; variants: VariantRow[]; minEffect: string }): Errors {
  const errors: Errors = {}
  if (form.name.trim() === '') errors.name = 'learning.form.err.name'
  if (form.variants.length < MIN_VARIANTS) errors.variants = 'learning.form.err.twoVariants'
  const seen = new Set<string>()
  form.variants.forEach((v, i) => {
    const name = v.name.trim().toLowerCase()
    if (name === '') errors[`variant.${i}.name`] = 'learning.form.err.variantName'
    else if (seen.has(name)) errors[`variant.${i}.name`] = 'learning.form.err.variantDuplicate'
    seen.add(name)
    if (form.kind === 'bid') {
      const pct = Number(v.choice)
      if (v.choice.trim() === '' || !Number.isFinite(pct) || pct < 50 || pct > 150) errors[`variant.${i}.choice`] = 'learning.form.err.bid'
    } else if (v.choice === '') errors[`variant.${i}.choice`] = form.kind === 'template' ? 'learning.form.err.template' : 'learning.form.err.strategy'
  })
  if (form.minEffect.trim() !== '') {
    const pct = Number(form.minEffect)
    if (!Number.isFinite(pct) || pct < 5 || pct > 500) errors.minEffect = 'learning.form.err.minEffect'
  }
  return errors
}

function toInput(form: { name: string; kind: ExperimentKind; metric: ExperimentMetric; variants: VariantRow[]; minEffect: string; thompson: boolean }): CreateExperimentInput {
  const variants: VariantInput[] = form.variants.map((v) => {
    const name = v.name.trim()
    if (form.kind === 'template') return { name, kind: 'template', templateId: Number(v.choice) }
    if (form.kind === 'strategy') return { name, kind: 'strategy', strategy: v.choice }
    return { name, kind: 'bid', bidRule: { factor: Number(v.choice) / 100 } }
  })
  return {
    name: form.name.trim(),
    variants,
    metric: form.metric,
    thompson: form.thompson,
    ...(form.minEffect.trim() !== '' ? { minEffect: Number(form.minEffect) / 100 } : {})
  }
}

/**
 * "New experiment": a name, two to six variants of one kind (templates, strategies or bid rules),
 * the metric (reply rate by default), an optional minimum effect worth detecting, and Thompson
 * sampling (off by default, said in one line). Refusals are shown at their fields; main's own
 * refusal (another experiment running, an archived template) under the form.
 */
export function ExperimentForm({ onCreated, onCancel }: { onCreated(e: ExperimentDto): void; onCancel(): void }): React.JSX.Element {
  const t = useT()
  const errorText = useErrorText()
  const templates = useTemplatesStore((s) => s.templates)
  const strategies = useDraftsStore((s) => s.strategies)
  const [name, setName] = useState('')
  const [kind, setKind] = useState<ExperimentKind>('template')
  const [metric, setMetric] = useState<ExperimentMetric>('reply')
  const [variants, setVariants] = useState<VariantRow[]>(() => [row(), row()])
  const [minEffect, setMinEffect] = useState('')
  const [thompson, setThompson] = useState(false)
  const [errors, setErrors] = useState<Errors>({})
  const [submitError, setSubmitError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    void useTemplatesStore.getState().load()
    void useDraftsStore.getState().loadStrategies()
  }, [])

  const patch = (key: number, change: Partial<VariantRow>): void => setVariants((vs) => vs.map((v) => (v.key === key ? { ...v, ...change } : v)))
  const choiceName = (choice: string): string => {
    if (kind === 'template') return templates.find((tpl) => String(tpl.id) === choice)?.name ?? ''
    if (kind === 'strategy') return strategyName(choice)
    return ''
  }
  const strategyName = (id: string): string => (isMessageKey(`drafting.strategy.${id}.name`) ? t(`drafting.strategy.${id}.name` as MessageKey) : id)

  const submit = async (): Promise<void> => {
    const form = { name, kind, metric, variants, minEffect, thompson }
    const found = validateExperiment(form)
    setErrors(found)
    setSubmitError(null)
    if (Object.keys(found).length > 0) return
    setSaving(true)
    try {
      onCreated(await useExperimentsStore.getState().create(toInput(form)))
    } catch (e) {
      setSubmitError(errorText(e as Error))
    } finally {
      setSaving(false)
    }
  }

  const err = (key: keyof Errors): string | null => (errors[key] ? t(errors[key]) : null)

  return (
    <Card title={t('learning.form.title')} className="experiment-form" data-testid="experiment-form">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <TextField label={t('learning.form.name')} value={name} maxLength={120} error={err('name')} onChange={(e) => setName(e.target.value)} />
        <SelectField
          label={t('learning.form.kind')}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as ExperimentKind)
            setVariants((vs) => vs.map((v) => ({ ...v, choice: '' })))
          }}
        >
          {EXPERIMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`learning.kind.${k}`)}
            </option>
          ))}
        </SelectField>

        <fieldset className="experiment-variants">
          <legend>{t('learning.form.variants')}</legend>
          {errors.variants ? (
            <p className="field-error" role="alert">
              {t(errors.variants)}
            </p>
          ) : null}
          {variants.map((v, i) => (
            <div className="experiment-variant" key={v.key} data-testid="experiment-variant">
              <TextField
                label={t('learning.form.variantName', { n: i + 1 })}
                value={v.name}
                maxLength={80}
                error={err(`variant.${i}.name`)}
                onChange={(e) => patch(v.key, { name: e.target.value })}
              />
              {kind === 'bid' ? (
                <TextField
                  label={t('learning.form.bid', { n: i + 1 })}
                  type="number"
                  min={50}
                  max={150}
                  step={1}
                  value={v.choice}
                  hint={t('learning.form.bidHint')}
                  error={err(`variant.${i}.choice`)}
                  onChange={(e) => patch(v.key, { choice: e.target.value })}
                />
              ) : (
                <SelectField
                  label={t(kind === 'template' ? 'learning.form.template' : 'learning.form.strategy', { n: i + 1 })}
                  value={v.choice}
                  error={err(`variant.${i}.choice`)}
                  onChange={(e) => {
                    const choice = e.target.value
                    // An unnamed variant takes its template's or strategy's name.
                    patch(v.key, { choice, ...(v.name.trim() === '' ? { name: kind === 'template' ? (templates.find((tpl) => String(tpl.id) === choice)?.name ?? '') : strategyName(choice) } : {}) })
                  }}
                >
                  <option value="">{t('learning.form.pick')}</option>
                  {kind === 'template'
                    ? templates.map((tpl) => (
                        <option key={tpl.id} value={tpl.id}>
                          {tpl.name}
                        </option>
                      ))
                    : strategies.map((s) => (
                        <option key={s.id} value={s.id}>
                          {strategyName(s.id)}
                        </option>
                      ))}
                </SelectField>
              )}
              {variants.length > MIN_VARIANTS ? (
                <Button variant="link-danger" onClick={() => setVariants((vs) => vs.filter((x) => x.key !== v.key))}>
                  {t('learning.form.removeVariant', { name: v.name.trim() || choiceName(v.choice) || String(i + 1) })}
                </Button>
              ) : null}
            </div>
          ))}
          {kind === 'template' && templates.length < MIN_VARIANTS ? <p className="hint-box">{t('learning.form.fewTemplates')}</p> : null}
          <Button disabled={variants.length >= MAX_VARIANTS} onClick={() => setVariants((vs) => [...vs, row()])}>
            {t('learning.form.addVariant')}
          </Button>
        </fieldset>

        <SelectField label={t('learning.form.metric')} value={metric} onChange={(e) => setMetric(e.target.value as ExperimentMetric)}>
          {EXPERIMENT_METRICS.map((m) => (
            <option key={m} value={m}>
              {t(`learning.metric.${m}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('learning.form.minEffect')}
          type="number"
          min={5}
          max={500}
          step={1}
          value={minEffect}
          hint={t('learning.form.minEffectHint')}
          error={err('minEffect')}
          onChange={(e) => setMinEffect(e.target.value)}
        />
        <CheckboxField label={t('learning.form.thompson')} checked={thompson} onChange={(e) => setThompson(e.target.checked)} />
        <p className="field-hint">{t('learning.thompson.explain')}</p>

        {submitError ? (
          <p className="error" role="alert" data-testid="experiment-form-error">
            {submitError}
          </p>
        ) : null}
        <div className="actions">
          <Button type="submit" variant="primary" disabled={saving}>
            {t('learning.form.start')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </div>
      </form>
    </Card>
  )
}
