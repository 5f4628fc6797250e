import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { beforeEach, describe, expect, it } from 'vitest'
import { savedSearchInputSchema, type SavedSearchDto } from '@shared/discovery'
import { setLanguage } from '../../../i18n'
import { useAppStore } from '../../../stores/app-store'
import { useSearchesStore } from '../../../stores/searches-store'
import { installFakeBridge, type FakeBridge } from '../../../test-support/fake-bridge'
import { SearchesPanel } from './SearchesPanel'

const MIN = 60_000

/** A saved search as main lists it (the renderer may not import main's test helpers). */
const search = (id: number, over: Partial<SavedSearchDto> = {}): SavedSearchDto => ({
  ...{ id, name: `Search ${id}`, intervalMinutes: 5, paused: false, newCount: 0, createdAt: 0, updatedAt: 0 },
  ...{ lastRunAt: null, lastResult: null, lastError: null, nextRunAt: null },
  filters: savedSearchInputSchema.parse({ name: 'x' }).filters,
  ...over
})

function Panel({ onSelect }: { onSelect?: (id: number | null) => void }): React.JSX.Element {
  const [selected, setSelected] = useState<number | null>(null)
  return (
    <SearchesPanel
      selectedSearchId={selected}
      onSelect={(id) => {
        setSelected(id)
        onSelect?.(id)
      }}
    />
  )
}

let fake: FakeBridge
beforeEach(() => {
  useSearchesStore.setState(useSearchesStore.getInitialState(), true)
  fake = installFakeBridge()
})

async function show(searches: SavedSearchDto[], onSelect?: (id: number | null) => void) {
  fake.searches = searches
  const user = userEvent.setup()
  render(<Panel onSelect={onSelect} />)
  await screen.findByTestId('search-row-all')
  await waitFor(() => expect(useSearchesStore.getState().loaded).toBe(true))
  return user
}

const row = (id: number): HTMLElement => screen.getByTestId(`search-row-${id}`)

describe('SearchesPanel', () => {
  it('shows each search with its new count and run status, never a silent zero; the error in plain words', async () => {
    const now = Date.now()
    await show([
      search(1, { name: 'React', newCount: 2, lastRunAt: now - 3 * MIN, lastResult: { ok: true, found: 12, new: 2, skipped: 0 }, nextRunAt: now + 2 * MIN + 5000 }),
      search(2, { name: 'Paused one', paused: true, lastRunAt: now - 90 * MIN, lastResult: { ok: true, found: 0, new: 0, skipped: 0 } }),
      search(3, {
        name: 'Broken',
        lastRunAt: now - MIN,
        lastResult: { ok: false, found: 0, new: 0, skipped: 0, error: 'x' },
        lastError: 'The API rejected the search. Upwork said: “bad query” Edit the search and try again.',
        nextRunAt: now + 4 * MIN + 5000
      }),
      search(4, { name: 'Fresh', nextRunAt: now + 60 * MIN })
    ])
    expect(within(row(1)).getByTestId('search-status')).toHaveTextContent('3 min ago: 12 found, 2 new · next in 2 min')
    expect(within(row(1)).getByText('2 new')).toBeInTheDocument()
    // "All jobs" counts distinct new jobs (main's count), not the searches' sum: a job two searches found is one.
    expect(fake.callsOf('jobs:list')).toContainEqual(expect.objectContaining({ statuses: ['new'], limit: 1 }))
    expect(within(screen.getByTestId('search-row-all')).queryByText(/new/)).toBeNull() // the fake has no new jobs
    fake.handlers['jobs:list'] = () => ({ items: [], nextCursor: null, total: 2 })
    fake.emit('discovery:jobsAdded', { searchId: 1, added: 2, notified: 0 })
    expect(await within(screen.getByTestId('search-row-all')).findByText('2 new')).toBeInTheDocument()
    expect(within(row(2)).getByTestId('search-status')).toHaveTextContent('Paused · 2 h ago: 0 found, 0 new')
    expect(within(row(2)).getByRole('button', { name: 'Resume “Paused one”' })).toBeInTheDocument()
    expect(within(row(3)).getByTestId('search-status')).toHaveTextContent('Failed 1 min ago · next in 4 min')
    expect(within(row(3)).getByRole('alert')).toHaveTextContent('Upwork said: “bad query” Edit the search and try again.')
    expect(within(row(3)).getByText('failed')).toBeInTheDocument()
    expect(within(row(4)).getByTestId('search-status')).toHaveTextContent('Waiting for its first run · next in 1 h')
  })

  it('follows discovery:searchStatus: a finished run updates its row', async () => {
    const s = search(1, { name: 'React' })
    await show([s])
    act(() => fake.emit('discovery:searchStatus', { ...s, lastRunAt: Date.now(), lastResult: { ok: true, found: 7, new: 3, skipped: 1, filteredOut: 4 }, newCount: 3 }))
    expect(within(row(1)).getByTestId('search-status')).toHaveTextContent('just now: 7 found, 3 new · 4 left out by your filters · 1 skipped as unreadable')
  })

  it('selects All jobs or a search', async () => {
    const picked: Array<number | null> = []
    const user = await show([search(1, { name: 'React' })], (id) => picked.push(id))
    await user.click(screen.getByRole('button', { name: 'React' }))
    expect(row(1)).toHaveAttribute('aria-current', 'true')
    await user.click(screen.getByRole('button', { name: 'All jobs' }))
    expect(picked).toEqual([1, null])
  })

  it('pauses and resumes; a failure is shown at the row', async () => {
    const user = await show([search(1, { name: 'React' })])
    await user.click(screen.getByRole('button', { name: 'Pause “React”' }))
    expect(fake.callsOf('searches:pause')).toEqual([{ id: 1, paused: true }])
    expect(within(row(1)).getByTestId('search-status')).toHaveTextContent('Paused')
    fake.failNext('searches:pause', { code: 'internal', message: 'The database is busy.' })
    await user.click(screen.getByRole('button', { name: 'Resume “React”' }))
    expect(await within(row(1)).findByText(/The database is busy/)).toBeInTheDocument()
    expect(useSearchesStore.getState().searches[0]!.paused).toBe(true)
  })

  it('deletes only after the confirmation', async () => {
    const user = await show([search(1, { name: 'React' }), search(2, { name: 'Vue' })])
    await user.click(screen.getByRole('button', { name: 'Delete “React”' }))
    const dialog = screen.getByRole('alertdialog', { name: 'Delete the search “React”?' })
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(fake.callsOf('searches:delete')).toEqual([])
    await user.click(screen.getByRole('button', { name: 'Delete “React”' }))
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete search' }))
    await waitFor(() => expect(screen.queryByTestId('search-row-1')).toBeNull())
    expect(fake.callsOf('searches:delete')).toEqual([{ id: 1 }])
    expect(row(2)).toBeInTheDocument()
  })

  it('says why polling is paused (offline, asleep, not connected, from the tray), in English and Ukrainian', async () => {
    fake.status = { ...fake.status, pollingPaused: ['offline'] }
    await show([])
    await act(async () => useAppStore.getState().load())
    expect(screen.getByTestId('polling-paused')).toHaveTextContent('this computer is offline')
    act(() => useAppStore.getState().setStatus({ ...fake.status, pollingPaused: ['asleep'] }))
    expect(screen.getByTestId('polling-paused')).toHaveTextContent('while the computer sleeps')
    act(() => useAppStore.getState().setStatus({ ...fake.status, pollingPaused: ['notConnected'] }))
    expect(screen.getByTestId('polling-paused')).toHaveTextContent('GigPilot is not connected to Upwork. Connect your account in Settings → Upwork account')
    act(() => setLanguage('uk'))
    expect(screen.getByTestId('polling-paused')).toHaveTextContent('GigPilot не підключено до Upwork')
    act(() => useAppStore.getState().setStatus({ ...fake.status, pollingPaused: ['asleep'] }))
    expect(screen.getByTestId('polling-paused')).toHaveTextContent('поки комп’ютер спить')
    act(() => useAppStore.getState().setStatus({ ...fake.status, pollingPaused: [] }))
    expect(screen.queryByTestId('polling-paused')).toBeNull()
  })

  it('a failed list load is said in plain words', async () => {
    fake.failNext('searches:list', { code: 'internal', message: 'The database file is locked.' })
    await show([])
    expect(screen.getByRole('alert')).toHaveTextContent('Your saved searches could not be loaded')
  })
})
