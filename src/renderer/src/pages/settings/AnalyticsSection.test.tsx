import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { setLanguage } from '../../i18n'
import { usePredictionStore } from '../../stores/prediction-store'
import { installFakeBridge, type FakeBridge } from '../../test-support/fake-bridge'
import { trainedModel } from '../../test-support/fake-learning'
import { AnalyticsSection } from './AnalyticsSection'

let fake: FakeBridge
beforeEach(() => {
  usePredictionStore.setState(usePredictionStore.getInitialState(), true)
  fake = installFakeBridge()
})

const trained = (): void => {
  fake.learning.quality = { ...fake.learning.quality, reply: trainedModel('reply'), training: { running: false, lastAttemptAt: Date.UTC(2026, 10, 30, 8), lastDurationMs: 1240, error: null } }
}

describe('Settings → Analytics (the model’s quality)', () => {
  it('with little history: says how many more outcomes are needed, predictions from the fit score, no plot', async () => {
    render(<AnalyticsSection />)
    const reply = await screen.findByTestId('model-reply')
    expect(within(reply).getByTestId('model-reply-state')).toHaveTextContent('fit score only')
    expect(within(reply).getByTestId('model-reply-needMore')).toHaveTextContent('Not enough outcomes yet: 27 more needed (3 so far). Until then predictions come from the fit score.')
    expect(within(reply).queryByTestId('calibration-plot')).toBeNull()
    expect(within(reply).getByText('not yet')).toBeInTheDocument()
    expect(screen.getByTestId('analytics-section')).not.toHaveTextContent('NaN')
  })

  it('a trained model: version, trained at, outcomes, held-out AUC / Brier / ECE beside the prior-only baseline, and the calibration plot with the diagonal', async () => {
    trained()
    render(<AnalyticsSection />)
    const reply = await screen.findByTestId('model-reply')
    expect(within(reply).getByTestId('model-reply-state')).toHaveTextContent('version 3')
    expect(reply).toHaveTextContent('480 outcomes (96 positive); 500 available now')
    const metrics = within(reply).getByTestId('model-reply-metrics')
    expect(within(metrics).getByRole('row', { name: /AUC/ })).toHaveTextContent('AUC (higher is better)0.740.61')
    expect(within(metrics).getByRole('row', { name: /Brier/ })).toHaveTextContent('0.1420.163')
    expect(within(metrics).getByRole('row', { name: /ECE/ })).toHaveTextContent('0.0310.058')
    const plot = within(reply).getByTestId('calibration-plot')
    expect(within(plot).getByRole('img', { name: /perfectly calibrated/ })).toBeInTheDocument()
    expect(plot.querySelectorAll('.recharts-reference-line')).toHaveLength(1)
    expect(plot.querySelectorAll('.recharts-line-dot, .recharts-dot').length).toBe(5)
    expect(within(within(plot).getByTestId('calibration-bins')).getAllByRole('row')).toHaveLength(6)
    expect(within(reply).getByTestId('model-reply-decision')).toHaveTextContent('Version 3 learned from 480 outcomes')
    // The hire model has too few outcomes yet, and says so.
    expect(within(screen.getByTestId('model-hire')).getByTestId('model-hire-needMore')).toHaveTextContent('47 more needed')
    expect(screen.getByTestId('training-status')).toHaveTextContent('took 1.2 s')
  })

  it('Retrain now trains (one call while it runs) and shows the new quality', async () => {
    fake.learning.afterRetrain = { ...fake.learning.quality, reply: trainedModel('reply', { version: 1 }) }
    const held = fake.hold('prediction:retrain')
    const user = userEvent.setup()
    render(<AnalyticsSection />)
    await screen.findByTestId('model-reply')
    await user.click(screen.getByRole('button', { name: 'Retrain now' }))
    await held.arrived
    expect(screen.getByRole('button', { name: 'Training…' })).toBeDisabled()
    held.release()
    await waitFor(() => expect(screen.getByTestId('model-reply-state')).toHaveTextContent('version 1'))
    expect(screen.getByTestId('calibration-plot')).toBeInTheDocument()
    expect(fake.callsOf('prediction:retrain')).toHaveLength(1)
    expect(screen.getByRole('button', { name: 'Retrain now' })).toBeEnabled()
  })

  it('a training that failed is said in words, the previous model kept; a refused retrain is said at the button', async () => {
    trained()
    fake.learning.quality = { ...fake.learning.quality, training: { running: false, lastAttemptAt: Date.now(), lastDurationMs: 30_000, error: { key: 'prediction.err.timeout', params: { seconds: 30 } } } }
    fake.failNext('prediction:retrain', { code: 'PREDICTION_RUNNING', message: 'A training is already running; its result comes in a moment.' })
    const user = userEvent.setup()
    render(<AnalyticsSection />)
    expect(await screen.findByText('Training took longer than 30 s and was stopped; the previous model stays in use.')).toBeInTheDocument()
    expect(screen.getByTestId('model-reply-state')).toHaveTextContent('version 3')
    await user.click(screen.getByRole('button', { name: 'Retrain now' }))
    expect(await screen.findByTestId('retrain-error')).toHaveTextContent('A training is already running')
  })

  it('when the quality cannot be loaded, says why and offers to try again', async () => {
    fake.failNext('prediction:quality', { code: 'internal', message: 'The database is busy.' })
    const user = userEvent.setup()
    render(<AnalyticsSection />)
    expect(await screen.findByRole('alert')).toHaveTextContent('The model’s quality could not be loaded')
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    expect(await screen.findByTestId('model-reply')).toBeInTheDocument()
  })

  it('a model change from main (a scheduled training) shows at once', async () => {
    render(<AnalyticsSection />)
    await screen.findByTestId('model-reply')
    fake.emit('prediction:modelChanged', { ...fake.learning.quality, reply: trainedModel('reply', { version: 7 }) })
    await waitFor(() => expect(screen.getByTestId('model-reply-state')).toHaveTextContent('version 7'))
  })

  it('speaks Ukrainian', async () => {
    setLanguage('uk')
    trained()
    render(<AnalyticsSection />)
    expect(await screen.findByTestId('model-reply-state')).toHaveTextContent('версія 3')
    expect(screen.getByRole('button', { name: 'Перенавчити зараз' })).toBeInTheDocument()
  })
})
