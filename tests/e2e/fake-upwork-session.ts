import type { Page } from '@playwright/test'
import type { SettingsPatch } from '../../src/shared/settings'
import type { FakeUpwork } from '../../tools/fake-upwork/index'
import { freePort } from '../../src/main/test-support/free-port'
import { expect } from './fixtures'

/**
 * Helpers the specs that run against the fake Upwork share: signing in with the fake's key, the
 * usual start (past onboarding, a profile to score against, signed in), and the fake's control API.
 */

/**
 * The fake's key saved and signed in with (Allow on its authorize page). The harness has no secure
 * storage, so the key and the sign-in live in memory only: after a restart the user signs in again.
 */
export async function signIn(page: Page): Promise<void> {
  await page.evaluate(() => window.gigpilot!.upwork.saveCredentials({ clientId: 'fake-client-id', clientSecret: 'fake-client-secret' }))
  const popup = page.waitForEvent('popup')
  const signedIn = page.evaluate(() => window.gigpilot!.upwork.connect())
  const authorize = await popup
  await authorize.locator('#allow').click()
  expect(await signedIn).toMatchObject({ ok: true, value: { state: 'connected' } })
  await authorize.close()
}

/** Past onboarding (plus `settings`), a profile with React and TypeScript at $50/h, and signed in to the fake. */
export async function startSignedIn(page: Page, url: string, settings: SettingsPatch = {}): Promise<void> {
  const callbackPort = await freePort()
  await page.goto(url)
  await page.evaluate(
    async ({ callbackPort, settings }) => {
      const g = window.gigpilot!
      await g.settings.update({ ...settings, onboardingCompleted: true, upwork: { ...settings.upwork, callbackPort } })
      await g.profile.update({ skills: ['React', 'TypeScript'], hourlyRate: 50 })
    },
    { callbackPort, settings }
  )
  await signIn(page)
}

/** The fake Upwork's test-only control API (tools/fake-upwork/control-api.ts). */
export async function control(fake: FakeUpwork, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${fake.url}/__control/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`)
  return res.json()
}

/** Proposal submissions (`createJobProposal`) in the fake's request log, with their variables. */
export async function submissions(fake: FakeUpwork): Promise<Array<{ variables?: unknown }>> {
  return ((await control(fake, 'requests')) as Array<{ query?: string; variables?: unknown }>).filter((r) => r.query?.includes('createJobProposal'))
}
