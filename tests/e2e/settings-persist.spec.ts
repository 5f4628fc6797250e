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
