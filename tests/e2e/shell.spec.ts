import { expect, test } from './fixtures'

test('first run shows onboarding, then every area is reachable', async ({ page, harness }) => {
  await page.goto(harness.current.url)
  await expect(page.getByRole('heading', { name: 'Welcome to GigPilot' })).toBeVisible()
  await page.getByRole('button', { name: 'Look around first' }).click()

  const nav = page.getByRole('navigation', { name: 'Main navigation' })
  await expect(nav).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Jobs', level: 1 })).toBeVisible()
  await expect(page.getByText('No jobs yet')).toBeVisible()

  for (const [label, empty] of [
    ['Drafts', 'No drafts yet'],
    ['Inbox', 'No conversations yet'],
    ['Analytics', 'Nothing to measure yet'],
    ['Settings', 'Upwork account']
  ] as const) {
    await nav.getByRole('button', { name: label }).click()
    await expect(page.getByRole('heading', { name: label, level: 1 })).toBeVisible()
    await expect(nav.getByRole('button', { name: label })).toHaveAttribute('aria-current', 'page')
    await expect(page.getByText(empty).first()).toBeVisible()
  }

  // Keyboard: Ctrl+1 goes back to Jobs, and the focus lands on its heading (not on <body>).
  await page.keyboard.press('Control+1')
  const jobsHeading = page.getByRole('heading', { name: 'Jobs', level: 1 })
  await expect(jobsHeading).toBeFocused()
  // ? lists the shortcuts; Tab cannot leave the list; Esc closes it and gives the focus back.
  await page.keyboard.press('?')
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused()
  for (const key of ['Tab', 'Tab', 'Shift+Tab', 'Tab']) {
    await page.keyboard.press(key)
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true)
  }
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(jobsHeading).toBeFocused()
})

test('the bridge exposes only the contract, and the page has no Node', async ({ page, harness }) => {
  await page.goto(harness.current.url)
  const shape = await page.evaluate(() => ({
    keys: Object.keys(window.gigpilot ?? {}).sort(),
    settingsKeys: Object.keys(window.gigpilot?.settings ?? {}).sort(),
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process
  }))
  expect(shape.keys).toEqual(['ai', 'analytics', 'app', 'automation', 'drafts', 'experiments', 'followUps', 'jobs', 'messaging', 'notifications', 'on', 'ontology', 'outbox', 'prediction', 'profile', 'proposals', 'replies', 'review', 'searches', 'settings', 'shell', 'strategies', 'templates', 'upwork', 'workspace'])
  expect(shape.settingsKeys).toEqual(['get', 'reset', 'update'])
  expect(shape.require).toBe('undefined')
  expect(shape.process).toBe('undefined')
})

test('invalid input is refused with a clear error and changes nothing', async ({ page, harness }) => {
  await page.goto(harness.current.url)
  const result = await page.evaluate(async () => {
    const api = window.gigpilot!
    const bad = await api.settings.update({ theme: 'purple' } as never)
    const unknownKey = await api.settings.update({ apiKey: 'x' } as never)
    const after = await api.settings.get()
    return { bad, unknownKey, theme: after.ok ? after.value.theme : null }
  })
  expect(result.bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  expect(result.unknownKey).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  expect(result.theme).toBe('system')
})

test('the content security policy blocks inline script', async ({ page, harness }) => {
  await page.goto(harness.current.url)
  const outcome = await page.evaluate(
    () =>
      new Promise<{ ran: boolean; violation: string | null }>((resolve) => {
        let violation: string | null = null
        document.addEventListener('securitypolicyviolation', (e) => (violation = e.violatedDirective))
        const s = document.createElement('script')
        s.textContent = 'window.__injected = true'
        document.body.appendChild(s)
        setTimeout(() => resolve({ ran: (window as unknown as { __injected?: boolean }).__injected === true, violation }), 200)
      })
  )
  expect(outcome.ran).toBe(false)
  expect(outcome.violation).toContain('script-src')
})
