import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

/**
 * Saved searches and the profile through the UI, against the real services in the harness (no
 * Upwork connected: the pickers offer the built-in skills, and a search's run says plainly why it
 * found nothing). Everything is checked again after a restart of the services.
 */

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' })
const panel = (page: Page) => page.getByTestId('searches-panel')
const row = (page: Page, name: string) => panel(page).getByRole('listitem').filter({ has: page.getByRole('button', { name, exact: true }) })

async function start(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.evaluate(() => window.gigpilot!.settings.update({ onboardingCompleted: true }))
  await page.reload()
  await expect(nav(page)).toBeVisible()
}

test('create, edit, pause and delete a saved search through the UI; it persists across a restart', async ({ page, harness }) => {
  await start(page, harness.current.url)
  await nav(page).getByRole('button', { name: 'Jobs' }).click()
  await panel(page).getByRole('button', { name: 'New search' }).click()

  const editor = page.getByRole('dialog', { name: 'New saved search' })
  await editor.getByRole('button', { name: 'Save' }).click()
  await expect(editor.getByLabel('Name', { exact: true })).toHaveAccessibleDescription('This cannot be empty.')
  await editor.getByLabel('Name', { exact: true }).fill('React work')
  await editor.getByLabel('Search text').fill('dashboard')
  await editor.getByLabel('None of these words').fill('wordpress')
  await editor.getByLabel('None of these words').press('Enter')
  // Not connected: the built-in skills; a picked one is searched as a word.
  await editor.getByRole('combobox', { name: 'Skills' }).fill('Reac')
  await editor.getByRole('option', { name: 'React', exact: true }).click()
  await editor.getByLabel('Fixed budget from ($)').fill('500')
  await editor.getByLabel('Payment verified only').check()
  await editor.getByRole('button', { name: 'Save' }).click()
  await expect(editor).toBeHidden()

  const stored = async () => (await page.evaluate(() => window.gigpilot!.searches.list())) as { ok: true; value: Array<{ id: number; name: string; paused: boolean; filters: Record<string, unknown> }> }
  await expect.poll(async () => (await stored()).value.map((s) => s.name)).toEqual(['React work'])
  expect((await stored()).value[0]!.filters).toMatchObject({ query: 'dashboard', excludeTerms: ['wordpress'], allTerms: ['React'], skillIds: [], budgetMin: 500, client: { paymentVerified: true } })
  // Never a silent zero: without an Upwork sign-in the searches wait, and the panel says why.
  await expect(panel(page).getByTestId('polling-paused')).toContainText('GigPilot is not connected to Upwork')

  await row(page, 'React work').getByRole('button', { name: 'Edit “React work”' }).click()
  const edit = page.getByRole('dialog', { name: 'Edit saved search' })
  await expect(edit.getByLabel('Fixed budget from ($)')).toHaveValue('500')
  await edit.getByLabel('Name', { exact: true }).fill('React apps')
  await edit.getByLabel('Check every (minutes)').fill('15')
  await edit.getByRole('button', { name: 'Save' }).click()
  await expect(edit).toBeHidden()
  await expect(row(page, 'React apps')).toBeVisible()

  await row(page, 'React apps').getByRole('button', { name: 'Pause “React apps”' }).click()
  await expect(row(page, 'React apps').getByTestId('search-status')).toContainText('Paused')

  const restarted = await harness.restart()
  await page.goto(restarted.url)
  await nav(page).getByRole('button', { name: 'Jobs' }).click()
  await expect(row(page, 'React apps').getByTestId('search-status')).toContainText('Paused')
  expect((await stored()).value).toMatchObject([{ name: 'React apps', paused: true, filters: { budgetMin: 500 } }])
  await row(page, 'React apps').getByRole('button', { name: 'Resume “React apps”' }).click()
  await expect(row(page, 'React apps').getByTestId('search-status')).not.toContainText('Paused')

  await row(page, 'React apps').getByRole('button', { name: 'Delete “React apps”' }).click()
  await page.getByRole('alertdialog', { name: 'Delete the search “React apps”?' }).getByRole('button', { name: 'Delete search' }).click()
  await expect(row(page, 'React apps')).toHaveCount(0)
  await expect.poll(async () => (await stored()).value).toEqual([])
})

test('edit the profile and the score weights; they persist after a restart', async ({ page, harness }) => {
  await start(page, harness.current.url)
  await nav(page).getByRole('button', { name: 'Settings' }).click()
  const profile = page.getByRole('region', { name: 'Profile' })
  await profile.getByRole('combobox', { name: 'Skills' }).fill('TypeScr')
  await profile.getByRole('option', { name: 'TypeScript' }).click()
  await profile.getByRole('combobox', { name: 'Skills' }).fill('Tauri')
  await profile.getByRole('combobox', { name: 'Skills' }).press('Enter')
  await profile.getByLabel('Hourly rate ($)').fill('65')
  await profile.getByLabel('Short bio').fill('I build desktop apps.')
  await profile.getByRole('button', { name: 'Add a portfolio item' }).click()
  await profile.getByRole('group', { name: 'Portfolio item 1' }).getByLabel('Title').fill('GigPilot')
  await profile.getByLabel('Negative keywords').fill('unpaid')
  await profile.getByLabel('Negative keywords').press('Enter')
  await profile.getByRole('button', { name: 'Save profile' }).click()
  await expect(profile.getByTestId('profile-notice')).toContainText('Profile saved.')

  // Not connected: the import says so in plain words.
  await profile.getByRole('button', { name: 'Import from Upwork' }).click()
  await expect(profile.getByTestId('profile-notice')).toContainText('Your Upwork profile was not imported')

  const weights = page.getByRole('region', { name: 'Score weights' })
  await weights.getByLabel('Skill match').fill('30')
  await weights.getByRole('button', { name: 'Save weights' }).click()
  await expect(weights.getByTestId('weights-notice')).toContainText('Weights saved.')
  await weights.getByRole('button', { name: 'Rescore all jobs' }).click()
  await expect(weights.getByTestId('weights-notice')).toContainText('0 jobs rescored.')

  const restarted = await harness.restart()
  await page.goto(restarted.url)
  await nav(page).getByRole('button', { name: 'Settings' }).click()
  const again = page.getByRole('region', { name: 'Profile' })
  await expect(again.getByRole('list', { name: 'Skills: chosen' })).toContainText('TypeScript')
  await expect(again.getByRole('list', { name: 'Skills: chosen' })).toContainText('Tauri')
  await expect(again.getByLabel('Hourly rate ($)')).toHaveValue('65')
  await expect(again.getByLabel('Short bio')).toHaveValue('I build desktop apps.')
  await expect(again.getByRole('group', { name: 'Portfolio item 1' }).getByLabel('Title')).toHaveValue('GigPilot')
  await expect(again.getByRole('list', { name: 'Negative keywords: chosen' })).toContainText('unpaid')
  await expect(page.getByRole('region', { name: 'Score weights' }).getByLabel('Skill match')).toHaveValue('30')
})

test('pausing automation shows its notice above the searches (from main’s app status) over the standing not-connected one, and resuming brings that back', async ({ page, harness }) => {
  await start(page, harness.current.url)
  await nav(page).getByRole('button', { name: 'Jobs' }).click()
  // Not signed in to Upwork here: that is the standing reason; the tray's pause comes first while set.
  await expect(panel(page).getByTestId('polling-paused')).toContainText('not connected to Upwork')
  await page.getByRole('contentinfo', { name: 'Status' }).getByRole('button', { name: 'Pause' }).click()
  await expect(panel(page).getByTestId('polling-paused')).toContainText('Searches are paused from the tray or Settings')
  expect(harness.current.core.status().pollingPaused).toEqual(['automation', 'notConnected'])
  await page.getByRole('contentinfo', { name: 'Status' }).getByRole('button', { name: 'Resume' }).click()
  await expect(panel(page).getByTestId('polling-paused')).toContainText('not connected to Upwork')
  expect(harness.current.core.status().pollingPaused).toEqual(['notConnected'])
})
