import { act, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { useDraftsStore, resetDraftsTimers, AUTOSAVE_MS } from '../../stores/drafts-store'
import { useJobsStore } from '../../stores/jobs-store'
import { useQueueStore } from '../../stores/queue-store'
import { useTemplatesStore } from '../../stores/templates-store'
import type { FakeBridge } from '../../test-support/fake-bridge'
import { snapshotFor } from '../../test-support/fake-drafting'
import { renderApp } from '../../test-support/render-app'
import { makeJob, serveJobs } from '../jobs/test-support/jobs'
import { resetStores } from '../../test-support/stores'

beforeEach(() => {
  resetDraftsTimers()
  resetStores(useDraftsStore, useTemplatesStore, useJobsStore, useQueueStore)
})

const editor = (): HTMLTextAreaElement => screen.getByLabelText('Proposal text')

/** The Drafts area with `setup`'s drafts stored, the draft titled `title` open. */
async function openDraft(title: string, setup: (fake: FakeBridge) => void, settings?: NonNullable<Parameters<typeof renderApp>[0]>['settings']) {
  const app = await renderApp({ area: 'drafts', setup, settings })
  await app.user.click(await screen.findByRole('button', { name: title }))
  await screen.findByTestId('draft-editor')
  return app
}

describe('Drafts area', () => {
  it('lists the drafts stored on this machine with status, versions and failed checks', async () => {
    await renderApp({
      area: 'drafts',
      setup: (fake) => {
        fake.drafting.add({ title: 'React dashboard', versions: [{ text: 'One' }, { text: 'Two' }] })
        fake.drafting.add({ title: 'Shopify fix', status: 'queued', flagged: true, versions: [{ text: 'x' }] })
      }
    })
    const list = await screen.findByRole('list', { name: 'Your drafts' })
    const rows = within(list).getAllByRole('listitem')
    expect(rows).toHaveLength(2)
    const shopify = rows.find((r) => r.textContent?.includes('Shopify fix'))!
    expect(shopify).toHaveTextContent('In review queue')
    expect(shopify).toHaveTextContent('Check failed')
    expect(rows.find((r) => r.textContent?.includes('React dashboard'))).toHaveTextContent('2 versions')
  })

  it('AI text streams into the editor as chunks arrive; the failed checks are shown with their reasons', async () => {
    const { user, fake } = await openDraft('Job 101', (f) => void f.drafting.add({ versions: [{ text: 'My own start' }] }))
    expect(editor()).toHaveValue('My own start')
    await user.selectOptions(screen.getByLabelText('Approach'), 'Short')
    await user.click(screen.getByRole('button', { name: 'Generate with AI' }))
    await waitFor(() => expect(fake.callsOf('drafts:generate')).toEqual([{ id: 1, strategy: 'short', templateId: null }]))

    act(() => fake.drafting.stream(1, 'Hello Acme, '))
    expect(editor()).toHaveValue('Hello Acme, ')
    expect(editor()).toHaveAttribute('readonly')
    act(() => fake.drafting.stream(1, 'I built three dashboards.'))
    expect(editor()).toHaveValue('Hello Acme, I built three dashboards.')

    act(() => fake.drafting.finish(1, { generation: 'done', checks: [{ code: 'link', params: { value: 'http://evil.example' } }, { code: 'tooShort', params: { length: 37, min: 150 } }] }))
    const checks = await screen.findByTestId('draft-checks')
    expect(checks).toHaveTextContent('It contains a link that is not in your profile: http://evil.example')
    expect(checks).toHaveTextContent('It is too short (37 characters; at least 150).')
    expect(editor()).not.toHaveAttribute('readonly')
    expect(within(screen.getByTestId('draft-versions')).getByText(/Version 2 · the AI/)).toBeInTheDocument()
  })

  it('Stop cancels the generation and the partial text stays in the editor', async () => {
    const { user, fake } = await openDraft('Job 101', (f) => void f.drafting.add())
    await user.click(screen.getByRole('button', { name: 'Generate with AI' }))
    await waitFor(() => expect(fake.callsOf('drafts:generate')).toHaveLength(1))
    act(() => fake.drafting.stream(1, 'Half a sentence'))
    await user.click(screen.getByRole('button', { name: 'Stop' }))
    expect(fake.callsOf('drafts:cancel')).toEqual([{ id: 1 }])
    await screen.findByRole('button', { name: 'Generate with AI' })
    expect(editor()).toHaveValue('Half a sentence')
    expect(within(screen.getByTestId('draft-versions')).getByText('unfinished')).toBeInTheDocument()
    expect(screen.getByTestId('draft-checks')).toHaveTextContent('The AI did not finish')
  })

  it('a failed generation says why in plain words and keeps the text written so far', async () => {
    const { user, fake } = await openDraft('Job 101', (f) => void f.drafting.add())
    await user.click(screen.getByRole('button', { name: 'Generate with AI' }))
    await waitFor(() => expect(fake.callsOf('drafts:generate')).toHaveLength(1))
    act(() => fake.drafting.stream(1, 'Dear client'))
    act(() => fake.drafting.finish(1, { generation: 'failed', error: 'rate_limited' }))
    expect(await screen.findByTestId('draft-generation-error')).toHaveTextContent('The AI provider is limiting requests. Try again in a minute. The text written so far is kept.')
    expect(editor()).toHaveValue('Dear client')
  })

  it('a generation that fails before any text brings the previous text back', async () => {
    const { user, fake } = await openDraft('Job 101', (f) => void f.drafting.add({ versions: [{ text: 'What I wrote' }] }))
    await user.click(screen.getByRole('button', { name: 'Generate with AI' }))
    await waitFor(() => expect(fake.callsOf('drafts:generate')).toHaveLength(1))
    act(() => fake.drafting.finish(1, { generation: 'failed', error: 'network' }))
    expect(await screen.findByTestId('draft-generation-error')).toHaveTextContent('Could not reach the AI provider.')
    await waitFor(() => expect(editor()).toHaveValue('What I wrote'))
    expect(within(screen.getByTestId('draft-versions')).getAllByRole('listitem')).toHaveLength(1)
  })

  it('typing is saved once after a pause (debounced), and the indicator says when', async () => {
    const { user, fake } = await openDraft('Job 101', (f) => void f.drafting.add({ versions: [{ text: 'Hi' }] }))
    await user.type(editor(), ' there')
    // Right after typing nothing has been sent yet: one save follows the pause.
    expect(fake.callsOf('drafts:saveVersion')).toEqual([])
    expect(screen.getByTestId('draft-save-state')).toHaveTextContent('Saving…')
    await waitFor(() => expect(fake.callsOf('drafts:saveVersion')).toEqual([{ id: 1, text: 'Hi there' }]), { timeout: AUTOSAVE_MS * 3 })
    await waitFor(() => expect(screen.getByTestId('draft-save-state')).toHaveTextContent(/^Saved · \d{2}:\d{2}/))
    expect(fake.drafting.get(1).versions.map((v) => v.text)).toEqual(['Hi', 'Hi there'])
  })

  it('leaving the text field saves at once (no wait for the pause)', async () => {
    const { user, fake } = await openDraft('Job 101', (f) => void f.drafting.add({ versions: [{ text: 'Hi' }] }))
    await user.type(editor(), '!')
    await user.tab()
    await act(async () => {})
    expect(fake.callsOf('drafts:saveVersion')).toEqual([{ id: 1, text: 'Hi!' }])
  })

  it('switching drafts saves the open one first; hiding the window saves too', async () => {
    const { user, fake } = await openDraft('Job 101', (f) => {
      f.drafting.add({ versions: [{ text: 'A' }] })
      f.drafting.add({ versions: [{ text: 'B' }] })
    })
    // Typed (what the text area's onChange calls), then another draft opened: the open one is saved first.
    await act(async () => useDraftsStore.getState().edit('A edited'))
    await user.click(screen.getByRole('button', { name: 'Job 102' }))
    await waitFor(() => expect(editor()).toHaveValue('B'))
    expect(fake.callsOf('drafts:saveVersion')).toEqual([{ id: 1, text: 'A edited' }])

    await act(async () => useDraftsStore.getState().edit('B edited'))
    Object.defineProperty(document, 'visibilityState', { configurable: true, value: 'hidden' })
    document.dispatchEvent(new Event('visibilitychange'))
    delete (document as { visibilityState?: string }).visibilityState
    await act(async () => {})
    // At once, not after the autosave pause.
    expect(fake.callsOf('drafts:saveVersion')).toEqual([{ id: 1, text: 'A edited' }, { id: 2, text: 'B edited' }])
  })

  it('a save that fails says what happened and keeps the text; Save again saves it', async () => {
    const { user, fake } = await openDraft('Job 101', (f) => void f.drafting.add({ versions: [{ text: 'Hi' }] }))
    fake.failNext('drafts:saveVersion', { code: 'internal', message: 'The disk is full.' })
    await user.type(editor(), ' you')
    await user.tab()
    expect(await screen.findByTestId('draft-save-error')).toHaveTextContent(/^Not saved: .+ Your text is still here\./)
    expect(editor()).toHaveValue('Hi you')
    expect(fake.drafting.get(1).versions).toHaveLength(1)
    await user.click(screen.getByRole('button', { name: 'Save again' }))
    await waitFor(() => expect(fake.drafting.get(1).versions.map((v) => v.text)).toEqual(['Hi', 'Hi you']))
    expect(screen.queryByTestId('draft-save-error')).toBeNull()
  })

  it('version history: each version with who and when; view any; restore makes a new version', async () => {
    const { user, fake } = await openDraft('Job 101', (f) =>
      void f.drafting.add({ versions: [{ text: 'The AI original', source: 'AI', author: 'ai' }, { text: 'My edit' }] })
    )
    const versions = screen.getByTestId('draft-versions')
    const items = within(versions).getAllByRole('listitem')
    expect(items.map((i) => i.textContent)).toEqual([expect.stringMatching(/^Version 2 · you · .+current/), expect.stringMatching(/^Version 1 · the AI · /)])
    await user.click(within(items[1]!).getByRole('button', { name: 'View' }))
    expect(screen.getByTestId('draft-version-text')).toHaveTextContent('The AI original')
    await user.click(within(items[1]!).getByRole('button', { name: 'Restore' }))
    await waitFor(() => expect(editor()).toHaveValue('The AI original'))
    expect(fake.callsOf('drafts:saveVersion')).toEqual([{ id: 1, text: 'The AI original' }])
    await waitFor(() => expect(within(versions).getAllByRole('listitem')).toHaveLength(3))
    expect(fake.drafting.get(1).versions.map((v) => v.text)).toEqual(['The AI original', 'My edit', 'The AI original'])
  })

  it('Fill from template works without an AI key: what was typed is saved as the user’s, then the template rendered for the job is a version by "a template" and its use is counted', async () => {
    const { user, fake } = await openDraft('Job 101', (f) => {
      f.drafting.add()
      f.drafting.templates = [{ id: 7, name: 'Short intro', body: 'Hi {{clientName}}, about {{jobTitle}}.', category: null, tags: [], usageCount: 0, archived: false, createdAt: 0, updatedAt: 0 }]
    })
    await user.type(editor(), 'My start')
    await user.selectOptions(screen.getByLabelText('Template'), 'Short intro')
    await user.click(screen.getByRole('button', { name: 'Fill from template' }))
    await waitFor(() => expect(editor()).toHaveValue('Hi Acme, about Job 101.'))
    expect(fake.callsOf('drafts:fillFromTemplate')).toEqual([{ id: 1, templateId: 7 }])
    expect(fake.callsOf('drafts:saveVersion')).toEqual([{ id: 1, text: 'My start' }])
    expect(fake.callsOf('drafts:generate')).toEqual([])
    expect(fake.drafting.get(1).versions.map((v) => [v.source, v.author, v.text])).toEqual([
      ['USER', 'user', 'My start'],
      ['TEMPLATE', 'template', 'Hi Acme, about Job 101.']
    ])
    expect(fake.drafting.templates[0]!.usageCount).toBe(1)
    const versions = screen.getByTestId('draft-versions')
    await waitFor(() => expect(within(versions).getAllByRole('listitem').map((i) => i.textContent)).toEqual([
      expect.stringMatching(/^Version 2 · a template · .+current/),
      expect.stringMatching(/^Version 1 · you · /)
    ]))
    // Nothing is left to save: the filled text is not saved again as the user's.
    await user.tab()
    expect(fake.callsOf('drafts:saveVersion')).toHaveLength(1)
  })

  it('bid: the suggestion is shown, the bid is editable, the above-budget flag is explained; Connects shown', async () => {
    const { user, fake } = await openDraft('Job 101', (f) => void f.drafting.add())
    const bid = screen.getByTestId('draft-bid')
    expect(bid).toHaveTextContent('Suggested: $700')
    expect(screen.getByTestId('draft-connects')).toHaveTextContent('Applying costs 16 Connects.')
    const amount = within(bid).getByLabelText('Your bid (whole job)')
    await user.clear(amount)
    await user.type(amount, '950')
    await user.tab()
    await waitFor(() => expect(fake.callsOf('drafts:setBid')).toEqual([{ id: 1, amount: 950 }]))
    expect(await screen.findByTestId('draft-above-budget')).toHaveTextContent('above the client’s budget')
  })

  it('the job’s text is untrusted: markup in its title and description is shown as text', async () => {
    const hostile = '<img src=x onerror="window.pwned=1"><b>bold</b>'
    await openDraft(hostile, (f) => void f.drafting.add({ title: hostile, job: snapshotFor(101, { title: hostile, description: `<script>window.pwned=1</script>${hostile}` }) }))
    const ed = screen.getByTestId('draft-editor')
    expect(within(ed).getByRole('heading', { name: hostile })).toBeInTheDocument()
    expect(screen.getByTestId('draft-job-description')).toHaveTextContent('<script>window.pwned=1</script>')
    expect(document.querySelector('img, script, b')).toBeNull()
    expect((window as { pwned?: number }).pwned).toBeUndefined()
  })

  it('coming back to the area shows the open draft as main has it now', async () => {
    const { fake, open } = await openDraft('Job 101', (f) => void f.drafting.add({ versions: [{ text: 'Before' }] }))
    await open('Jobs')
    // Meanwhile (e.g. a generation that finished while the area was closed) main's draft moved on.
    await fake.handlers['drafts:saveVersion']({ id: 1, text: 'After' })
    await open('Drafts')
    await waitFor(() => expect(editor()).toHaveValue('After'))
  })

  it('has a Review queue tab that shows the review queue', async () => {
    const { user } = await renderApp({ area: 'drafts' })
    await user.click(screen.getByRole('tab', { name: 'Review queue' }))
    expect(screen.getByRole('tab', { name: 'Review queue' })).toHaveAttribute('aria-selected', 'true')
    expect(screen.getByRole('tabpanel')).not.toHaveTextContent('No drafts yet')
  })

  it('Send to review saves the typed text first, queues the draft and opens the Review queue on it', async () => {
    const { user, fake } = await openDraft('Job 102', (f) => {
      f.review.queue(95) // Autopilot's, best score: shown first in the queue otherwise
      f.drafting.add({ versions: [{ text: 'My draft' }] })
    })
    // Typed, not yet saved (the autosave pause has not passed).
    await act(async () => useDraftsStore.getState().edit('My draft, edited'))
    await user.click(screen.getByRole('button', { name: 'Send to review' }))
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Review queue' })).toHaveAttribute('aria-selected', 'true'))
    const relevant = fake.calls.filter((c) => c.channel === 'drafts:saveVersion' || c.channel === 'review:enqueue')
    expect(relevant).toEqual([
      { channel: 'drafts:saveVersion', input: { id: 2, text: 'My draft, edited' } },
      { channel: 'review:enqueue', input: { draftId: 2 } }
    ])
    expect(fake.review.enqueued).toEqual([{ draftId: 2, text: 'My draft, edited' }])
    expect(fake.drafting.get(2).status).toBe('queued')
    // The queue opens on that draft, not on the best-scored one.
    await waitFor(() => expect(screen.getByTestId('queue-text')).toHaveTextContent('My draft, edited'))
    expect(screen.getByRole('heading', { name: /Job 102/ })).toBeInTheDocument()
    // Approve (key "a") sends the edited text.
    await user.keyboard('a')
    await waitFor(() => expect(fake.callsOf('review:approve')).toEqual([expect.objectContaining({ draftId: 2, text: 'My draft, edited' })]))
  })

  it('Send to review refused by main says why and stays in the editor; disabled while the AI writes', async () => {
    const { user, fake } = await openDraft('Job 101', (f) => void f.drafting.add({ versions: [{ text: 'Hi' }] }))
    fake.failNext('review:enqueue', { code: 'DRAFT_NOT_REVIEWABLE', message: 'This draft was already approved, so it is not sent to review again.' })
    await user.click(screen.getByRole('button', { name: 'Send to review' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('This draft was already approved, so it is not sent to review again.')
    expect(screen.getByRole('tab', { name: 'Drafts' })).toHaveAttribute('aria-selected', 'true')

    await user.click(screen.getByRole('button', { name: 'Generate with AI' }))
    expect(await screen.findByRole('button', { name: 'Send to review' })).toBeDisabled()
  })

  it('no Send to review for a discarded draft', async () => {
    await openDraft('Job 101', (f) => void f.drafting.add({ status: 'discarded', versions: [{ text: 'Hi' }] }))
    expect(screen.queryByRole('button', { name: 'Send to review' })).toBeNull()
  })

  it('speaks Ukrainian', async () => {
    await openDraft('Job 101', (f) => void f.drafting.add({ versions: [{ text: 'Привіт', source: 'AI', author: 'ai' }] }), { language: 'uk' })
    expect(screen.getByRole('tab', { name: 'Черга перегляду' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Написати за допомогою ШІ' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Надіслати на перевірку' })).toBeInTheDocument()
    expect(screen.getByLabelText('Текст пропозиції')).toHaveValue('Привіт')
    expect(screen.getByTestId('draft-versions')).toHaveTextContent(/Версія 1 · ШІ · /)
    expect(screen.getByTestId('draft-connects')).toHaveTextContent('Відгук коштує 16 Connects.')
  })
})

describe('Job detail → Draft a proposal', () => {
  it('creates the draft and opens it in the Drafts area', async () => {
    const { user, fake } = await renderApp({ area: 'jobs', setup: (f) => void serveJobs(f, [makeJob(42, { title: 'Build a Next.js shop' })]) })
    fake.drafting.jobs.set(42, { title: 'Build a Next.js shop' })
    await act(() => useJobsStore.getState().open(42))
    await user.click(await screen.findByRole('button', { name: 'Draft a proposal' }))
    await waitFor(() => expect(screen.getByRole('main')).toHaveAttribute('data-area', 'drafts'))
    expect(fake.callsOf('drafts:create')).toEqual([expect.objectContaining({ kind: 'proposal', jobId: 42 })])
    const ed = await screen.findByTestId('draft-editor')
    expect(within(ed).getByRole('heading', { name: 'Build a Next.js shop' })).toBeInTheDocument()
    expect(within(screen.getByRole('list', { name: 'Your drafts' })).getByRole('listitem')).toHaveAttribute('aria-current', 'true')
  })
})
