import type { Page } from '@playwright/test'
import { startFakeUpwork, type FakeUpwork } from '../../tools/fake-upwork/index'
import { expectNoViolations } from './axe'
import { control, startSignedIn, submissions } from './fake-upwork-session'
import { test as base, expect } from './fixtures'

/**
 * Issue 8 "Done when" (the approval part), through the harness and the fake Upwork over HTTP, the
 * fake driven only through its control API: a queued draft approved with the keyboard reaches the
 * fake exactly once; without proposal submission the approval goes manual (copy, open, confirm) and
 * the job becomes applied; a status changed on Upwork appears after "Sync now" with its history.
 */
const test = base.extend<{ fake: FakeUpwork }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
  fake: async ({}, use) => {
    const fake = await startFakeUpwork()
    await use(fake)
    await fake.close()
  },
  harnessEnv: async ({ fake }, use) => {
    await use({ UPWORK_AUTH_URL: fake.authorizeUrl, UPWORK_TOKEN_URL: fake.tokenUrl, UPWORK_GRAPHQL_URL: fake.graphqlUrl })
  }
})

/** How many proposal submissions the fake received (its request log). */
const submitted = async (fake: FakeUpwork): Promise<number> => (await submissions(fake)).length

const TITLE = 'Zanzibar hotel booking site'

/** Past onboarding, the fake's key connected, a saved search that stores the one job, then Autopilot's "Run now" queues its draft. */
async function queueOneDraft(page: Page, url: string, fake: FakeUpwork): Promise<void> {
  await control(fake, 'publish-job', { title: TITLE, description: 'A React booking site for our hotel.', contractType: 'FIXED', amount: 900 })
  await startSignedIn(page, url, { review: { autopilot: { minScore: 0, topN: 1 } } })
  await page.evaluate(() => window.gigpilot!.searches.create({ name: 'Zanzibar', filters: { query: 'Zanzibar' } }))
  await page.reload()
  await expect(page.getByTestId('jobs-list').getByRole('option', { name: new RegExp(`^${TITLE} `) })).toBeVisible()

  // Settings → Autopilot: turned on and run at the user's click; it prepares and queues, never sends.
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click()
  const autopilot = page.getByTestId('autopilot-section')
  await autopilot.getByLabel('Prepare drafts automatically').check()
  await autopilot.getByRole('button', { name: 'Run now' }).click()
  await expect(autopilot.getByTestId('autopilot-last-run')).toContainText('1 prepared')
  await expectNoViolations(page, 'Settings with the Autopilot section')
  expect(await submitted(fake)).toBe(0)

  await page.getByRole('navigation').getByRole('button', { name: 'Drafts' }).click()
  await page.getByRole('tab', { name: 'Review queue' }).click()
  await expect(page.getByTestId('review-queue').getByRole('heading', { name: new RegExp(TITLE) })).toBeVisible()
  await expect(page.getByText('Draft 1 of 1')).toBeVisible()
  await expectNoViolations(page, 'review queue')
}

test('submission available: approve with the keyboard → the fake sees exactly one submission; Upwork’s new status after Sync now, with its history', async ({ page, harness, fake }) => {
  await control(fake, 'proposal-submit', { enabled: true })
  const state = (await control(fake, 'state')) as { scopes: string[] }
  await control(fake, 'scopes', { scopes: [...state.scopes, 'proposal:submit'] })
  await queueOneDraft(page, harness.current.url, fake)

  await page.keyboard.press('a')
  await page.keyboard.press('a')
  await expect(page.getByText('Sent to Upwork.')).toBeVisible()
  await page.keyboard.press('a')
  await expect.poll(() => submitted(fake)).toBe(1)

  // The proposal, as Upwork knows it: its status changes there, then the user syncs.
  const items = (await page.evaluate(() => window.gigpilot!.outbox.list())) as { ok: true; value: Array<{ state: string; remoteId: string | null }> }
  expect(items.value).toHaveLength(1)
  const remoteId = items.value[0]!.remoteId
  expect(remoteId).toBeTruthy()
  await control(fake, 'proposal-status', { id: remoteId, status: 'Activated' })

  await page.getByRole('tab', { name: 'Sent' }).click()
  const panel = page.getByTestId('proposals-panel')
  // "Synced:" shows once the click's own sync has read Upwork and the list has reloaded (a scheduled
  // sync in flight at the click is followed by one more: outcomes.test.ts "Sync now while a sync is
  // in flight"), so the new status is in the row by then, not merely on its way.
  await panel.getByRole('button', { name: 'Sync now' }).click()
  await expect(panel.getByRole('status')).toContainText('Synced:')
  const row = panel.getByRole('row', { name: new RegExp(TITLE) })
  await expect(row).toContainText('Activated')
  await expect(row).toContainText('Replied')
  await row.getByRole('button', { name: TITLE }).click()
  const history = page.getByTestId('proposal-history')
  await expect(history.getByRole('row').last()).toContainText('→ Activated')
  await expect(history.getByRole('row').last()).toContainText('Upwork (sync)')
  await expect(page.getByTestId('outbox-list')).toContainText('sent')
  await expectNoViolations(page, 'sent proposals with history and outbox')
  expect(await submitted(fake)).toBe(1)
})

test('submission unavailable: approve → manual mode (text copied, job opened) → “I submitted it” → the job is applied, nothing submitted', async ({ page, harness, fake }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  // The job's page on upwork.com, answered locally (no network in tests).
  await page.context().route('https://www.upwork.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Upwork job</title>' }))
  await control(fake, 'proposal-submit', { enabled: false })
  await queueOneDraft(page, harness.current.url, fake)
  const shown = await page.getByTestId('queue-text').textContent()

  const opened = page.waitForEvent('popup')
  await page.getByRole('button', { name: 'Approve' }).click()
  const manual = page.getByTestId('queue-manual')
  await expect(manual.getByText('Submit this one on Upwork')).toBeVisible()
  const popup = await opened
  await popup.waitForLoadState()
  expect(popup.url()).toMatch(/^https:\/\/www\.upwork\.com\/jobs\//)
  await popup.close()
  await expect(manual.getByText('The text is on your clipboard.')).toBeVisible()
  await expectNoViolations(page, 'review queue, manual mode')
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown?.trim())

  await manual.getByRole('button', { name: 'I submitted it' }).click()
  await expect(page.getByRole('heading', { name: 'Nothing to review' })).toBeVisible()
  const jobs = (await page.evaluate(() => window.gigpilot!.jobs.list({}))) as { ok: true; value: { items: Array<{ title: string; status: string }> } }
  expect(jobs.value.items.find((j) => j.title === TITLE)).toMatchObject({ status: 'applied' })
  expect(await submitted(fake)).toBe(0)
})
