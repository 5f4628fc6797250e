import { act, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SavedSearchDto } from '@shared/discovery'
import { useJobsStore } from '../../stores/jobs-store'
import { usePredictionStore } from '../../stores/prediction-store'
import { useSearchesStore } from '../../stores/searches-store'
import { renderApp } from '../../test-support/render-app'
import { scoreReason, trainedModel } from '../../test-support/fake-learning'
import { makeJob, serveJobs } from '../jobs/test-support/jobs'

// happy-dom does no layout: the jobs list's scroll box gets a height so rows are on screen.
beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.testid === 'jobs-list' ? 600 : 0
    }
  })
  for (const store of [useJobsStore, useSearchesStore, usePredictionStore] as const) {
    ;(store as { setState: (s: unknown, replace: true) => void; getInitialState: () => unknown }).setState(store.getInitialState(), true)
  }
})
afterEach(() => {
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight
})

const search: SavedSearchDto = {
  id: 1, name: 'React', filters: {} as SavedSearchDto['filters'], intervalMinutes: 5, paused: false, lastRunAt: null, lastResult: null, lastError: null, nextRunAt: null, newCount: 0, createdAt: 0, updatedAt: 0
}

async function openJobs() {
  const app = await renderApp({
    area: 'jobs',
    setup: (fake) => {
      fake.searches = [search]
      serveJobs(fake, [makeJob(1, { score: 90 }), makeJob(2, { score: 80 }), makeJob(3, { score: 70 })])
      fake.learning.predictJob(1, 0.23, { priorShare: 0.15, reasons: [scoreReason(90)] })
      fake.learning.predictJob(2, 0.31, { priorShare: 0.85, modelVersion: null })
    }
  })
  const list = await screen.findByRole('listbox', { name: 'Jobs' })
  return { ...app, list }
}

const row = (list: HTMLElement, title: string): HTMLElement => within(list).getAllByRole('option').find((o) => o.textContent?.startsWith(title))!

describe('Predictions beside the fit score', () => {
  it('each job row shows P(reply), "mostly prior" while little history is behind it; the rows on screen are asked for in one call', async () => {
    const { list, fake } = await openJobs()
    await waitFor(() => expect(within(row(list, 'Job 1')).getByTestId('job-prediction')).toHaveTextContent('23% reply'))
    expect(within(row(list, 'Job 1')).getByTestId('job-prediction')).not.toHaveTextContent('prior')
    expect(within(row(list, 'Job 2')).getByTestId('job-prediction')).toHaveTextContent('31% reply, mostly prior')
    // No prediction for job 3 (main left it out): the row keeps its fit score alone.
    expect(within(row(list, 'Job 3')).queryByTestId('job-prediction')).toBeNull()
    expect(within(row(list, 'Job 3')).getByTestId('job-score')).toHaveTextContent('70')
    expect(fake.callsOf('prediction:forJobs')).toEqual([{ jobIds: [1, 2, 3] }])
  })

  it('the job detail shows P(reply) and P(hire) with their ranges, the top reasons, and says when it is mostly prior', async () => {
    const { list, user } = await openJobs()
    await user.click(row(list, 'Job 1'))
    const detail = await screen.findByTestId('job-detail-prediction')
    expect(within(detail).getByTestId('job-detail-prediction-reply')).toHaveTextContent('Reply: 23% (likely 15%–31%)')
    expect(within(detail).getByTestId('job-detail-prediction-hire')).toHaveTextContent(/^Hire: 6%/)
    expect(within(detail).getByRole('list', { name: 'Top reasons for the reply chance' })).toHaveTextContent('fit score 90: raises the chance')
    expect(within(detail).queryByTestId('job-detail-prediction-prior')).toBeNull()
    expect(detail).toHaveTextContent('15% of this comes from the fit score, the rest from what model 3 learnt from your outcomes.')

    await user.click(row(list, 'Job 2'))
    await waitFor(() => expect(screen.getByTestId('job-detail-prediction-reply')).toHaveTextContent('Reply: 31%'))
    expect(screen.getByTestId('job-detail-prediction-prior')).toHaveTextContent('mostly prior (little history yet)')
    expect(screen.getByTestId('job-detail-prediction')).toHaveTextContent('From the fit score only: there is no trained model yet.')
  })

  it('a new model makes the shown predictions stale: they are asked for again', async () => {
    const { list, fake } = await openJobs()
    await waitFor(() => expect(within(row(list, 'Job 1')).getByTestId('job-prediction')).toHaveTextContent('23% reply'))
    fake.learning.predictJob(1, 0.4)
    await act(async () => fake.emit('prediction:modelChanged', { ...fake.learning.quality, reply: trainedModel('reply', { version: 4 }) }))
    await waitFor(() => expect(within(row(list, 'Job 1')).getByTestId('job-prediction')).toHaveTextContent('40% reply'))
    expect(fake.callsOf('prediction:forJobs').length).toBeGreaterThanOrEqual(2)
  })
})
