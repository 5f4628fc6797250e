import { useState } from 'react'
import { RED_FLAG_COMPONENTS, SCORE_WEIGHT_DEFAULTS, scoreWeightsPatchSchema, type ProfileDto, type ScoreComponent } from '@shared/discovery'
import { toProblem, type Problem } from '../../api'
import { useErrorText, useI18n, useT } from '../../i18n'
import { useProfileStore } from '../../stores/profile-store'
import { Button, Card, TextField } from '../../ui'
import { numberOrNull, schemaProblems } from '../jobs/searches/schema-problems'

const COMPONENTS = Object.keys(SCORE_WEIGHT_DEFAULTS) as ScoreComponent[]
const FIT = COMPONENTS.filter((c) => !RED_FLAG_COMPONENTS.includes(c))

type Draft = Record<ScoreComponent, string>
const draftOf = (weights: Record<string, number>): Draft =>
  Object.fromEntries(COMPONENTS.map((c) => [c, String(weights[c] ?? SCORE_WEIGHT_DEFAULTS[c])])) as Draft

type Notice = { kind: 'saved' } | { kind: 'rescoring' } | { kind: 'rescored'; n: number } | { kind: 'error'; what: 'save' | 'rescore'; problem: Problem }

/**
 * The score weights: points per component, each with its default; "Reset to defaults"; after a
 * save, "Rescore all jobs" (jobs:rescoreAll) with the count, so stored jobs follow the new weights.
 */
export function ScoreWeightsCard({ profile }: { profile: ProfileDto }): React.JSX.Element {
  const t = useT()
  const language = useI18n((s) => s.language)
  const errorText = useErrorText()
  const save = useProfileStore((s) => s.save)
  const rescoreAll = useProfileStore((s) => s.rescoreAll)
  const [draft, setDraft] = useState<Draft>(() => draftOf(profile.scoreWeights))
  const [notice, setNotice] = useState<Notice | null>(null)
  const [busy, setBusy] = useState(false)

  const weights = Object.fromEntries(COMPONENTS.map((c) => [c, numberOrNull(draft[c]) ?? Number.NaN]))
  const problems = schemaProblems(scoreWeightsPatchSchema, weights, t, language)
  const isDefault = COMPONENTS.every((c) => weights[c] === SCORE_WEIGHT_DEFAULTS[c])

  const onSave = async (): Promise<void> => {
    if (Object.keys(problems).length > 0) return
    setBusy(true)
    try {
      const saved = await save({ scoreWeights: weights })
      setDraft(draftOf(saved.scoreWeights))
      setNotice({ kind: 'saved' })
    } catch (e) {
      setNotice({ kind: 'error', what: 'save', problem: toProblem(e) })
    } finally {
      setBusy(false)
    }
  }
  const onRescore = async (): Promise<void> => {
    setBusy(true)
    setNotice({ kind: 'rescoring' })
    try {
      setNotice({ kind: 'rescored', n: await rescoreAll() })
    } catch (e) {
      setNotice({ kind: 'error', what: 'rescore', problem: toProblem(e) })
    } finally {
      setBusy(false)
    }
  }
  const input = (c: ScoreComponent): React.JSX.Element => (
    <TextField
      key={c}
      label={t(`searches.profile.weight.${c}`)}
      type="number"
      inputMode="numeric"
      min={0}
      max={100}
      value={draft[c]}
      error={problems[c] ?? null}
      hint={t('searches.profile.weights.default', { n: SCORE_WEIGHT_DEFAULTS[c] })}
      onChange={(e) => {
        setDraft((d) => ({ ...d, [c]: e.target.value }))
        setNotice(null)
      }}
    />
  )

  return (
    <Card title={t('searches.profile.weights.title')}>
      <p className="muted">{t('searches.profile.weights.intro')}</p>
      <fieldset>
        <legend>{t('searches.profile.weights.fit')}</legend>
        <div className="row wrap">{FIT.map(input)}</div>
      </fieldset>
      <fieldset>
        <legend>{t('searches.profile.weights.flags')}</legend>
        <div className="row wrap">{RED_FLAG_COMPONENTS.map(input)}</div>
      </fieldset>
      <div className="actions">
        <Button variant="primary" onClick={() => void onSave()} disabled={busy} data-testid="weights-save">
          {t('searches.profile.weights.save')}
        </Button>
        <Button
          onClick={() => {
            setDraft(draftOf({}))
            setNotice(null)
          }}
          disabled={busy || isDefault}
        >
          {t('searches.profile.weights.reset')}
        </Button>
        {notice && notice.kind !== 'error' && notice.kind !== 'rescoring' ? (
          <Button onClick={() => void onRescore()} disabled={busy}>
            {t('searches.profile.weights.rescore')}
          </Button>
        ) : null}
        <span role="status" className={notice?.kind === 'error' ? 'field-error' : 'muted'} data-testid="weights-notice">
          {!notice
            ? null
            : notice.kind === 'saved'
              ? t('searches.profile.weights.saved')
              : notice.kind === 'rescoring'
                ? t('searches.profile.weights.rescoring')
                : notice.kind === 'rescored'
                  ? t('searches.profile.weights.rescored', { n: notice.n })
                  : t(notice.what === 'save' ? 'searches.profile.saveFailed' : 'searches.profile.weights.rescoreFailed', { reason: errorText(notice.problem) })}
        </span>
      </div>
    </Card>
  )
}
