import { act, cleanup, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { renderApp } from './test-support/render-app'

const setOsLanguages = (languages: string[] | null): void => {
  if (languages === null) delete (navigator as { languages?: unknown }).languages
  else Object.defineProperty(navigator, 'languages', { value: languages, configurable: true })
}

afterEach(() => setOsLanguages(null))

describe('shell', () => {
  it('switching area moves the focus to the new area’s heading', async () => {
    const { open, user } = await renderApp()
    for (const area of ['Jobs', 'Drafts', 'Inbox', 'Analytics', 'Settings', 'Jobs']) {
      await open(area)
      const heading = screen.getByRole('heading', { level: 1, name: area })
      expect(heading).toHaveFocus()
      expect(heading).toHaveAttribute('tabindex', '-1')
    }
    // Ctrl+2 too.
    await user.keyboard('{Control>}2{/Control}')
    expect(screen.getByRole('heading', { level: 1, name: 'Drafts' })).toHaveFocus()
  })

  it('the shortcuts dialog keeps the focus inside and gives it back on close', async () => {
    const { user } = await renderApp()
    const nav = within(screen.getByRole('navigation')).getByRole('button', { name: 'Inbox' })
    nav.focus()
    await user.keyboard('?')
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' })
    const close = within(dialog).getByRole('button', { name: 'Close' })
    expect(close).toHaveFocus()
    await user.tab()
    expect(close).toHaveFocus()
    await user.tab({ shift: true })
    expect(close).toHaveFocus()
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(nav).toHaveFocus()
  })

  it('onboarding opens the shell at once and comes back, with the reason, if the choice cannot be saved', async () => {
    const { user, fake } = await renderApp({ settings: { onboardingCompleted: false } })
    const held = fake.hold('settings:update', { fail: { code: 'unavailable', message: '' } })
    await user.click(screen.getByRole('button', { name: 'Look around first' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible()
    await act(async () => held.release())
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to GigPilot' })).toBeVisible()
    expect(screen.getByRole('alert')).toHaveTextContent('GigPilot could not reach its background service.')
  })
})

describe('language', () => {
  it('choosing Українська changes the visible text and <html lang>', async () => {
    const { user, open, fake } = await renderApp()
    await open('Settings')
    expect(document.documentElement.lang).toBe('en')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'uk')
    expect(await screen.findByRole('heading', { level: 1, name: 'Налаштування' })).toBeVisible()
    expect(document.documentElement.lang).toBe('uk')
    expect(within(screen.getByRole('navigation', { name: 'Головна навігація' })).getByRole('button', { name: 'Вакансії' })).toBeVisible()
    expect(screen.getByRole('region', { name: 'Обліковий запис Upwork' })).toBeVisible()
    expect(screen.getByRole('contentinfo', { name: 'Стан' })).toHaveTextContent('Автоматизація працює')
    await waitFor(() => expect(fake.settings.language).toBe('uk'))

    // And back: English everywhere again.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Мова' }), 'en')
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
    expect(document.documentElement.lang).toBe('en')
  })

  it('“Follow the system” uses the OS language: uk-UA → Ukrainian, anything else → English', async () => {
    setOsLanguages(['uk-UA', 'en-US'])
    await renderApp({ settings: { language: 'system' } })
    expect(screen.getByRole('heading', { level: 1, name: 'Вакансії' })).toBeVisible()
    expect(document.documentElement.lang).toBe('uk')
  })

  it('a field message is shown in the chosen language, and an error from main as main worded it (in that language)', async () => {
    const { user, fake } = await renderApp({ area: 'settings', settings: { language: 'uk' } })
    const port = screen.getByRole('spinbutton', { name: 'Порт зворотного виклику' })
    await user.clear(port)
    await user.type(port, '80')
    await user.tab()
    expect(port).toHaveAccessibleDescription('Введіть номер порту від 1024 до 65535. Збережене значення: 47615')

    fake.account = { ...fake.account, state: 'disconnected', hasCredentials: true }
    fake.failNext('upwork:connect', { code: 'network', message: 'GigPilot не зміг з’єднатися з Upwork. Перевірте підключення до інтернету й спробуйте ще раз.' })
    fake.emit('upwork:account', fake.account)
    await user.click(await screen.findByRole('button', { name: 'Підключити' }))
    expect(await screen.findByText('GigPilot не зміг з’єднатися з Upwork. Перевірте підключення до інтернету й спробуйте ще раз.')).toBeVisible()
  })

  it('main’s field problems (refused there, not here) are shown at the field, translated', async () => {
    const { user, fake } = await renderApp({ area: 'settings', settings: { language: 'uk' } })
    fake.failNext('settings:update', {
      code: 'invalid_input',
      message: 'Enter a whole number of requests from 10 to 5,000.',
      fields: { 'upwork.hourlyRequestBudget': 'Enter a whole number of requests from 10 to 5,000.' }
    })
    const budget = screen.getByRole('spinbutton', { name: 'Ліміт запитів на годину' })
    await user.clear(budget)
    await user.type(budget, '400')
    await user.tab()
    await waitFor(() => expect(budget).toHaveAccessibleDescription('Введіть ціле число запитів від 10 до 5000. Збережене значення: 300'))
  })
})

describe('Upwork account card', () => {
  it('shows the “still waiting” hint while a sign-in waits', async () => {
    const hint = 'Still waiting for Upwork. Check that the callback URL of your key is exactly http://127.0.0.1:47615/upwork/callback.'
    const { fake } = await renderApp({ area: 'settings', setup: (f) => (f.account = { ...f.account, state: 'connecting', hasCredentials: true }) })
    expect(screen.getByText('Waiting for you to approve GigPilot in your browser…')).toBeVisible()
    expect(screen.queryByTestId('sign-in-hint')).toBeNull()
    // Main: 20 s without a callback.
    act(() => fake.emit('upwork:account', { ...fake.account, signInHint: hint }))
    expect(await screen.findByTestId('sign-in-hint')).toHaveTextContent(hint)
  })

  it('shows the last error as main words it (main renders it in the language in force)', async () => {
    const account = { state: 'disconnected' as const, hasCredentials: true, callbackUrl: 'http://127.0.0.1:47615/upwork/callback', lastError: 'Upwork refused the API key (invalid_client).', lastErrorCode: 'key_rejected' as const }
    const inUkrainian = { ...account, lastError: 'Upwork відхилив ваш ключ API: перевірте ідентифікатор клієнта й секрет.' }
    await renderApp({ area: 'settings', settings: { language: 'uk' }, setup: (f) => (f.account = inUkrainian) })
    expect(screen.getByTestId('account-last-error')).toHaveTextContent(inUkrainian.lastError)
    cleanup()
    await renderApp({ area: 'settings', settings: { language: 'en' }, setup: (f) => (f.account = account) })
    expect(screen.getByTestId('account-last-error')).toHaveTextContent('Upwork refused the API key (invalid_client).')
  })
})
