import type { Page } from '@playwright/test'
import { startFakeOpenAi, type FakeOpenAi } from '../../tools/fake-openai/index'
import { startFakeUpwork, type FakeUpwork } from '../../tools/fake-upwork/index'
import { expectNoViolations } from './axe'
import { control, signIn, startSignedIn, submissions } from './fake-upwork-session'
import { test as base, expect } from './fixtures'

/**
 * Issue 8 "Done when" (the drafting part and the daily loop): from a job, a proposal drafted with
 * AI (streamed into the editor), edited by the user, then the services restarted with the network
 * gone (the fake Upwork and the fake AI stopped): the draft and its versions are intact and still
 * editable. Then online again (the fake Upwork back, now taking proposals): "Send to review", the
 * user's approval in the queue, and the fake receives exactly one submission with the edited text.
 */
type Stoppable<T> = T & { stop(): Promise<void> }
const stoppable = <T extends { close(): Promise<void> }>(server: T): Stoppable<T> => {
  let open = true
  return Object.assign(server, { stop: async () => (open ? ((open = false), server.close()) : undefined) })
}

/** A stoppable fake Upwork that can come back (same address, same tokens and jobs): the network returns. */
type Restartable = Stoppable<FakeUpwork> & { start(): Promise<void> }
const restartable = (fake: FakeUpwork): Restartable => {
  let open = true
  return Object.assign(fake, {
    stop: async () => (open ? ((open = false), fake.close()) : undefined),
    start: async () => (open ? undefined : (await fake.reopen(), void (open = true)))
  })
}

const test = base.extend<{ fake: Restartable; ai: Stoppable<FakeOpenAi> }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
  fake: async ({}, use) => {
    const fake = restartable(await startFakeUpwork())
    await use(fake)
    await fake.stop()
  },
  // A model server on 127.0.0.1 needs no key, so the AI is set up by its address alone.
  // eslint-disable-next-line no-empty-pattern -- as above
  ai: async ({}, use) => {
    const ai = stoppable(await startFakeOpenAi({ port: 0 }))
    await use(ai)
    await ai.stop()
  },
  harnessEnv: async ({ fake, ai }, use) => {
    await use({ UPWORK_AUTH_URL: fake.authorizeUrl, UPWORK_TOKEN_URL: fake.tokenUrl, UPWORK_GRAPHQL_URL: fake.graphqlUrl, OPENAI_BASE_URL: ai.url })
  }
})

/** Past onboarding, the fake's key connected, a profile, and a saved search that stores the fake's jobs. */
async function connectAndSearch(page: Page, url: string): Promise<void> {
  await startSignedIn(page, url)
  await page.evaluate(() => window.gigpilot!.searches.create({ name: 'Zanzibar', filters: { query: 'Zanzibar' } }))
  await page.reload()
}

const AI_CHUNKS = ['Hello! ', 'I have built three ', 'React booking sites ', 'with TypeScript, ', 'including one for a hotel in Stone Town. ', 'I can start this week.']

test('draft from a job with AI (streamed), edit it, restart offline: the draft and its versions are intact and editable; online again: Send to review, approve, sent once', async ({ page, harness, fake, ai }) => {
  fake.publishJob({ title: 'Zanzibar hotel booking site', description: 'A React booking site for our hotel.\n<img src=x onerror=alert(1)>', contractType: 'HOURLY', hourlyBudgetType: 'MANUAL', hourlyBudgetMin: 40, hourlyBudgetMax: 70, amount: 0 })
  await connectAndSearch(page, harness.current.url)

  // From the job: "Draft a proposal" creates the draft and opens it in the Drafts area.
  await page.getByTestId('jobs-list').getByRole('option', { name: /^Zanzibar hotel booking site / }).click()
  await page.getByTestId('job-detail').getByRole('button', { name: 'Draft a proposal' }).click()
  const editor = page.getByTestId('draft-editor')
  await expect(editor.getByRole('heading', { name: 'Zanzibar hotel booking site' })).toBeVisible()
  const text = editor.getByLabel('Proposal text')

  // Generate with AI: the text arrives piece by piece (the fake waits between chunks), Stop shows meanwhile.
  ai.setScript([{ chunks: AI_CHUNKS, chunkDelayMs: 120 }])
  // Every text the editor shows, sampled each frame: a streamed draft shows its beginnings first.
  await page.evaluate(() => {
    const seen = new Set<string>()
    ;(window as unknown as { seenTexts: Set<string> }).seenTexts = seen
    const sample = (): void => {
      const area = document.querySelector<HTMLTextAreaElement>('.draft-text')
      if (area) seen.add(area.value)
      requestAnimationFrame(sample)
    }
    sample()
  })
  await editor.getByRole('button', { name: 'Generate with AI' }).click()
  await expect(editor.getByRole('button', { name: 'Stop' })).toBeVisible()
  const full = AI_CHUNKS.join('')
  await expect(text).toHaveValue(full)
  const seen = await page.evaluate(() => [...(window as unknown as { seenTexts: Set<string> }).seenTexts])
  const partial = seen.filter((v) => v.length > 0 && v !== full && full.startsWith(v))
  expect(partial.length, `texts seen while streaming: ${JSON.stringify(seen)}`).toBeGreaterThanOrEqual(3)
  await expect(editor.getByRole('button', { name: 'Generate with AI' })).toBeVisible()
  expect(ai.requests.filter((r) => r.path.endsWith('/chat/completions') && r.stream)).toHaveLength(1)
  const versions = editor.getByTestId('draft-versions').getByRole('listitem')
  await expect(versions).toHaveCount(1)
  await expect(versions.first()).toContainText('the AI')
  // The job's text is shown as text; the editor with a draft passes axe in both themes.
  await expect(editor.getByTestId('draft-job-description')).toContainText('<img src=x onerror=alert(1)>')
  await expect(editor.locator('img')).toHaveCount(0)
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((theme) => window.gigpilot!.settings.update({ theme }), theme)
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    await expectNoViolations(page, `the draft editor (${theme})`)
  }

  // The user's edit: saved on leaving the field, a second version by "you".
  await text.press('Control+End')
  await text.pressSequentially(' Best, Dana')
  await editor.getByRole('button', { name: 'Generate with AI' }).focus()
  await expect(editor.getByTestId('draft-save-state')).toHaveText(/^Saved · /)
  await expect(versions).toHaveCount(2)
  await expect(versions.first()).toContainText('you')

  // Offline: the fake Upwork and the fake AI are gone, then the services restart on the same data folder.
  await ai.stop()
  await fake.stop()
  const url = (await harness.restart()).url
  await page.goto(url)
  await page.getByRole('navigation').getByRole('button', { name: 'Drafts' }).click()
  await page.getByTestId('drafts-list').getByRole('button', { name: 'Zanzibar hotel booking site' }).click()
  await expect(text).toHaveValue(`${full} Best, Dana`)
  await expect(versions).toHaveCount(2)
  await expect(versions.nth(1)).toContainText('the AI')
  await versions.nth(1).getByRole('button', { name: 'View' }).click()
  await expect(editor.getByTestId('draft-version-text')).toHaveText(full)

  // Still editable offline: another edit is another version.
  await text.press('Control+End')
  await text.pressSequentially(' P.S. Available now.')
  await text.blur()
  await expect(versions).toHaveCount(3)

  // Asking the AI while it is unreachable: said in plain words, the text stays, nothing else changes.
  await editor.getByRole('button', { name: 'Generate with AI' }).click()
  await expect(editor.getByTestId('draft-generation-error')).toContainText('The AI draft stopped')
  await expect(text).toHaveValue(`${full} Best, Dana P.S. Available now.`)
  const stored = await page.evaluate(() => window.gigpilot!.drafts.list({}))
  expect(stored).toMatchObject({ ok: true, value: [{ title: 'Zanzibar hotel booking site', versionCount: 3, status: 'draft' }] })
  const edited = `${full} Best, Dana P.S. Available now.`

  // Online again: the fake Upwork is back on the same address (same job), and the key can now
  // submit proposals; the services restart and the user signs in again (the sign-in was in memory).
  await fake.start()
  await control(fake, 'proposal-submit', { enabled: true })
  const fakeState = (await control(fake, 'state')) as { scopes: string[] }
  await control(fake, 'scopes', { scopes: [...fakeState.scopes, 'proposal:submit'] })
  await page.goto((await harness.restart()).url)
  await signIn(page)
  const account = (await page.evaluate(() => window.gigpilot!.upwork.getAccount())) as { ok: true; value: { capabilities?: { proposalSubmit: { available: boolean } } } }
  expect(account.value.capabilities?.proposalSubmit.available).toBe(true)
  expect(await submissions(fake)).toHaveLength(0)

  // The user's draft goes to the review queue from the editor, and the queue opens on it.
  await page.getByRole('navigation').getByRole('button', { name: 'Drafts' }).click()
  await page.getByTestId('drafts-list').getByRole('button', { name: 'Zanzibar hotel booking site' }).click()
  await expect(text).toHaveValue(edited)
  await editor.getByRole('button', { name: 'Send to review' }).click()
  await expect(page.getByRole('tab', { name: 'Review queue' })).toHaveAttribute('aria-selected', 'true')
  const queue = page.getByTestId('review-queue')
  await expect(queue.getByRole('heading', { name: /Zanzibar hotel booking site/ })).toBeVisible()
  await expect(queue.getByTestId('queue-text')).toHaveText(edited)
  await expectNoViolations(page, 'the review queue on the sent-to-review draft')
  expect(await submissions(fake)).toHaveLength(0)

  // Approve with the key "a" (twice: still one submission), carrying the edited text.
  await page.keyboard.press('a')
  await page.keyboard.press('a')
  await expect(page.getByText('Sent to Upwork.')).toBeVisible()
  await expect.poll(async () => (await submissions(fake)).length).toBe(1)
  const [sent] = await submissions(fake)
  expect(JSON.stringify(sent!.variables)).toContain(JSON.stringify(edited).slice(1, -1))
  await expect
    .poll(async () => ((await page.evaluate(() => window.gigpilot!.drafts.list({}))) as { ok: true; value: Array<{ status: string }> }).value.map((d) => d.status))
    .toEqual(['sent'])
  expect(await submissions(fake)).toHaveLength(1)
})
