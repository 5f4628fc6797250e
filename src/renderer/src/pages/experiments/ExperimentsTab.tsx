import { useEffect, useState } from 'react'
import { useErrorText, useT } from '../../i18n'
import { useExperimentsStore } from '../../stores/experiments-store'
import { Badge, Button, EmptyState, List, ListRow } from '../../ui'
import { decisionText } from './decision'
import { ExperimentForm } from './ExperimentForm'
import { ExperimentResults } from './ExperimentResults'
import './experiments.css'

/**
 * Analytics → Experiments: every A/B test with its state in words (running, not enough data yet,
 * winner found, stopped), the open one's results, and "New experiment". Mounted as a tab of the
 * Analytics page.
 */
export function ExperimentsTab(): React.JSX.Element {
  const t = useT()
  const errorText = useErrorText()
  const phase = useExperimentsStore((s) => s.phase)
  const error = useExperimentsStore((s) => s.error)
  const list = useExperimentsStore((s) => s.list)
  const details = useExperimentsStore((s) => s.details)
  const selectedId = useExperimentsStore((s) => s.selectedId)
  const detailError = useExperimentsStore((s) => s.detailError)
  const [creating, setCreating] = useState(false)

  useEffect(() => useExperimentsStore.getState().follow(), [])

  const running = list.some((e) => e.state === 'running')
  const selected = selectedId !== null ? (details[selectedId] ?? null) : null
  const newButton = (
    <Button variant="primary" disabled={running} onClick={() => setCreating(true)}>
      {t('learning.new')}
    </Button>
  )

  if (phase === 'error') {
    return (
      <div role="alert" className="experiments-tab">
        <p>{t('learning.err.load', { reason: error ? errorText(error) : '' })}</p>
        <Button onClick={() => void useExperimentsStore.getState().load()}>{t('learning.retry')}</Button>
      </div>
    )
  }

  return (
    <div className="experiments-tab" data-testid="experiments-tab">
      {creating ? (
        <ExperimentForm
          onCreated={() => setCreating(false)}
          onCancel={() => setCreating(false)}
        />
      ) : null}
      {phase === 'ready' && list.length === 0 && !creating ? (
        <EmptyState title={t('learning.empty.title')} action={newButton}>
          {t('learning.empty.body')}
        </EmptyState>
      ) : null}
      {list.length > 0 ? (
        <div className="experiments-layout">
          <section aria-labelledby="experiments-list-title" className="experiments-list">
            <div className="experiments-list-head">
              <h2 id="experiments-list-title">{t('learning.list.title')}</h2>
              {!creating ? newButton : null}
            </div>
            {running && !creating ? <p className="muted small">{t('learning.oneAtATime')}</p> : null}
            <List aria-labelledby="experiments-list-title" data-testid="experiments-list">
              {list.map((e) => {
                const d = details[e.id]
                const state = decisionText(t, e, new Map((d?.variants ?? []).map((v) => [v.id, v.name])))
                return (
                  <ListRow
                    key={e.id}
                    selected={e.id === selectedId}
                    data-testid={`experiment-row-${e.id}`}
                    title={
                      <Button variant="link" aria-pressed={e.id === selectedId} onClick={() => void useExperimentsStore.getState().select(e.id)}>
                        {e.name}
                      </Button>
                    }
                    detail={[t(`learning.metric.${e.metric}`), state.detail].filter(Boolean).join(' · ')}
                    trailing={<Badge tone={state.tone}>{state.label}</Badge>}
                  />
                )
              })}
            </List>
          </section>
          <div className="experiments-detail">
            {detailError ? (
              <p className="error" role="alert">
                {t('learning.err.load', { reason: errorText(detailError) })}
              </p>
            ) : selected ? (
              <ExperimentResults experiment={selected} />
            ) : (
              <p className="muted" role="status">
                {t('learning.loading')}
              </p>
            )}
          </div>
        </div>
      ) : phase !== 'ready' ? (
        <p className="muted" role="status">
          {t('learning.loading')}
        </p>
      ) : null}
    </div>
  )
}
