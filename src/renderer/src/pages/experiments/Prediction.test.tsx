import { act, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { useJobsStore } from '../../stores/jobs-store'
import { usePredictionStore } from '../../stores/prediction-store'
import { useSearchesStore } from '../../stores/searches-store'
import { renderApp } from '../../test-support/render-app'
import { scoreReason, trainedModel } from '../../test-support/fake-learning'
import { makeJob, savedSearch, serveJobs } from '../jobs/test-support/jobs'
import { giveScrollBoxHeight } from '../../test-support/layout'
import { resetStores } from '../../test-support/stores'

giveScrollBoxHeight('jobs-list')
beforeEach(() => {
  resetStores(useJobsStore, useSearchesStore, usePredictionStore)
})

async function openJobs() {
  const app = await renderApp({
    area: 'jobs',
    setup: (fake) => {
      fake.searches = [savedSearch(1, 'React')]
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
