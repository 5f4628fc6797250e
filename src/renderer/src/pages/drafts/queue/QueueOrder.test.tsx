import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mergeSettings } from '@shared/settings'
import { usePredictionStore } from '../../../stores/prediction-store'
import { useQueueStore } from '../../../stores/queue-store'
import { useSettingsStore } from '../../../stores/settings-store'
import { installFakeBridge, type FakeBridge } from '../../../test-support/fake-bridge'
import { ReviewQueue } from './ReviewQueue'
import { resetStores } from '../../../test-support/stores'

let fake: FakeBridge
const reset = (): void => {
  resetStores(useQueueStore, usePredictionStore, useSettingsStore)
}
beforeEach(() => {
  reset()
  fake = installFakeBridge()
})
afterEach(reset)

/** Three queued drafts: scores 50, 90, 70; predicted replies 40 %, 10 %, 25 % (the score's order is not the prediction's). */
function seed(): void {
  const a = fake.review.queue(50, { versions: [{ text: 'Text of the fifty' }] })
  const b = fake.review.queue(90, { versions: [{ text: 'Text of the ninety' }] })
  const c = fake.review.queue(70, { versions: [{ text: 'Text of the seventy' }] })
  fake.learning.predictDraft(a.id, 0.4, { priorShare: 0.8 })
  fake.learning.predictDraft(b.id, 0.1)
  fake.learning.predictDraft(c.id, 0.25)
}

async function open(): Promise<ReturnType<typeof userEvent.setup>> {
  const user = userEvent.setup()
  useSettingsStore.setState({ settings: fake.settings })
  render(<ReviewQueue />)
  await screen.findByTestId('queue-text')
  return user
}
const shown = (): string => screen.getByTestId('queue-text').textContent ?? ''

describe('Review queue ordered by prediction', () => {
  it("shows the shown draft's predicted chance of a reply; best score first by default", async () => {
    seed()
    await open()
    expect(shown()).toBe('Text of the ninety')
    expect(await screen.findByTestId('queue-prediction-reply')).toHaveTextContent('Reply: 10%')
    expect(screen.getByRole('combobox', { name: 'Order' })).toHaveValue('score')
    expect(fake.callsOf('prediction:forDraft')).toHaveLength(3)
  })

  it('"Best chance of a reply first" orders the queue by the prediction, j/k follow that order, and the choice is saved', async () => {
    seed()
    const user = await open()
    await waitFor(() => expect(Object.keys(usePredictionStore.getState().drafts)).toHaveLength(3))
    await user.selectOptions(screen.getByRole('combobox', { name: 'Order' }), 'Best chance of a reply first')
    expect(shown()).toBe('Text of the fifty')
    expect(screen.getByText('Draft 1 of 3')).toBeInTheDocument()
    expect(screen.getByTestId('queue-prediction-prior')).toHaveTextContent('mostly prior (little history yet)')
    // Keys typed in the select are the select's: the user leaves it first.
    await user.click(screen.getByTestId('queue-text'))
    await user.keyboard('j')
    expect(shown()).toBe('Text of the seventy')
    await user.keyboard('j')
    expect(shown()).toBe('Text of the ninety')
    expect(fake.callsOf('settings:update')).toContainEqual({ learning: { queueOrder: 'prediction' } })
    expect(fake.settings.learning.queueOrder).toBe('prediction')

    await user.selectOptions(screen.getByRole('combobox', { name: 'Order' }), 'Best fit score first')
    expect(shown()).toBe('Text of the ninety')
    await user.click(screen.getByTestId('queue-text'))
    await user.keyboard('j')
    expect(shown()).toBe('Text of the seventy')
  })

  it('remembered: with the setting saved, the queue opens ordered by prediction', async () => {
    seed()
    fake.settings = mergeSettings(fake.settings, { learning: { queueOrder: 'prediction' } })
    await open()
    expect(screen.getByRole('combobox', { name: 'Order' })).toHaveValue('prediction')
    await waitFor(() => expect(shown()).toBe('Text of the fifty'))
    expect(within(screen.getByTestId('review-queue')).getByText('Draft 1 of 3')).toBeInTheDocument()
  })

  it('a draft without a prediction goes after those with one, by score', async () => {
    const a = fake.review.queue(50, { versions: [{ text: 'Text of the fifty' }] })
    fake.review.queue(90, { versions: [{ text: 'Text of the ninety' }] })
    fake.review.queue(70, { versions: [{ text: 'Text of the seventy' }] })
    fake.learning.predictDraft(a.id, 0.05)
    fake.settings = mergeSettings(fake.settings, { learning: { queueOrder: 'prediction' } })
    const user = await open()
    await waitFor(() => expect(shown()).toBe('Text of the fifty'))
    await user.click(screen.getByTestId('queue-text'))
    await user.keyboard('j')
    expect(shown()).toBe('Text of the ninety')
    expect(screen.queryByTestId('queue-prediction')).toBeNull()
  })
})
