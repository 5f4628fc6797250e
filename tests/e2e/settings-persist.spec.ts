import { expect, test } from './fixtures'

test('a setting survives a restart of the services', async ({ page, harness }) => {
  await page.goto(harness.current.url)
  await page.getByRole('button', { name: 'Look around first' }).click()
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Settings' }).click()
  await page.getByLabel('Theme').selectOption('dark')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')

  const restarted = await harness.restart()
  await page.goto(restarted.url)
  // Onboarding stays done and the theme stays dark after the restart.
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByLabel('Theme')).toHaveValue('dark')
})

test('pausing automation shows in the status bar and persists', async ({ page, harness }) => {
  await page.goto(harness.current.url)
  await page.getByRole('button', { name: 'Look around first' }).click()
  await expect(page.getByTestId('automation-state')).toHaveText('Automation on')
  await page.getByRole('contentinfo', { name: 'Status' }).getByRole('button', { name: 'Pause' }).click()
  await expect(page.getByTestId('automation-state')).toHaveText('Automation paused')
  const restarted = await harness.restart()
  await page.goto(restarted.url)
  await expect(page.getByTestId('automation-state')).toHaveText('Automation paused')
})

test('a test notification goes through the Notifier, and says why when notifications are off', async ({ page, harness }) => {
  await page.goto(harness.current.url)
  await page.getByRole('button', { name: 'Look around first' }).click()
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Settings' }).click()
  await page.getByRole('button', { name: 'Send a test notification' }).click()
  await expect(page.getByTestId('notification-test-result')).toContainText('Sent.')
  expect(harness.current.core.notifier.shown.map((n) => n.title)).toEqual(['GigPilot notifications work'])

  await page.getByLabel('Show notifications for new matches and messages').uncheck()
  await page.getByRole('button', { name: 'Send a test notification' }).click()
  await expect(page.getByTestId('notification-test-result')).toContainText('turned off')
  expect(harness.current.core.notifier.shown).toHaveLength(1)
})

test('a refused value is explained at its field, the saved value stays, and nothing is stored', async ({ page, harness }) => {
  await page.goto(harness.current.url)
  await page.getByRole('button', { name: 'Connect my Upwork key' }).click()
  const port = page.getByLabel('Callback port')
  await port.fill('80')
  await port.blur()
  await expect(port).toHaveAttribute('aria-invalid', 'true')
  await expect(port).toHaveAccessibleDescription('Enter a port number from 1024 to 65535. Saved value: 47615')
  await expect(port).toHaveValue('80')
  await expect(page.getByTestId('callback-url')).toHaveText('http://127.0.0.1:47615/upwork/callback')
  expect(harness.current.core.settings.get().upwork.callbackPort).toBe(47615)

  const restarted = await harness.restart()
  await page.goto(restarted.url)
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByLabel('Callback port')).toHaveValue('47615')
})
