import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './fixtures'

test('a broken settings file is kept aside and the user is told, without losing data', async ({ page, harness }) => {
  await page.goto(harness.current.url)
  await page.getByRole('button', { name: 'Look around first' }).click()
  // Damaged while the app was away (a crash mid-write, a bad manual edit).
  writeFileSync(join(harness.dataDir, 'settings.json'), '{"theme": "dark", oops')

  const restarted = await harness.restart()
  await page.goto(restarted.url)
  await expect(page.getByRole('status').filter({ hasText: 'Settings problem' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'Settings problem' })).toContainText('settings.broken-')
  // The broken file is kept for the user (never silently overwritten).
  expect(readdirSync(harness.dataDir).some((f) => f.startsWith('settings.broken-'))).toBe(true)
  // The app still works: onboarding again (defaults), and settings can be saved.
  await page.getByRole('button', { name: 'Look around first' }).click()
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible()
})
