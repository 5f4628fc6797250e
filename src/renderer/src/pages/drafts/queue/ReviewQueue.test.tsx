import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setLanguage } from '../../../i18n'
import { useQueueStore } from '../../../stores/queue-store'
import { installFakeBridge, type FakeBridge } from '../../../test-support/fake-bridge'
import { QUEUE_FIRST_DRAFT_MARK, ReviewQueue } from './ReviewQueue'

let fake: FakeBridge
const writeText = vi.fn<(text: string) => Promise<void>>()

beforeEach(() => {
  useQueueStore.setState(useQueueStore.getInitialState(), true)
  fake = installFakeBridge()
  writeText.mockReset().mockResolvedValue(undefined)
  performance.clearMarks()
})
afterEach(() => useQueueStore.setState(useQueueStore.getInitialState(), true))

/** Three queued drafts, scores 50, 90, 70 (added in that order). */
function seed(): void {
  fake.review.queue(50, { versions: [{ text: 'Text of the fifty' }] })
  fake.review.queue(90, { versions: [{ text: 'Text of the ninety' }] })
  fake.review.queue(70, { versions: [{ text: 'Text of the seventy' }] })
}

async function open(): Promise<ReturnType<typeof userEvent.setup>> {
  const user = userEvent.setup()
  // After user-event's setup, which puts its own clipboard in place.
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
  render(<ReviewQueue />)
  await screen.findByTestId('queue-text')
  return user
}

const shownText = (): string => screen.getByTestId('queue-text').textContent ?? ''

describe('Review queue', () => {
  it('shows the best draft first, one at a time; j/k and →/← move; nothing is approved without a key or click', async () => {
    seed()
    const user = await open()
    expect(shownText()).toBe('Text of the ninety')
    expect(screen.getByText('Draft 1 of 3')).toBeInTheDocument()
    expect(screen.getByText('Score 90')).toBeInTheDocument()
    await user.keyboard('j')
    expect(shownText()).toBe('Text of the seventy')
    await user.keyboard('{ArrowRight}')
    expect(shownText()).toBe('Text of the fifty')
    expect(screen.getByText('Draft 3 of 3')).toBeInTheDocument()
    await user.keyboard('j')
    expect(shownText()).toBe('Text of the fifty')
    await user.keyboard('k')
    expect(shownText()).toBe('Text of the seventy')
    await user.keyboard('{ArrowLeft}')
    expect(shownText()).toBe('Text of the ninety')
    expect(fake.callsOf('review:approve')).toEqual([])
    expect(fake.callsOf('review:discard')).toEqual([])
    expect(performance.getEntriesByName(QUEUE_FIRST_DRAFT_MARK)).toHaveLength(1)
  })

  it('e edits the text inline and Save makes a new version (drafts:saveVersion); keys typed in the editor do not move or approve', async () => {
    seed()
    const user = await open()
    await user.keyboard('e')
    const editor = screen.getByLabelText('Proposal text')
    expect(editor).toHaveFocus()
    await user.clear(editor)
    await user.type(editor, 'jak edited')
    expect(fake.callsOf('review:approve')).toEqual([])
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(shownText()).toBe('jak edited'))
    expect(fake.callsOf('drafts:saveVersion')).toEqual([{ id: 2, text: 'jak edited' }])
    expect(screen.getByText('Draft 1 of 3')).toBeInTheDocument()
  })

  it('approve sends exactly one review:approve per click: a double press is one call, with a key made for that click', async () => {
    seed()
    const user = await open()
    const held = fake.hold('review:approve')
    await user.keyboard('a')
    await held.arrived
    await user.keyboard('a')
    await user.click(screen.queryByRole('button', { name: 'Approve' }) ?? document.body)
    held.release()
    expect(await screen.findByText('Sent to Upwork.')).toBeInTheDocument()
    await user.keyboard('a')
    const calls = fake.callsOf('review:approve') as Array<{ draftId: number; idempotencyKey: string; text: string }>
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({ draftId: 2, text: 'Text of the ninety' })
    expect(calls[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/)
    expect(fake.review.outbox).toHaveLength(1)

    // The next draft's approval is another click: another key.
    await user.keyboard('j')
    await user.click(screen.getByRole('button', { name: 'Approve' }))
    await screen.findByText('Sent to Upwork.')
    const keys = (fake.callsOf('review:approve') as Array<{ idempotencyKey: string }>).map((c) => c.idempotencyKey)
    expect(keys).toHaveLength(2)
    expect(new Set(keys).size).toBe(2)
  })

  it('shows each outbox outcome: queued offline, unknown, failed with Retry, then sent as outbox:changed says', async () => {
    seed()
    fake.review.approveState = 'queued'
    const user = await open()
    await user.keyboard('a')
    expect(await screen.findByText('Queued: it will be sent when you are back online.')).toBeInTheDocument()
    const item = fake.review.outbox[0]!
    act(() => void fake.review.setOutboxState(item.id, 'unknown'))
    expect(screen.getByText('Checking with Upwork whether it arrived; it will not be sent twice.')).toBeInTheDocument()
    act(() => void fake.review.setOutboxState(item.id, 'failed', { code: 'not_arrived', message: 'It did not arrive on Upwork. You can send it again.' }))
    expect(screen.getByRole('alert')).toHaveTextContent('Not sent: It did not arrive on Upwork. You can send it again.')
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    expect(await screen.findByText('Sent to Upwork.')).toBeInTheDocument()
    expect(fake.callsOf('outbox:retry')).toEqual([{ id: item.id }])
    expect(fake.callsOf('review:approve')).toHaveLength(1)
  })

  it('an approval main refuses shows why, and Try again is a new click with a new key', async () => {
    seed()
    const user = await open()
    fake.failNext('review:approve', { code: 'network', message: 'Upwork could not be reached.' })
    await user.click(screen.getByRole('button', { name: 'Approve' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Not sent:')
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    expect(await screen.findByText('Sent to Upwork.')).toBeInTheDocument()
    const keys = (fake.callsOf('review:approve') as Array<{ idempotencyKey: string }>).map((c) => c.idempotencyKey)
    expect(keys).toHaveLength(2)
    expect(keys[0]).not.toBe(keys[1])
  })

  it('manual mode: copies the text, opens the job on Upwork, and “I submitted it” confirms (review:confirmApplied)', async () => {
    seed()
    fake.review.canSubmit = false
    const user = await open()
    await user.keyboard('a')
    const manual = await screen.findByTestId('queue-manual')
    await within(manual).findByText('The text is on your clipboard.')
    expect(writeText).toHaveBeenCalledWith('Text of the ninety')
    expect(fake.callsOf('shell:openExternal')).toEqual([{ url: 'https://www.upwork.com/jobs/~0102' }])
    expect(fake.callsOf('review:confirmApplied')).toEqual([])
    // Copy again copies only; it opens nothing more.
    await user.click(within(manual).getByRole('button', { name: 'Copy again' }))
    expect(writeText).toHaveBeenCalledTimes(2)
    expect(fake.callsOf('shell:openExternal')).toHaveLength(1)
    await user.click(within(manual).getByRole('button', { name: 'I submitted it' }))
    await waitFor(() => expect(shownText()).toBe('Text of the seventy'))
    expect(fake.callsOf('review:confirmApplied')).toEqual([{ draftId: 2 }])
    expect(screen.getByText('Draft 1 of 2')).toBeInTheDocument()
  })

  it('manual mode when the clipboard refuses: says so (the text stays on screen to copy)', async () => {
    seed()
    fake.review.canSubmit = false
    writeText.mockRejectedValue(new Error('denied'))
    const user = await open()
    await user.keyboard('a')
    expect(await screen.findByText(/could not be copied/)).toBeInTheDocument()
    expect(shownText()).toBe('Text of the ninety')
  })

  it('x discards after a confirmation (Cancel sends nothing)', async () => {
    seed()
    const user = await open()
    await user.keyboard('x')
    await user.click(within(screen.getByRole('alertdialog', { name: 'Discard this draft?' })).getByRole('button', { name: 'Cancel' }))
    expect(fake.callsOf('review:discard')).toEqual([])
    await user.keyboard('x')
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Discard' }))
    await waitFor(() => expect(shownText()).toBe('Text of the seventy'))
    expect(fake.callsOf('review:discard')).toEqual([{ draftId: 2 }])
  })

  it('an empty queue says what fills it', async () => {
    render(<ReviewQueue />)
    expect(await screen.findByRole('heading', { name: 'Nothing to review' })).toBeInTheDocument()
  })

  it('speaks Ukrainian', async () => {
    setLanguage('uk')
    seed()
    fake.review.approveState = 'queued'
    const user = await open()
    expect(screen.getByText('Чернетка 1 з 3')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Схвалити' }))
    expect(await screen.findByText('У черзі: її буде надіслано, щойно ви знову будете онлайн.')).toBeInTheDocument()
  })
})
