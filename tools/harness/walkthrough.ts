import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium, type Page } from 'playwright'
import { startHarness } from './server'

/**
 * npx tsx tools/harness/walkthrough.ts [--out DIR] [--renderer-dir DIR] [--keep]
 *
 * The screens a freelancer sees in the demo workspace (Inbox, Analytics and its Experiments tab,
 * Settings, Jobs, the review queue), screenshotted in English and Ukrainian, light and dark,
 * at 1280×800 and 1024×700, from the built renderer (npm run build) in real Chromium.
 * It also checks the layout fault a screenshot hides best: a column or card whose right edge runs
 * past the page, or a table past its card (cut off, nothing to scroll to). Exits 1 and names them.
 */
const { values } = parseArgs({ options: { out: { type: 'string' }, 'renderer-dir': { type: 'string' }, keep: { type: 'boolean', default: false } } })
const out = resolve(values.out ?? 'walkthrough-shots')
mkdirSync(out, { recursive: true })
const dataDir = mkdtempSync(join(tmpdir(), 'gigpilot-walkthrough-'))
const harness = await startHarness({ dataDir, ...(values['renderer-dir'] ? { rendererDir: resolve(values['renderer-dir']) } : {}) })
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' })
const problems: string[] = []
/** The part of the harness's window.gigpilot this script calls. */
interface Bridge {
  gigpilot: { settings: { update(patch: unknown): Promise<unknown> } }
}

/** Page-body columns and cards whose right edge is past the page's (more than a pixel). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pageEl = document.querySelector('.page')
    if (!pageEl) return []
    const right = pageEl.getBoundingClientRect().right
    const cut = [...document.querySelectorAll('.page-body > *, .page-body > * > *, .card, table')]
      .filter((el) => el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().right > right + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ends at ${Math.round(el.getBoundingClientRect().right)} px, the page at ${Math.round(right)} px`)
    // A table wider than its card (its last columns drawn over the card's edge).
    const tables = [...document.querySelectorAll('.card table')]
      .filter((el) => el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().right > el.closest('.card')!.getBoundingClientRect().right + 1)
      .map((el) => `table.${[...el.classList].join('.')} ends past its card by ${Math.round(el.getBoundingClientRect().right - el.closest('.card')!.getBoundingClientRect().right)} px`)
    return [...cut, ...tables]
  })
}

async function visit(page: Page, tag: string, name: string, area: number, ready: (p: Page) => Promise<unknown>): Promise<void> {
  await page.locator('nav .nav-item').nth(area).click()
  await ready(page)
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
  await page.screenshot({ path: join(out, `${tag}-${name}.png`) })
  for (const p of await overflowing(page)) problems.push(`${tag} ${name}: ${p}`)
}

try {
  for (const [width, height] of [[1280, 800], [1024, 700]] as const) {
    for (const language of ['en', 'uk'] as const) {
      for (const theme of ['light', 'dark'] as const) {
        const tag = `${language}-${theme}-${width}`
        const page = await browser.newPage({ viewport: { width, height } })
        await page.goto(harness.url)
        const demo = page.getByRole('button', { name: /Try the demo workspace|Спробувати демо-простір/ })
        const nav = page.locator('nav .nav-item').first()
        await demo.or(nav).first().waitFor()
        if (await demo.isVisible()) await demo.click()
        await nav.waitFor()
        await page.evaluate(async (s) => void (await (window as unknown as Bridge).gigpilot.settings.update(s)), { language, theme })
        await page.locator('html').and(page.locator(`[data-theme="${theme}"]`)).waitFor()
        await visit(page, tag, 'inbox', 2, async (p) => {
          await p.getByTestId('threads-list').getByRole('option').first().click()
          await p.getByTestId('thread-context').waitFor()
        })
        await visit(page, tag, 'analytics', 3, (p) => p.getByTestId('analytics-breakdowns').locator('.recharts-bar-rectangle').first().waitFor())
        await page.locator('[role=tab]').nth(1).click()
        await page.getByTestId('experiment-results').waitFor({ timeout: 30_000 })
        await page.screenshot({ path: join(out, `${tag}-experiments.png`) })
        for (const p of await overflowing(page)) problems.push(`${tag} experiments: ${p}`)
        await visit(page, tag, 'settings', 4, async (p) => {
          await p.getByTestId('calibration-plot').first().waitFor({ timeout: 60_000 })
          await p.getByTestId('analytics-section').scrollIntoViewIfNeeded()
        })
        await visit(page, tag, 'jobs', 0, async (p) => {
          await p.getByTestId('jobs-list').getByRole('option').first().click()
          await p.getByTestId('job-detail').waitFor()
        })
        await visit(page, tag, 'review-queue', 1, (p) => p.locator('[role=tab]').nth(1).click())
        await page.close()
        console.log(`${tag}: screenshots in ${out}`)
      }
    }
  }
} finally {
  await browser.close()
  await harness.close()
  if (!values.keep) rmSync(dataDir, { recursive: true, force: true })
}
if (problems.length > 0) {
  console.error(`Cut off at the right edge:\n${problems.join('\n')}`)
  process.exit(1)
}
console.log('No column, card or table runs past its box.')
