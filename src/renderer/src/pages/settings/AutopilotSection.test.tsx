import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp } from '../../test-support/render-app'

const section = (): HTMLElement => screen.getByTestId('autopilot-section')

describe('Settings → Autopilot', () => {
  it('turns Autopilot on, sets the schedule, top N and minimum score (settings review.autopilot)', async () => {
    const { user, fake } = await renderApp({ area: 'settings' })
    const s = within(section())
    await user.click(s.getByLabelText('Prepare drafts automatically'))
    await waitFor(() => expect(fake.settings.review.autopilot.enabled).toBe(true))
    await user.selectOptions(s.getByLabelText('When'), 'interval')
    await waitFor(() => expect(fake.settings.review.autopilot.schedule).toBe('interval'))
    const every = s.getByLabelText('Every (hours)')
    await user.clear(every)
    await user.type(every, '6{Enter}')
    await waitFor(() => expect(fake.settings.review.autopilot.intervalHours).toBe(6))
    const topN = s.getByLabelText('Drafts a day, at most')
    await user.clear(topN)
    await user.type(topN, '3{Enter}')
    const min = s.getByLabelText('Minimum score')
    await user.clear(min)
    await user.type(min, '85{Enter}')
    await waitFor(() => expect(fake.settings.review.autopilot).toMatchObject({ topN: 3, minScore: 85 }))
    expect(fake.callsOf('review:approve')).toEqual([])
  })

  it('shows the last run and the next; Run now runs it (review:runAutopilot); follows review:autopilotStatus', async () => {
    const { user, fake } = await renderApp({
      area: 'settings',
      setup: (f) => {
        f.review.autopilot = { ...f.review.autopilot, enabled: true, preparedToday: 2, lastRun: { startedAt: Date.UTC(2026, 11, 1, 9), finishedAt: Date.UTC(2026, 11, 1, 9, 1), prepared: 2, stopReason: 'budget', message: null } }
      }
    })
    const status = within(section()).getByTestId('autopilot-status')
    expect(await within(status).findByText('Prepared today: 2 of 5.')).toBeInTheDocument()
    expect(within(status).getByTestId('autopilot-last-run')).toHaveTextContent('2 prepared. Today’s AI budget is used up.')
    await user.click(within(status).getByRole('button', { name: 'Run now' }))
    await waitFor(() => expect(within(status).getByTestId('autopilot-last-run')).toHaveTextContent('No new jobs at or above the minimum score.'))
    expect(fake.callsOf('review:runAutopilot')).toHaveLength(1)
    fake.emit('review:autopilotStatus', { ...fake.review.autopilot, running: true })
    expect(await within(status).findByText('Preparing drafts now')).toBeInTheDocument()
  })

  it('speaks Ukrainian', async () => {
    await renderApp({ area: 'settings', settings: { language: 'uk' } })
    const s = within(section())
    expect(s.getByLabelText('Готувати чернетки автоматично')).toBeInTheDocument()
    expect(await s.findByText('Автопілот ще не запускався.')).toBeInTheDocument()
  })
})
