import { useEffect } from 'react'
import type { ReviewItemDto } from '@shared/review'
import { useT } from '../../../i18n'
import { usePredictionStore } from '../../../stores/prediction-store'
import { useQueueStore } from '../../../stores/queue-store'
import { useSettingsStore } from '../../../stores/settings-store'
import { SelectField } from '../../../ui'
import { useDraftPredictions } from '../../experiments/Prediction'

type QueueOrderSetting = 'score' | 'prediction'

/** Best predicted chance of a reply first; drafts without a prediction after them, by score. */
export function byPrediction(predicted: Readonly<Record<number, { reply: { p: number } } | undefined>>): (a: ReviewItemDto, b: ReviewItemDto) => number {
  const p = (d: ReviewItemDto): number => {
    const v = predicted[d.draftId]?.reply.p
    return typeof v === 'number' && Number.isFinite(v) ? v : -1
  }
  return (a, b) => p(b) - p(a) || (b.score ?? -1) - (a.score ?? -1)
}

/**
 * The review queue's order: best fit score first (main's) or the best predicted chance of a reply
 * first. The choice is a setting (learning.queueOrder), so it is remembered; the drafts'
 * predictions are asked for as the queue loads, and the order follows them as they arrive.
 */
export function QueueOrder(): React.JSX.Element {
  const t = useT()
  const order: QueueOrderSetting = useSettingsStore((s) => s.settings?.learning.queueOrder ?? 'score')
  const items = useQueueStore((s) => s.items)
  const predicted = usePredictionStore((s) => s.drafts)
  useDraftPredictions(items.map((d) => d.draftId))

  const ids = items.map((d) => d.draftId).join(',')
  useEffect(() => {
    const store = useQueueStore.getState()
    if (order === 'score') {
      if (store.compare !== null) store.setOrder(null, true)
      return
    }
    // Figures arriving (or the queue reloading) re-order the queue; once the user has moved on,
    // worked on or approved a draft, it stays on screen.
    const shown = store.current()
    const busy = store.index !== 0 || store.editing || (shown !== null && store.outcomes[shown.draftId] !== undefined)
    store.setOrder(byPrediction(predicted), busy)
  }, [order, predicted, ids])

  return (
    <SelectField
      label={t('learning.queue.order')}
      className="queue-order"
      value={order}
      onChange={(e) => {
        const next = e.target.value as QueueOrderSetting
        useQueueStore.getState().setOrder(next === 'prediction' ? byPrediction(usePredictionStore.getState().drafts) : null)
        void useSettingsStore.getState().update({ learning: { queueOrder: next } })
      }}
    >
      <option value="score">{t('learning.queue.byScore')}</option>
      <option value="prediction">{t('learning.queue.byPrediction')}</option>
    </SelectField>
  )
}
