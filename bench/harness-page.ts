/**
 * What the Chromium benches share: a seeded data folder served by the browser harness with the
 * built renderer, one page past the first-run screen, and "click → performance mark" timing.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Locator, type Page } from 'playwright-core'
import { startHarness } from '../tools/harness/server'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const s = statSync(path)
  if (!s.isDirectory()) return s.mtimeMs
  let newest = s.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** A copy of the built renderer, built first when missing or older than its sources. */
export function builtRendererCopy(): string {
  const out = join(ROOT, 'out/renderer/index.html')
  const sources = Math.max(...['src/renderer', 'src/shared', 'electron.vite.config.ts'].map((p) => newestMtime(join(ROOT, p))))
  const copy = mkdtempSync(join(tmpdir(), 'gigpilot-bench-renderer-'))
  const stale = !existsSync(out) || statSync(out).mtimeMs < sources
  const script = `${stale ? 'npm run build >&2 && ' : ''}cp -R out/renderer/. "${copy}"`
  const hasFlock = (() => {
    try {
      execFileSync('flock', ['--version'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  })()
  if (stale) console.error('bench: building the renderer (out/renderer is missing or older than its sources)…')
  try {
    if (hasFlock) execFileSync('flock', ['/tmp/gigpilot-e2e.lock', 'sh', '-c', script], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
    else execFileSync('sh', ['-c', script], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  } catch (e) {
    rmSync(copy, { recursive: true, force: true })
    throw new Error(`bench: could not build the renderer (run \`npm run build\` and look at its errors): ${String(e)}`)
  }
  return copy
}

/** Chromium: CHROMIUM_PATH, else /usr/bin/chromium, else Playwright's own. */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined
}

/**
 * Seeds a fresh data folder, starts the harness on it with a copy of the built renderer, opens one
 * page (1280×800) past onboarding, runs `body` (with what `seed` returned), and cleans everything
 * up. `env` is added to the harness's environment (e.g. OPENAI_BASE_URL on a fake).
 */
export async function withHarnessPage<T, S = void>(
  name: string,
  seed: (dataDir: string) => Promise<S>,
  body: (page: Page, seeded: S) => Promise<T>,
  env: Record<string, string> = {}
): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), `gigpilot-bench-${name}-`))
  const rendererDir = builtRendererCopy()
  let harness: Awaited<ReturnType<typeof startHarness>> | null = null
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true })
  try {
    const seeded = await seed(dataDir)
    harness = await startHarness({ dataDir, rendererDir, env: { ...process.env, ...env, GIGPILOT_DATA_DIR: dataDir } })
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
    await page.goto(harness.url)
    await page.evaluate('window.gigpilot.settings.update({ onboardingCompleted: true })')
    return await body(page, seeded)
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
