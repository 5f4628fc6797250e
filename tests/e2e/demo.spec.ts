import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './fixtures'

/**
 * Issue 7 "Done when": the demo workspace works from a fresh data folder and leaving it leaves no
 * trace. Real services in the harness (workspace host, poller on node-cron, ingest, scoring,
 * notifications), the sample job source inside the app, the built renderer in Chromium.
 */

const DEMO_DIR = 'demo-workspace'

test('from a fresh data folder: Try the demo → sample jobs arrive scored, a labelled notification → a restart stays in the demo → Leave → onboarding, the demo folder gone', async ({ page, harness }) => {
  await page.goto(harness.current.url)
  await expect(page.getByRole('heading', { name: 'Welcome to GigPilot' })).toBeVisible()
  await page.getByRole('button', { name: 'Try the demo workspace' }).click()

  // The window starts over in the demo: the banner, the sidebar label, the Demo account.
  const banner = page.getByRole('region', { name: 'Demo workspace' })
  await expect(banner).toContainText('You are in the demo workspace — sample data, nothing is sent to Upwork.')
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByTestId('demo-label')).toHaveText('Demo workspace')
  await expect(page.getByTestId('upwork-state')).toHaveText('Upwork: Demo account')
  expect(existsSync(join(harness.dataDir, DEMO_DIR, 'gigpilot.db'))).toBe(true)

  // The demo's searches run at once: jobs, each scored, through the bridge…
  const jobs = async (): Promise<{ total: number; scored: boolean }> =>
    page.evaluate(async () => {
      const r = await window.gigpilot!.jobs.list({})
      if (!r.ok) throw new Error(r.error.message)
      return { total: r.value.total, scored: r.value.items.every((j) => typeof j.score === 'number') }
    })
  await expect.poll(async () => (await jobs()).total, { timeout: 30_000 }).toBeGreaterThan(5)
  expect((await jobs()).scored).toBe(true)
  // …and in the jobs list (when the jobs view has landed, it shows them).
  await page.reload()
  const list = page.getByTestId('jobs-list')
  if ((await list.count()) > 0) await expect(list.getByRole('option').first()).toBeVisible()
  // One grouped notification per search at most, each saying it is from the demo.
  await expect.poll(() => harness.current.notifier.shown.length).toBeGreaterThan(0)
  expect(harness.current.notifier.shown.length).toBeLessThanOrEqual(2)
  for (const n of harness.current.notifier.shown) expect(n.title).toMatch(/^Demo: /)

  // A restart reopens the demo (the user was in it).
  const restarted = await harness.restart()
  await page.goto(restarted.url)
  await expect(page.getByRole('region', { name: 'Demo workspace' })).toBeVisible()

  // Leave: back to the real workspace's first run, the demo folder and the marker gone.
  await page.getByRole('region', { name: 'Demo workspace' }).getByRole('button', { name: 'Leave demo' }).click()
  await expect(page.getByRole('heading', { name: 'Welcome to GigPilot' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Demo workspace' })).toHaveCount(0)
  expect(existsSync(join(harness.dataDir, DEMO_DIR))).toBe(false)
  expect(existsSync(join(harness.dataDir, 'workspace.json'))).toBe(false)
  const realJobs = await page.evaluate(async () => {
    const r = await window.gigpilot!.jobs.list({})
    return r.ok ? r.value.total : -1
  })
  expect(realJobs).toBe(0)
})
