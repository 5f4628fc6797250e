import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expectNoViolations, TAGS } from './axe'
import { expect, test } from './fixtures'

/**
 * Every screen passes axe (WCAG 2.1 A and AA) in both themes, so new screens stay clean. The theme
 * is forced both ways a user gets it: by the Theme setting, and by the OS (emulated
 * prefers-color-scheme with the setting on "Follow the system"). The jobs screen with jobs in it
 * (list, open job, no-result search) is checked in jobs.spec.ts, which has the fake Upwork to fill it.
 */

const AREAS = ['Jobs', 'Drafts', 'Inbox', 'Analytics', 'Settings'] as const

for (const theme of ['light', 'dark'] as const) {
  for (const via of ['setting', 'system'] as const) {
    test(`every screen passes axe in the ${theme} theme (${via === 'setting' ? 'Theme setting' : 'OS preference'})`, async ({ page, harness }) => {
      // The OS preference is the opposite of the setting when the setting decides, so the setting must win.
      await page.emulateMedia({ colorScheme: via === 'system' ? theme : theme === 'light' ? 'dark' : 'light' })
      // A settings file damaged while the app was away leaves a banner (with its Dismiss link) on every screen.
      writeFileSync(join(harness.dataDir, 'settings.json'), '{"theme": "dark", oops')
      await page.goto((await harness.restart()).url)
      await page.evaluate(async (theme) => void (await window.gigpilot!.settings.update({ theme })), via === 'setting' ? theme : ('system' as const))
      await page.reload()
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme)

      await expect(page.getByRole('heading', { name: 'Welcome to GigPilot' })).toBeVisible()
      await expect(page.getByRole('button', { name: 'Dismiss' }).first()).toBeVisible()
      await expectNoViolations(page, 'onboarding')
      await page.getByRole('button', { name: 'Look around first' }).click()

      const nav = page.getByRole('navigation', { name: 'Main navigation' })
      for (const area of AREAS) {
        await nav.getByRole('button', { name: area }).click()
        await expect(page.getByRole('heading', { name: area, level: 1 })).toBeFocused()
        if (area === 'Settings') {
          // Every section expanded, and a refused value showing its message at the field.
          for (const details of await page.locator('details:not([open]) > summary').all()) await details.click()
          const port = page.getByLabel('Callback port')
          await port.fill('80')
          await port.blur()
          await expect(port).toHaveAttribute('aria-invalid', 'true')
        }
        await expectNoViolations(page, area)
      }

      await page.getByRole('button', { name: 'Reset to defaults' }).click()
      await expect(page.getByRole('alertdialog', { name: 'Reset all settings to their defaults?' })).toBeVisible()
      await expectNoViolations(page, 'the reset confirmation')
      await page.keyboard.press('Escape')

      await page.getByRole('heading', { name: 'Settings', level: 1 }).focus()
      await page.keyboard.press('?')
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
      await expectNoViolations(page, 'the shortcuts dialog')
    })
  }
}

test('Ukrainian screens pass axe too (lang is set, nothing is cut off)', async ({ page, harness }) => {
  await page.goto(harness.current.url)
  await page.evaluate(() => window.gigpilot!.settings.update({ language: 'uk', onboardingCompleted: true }))
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk')
  await page.getByRole('navigation', { name: 'Головна навігація' }).getByRole('button', { name: 'Налаштування' }).click()
  await expect(page.getByRole('heading', { name: 'Налаштування', level: 1 })).toBeFocused()
  await expectNoViolations(page, 'Settings in Ukrainian')
})

test('the demo workspace banner and sidebar label pass axe (both themes)', async ({ page, harness }) => {
  await page.goto(harness.current.url)
  await page.getByRole('button', { name: 'Try the demo workspace' }).click()
  await expect(page.getByRole('region', { name: 'Demo workspace' })).toBeVisible()
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate(async (theme) => void (await window.gigpilot!.settings.update({ theme })), theme)
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    // The banner and the sidebar (the jobs list behind them is checked in jobs.spec.ts).
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="demo-banner"]').include('nav.sidebar').withTags(TAGS).analyze()
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `axe on the demo banner (${theme})`).toEqual([])
  }
})

test('saved searches: the panel while searches wait (not connected), the editor and the delete confirmation pass axe (both themes)', async ({ page, harness }) => {
  await page.goto(harness.current.url)
  await page.evaluate(() => window.gigpilot!.settings.update({ onboardingCompleted: true }))
  await page.reload()
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('button', { name: 'Jobs' }).click()
  const panel = page.getByTestId('searches-panel')
  await panel.getByRole('button', { name: 'New search' }).click()
  const editor = page.getByRole('dialog', { name: 'New saved search' })
  await editor.getByRole('button', { name: 'Save' }).click()
  await expect(editor.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true')
  await editor.getByRole('combobox', { name: 'Skills' }).fill('Re')
  await expect(editor.getByRole('option').first()).toBeVisible()
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate(async (theme) => void (await window.gigpilot!.settings.update({ theme })), theme)
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    await expectNoViolations(page, `the saved search editor (${theme})`)
  }
  await editor.getByLabel('Name', { exact: true }).fill('React')
  await editor.getByRole('button', { name: 'Save' }).click()
  // Not connected: the searches wait, and the panel says why.
  await expect(panel.getByTestId('polling-paused')).toContainText('not connected to Upwork')
  await panel.getByRole('button', { name: 'Delete “React”' }).click()
  await expect(page.getByRole('alertdialog', { name: 'Delete the search “React”?' })).toBeVisible()
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate(async (theme) => void (await window.gigpilot!.settings.update({ theme })), theme)
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    await expectNoViolations(page, `the searches panel and the delete confirmation (${theme})`)
  }
})
