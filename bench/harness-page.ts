/**
 * What the Chromium benches share: a seeded data folder served by the browser harness with the
 * built renderer, one page past the first-run screen, and "click → performance mark" timing.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Locator, type Page } from 'playwright-core'
import { startHarness } from '../tools/harness/server'
import { builtRendererCopy, chromiumPath } from './jobs-view.bench'

/**
 * Seeds a fresh data folder, starts the harness on it with a copy of the built renderer, opens one
 * page (1280×800) past onboarding, runs `body`, and cleans everything up.
 */
export async function withHarnessPage<T>(name: string, seed: (dataDir: string) => Promise<void>, body: (page: Page) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), `gigpilot-bench-${name}-`))
  const rendererDir = builtRendererCopy()
  let harness: Awaited<ReturnType<typeof startHarness>> | null = null
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true })
  try {
    await seed(dataDir)
    harness = await startHarness({ dataDir, rendererDir, env: { ...process.env, GIGPILOT_DATA_DIR: dataDir } })
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
    await page.goto(harness.url)
    await page.evaluate('window.gigpilot.settings.update({ onboardingCompleted: true })')
    return await body(page)
  } finally {
    await browser.close()
    await harness?.close()
    rmSync(rendererDir, { recursive: true, force: true })
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/**
 * Marks `clickMark` and clicks `target` in the page's own task (no Playwright round trip in
 * between), then waits for the page's `mark`: the milliseconds from the click to the (latest) mark,
 * or null when it never came within `timeoutMs`.
 */
export async function clickToMarkMs(page: Page, target: Locator, mark: string, clickMark: string, timeoutMs = 20_000): Promise<number | null> {
  await target.evaluate((el, m) => {
    performance.clearMarks()
    performance.mark(m)
    ;(el as unknown as { click(): void }).click()
  }, clickMark)
  try {
    await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, { timeout: timeoutMs })
  } catch {
    return null
  }
  return page.evaluate(([m, click]) => performance.getEntriesByName(m!).at(-1)!.startTime - performance.getEntriesByName(click!)[0]!.startTime, [mark, clickMark])
}
