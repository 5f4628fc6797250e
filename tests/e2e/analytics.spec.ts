import { readFileSync } from 'node:fs'
import { parseCsv } from '../../src/main/analytics/test-support/parse-csv'
import type { DashboardDto } from '../../src/shared/analytics'
import { expectNoViolations } from './axe'
import { expect, test } from './fixtures'

/**
 * Issue 10 "Done when" (the Analytics page): the harness runs the real services; "Try the demo
 * workspace" writes the sample history (analytics' seeded generator) into the demo's own SQLite
 * file; the built renderer in Chromium shows its funnel, trends and breakdowns, labelled as
 * sample data; a bar drills down to its proposals; CSV export writes one row per proposal.
 */

test('the demo’s sample history: funnel, trends and the sample label with real figures; drill-down from a bar; CSV with one row per proposal; axe in both themes', async ({ page, harness }) => {
  await page.goto(harness.current.url)
  await page.getByRole('button', { name: 'Try the demo workspace' }).click()
  await expect(page.getByRole('region', { name: 'Demo workspace' })).toBeVisible()

  // What main computes for the last 30 days of the sample history, through the bridge.
  const dashboard = async (): Promise<DashboardDto> =>
    page.evaluate(async () => {
      const r = await window.gigpilot!.analytics.dashboard({ period: '30d' })
      if (!r.ok) throw new Error(r.error.message)
      return r.value
    })
  await expect.poll(async () => (await dashboard()).total, { timeout: 30_000 }).toBeGreaterThan(20)
  const d = await dashboard()
  expect(d.sample).toBe(true)

  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Analytics' }).click()
  await expect(page.getByRole('heading', { name: 'Analytics', level: 1 })).toBeFocused()
  await expect(page.getByRole('note', { name: 'Sample history — connect Upwork to see yours' })).toBeVisible()

  // The funnel: a painted bar per stage, and the counts and rates main computed.
  const funnel = page.getByTestId('analytics-funnel')
  await expect(funnel.locator('.recharts-bar-rectangle')).toHaveCount(5)
  for (const stage of d.funnel) {
    await expect(funnel.locator(`tr[data-stage="${stage.stage}"] td`).first()).toHaveText(stage.count.toLocaleString('en'))
  }
  const replied = d.funnel.find((s) => s.stage === 'replied')!
  expect(replied.count).toBeGreaterThan(0)
  if (!replied.ofSent.small) await expect(funnel.locator('tr[data-stage="replied"]')).toContainText(/\d+% \(\d+–\d+%\)/)
  await expect(funnel).not.toContainText('NaN')

  // The trends: both charts drawn over the period's days, with their legends.
  const trends = page.getByTestId('analytics-trends')
  await expect(trends.locator('.recharts-bar-rectangle').first()).toBeVisible()
  await expect(trends.locator('.recharts-line-curve')).toHaveCount(2)
  await expect(trends.locator('.recharts-legend-wrapper').first()).toContainText('Reply rate')
  expect(d.daily.length).toBeGreaterThanOrEqual(28)

  // Drill-down: the first template's bar lists the proposals behind it.
  const breakdowns = page.getByTestId('analytics-breakdowns')
  const firstRow = d.breakdowns.find((b) => b.kind === 'template')!.rows.find((r) => r.n > 0)!
  const firstIndex = d.breakdowns.find((b) => b.kind === 'template')!.rows.indexOf(firstRow)
  await breakdowns.locator('.recharts-bar-rectangle').nth(firstIndex).click()
  const drill = page.getByTestId('analytics-drilldown')
  await expect(drill.getByRole('heading', { level: 2 })).toBeFocused()
  await expect(drill.getByTestId('analytics-drill-table').locator('tbody tr')).toHaveCount(Math.min(firstRow.n, 500))
  await expect(drill).toContainText(`${firstRow.n} proposal`)
  // A proposal opens with its text.
  await drill.getByTestId('analytics-drill-table').locator('tbody tr').first().getByRole('button').click()
  await expect(page.getByTestId('analytics-opened-proposal')).toBeVisible()

  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate(async (theme) => void (await window.gigpilot!.settings.update({ theme })), theme)
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    await expectNoViolations(page, `the Analytics page with the sample history (${theme})`)
  }

  // CSV export: the page says where the file went; it has a header and one row per proposal of the period.
  await page.getByRole('button', { name: 'Export CSV' }).click()
  const done = page.getByTestId('analytics-export-done')
  await expect(done).toContainText(`Saved ${d.total} proposals to`)
  const path = (await done.locator('code').textContent())!
  const text = readFileSync(path, 'utf8')
  expect(text.charCodeAt(0)).toBe(0xfeff)
  const [header, ...rows] = parseCsv(text.slice(1))
  expect(header).toContain('proposal_id')
  expect(header).toContain('furthest_stage')
  expect(rows).toHaveLength(d.total)
  const ids = rows.map((r) => r[header!.indexOf('proposal_id')])
  expect(new Set(ids).size).toBe(d.total)
  for (const r of rows) expect(r).toHaveLength(header!.length)
  const repliedCol = header!.indexOf('replied')
  expect(rows.filter((r) => r[repliedCol] === '1')).toHaveLength(replied.count)

  // Another period: the figures follow it.
  await page.getByRole('button', { name: 'All time' }).click()
  await expect(page.getByRole('button', { name: 'All time' })).toHaveAttribute('aria-pressed', 'true')
  const all = await page.evaluate(async () => {
    const r = await window.gigpilot!.analytics.dashboard({ period: 'all' })
    if (!r.ok) throw new Error(r.error.message)
    return r.value.total
  })
  expect(all).toBeGreaterThan(d.total)
  await expect(funnel.locator('tr[data-stage="sent"] td').first()).toHaveText(all.toLocaleString('en'))
})

test('a fresh real workspace: Analytics says there is nothing to measure yet, without a chart or NaN, and passes axe', async ({ page, harness }) => {
  await page.goto(harness.current.url)
  await page.evaluate(() => window.gigpilot!.settings.update({ onboardingCompleted: true }))
  await page.reload()
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Analytics' }).click()
  await expect(page.getByRole('heading', { name: 'Nothing to measure yet' })).toBeVisible()
  await page.getByRole('button', { name: 'All time' }).click()
  await expect(page.getByRole('button', { name: 'All time' })).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByRole('heading', { name: 'Nothing to measure yet' })).toBeVisible()
  await expect(page.locator('.recharts-surface')).toHaveCount(0)
  await expect(page.getByRole('note', { name: 'Sample history — connect Upwork to see yours' })).toHaveCount(0)
  await expect(page.locator('main')).not.toContainText('NaN')
  await expectNoViolations(page, 'the Analytics page without history')
})
