import { KNOWN } from '../../tools/fake-upwork/seed'
import { expectNoViolations } from './axe'
import { control, messageSends, openInboxSynced, testWithFakeUpwork } from './fake-upwork-session'
import { expect } from './fixtures'

/**
 * Issue 9 "Done when" (the inbox part): against the fake Upwork, in real Chromium through the
 * harness. The first sync reads the history; then the client writes (the fake's control API), the
 * next sync brings it in: the thread shows unread, the user reads it, the reply draft GigPilot wrote
 * for that message appears (a reply template: no AI key here), the user edits it and sends it with
 * a click and a confirmation that shows the exact text: the fake's request log has exactly one
 * createRoomStoryV2, carrying the edited text, and the sent message shows in the thread.
 */
const test = testWithFakeUpwork

const ROOM = KNOWN.roomIds[2]! // "Priya Natarajan", one-on-one, nothing unread in the seed
const CLIENT_TEXT = 'Hi Dana, could you also add a <b>dark mode</b>? The spec: https://example.com/spec <img src=x onerror=alert(1)>'

test('a client message arrives: the thread shows unread, is read, its reply draft is edited and sent once with the exact text', async ({ page, harness, fake }) => {
  // The first sync reads the history (no notification, no reply draft for old messages).
  const { threads, syncNow } = await openInboxSynced(page, harness.current.url)
  const priya = threads.getByRole('option', { name: /Priya Natarajan/ })
  await expect(priya).toBeVisible()
  await expect(priya).not.toHaveAttribute('data-unread', 'true')

  // The client writes while the app runs; the next sync brings it in.
  await control(fake, 'post-message', { roomId: ROOM, text: CLIENT_TEXT })
  await syncNow.click()
  await expect(priya).toHaveAttribute('data-unread', 'true')
  await expect(priya.getByTestId('thread-unread')).toHaveText('1 unread')
  await expect(page.getByTestId('inbox-unread-count')).toBeVisible()

  // Read it: the thread opens, its text is text (the markup made no element), and it is no longer unread.
  await priya.click()
  const view = page.getByTestId('thread-view')
  await expect(view.getByRole('heading', { name: 'Priya Natarajan' })).toBeVisible()
  const last = view.getByTestId('message').last()
  await expect(last.getByTestId('message-text')).toHaveText(CLIENT_TEXT)
  expect(await view.locator('img, a').count()).toBe(0)
  await expect(last.getByRole('button', { name: 'Open link https://example.com/spec' })).toBeVisible()
  await expect(priya).not.toHaveAttribute('data-unread', 'true')

  // The reply draft GigPilot wrote for that message appears; the user edits it.
  const text = page.getByLabel('Reply text')
  await expect(text).not.toHaveValue('')
  const edited = 'Hi Priya, yes: dark mode fits in this week. I will send a first build on Friday. Best, Dana'
  await text.fill(edited)
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((theme) => window.gigpilot!.settings.update({ theme }), theme)
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    await expectNoViolations(page, `the inbox with a thread and its reply draft (${theme})`)
  }

  // Send is a click, and a confirmation that shows exactly what goes.
  expect(await messageSends(fake)).toHaveLength(0)
  await page.getByRole('button', { name: 'Send…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Send this reply to Priya Natarajan?' })
  await expect(dialog.getByTestId('send-preview')).toHaveText(edited)
  await expectNoViolations(page, 'the send confirmation')
  await dialog.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(dialog).toBeHidden()

  await expect.poll(async () => (await messageSends(fake)).length).toBe(1)
  const [sent] = await messageSends(fake)
  expect(JSON.stringify(sent!.variables)).toContain(JSON.stringify(edited).slice(1, -1))
  expect(JSON.stringify(sent!.variables)).toContain(ROOM)
  await expect(page.getByTestId('reply-state')).toContainText(/Sent|Delivered/)

  // The sent message shows in the thread as the user's (read back by the next sync at the latest).
  await syncNow.click()
  await expect(view.getByTestId('message').last()).toHaveClass(/mine/)
  await expect(view.getByTestId('message').last().getByTestId('message-text')).toHaveText(edited)
  expect(await messageSends(fake)).toHaveLength(1)
})
