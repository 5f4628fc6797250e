import { readFileSync } from 'node:fs'
import { join } from 'node:path'
// A free loopback port for the OAuth callback (the fake accepts any 127.0.0.1 redirect URI).
import { freePort } from '../../src/main/test-support/free-port'
import type { Locator, Page } from '@playwright/test'
import { testWithFakeUpwork } from './fake-upwork-session'
import { expect } from './fixtures'

/** Opens Settings from onboarding, sets the callback port and saves the fake key. */
async function saveFakeKey(page: Page, port: number): Promise<Locator> {
  await page.getByRole('button', { name: 'Connect my Upwork key' }).click()
  const account = page.getByTestId('upwork-account')
  await expect(account.getByTestId('account-state')).toHaveText('No API key yet')
  // The key's callback port, then the key itself (kept in the keychain, never shown again).
  const portField = account.getByLabel('Callback port')
  await portField.fill(String(port))
  await portField.blur()
  await expect(account.getByTestId('callback-url')).toHaveText(`http://127.0.0.1:${port}/upwork/callback`)
  await account.getByLabel('Client ID (Key)').fill('fake-client-id')
  await account.getByLabel('Client secret').fill('fake-client-secret')
  await account.getByRole('button', { name: 'Save key' }).click()
  await expect(account.getByTestId('account-state')).toHaveText('Not connected')
  return account
}

/** Clicks Connect (or Reconnect) and approves GigPilot on the fake's page in the new tab. */
async function approveInBrowser(page: Page, account: Locator, button: 'Connect' | 'Reconnect'): Promise<void> {
  const popup = page.waitForEvent('popup')
  await account.getByRole('button', { name: button, exact: true }).click()
  const authorize = await popup
  await authorize.locator('#allow').click()
  await expect(authorize.getByText('You can close this tab and return to GigPilot.')).toBeVisible()
  await authorize.close()
}

const test = testWithFakeUpwork

test('connects an Upwork account through the real browser redirect', async ({ page, harness, fake }) => {
  const port = await freePort()
  await page.goto(harness.current.url)
  const account = await saveFakeKey(page, port)

  // Connect opens the authorize page in a new tab (the harness's stand-in for the system browser).
  const popup = page.waitForEvent('popup')
  await account.getByRole('button', { name: 'Connect', exact: true }).click()
  const authorize = await popup
  await expect(authorize.getByText('authorize GigPilot', { exact: false })).toBeVisible()
  await authorize.locator('#allow').click()
  await expect(authorize.getByText('You can close this tab and return to GigPilot.')).toBeVisible()

  await expect(account.getByTestId('account-state')).toHaveText('Connected as Dana Kowalski')
  await expect(account.getByText('What this key can do')).toBeVisible()
  await expect(account.locator('[data-capability="jobsRead"]')).toContainText('Yes')
  await expect(account.locator('[data-capability="proposalSubmit"]')).toContainText('No')
  await expect(page.getByTestId('upwork-state')).toHaveText('Upwork: Dana Kowalski')

  // The renderer learns "connected as NAME", never a token.
  const seen = await page.evaluate(async () => JSON.stringify([await window.gigpilot!.upwork.getAccount(), await window.gigpilot!.upwork.getUsage()]))
  expect(seen).not.toMatch(/oauth2v2_|fake-client-secret|refresh/i)
  expect(fake.requests.filter((r) => r.grantType === 'authorization_code')).toHaveLength(1)

  // The loopback port is closed after success.
  await expect(fetch(`http://127.0.0.1:${port}/upwork/callback`)).rejects.toThrow()

  // Usage meter counts the requests the sign-in made.
  await expect(account.getByTestId('api-usage')).toContainText('This hour:')
})

test('denying access in the browser leaves the account disconnected with a clear message', async ({ page, harness }) => {
  const port = await freePort()
  await page.goto(harness.current.url)
  const account = await saveFakeKey(page, port)
  const popup = page.waitForEvent('popup')
  await account.getByRole('button', { name: 'Connect', exact: true }).click()
  const authorize = await popup
  await authorize.locator('#deny').click()
  await expect(authorize.getByText('Sign-in was not completed', { exact: false })).toBeVisible()
  await expect(account.getByRole('alert')).toBeVisible()
  await expect(account.getByTestId('account-state')).toHaveText('Not connected')
})

test('a revoked sign-in becomes "reconnect needed", keeps the key, and Reconnect restores it', async ({ page, harness, fake }) => {
  const port = await freePort()
  await page.goto(harness.current.url)
  const account = await saveFakeKey(page, port)
  await approveInBrowser(page, account, 'Connect')
  await expect(account.getByTestId('account-state')).toHaveText('Connected as Dana Kowalski')

  // Upwork revokes the session: the access token stops working and the refresh is refused.
  fake.expireAccessTokens()
  fake.revokeRefreshTokens()
  await account.getByRole('button', { name: 'Check again' }).click()
  await expect(account.getByRole('alert')).toContainText('Your Upwork sign-in has expired')
  await expect(account.getByTestId('account-state')).toHaveAttribute('data-state', 'reconnect_needed')
  await expect(page.getByTestId('upwork-state')).toHaveText('Upwork: reconnect needed')

  await approveInBrowser(page, account, 'Reconnect')
  await expect(account.getByTestId('account-state')).toHaveText('Connected as Dana Kowalski')
  expect(fake.requests.filter((r) => r.grantType === 'authorization_code')).toHaveLength(2)

  // Nothing secret reached the log file on the way.
  const log = readFileSync(join(harness.dataDir, 'logs', 'main.log'), 'utf8')
  expect(log).toContain('Connected to Upwork')
  expect(log).not.toMatch(/oauth2v2_|fake-client-secret/)
})
