import type { Page } from '@playwright/test'
import { expectNoViolations } from './axe'
import { expect, test } from './fixtures'

/**
 * Issue 10 "Done when" (items 3–4, the screens): in the demo workspace, whose sample history comes
 * from the same seeded generator as the known-truth tests, the Analytics page's Experiments tab
 * shows the running demo experiment with per-variant results; Settings → Analytics shows the
 * model's held-out quality (AUC, Brier score, the calibration plot); the jobs list shows a
 * prediction beside the fit score; the review queue orders by prediction (and remembers it).
 * Real services in the harness (training in its worker), the built renderer in real Chromium.
 */

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main navigation' })

async function enterDemo(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.getByRole('button', { name: 'Try the demo workspace' }).click()
  await expect(page.getByRole('region', { name: 'Demo workspace' })).toBeVisible()
}

/** axe (WCAG 2.1 AA) on the screen as it is, in the light and the dark theme. */
async function expectNoViolationsInBothThemes(page: Page, screen: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate(async (theme) => void (await window.gigpilot!.settings.update({ theme })), theme)
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    await expectNoViolations(page, `${screen} (${theme})`)
  }
}

/** Bridge calls, as the renderer makes them (window.gigpilot, the harness's real main). */
async function call<T>(page: Page, ns: string, method: string, input?: unknown): Promise<T> {
  return page.evaluate(
    async ([n, m, i]) => {
      const api = window.gigpilot as unknown as Record<string, Record<string, (x?: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>>>
      const r = await api[n as string]![m as string]!(i)
      if (!r.ok) throw new Error(r.error!.message)
      return r.value
    },
    [ns, method, input] as const
  ) as Promise<T>
}

test('demo workspace: Analytics → Experiments shows the running demo experiment with per-variant results', async ({ page, harness }) => {
  test.setTimeout(120_000)
  await enterDemo(page, harness.current.url)

  // Analytics → Experiments: the demo's running experiment, each variant with its results.
  await nav(page).getByRole('button', { name: 'Analytics' }).click()
  await page.getByRole('tab', { name: 'Experiments' }).click()
  const results = page.getByTestId('experiment-results')
  await expect(results).toBeVisible({ timeout: 30_000 })
  await expect(results.getByRole('heading', { level: 2 })).toContainText('Demo')
  await expect(results.getByTestId('experiment-state')).toHaveText(/Running|Winner found/)
  const rows = results.getByTestId('experiment-table').locator('tbody tr')
  await expect(rows).toHaveCount(2)
  for (const row of await rows.all()) {
    await expect(row).toContainText(/\d+(\.\d)?% \(\d+ of \d+\)/)
    await expect(row).toContainText(/\d+(\.\d)?%–\d+(\.\d)?%/)
  }
  await expect(results.getByTestId('experiment-chart').locator('.recharts-bar-rectangle')).toHaveCount(2)
  await expect(results.getByTestId('experiment-guard')).toContainText('mSPRT')
  await expect(results).not.toContainText('NaN')
  await expectNoViolationsInBothThemes(page, 'Analytics → Experiments')
})

test('demo workspace: Settings → Analytics shows the model’s held-out quality (AUC, Brier, ECE beside the prior) and the calibration plot', async ({ page, harness }) => {
  test.setTimeout(120_000)
  await enterDemo(page, harness.current.url)

  // Settings → Analytics: the model trained on the demo history, its held-out quality beside the prior's.
  await nav(page).getByRole('button', { name: 'Settings' }).click()
  const reply = page.getByTestId('model-reply')
  await expect(reply.getByTestId('model-reply-state')).toHaveText(/version \d+/, { timeout: 60_000 })
  const metrics = reply.getByTestId('model-reply-metrics')
  await expect(metrics.getByRole('row', { name: /AUC/ })).toContainText(/0\.\d+/)
  await expect(metrics.getByRole('row', { name: /Brier/ })).toContainText(/0\.\d+/)
  await expect(metrics.getByRole('row', { name: /ECE/ })).toContainText(/0\.\d+/)
  const plot = reply.getByTestId('calibration-plot')
  await expect(plot.locator('.recharts-reference-line')).toHaveCount(1)
  await expect(plot.locator('.recharts-line-dots circle').first()).toBeVisible()
  await reply.scrollIntoViewIfNeeded()
  await expectNoViolationsInBothThemes(page, 'Settings → Analytics')

  // Retrain now: a training in the worker, then the time it took.
  const lastAttempt = async (): Promise<number> => (await call<{ training: { lastAttemptAt: number | null } }>(page, 'prediction', 'quality')).training.lastAttemptAt ?? 0
  const before = await lastAttempt()
  await page.getByRole('button', { name: 'Retrain now' }).click()
  await expect.poll(lastAttempt, { timeout: 30_000 }).toBeGreaterThan(before)
  await expect(page.getByRole('button', { name: 'Retrain now' })).toBeEnabled()
  await expect(page.getByTestId('training-status')).toContainText(/Last trained .* \(took \d+(\.\d)? s\)/)
  await expect(reply.getByTestId('model-reply-state')).toHaveText(/version \d+/)
})

test('demo workspace: a prediction beside the fit score in the jobs list; the review queue ordered by prediction, remembered', async ({ page, harness }) => {
  test.setTimeout(120_000)
  await enterDemo(page, harness.current.url)

  // The jobs list: a prediction beside the fit score.
  await nav(page).getByRole('button', { name: 'Jobs' }).click()
  const list = page.getByTestId('jobs-list')
  await expect(list.getByRole('option').first()).toBeVisible({ timeout: 30_000 })
  await expect(list.getByTestId('job-prediction').first()).toHaveText(/\d+% reply/)

  // Three queued drafts on demo jobs, of different lengths (so their predictions differ).
  const jobs = await call<{ items: Array<{ id: number }> }>(page, 'jobs', 'list', { limit: 3 })
  const texts = ['Hi! Short question: is the API documented?', 'Hello, I have built three dashboards like this one. '.repeat(6), 'Hello. '.repeat(40)]
  const drafts: number[] = []
  for (const [i, job] of jobs.items.slice(0, 3).entries()) {
    const d = await call<{ id: number }>(page, 'drafts', 'create', { kind: 'proposal', jobId: job.id })
    await call(page, 'drafts', 'saveVersion', { id: d.id, text: texts[i] })
    await call(page, 'review', 'enqueue', { draftId: d.id })
    drafts.push(d.id)
  }
  expect(drafts).toHaveLength(3)

  // Drafts → Review queue, ordered by the best chance of a reply.
  await nav(page).getByRole('button', { name: 'Drafts' }).click()
  await page.getByRole('tab', { name: 'Review queue' }).click()
  const queue = page.getByTestId('review-queue')
  await expect(queue.getByTestId('queue-prediction-reply')).toBeVisible()
  await queue.getByRole('combobox', { name: 'Order' }).selectOption({ label: 'Best chance of a reply first' })
  const shownChance = async (): Promise<number> => Number(/Reply: (\d+)%/.exec((await queue.getByTestId('queue-prediction-reply').textContent()) ?? '')?.[1] ?? NaN)
  const seen: number[] = []
  for (let i = 0; i < 3; i++) {
    await expect(queue.getByText(`Draft ${i + 1} of 3`)).toBeVisible()
    seen.push(await shownChance())
    if (i < 2) await queue.getByRole('button', { name: 'Next' }).click()
  }
  expect(seen.every((p) => Number.isFinite(p))).toBe(true)
  expect([...seen].sort((a, b) => b - a)).toEqual(seen)
  await expectNoViolationsInBothThemes(page, 'Review queue ordered by prediction')

  // Remembered: after a reload the queue opens in the same order.
  await page.reload()
  await nav(page).getByRole('button', { name: 'Drafts' }).click()
  await page.getByRole('tab', { name: 'Review queue' }).click()
  await expect(page.getByTestId('review-queue').getByRole('combobox', { name: 'Order' })).toHaveValue('prediction')
  await expect.poll(shownChance).toBe(seen[0])
})
