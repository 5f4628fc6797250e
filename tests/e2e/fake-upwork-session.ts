import type { Locator, Page } from '@playwright/test'
import type { SettingsPatch } from '../../src/shared/settings'
import { startFakeOpenAi, type FakeOpenAi } from '../../tools/fake-openai/index'
import { startFakeUpwork, type FakeUpwork } from '../../tools/fake-upwork/index'
import { freePort } from '../../src/main/test-support/free-port'
import { test as base, expect } from './fixtures'

/**
 * Helpers the specs that run against the fake Upwork share: signing in with the fake's key, the
 * usual start (past onboarding, a profile to score against, signed in), and the fake's control API.
 */

/** The harness's test with a fresh fake Upwork per test (`fake`), the harness's Upwork URLs on it. */
export const testWithFakeUpwork = base.extend<{ fake: FakeUpwork }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
  fake: async ({}, use) => {
    const fake = await startFakeUpwork()
    await use(fake)
    await fake.close()
  },
  harnessEnv: async ({ fake }, use) => {
    await use({ UPWORK_AUTH_URL: fake.authorizeUrl, UPWORK_TOKEN_URL: fake.tokenUrl, UPWORK_GRAPHQL_URL: fake.graphqlUrl })
  }
})

/**
 * …and a fresh fake OpenAI per test (`ai`), the harness's AI on it. A model server on 127.0.0.1
 * needs no key (Settings → AI), so the AI is set up by its address alone.
 */
export const testWithFakeUpworkAndAi = testWithFakeUpwork.extend<{ ai: FakeOpenAi }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
  ai: async ({}, use) => {
    const ai = await startFakeOpenAi({ port: 0 })
    await use(ai)
    await ai.close()
  },
  harnessEnv: async ({ fake, ai }, use) => {
    await use({ UPWORK_AUTH_URL: fake.authorizeUrl, UPWORK_TOKEN_URL: fake.tokenUrl, UPWORK_GRAPHQL_URL: fake.graphqlUrl, OPENAI_BASE_URL: ai.url })
  }
})

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

/** The usual start, then the Inbox with its first sync asked for (it reads the history: nothing is notified or drafted). */
export async function openInboxSynced(page: Page, url: string): Promise<{ threads: Locator; syncNow: Locator }> {
  await startSignedIn(page, url)
  await page.reload()
  await page.getByRole('navigation').getByRole('button', { name: /^Inbox/ }).click()
  const syncNow = page.getByRole('button', { name: 'Sync now' })
  await syncNow.click()
  return { threads: page.getByTestId('threads-list'), syncNow }
}

/** The fake Upwork's test-only control API (tools/fake-upwork/control-api.ts). */
export async function control(fake: FakeUpwork, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${fake.url}/__control/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`)
  return res.json()
}

/** Message sends (`createRoomStoryV2`) in the fake's request log, with their variables. */
export async function messageSends(fake: FakeUpwork): Promise<Array<{ variables?: unknown }>> {
  return ((await control(fake, 'requests')) as Array<{ query?: string; variables?: unknown }>).filter((r) => r.query?.includes('createRoomStoryV2'))
}

/** Proposal submissions (`createJobProposal`) in the fake's request log, with their variables. */
export async function submissions(fake: FakeUpwork): Promise<Array<{ variables?: unknown }>> {
  return ((await control(fake, 'requests')) as Array<{ query?: string; variables?: unknown }>).filter((r) => r.query?.includes('createJobProposal'))
}
