import { screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { renderApp } from '../../test-support/render-app'

const section = (): HTMLElement => screen.getByTestId('messaging-section')

describe('Settings → Client messages', () => {
  it('sets how often messages are checked, whether they notify and the follow-up days (settings.messaging); refuses an interval out of range', async () => {
    const { user, fake } = await renderApp({ area: 'settings' })
    const s = within(section())
    const every = s.getByLabelText('Check for new messages every (minutes)')
    expect(every).toHaveValue(2)
    await user.clear(every)
    await user.type(every, '5{Enter}')
    await waitFor(() => expect(fake.settings.messaging.pollMinutes).toBe(5))
    await user.clear(every)
    await user.type(every, '0{Enter}')
    expect(await s.findByText('Enter how often to check for client messages: a whole number of minutes from 1 to 60.')).toBeInTheDocument()
    expect(fake.settings.messaging.pollMinutes).toBe(5)
    await user.click(s.getByLabelText('Notify me about new client messages'))
    await waitFor(() => expect(fake.settings.messaging.notify).toBe(false))
    const days = s.getByLabelText('Remind me to follow up after this many days without an answer')
    expect(days).toHaveValue(3)
    await user.clear(days)
    await user.type(days, '7{Enter}')
    await waitFor(() => expect(fake.settings.messaging.followUpDays).toBe(7))
  })

  it('speaks Ukrainian', async () => {
    await renderApp({ area: 'settings', settings: { language: 'uk' } })
    const s = within(section())
    expect(s.getByLabelText('Перевіряти нові повідомлення кожні (хвилин)')).toBeInTheDocument()
    expect(s.getByLabelText('Сповіщати про нові повідомлення клієнтів')).toBeInTheDocument()
    expect(s.getByLabelText('Нагадати написати ще раз після стількох днів без відповіді')).toBeInTheDocument()
  })
})
