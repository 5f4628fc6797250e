import { useEffect, useState } from 'react'
import { toProblem, type Problem } from '../../api'
import { useErrorText, useT } from '../../i18n'
import { useExperimentsStore } from '../../stores/experiments-store'
import { Badge, SelectField } from '../../ui'
import './experiments.css'

const LEAVE = 'leave'

/**
 * On the draft: "Experiment: X · variant B", and a select to override the variant (or leave the
 * experiment). It says that an overridden draft leaves the comparison. Nothing shows for a draft
 * that is in no experiment.
 */
export function DraftExperiment({ draftId }: { draftId: number }): React.JSX.Element | null {
  const t = useT()
  const errorText = useErrorText()
  const assignment = useExperimentsStore((s) => s.assignments[draftId])
  const experiment = useExperimentsStore((s) => (assignment ? s.details[assignment.experimentId] : undefined))
  const [failure, setFailure] = useState<Problem | null>(null)
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    const off = useExperimentsStore.getState().follow()
    void useExperimentsStore
      .getState()
      .loadAssignment(draftId)
      .catch((e: unknown) => setFailure(toProblem(e)))
    return off
  }, [draftId])
  const problem = failure ? errorText(failure) : null

  if (!assignment) {
    return problem ? (
      <p className="error" role="alert">
        {problem}
      </p>
    ) : null
  }

  const change = async (value: string): Promise<void> => {
    setFailure(null)
    setSaving(true)
    try {
      await useExperimentsStore.getState().setDraftVariant(draftId, value === LEAVE ? null : Number(value))
    } catch (e) {
      setFailure(toProblem(e))
    } finally {
      setSaving(false)
    }
  }

  const variants = (experiment?.variants ?? []).filter((v) => v.status === 'active' || v.id === assignment.variantId)
  const current = assignment.variantId === null ? LEAVE : String(assignment.variantId)
  return (
    <section className="draft-experiment" aria-labelledby={`draft-experiment-${draftId}`} data-testid="draft-experiment">
      <p id={`draft-experiment-${draftId}`}>
        {assignment.variantName !== null
          ? t('learning.draft.line', { experiment: assignment.experimentName, variant: assignment.variantName })
          : t('learning.draft.lineLeft', { experiment: assignment.experimentName })}{' '}
        {assignment.overridden ? (
          <Badge tone="warn" data-testid="draft-experiment-excluded">
            {t('learning.draft.excluded')}
          </Badge>
        ) : null}
      </p>
      {experiment && experiment.state === 'running' ? (
        <SelectField
          label={t('learning.draft.override')}
          value={current}
          disabled={saving}
          hint={t('learning.draft.overrideHint')}
          error={problem}
          onChange={(e) => void change(e.target.value)}
        >
          {variants.map((v) => (
            <option key={v.id} value={v.id}>
              {v.id === assignment.assignedVariantId ? t('learning.draft.assigned', { name: v.name }) : v.name}
            </option>
          ))}
          <option value={LEAVE}>{t('learning.draft.leave')}</option>
        </SelectField>
      ) : problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  )
}
