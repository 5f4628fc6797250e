import { act, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useSettingsStore } from '../../stores/settings-store'
import { renderApp } from '../../test-support/render-app'

const account = (): HTMLElement => screen.getByRole('region', { name: 'Upwork account' })
const notifications = (): HTMLElement => screen.getByRole('region', { name: 'Notifications' })

describe('Settings: a refused value is explained at its field and the saved value stays visible', () => {
  it.each([
    ['Hourly request budget', '0', 'Enter a whole number of requests from 10 to 5,000.', 'Saved value: 300', 'upwork.hourlyRequestBudget', 300],
    ['Callback port', '80', 'Enter a port number from 1024 to 65535.', 'Saved value: 47615', 'upwork.callbackPort', 47615],
    ['Only notify for jobs scoring at least', '150', 'Enter a whole number from 0 to 100.', 'Saved value: 70', 'notifications.minScore', 70]
  ])('%s = %s', async (label, typed, message, savedHint, path, saved) => {
    const { user, fake } = await renderApp({ area: 'settings' })
    const input = screen.getByRole('spinbutton', { name: label })
    await user.clear(input)
    await user.type(input, typed)
    await user.tab()

    expect(input).toHaveAttribute('aria-invalid', 'true')
    expect(input).toHaveAccessibleDescription(`${message} ${savedHint}`)
    // The typed value stays in the box to be fixed; the stored value is untouched and nothing was sent.
    expect(input).toHaveValue(Number(typed))
    expect(fake.callsOf('settings:update')).toEqual([])
    const [group, key] = path.split('.') as ['upwork' | 'notifications', string]
    expect((useSettingsStore.getState().settings![group] as Record<string, unknown>)[key]).toBe(saved)
    // No raw validation text anywhere on the page.
    expect(document.body.textContent).not.toMatch(/Too (small|big)|expected number|✖/)

    // Fixing the value saves it and the message goes away.
    await user.clear(input)
    await user.type(input, String(saved + 1))
    await user.tab()
    await waitFor(() => expect(input).not.toHaveAttribute('aria-invalid'))
    expect(fake.callsOf('settings:update')).toHaveLength(1)
  })

  it('a bad URL', async () => {
    const { user, fake } = await renderApp({ area: 'settings', settings: { upwork: { graphqlUrl: 'https://proxy.example.com/graphql' } } })
    const section = screen.getByRole('region', { name: 'Connections (advanced)' })
    const graphql = within(section).getByRole('textbox', { name: 'Upwork GraphQL URL' })
    const auth = within(section).getByRole('textbox', { name: 'Upwork authorize URL' })
    await user.clear(graphql)
    await user.type(graphql, 'http://evil.example.com/graphql')
    await user.type(auth, 'not a url')
    await user.click(within(section).getByRole('button', { name: 'Save' }))

    expect(graphql).toHaveAccessibleDescription(
      'Use an https:// URL, or http:// only for this computer (127.0.0.1 or localhost). Saved value: https://proxy.example.com/graphql'
    )
    expect(auth).toHaveAccessibleDescription('Enter a full web address, for example https://api.upwork.com/graphql. Saved value: the default')
    expect(graphql).toHaveValue('http://evil.example.com/graphql')
    expect(within(section).getByRole('textbox', { name: 'Upwork token URL' })).not.toHaveAttribute('aria-invalid')
    expect(fake.callsOf('settings:update')).toEqual([])
    expect(fake.settings.upwork.graphqlUrl).toBe('https://proxy.example.com/graphql')
  })
})

describe('Settings: changes apply at once and roll back on failure', () => {
  it('a checkbox moves before main answers (so a test or a user sees the change at once)', async () => {
    const { user, fake } = await renderApp({ area: 'settings' })
    const enabled = within(notifications()).getByRole('checkbox', { name: 'Show notifications for new matches and messages' })
    const held = fake.hold('settings:update')
    await user.click(enabled)
    await held.arrived
    expect(enabled).not.toBeChecked()
    await act(async () => held.release())
    expect(enabled).not.toBeChecked()
    expect(fake.settings.notifications.enabled).toBe(false)
  })

  it('a refused change goes back to the saved value and says why at the field', async () => {
    const { user, fake } = await renderApp({ area: 'settings' })
    const enabled = within(notifications()).getByRole('checkbox', { name: 'Show notifications for new matches and messages' })
    const held = fake.hold('settings:update')
    fake.failNext('settings:update', { code: 'internal', message: 'Something went wrong (settings:update). Details are in the log folder: /data/logs' })
    await user.click(enabled)
    await held.arrived
    expect(enabled).not.toBeChecked()
    await act(async () => held.release())
    await waitFor(() => expect(enabled).toBeChecked())
    expect(enabled).toHaveAccessibleDescription('Something went wrong (settings:update). Details are in the log folder: /data/logs')
    expect(useSettingsStore.getState().settings!.notifications.enabled).toBe(true)
    expect(fake.settings.notifications.enabled).toBe(true)
  })

  it('a rollback puts back only the refused field, not a later change', async () => {
    const { user, fake } = await renderApp({ area: 'settings' })
    const enabled = within(notifications()).getByRole('checkbox', { name: 'Show notifications for new matches and messages' })
    const sound = within(notifications()).getByRole('checkbox', { name: 'Play a sound' })
    const first = fake.hold('settings:update', { fail: { code: 'unavailable', message: 'gone' } })
    await user.click(enabled)
    await first.arrived
    await user.click(sound)
    await act(async () => first.release())
    await waitFor(() => expect(enabled).toBeChecked())
    expect(sound).not.toBeChecked()
    expect(fake.settings.notifications.sound).toBe(false)
  })
})

describe('Settings: destructive buttons ask first', () => {
  it('Reset to defaults: Cancel changes nothing; confirming resets', async () => {
    const { user, fake } = await renderApp({ area: 'settings', settings: { theme: 'dark', upwork: { hourlyRequestBudget: 900 } } })
    await user.click(screen.getByRole('button', { name: 'Reset to defaults' }))
    const dialog = screen.getByRole('alertdialog', { name: 'Reset all settings to their defaults?' })
    expect(dialog).toHaveTextContent('Your API key, jobs and drafts are kept.')
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(fake.callsOf('settings:reset')).toEqual([])
    expect(fake.settings.theme).toBe('dark')
    expect(screen.getByRole('spinbutton', { name: 'Hourly request budget' })).toHaveValue(900)

    await user.click(screen.getByRole('button', { name: 'Reset to defaults' }))
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Reset settings' }))
    await waitFor(() => expect(fake.callsOf('settings:reset')).toHaveLength(1))
    expect(fake.settings.theme).toBe('system')
    // As the confirmation said: the welcome screen shows again.
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome to GigPilot' })).toBeVisible()
  })

  it('Disconnect and forget key: Cancel keeps the key; confirming forgets it', async () => {
    const { user, fake } = await renderApp({
      area: 'settings',
      setup: (f) => (f.account = { ...f.account, state: 'connected', hasCredentials: true, userName: 'Dana Kowalski' })
    })
    await user.click(within(account()).getByRole('button', { name: 'Disconnect and forget key' }))
    const dialog = screen.getByRole('alertdialog', { name: 'Disconnect and forget your Upwork key?' })
    expect(dialog).toHaveTextContent('deletes your API key and its secret from this computer')
    await user.keyboard('{Escape}')
    await user.click(within(account()).getByRole('button', { name: 'Disconnect and forget key' }))
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel' }))
    expect(fake.callsOf('upwork:disconnect')).toEqual([])
    expect(within(account()).getByTestId('account-state')).toHaveTextContent('Connected as Dana Kowalski')

    await user.click(within(account()).getByRole('button', { name: 'Disconnect and forget key' }))
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Disconnect and forget key' }))
    await waitFor(() => expect(within(account()).getByTestId('account-state')).toHaveTextContent('No API key yet'))
    expect(fake.callsOf('upwork:disconnect')).toEqual([{ forgetKey: true }])
  })
})
