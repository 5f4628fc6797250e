import { useState } from 'react'
import { api, toProblem, type Problem } from '../../api'
import { useErrorText, useT } from '../../i18n'
import { useAppStore } from '../../stores/app-store'
import { useDraftsStore } from '../../stores/drafts-store'
import { Button } from '../../ui'

/** The job detail's "Draft a proposal": creates the draft (saved before anything else) and opens it in the Drafts area. */
export function DraftFromJobButton({ jobId, disabled }: { jobId: number; disabled?: boolean }): React.JSX.Element {
  const t = useT()
  const errorText = useErrorText()
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<Problem | null>(null)
  const start = async (): Promise<void> => {
    setBusy(true)
    setProblem(null)
    try {
      const draft = await api.drafts.create({ kind: 'proposal', jobId })
      await useDraftsStore.getState().opened(draft)
      useAppStore.getState().navigate('drafts')
    } catch (e) {
      setProblem(toProblem(e))
      setBusy(false)
    }
  }
  return (
    <>
      <Button variant="primary" disabled={disabled || busy} onClick={() => void start()}>
        {busy ? t('drafts.fromJob.busy') : t('drafts.fromJob')}
      </Button>
      {problem ? (
        <span className="field-error" role="alert">
          {errorText(problem)}
        </span>
      ) : null}
    </>
  )
}
