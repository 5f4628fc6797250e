import type { Page } from '@playwright/test'
import type { FakeUpwork } from '../../tools/fake-upwork/index'
import { expectNoViolations } from './axe'
import { startSignedIn, testWithFakeUpworkAndAi } from './fake-upwork-session'
import { expect } from './fixtures'

/**
 * Issue 7 "Done when": a saved search against the fake Upwork, new jobs published by the fake, one
 * grouped notification (none for jobs already seen), the list scored with reasons, the detail,
 * full-text search by a word of a description, and a restart that does not notify again.
 */
const test = testWithFakeUpworkAndAi

/** Past onboarding, with the fake's key connected (approved in the sign-in tab) and a profile to score against. */
async function connect(page: Page, url: string): Promise<void> {
  await startSignedIn(page, url, { notifications: { minScore: 0 } })
  await page.reload()
  await expect(page.getByTestId('upwork-state')).toHaveText('Upwork: Dana Kowalski')
}

/** Pause and resume the search from its row: a resumed search runs at once. */
async function runAgain(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Pause “Zanzibar”' }).click()
  await page.getByRole('button', { name: 'Resume “Zanzibar”' }).click()
}

const publish = (fake: FakeUpwork, title: string, description: string): void => {
  fake.publishJob({ title, description, contractType: 'HOURLY', hourlyBudgetType: 'MANUAL', hourlyBudgetMin: 40, hourlyBudgetMax: 70, amount: 0 })
}

test('new jobs: one grouped notification, scored list with reasons, detail, full-text search; a restart does not notify again', async ({ page, harness, fake }) => {
  publish(fake, 'Zanzibar booking site in React', 'A booking site for a hotel.')
  publish(fake, 'Zanzibar tours: TypeScript API', 'Tours and transfers.')
  await connect(page, harness.current.url)
  const notifications = () => harness.current.core.notifier.shown

  // A saved search, created in the searches panel: its first run finds the two jobs, one notification.
  await page.getByRole('button', { name: 'New search' }).click()
  const editor = page.getByRole('dialog')
  await editor.getByLabel('Name').fill('Zanzibar')
  await editor.getByLabel('Search text').fill('Zanzibar')
  // The keyboard's way: the editor is taller than the window and does not scroll (reported to "searches").
  await editor.getByTestId('search-save').press('Enter')
  await expect(editor).toBeHidden()
  const list = page.getByTestId('jobs-list')
  await expect(page.getByTestId('search-status')).toContainText('2 found, 2 new')
  await expect(list.getByRole('option')).toHaveCount(2)
  await expect.poll(() => notifications().length).toBe(1)

  // The fake publishes three more; the next run notifies once, for those three only.
  publish(fake, 'Zanzibar React dashboard', 'Charts for a safari company.\nOur mascot is a quokka.')
  publish(fake, 'Zanzibar landing page', 'One page, fast.')
  publish(fake, 'Zanzibar mobile app fixes', 'Small fixes in a React Native app.')
  await runAgain(page)
  await expect(page.getByTestId('search-status')).toContainText('3 new')
  await expect(list.getByRole('option')).toHaveCount(5)
  await expect.poll(() => notifications().length).toBe(2)
  expect(notifications()[1]!.title).toBe('3 new jobs match “Zanzibar”')
  // The list refreshed by itself (discovery:jobsAdded): every row scored, the number as text.
  for (const score of await list.getByTestId('job-score').allTextContents()) expect(score).toMatch(/^\d{1,3}$/)

  // The detail: opening marks the job seen, the reasons are listed with signed points.
  await list.getByRole('option', { name: 'Zanzibar React dashboard' }).click()
  const detail = page.getByTestId('job-detail')
  await expect(detail.getByRole('heading', { name: 'Zanzibar React dashboard' })).toBeVisible()
  await expect(detail.getByTestId('job-description')).toHaveText('Charts for a safari company.\nOur mascot is a quokka.')
  await expect(detail.getByTestId('job-reasons').getByRole('listitem').first()).toHaveText(/^[+−±]\d+ \S/)
  await expect(detail.getByTestId('job-reasons')).toContainText('skills')
  await expect(detail.getByTestId('job-detail-status')).toHaveText('Seen')

  // Full-text search finds a job by a word only its description has; Esc brings the list back.
  await page.keyboard.press('/')
  await expect(page.getByRole('searchbox', { name: 'Search stored jobs' })).toBeFocused()
  await page.keyboard.type('quokka')
  await expect(list.getByRole('option')).toHaveCount(1)
  await expect(list.getByRole('option')).toHaveAccessibleName(/^Zanzibar React dashboard /)
  await page.keyboard.press('Escape')
  await expect(list.getByRole('option')).toHaveCount(5)

  // Keyboard: s saves the selected job.
  await page.keyboard.press('s')
  await expect(detail.getByRole('button', { name: 'Saved ✓' })).toBeVisible()

  // A restart on the same data folder: no notification, and a run that finds only known jobs notifies nothing.
  const url = (await harness.restart()).url
  await page.goto(url)
  await expect(page.getByTestId('jobs-list').getByRole('option')).toHaveCount(5)
  // Without a keychain (secrets in memory only) the key is gone after a restart: connect again.
  const account = await page.evaluate(() => window.gigpilot!.upwork.getAccount())
  if (!account.ok || account.value.state !== 'connected') await connect(page, url)
  const searchesBefore = fake.requests.filter((r) => r.path.includes('graphql')).length
  await runAgain(page)
  await expect.poll(() => fake.requests.filter((r) => r.path.includes('graphql')).length).toBeGreaterThan(searchesBefore)
  await expect(page.getByTestId('search-status')).toContainText('5 found, 0 new')
  expect(harness.current.core.notifier.shown).toEqual([])
})

test('the jobs screen passes axe in both themes: the list, an open job, a search with no result', async ({ page, harness, fake }) => {
  publish(fake, 'Zanzibar <b>markup</b> in a title', 'Line one.\n<script>alert(1)</script>\n<img src=x onerror=alert(2)>')
  publish(fake, 'Zanzibar second job', 'Plain words.')
  await connect(page, harness.current.url)
  await page.evaluate(() => window.gigpilot!.searches.create({ name: 'Zanzibar', filters: { query: 'Zanzibar' } }))
  const list = page.getByTestId('jobs-list')
  await expect(list.getByRole('option')).toHaveCount(2)

  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((theme) => window.gigpilot!.settings.update({ theme }), theme)
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    await expectNoViolations(page, `the job list (${theme})`)

    await list.getByRole('option', { name: 'Zanzibar <b>markup</b> in a title' }).click()
    await expect(page.getByTestId('job-description')).toContainText('<script>alert(1)</script>')
    await expectNoViolations(page, `an open job (${theme})`)

    const box = page.getByRole('searchbox', { name: 'Search stored jobs' })
    await box.fill('nothingmatchesthis')
    await expect(page.getByRole('heading', { name: 'No job found' })).toBeVisible()
    await expectNoViolations(page, `a search with no result (${theme})`)
    await box.press('Escape')
    await expect(list.getByRole('option')).toHaveCount(2)
  }
})

test('AI analysis on demand: asked once through the AI provider, then shown from the cache', async ({ page, harness, fake, ai }) => {
  publish(fake, 'Zanzibar React booking engine', 'Rooms, rates and payments.')
  ai.setDefaultJsonReply(
    JSON.stringify({ skillMatch: 9, budgetMatch: 7, complexityMatch: 8, clientAssessment: 'Verified payment, hires often.', recommendation: 'apply', reasoning: 'Your React work fits.\n<img src=x onerror=alert(1)>' })
  )
  await connect(page, harness.current.url)
  await page.evaluate(() => window.gigpilot!.searches.create({ name: 'Zanzibar', filters: { query: 'Zanzibar' } }))
  await page.getByTestId('jobs-list').getByRole('option', { name: 'Zanzibar React booking engine' }).click()
  const section = page.getByTestId('job-ai')
  await section.getByRole('button', { name: 'Analyze with AI' }).click()
  await expect(section.getByTestId('job-ai-recommendation')).toHaveText('Apply')
  await expect(section).toContainText('Skill match9/10')
  await expect(section.getByTestId('job-ai-reasoning')).toHaveText('Your React work fits.\n<img src=x onerror=alert(1)>')
  await expect(section.locator('img')).toHaveCount(0)
  const calls = ai.requests.filter((r) => r.path.endsWith('/chat/completions')).length
  expect(calls).toBe(1)

  // Opened again: the stored analysis, no new AI call.
  await page.reload()
  await page.getByTestId('jobs-list').getByRole('option', { name: 'Zanzibar React booking engine' }).click()
  await expect(section).toContainText('from the cache (no new cost)')
  expect(ai.requests.filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(calls)
})
