import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { setLanguage } from '../../i18n'
import { useOutboxStore } from '../../stores/outbox-store'
import { useProposalsStore } from '../../stores/proposals-store'
import { installFakeBridge, type FakeBridge } from '../../test-support/fake-bridge'
import { ProposalsPanel } from './ProposalsPanel'

let fake: FakeBridge
beforeEach(() => {
  useProposalsStore.setState(useProposalsStore.getInitialState(), true)
  useOutboxStore.setState(useOutboxStore.getInitialState(), true)
  fake = installFakeBridge()
})

const HISTORY = [
  { from: null, to: 'Pending', stage: 'submitted' as const, at: '2026-12-01T09:00:00.000Z', source: 'app' as const },
  { from: 'Pending', to: 'Activated', stage: 'replied' as const, at: '2026-12-01T10:30:00.000Z', source: 'upwork-sync' as const }
]

describe('Sent proposals', () => {
  it('lists proposals with Upwork’s status and stage; opening one shows its status history (time, from → to, source)', async () => {
    fake.review.proposal({ jobTitle: 'React dashboard', status: 'Activated', upworkStatus: 'Activated', stage: 'replied', history: HISTORY })
    const user = userEvent.setup()
    render(<ProposalsPanel />)
    const row = (await screen.findByRole('button', { name: 'React dashboard' })).closest('tr')!
    expect(row).toHaveTextContent('Activated')
    expect(row).toHaveTextContent('Replied')
    await user.click(screen.getByRole('button', { name: 'React dashboard' }))
    const rows = within(await screen.findByTestId('proposal-history')).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(2)
    expect(rows[0]).toHaveTextContent('Pending')
    expect(rows[0]).toHaveTextContent('GigPilot')
    expect(rows[1]).toHaveTextContent('Pending → Activated')
    expect(rows[1]).toHaveTextContent('Upwork (sync)')
    expect(rows[1]).toHaveTextContent(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(HISTORY[1]!.at)))
  })

  it('a mark is recorded through proposals:mark and appears in the history as yours', async () => {
    const p = fake.review.proposal({ jobTitle: 'API work' })
    const user = userEvent.setup()
    render(<ProposalsPanel />)
    await user.click(await screen.findByRole('button', { name: 'API work' }))
    await user.click(within(screen.getByRole('group', { name: 'Mark what happened' })).getByRole('button', { name: 'Interview' }))
    expect(fake.callsOf('proposals:mark')).toEqual([{ id: p.id, status: 'interview' }])
    const history = await screen.findByTestId('proposal-history')
    await waitFor(() => expect(within(history).getAllByRole('row')).toHaveLength(3))
    expect(within(history).getAllByRole('row')[2]).toHaveTextContent('Pending → Interview')
    expect(within(history).getAllByRole('row')[2]).toHaveTextContent('You')
  })

  it('Sync now reads Upwork (proposals:syncNow) and shows the new status from the list', async () => {
    const p = fake.review.proposal({ jobTitle: 'Sync me' })
    const user = userEvent.setup()
    render(<ProposalsPanel />)
    await screen.findByRole('button', { name: 'Sync me' })
    fake.review.proposals = [{ ...p, status: 'Hired', upworkStatus: 'Hired', stage: 'hired' }]
    await user.click(screen.getByRole('button', { name: 'Sync now' }))
    expect(await screen.findByText(/Synced: 1 read from Upwork/)).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Sync me' }).closest('tr')).toHaveTextContent('Hired')
    expect(fake.callsOf('proposals:syncNow')).toHaveLength(1)
  })

  it('a proposals:changed event reloads the list', async () => {
    const p = fake.review.proposal({ jobTitle: 'Changes' })
    render(<ProposalsPanel />)
    await screen.findByRole('button', { name: 'Changes' })
    fake.review.proposals = [{ ...p, upworkStatus: 'Declined', stage: 'declined' }]
    act(() => fake.emit('proposals:changed', fake.review.proposals[0]!))
    await waitFor(() => expect(screen.getByRole('button', { name: 'Changes' }).closest('tr')).toHaveTextContent('Declined'))
  })

  it('the outbox: each item with its state; cancel a queued one, send a failed one again', async () => {
    const queued = fake.review.outboxItem('queued')
    const failed = fake.review.outboxItem('failed')
    fake.review.outboxItem('unknown')
    const user = userEvent.setup()
    render(<ProposalsPanel />)
    const outbox = await screen.findByTestId('outbox-list')
    await within(outbox).findByText('checking with Upwork')
    const q = within(outbox).getByTestId(`outbox-item-${queued.id}`)
    expect(q).toHaveTextContent('waiting to be sent')
    await user.click(within(q).getByRole('button', { name: 'Cancel sending' }))
    await waitFor(() => expect(q).toHaveTextContent('not sent'))
    expect(within(q).queryByRole('button', { name: 'Send again' })).toBeNull()
    const f = within(outbox).getByTestId(`outbox-item-${failed.id}`)
    expect(f).toHaveTextContent('Upwork could not be reached.')
    await user.click(within(f).getByRole('button', { name: 'Send again' }))
    await waitFor(() => expect(within(f).queryByRole('button', { name: 'Send again' })).toBeNull())
    expect(f).not.toHaveTextContent('not sent')
    expect(fake.callsOf('outbox:cancel')).toEqual([{ id: queued.id }])
    expect(fake.callsOf('outbox:retry')).toEqual([{ id: failed.id }])
  })

  it('speaks Ukrainian', async () => {
    setLanguage('uk')
    fake.review.proposal({ jobTitle: 'UA', history: HISTORY })
    const user = userEvent.setup()
    render(<ProposalsPanel />)
    await user.click(await screen.findByRole('button', { name: 'UA' }))
    expect(await screen.findByText('Історія статусів')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Синхронізувати зараз' })).toBeInTheDocument()
    expect(screen.getByText('Upwork (синхронізація)')).toBeInTheDocument()
  })
})
