import { act, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import type { JobAnalysisDto } from '@shared/ai'
import { useJobsStore } from '../../stores/jobs-store'
import { useSearchesStore } from '../../stores/searches-store'
import { renderApp } from '../../test-support/render-app'
import { ROW_HEIGHT } from './JobList'
import { JOBS_RENDERED_MARK } from './JobsPage'
import { makeJob, savedSearch, serveJobs } from './test-support/jobs'
import { giveScrollBoxHeight } from '../../test-support/layout'
import { resetStores } from '../../test-support/stores'

const LIST_HEIGHT = 600
giveScrollBoxHeight('jobs-list', LIST_HEIGHT)
beforeEach(() => {
  resetStores(useJobsStore, useSearchesStore)
  performance.clearMarks()
})

const jobs = (n: number) => Array.from({ length: n }, (_, i) => makeJob(i + 1, { score: Math.max(0, 100 - Math.floor(i / 100)) }))

async function openJobs(n: number, setup?: NonNullable<Parameters<typeof renderApp>[0]>['setup'], listName = 'Jobs') {
  let served!: ReturnType<typeof serveJobs>
  const app = await renderApp({
    area: 'jobs',
    setup: (fake) => {
      fake.searches = [savedSearch(1, 'React')]
      served = serveJobs(fake, jobs(n))
      setup?.(fake)
    }
  })
  const list = n > 0 ? await screen.findByRole('listbox', { name: listName }) : null
  return { ...app, served, list }
}

/** A row's accessible name: its text, title first. */
const named = (title: string): RegExp => new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `)

const selected = (list: HTMLElement) => within(list).getAllByRole('option').find((o) => o.getAttribute('aria-selected') === 'true')

describe('Jobs view', () => {
  it('virtualizes 10,000 jobs: a window of rows in the DOM, pages loaded as the list scrolls', async () => {
    const { list, fake } = await openJobs(10_000)
    const rows = within(list!).getAllByRole('option')
    expect(rows.length).toBeGreaterThan(5)
    expect(rows.length).toBeLessThan(40)
    expect(rows[0]).toHaveAccessibleName(named('Job 1'))
    expect(rows[0]).toHaveAttribute('aria-setsize', '10000')
    expect(rows[0]).toHaveTextContent('$30–$60/h')
    expect(rows[0]).toHaveTextContent('posted 12 min ago')
    expect(rows[0]).toHaveTextContent('payment verified ✓ $12K spent 4.9★ Canada')
    expect(rows[0]).toHaveTextContent('3 applicants')
    expect(within(rows[0]!).getByTestId('job-score')).toHaveTextContent('100')
    expect(screen.getByTestId('jobs-count')).toHaveTextContent('10,000 jobs')
    // The list's own pages (the searches panel's one-row count of new jobs aside).
    const listPages = (): unknown[] => fake.callsOf('jobs:list').filter((c) => (c as { limit: number }).limit !== 1)
    expect(listPages()).toEqual([expect.objectContaining({ cursor: null, limit: 100, sort: 'score' })])

    // Scrolled near the end of the first page: the next page is asked for, by cursor.
    list!.scrollTop = 90 * ROW_HEIGHT
    list!.dispatchEvent(new Event('scroll'))
    await waitFor(() => expect(fake.callsOf('jobs:list')).toContainEqual(expect.objectContaining({ cursor: '100' })))
    await waitFor(() => expect(within(list!).getAllByRole('option').some((o) => o.getAttribute('aria-posinset') === '101')).toBe(true))
    expect(within(list!).getAllByRole('option').length).toBeLessThan(40)
  })

  it('marks the first paint of rows once, for the benchmark', async () => {
    const { fake } = await openJobs(300)
    expect(performance.getEntriesByName(JOBS_RENDERED_MARK)).toHaveLength(1)
    await act(async () => fake.emit('discovery:jobsAdded', { searchId: 1, added: 1, notified: 0 }))
    expect(performance.getEntriesByName(JOBS_RENDERED_MARK)).toHaveLength(1)
  })

  it('j/k move the selection, Enter opens the detail and marks the job seen, s saves, d dismisses', async () => {
    const { list, user, fake, served } = await openJobs(50)
    list!.focus()
    expect(selected(list!)).toHaveAccessibleName(named('Job 1'))
    await user.keyboard('jj')
    expect(selected(list!)).toHaveAccessibleName(named('Job 3'))
    expect(list).toHaveAttribute('aria-activedescendant', 'job-row-3')
    await user.keyboard('k')
    expect(selected(list!)).toHaveAccessibleName(named('Job 2'))

    await user.keyboard('{Enter}')
    const detail = await screen.findByTestId('job-detail')
    expect(within(detail).getByRole('heading', { name: 'Job 2' })).toBeVisible()
    await waitFor(() => expect(served.statusOf(2)).toBe('seen'))
    expect(fake.callsOf('jobs:setStatus')).toEqual([{ id: 2, status: 'seen' }])
    expect(selected(list!)).toHaveTextContent('Seen')

    await user.keyboard('s')
    await waitFor(() => expect(served.statusOf(2)).toBe('saved'))
    expect(within(detail).getByRole('button', { name: 'Saved ✓' })).toHaveAttribute('aria-pressed', 'true')
    await user.keyboard('s')
    await waitFor(() => expect(served.statusOf(2)).toBe('seen'))

    // Dismissed jobs are hidden by default: the row leaves and the next one is selected.
    await user.keyboard('d')
    await waitFor(() => expect(served.statusOf(2)).toBe('dismissed'))
    expect(within(list!).queryByRole('option', { name: named('Job 2') })).toBeNull()
    expect(selected(list!)).toHaveAccessibleName(named('Job 3'))
    expect(screen.getByTestId('jobs-count')).toHaveTextContent('49 jobs')
  })

  it('j scrolls the selected row into view far down the list', async () => {
    const { list, user } = await openJobs(200)
    list!.focus()
    expect(list!.scrollTop).toBe(0)
    await user.keyboard('j'.repeat(40))
    // happy-dom moves scrollTop but sends no scroll event (a browser does): send it.
    await act(async () => list!.dispatchEvent(new Event('scroll')))
    expect(selected(list!)).toHaveAccessibleName(named('Job 41'))
    // Row 41 (0-based 40) ends at 41 rows down: scrolled so that it is inside the 600 px window.
    expect(list!.scrollTop).toBeGreaterThanOrEqual(41 * ROW_HEIGHT - 600)
    expect(list!.scrollTop).toBeLessThanOrEqual(40 * ROW_HEIGHT)
    await user.keyboard('k'.repeat(40))
    await act(async () => list!.dispatchEvent(new Event('scroll')))
    expect(selected(list!)).toHaveAccessibleName(named('Job 1'))
    expect(list!.scrollTop).toBe(0)
  })

  it('j and Enter work from the page heading (where the focus lands on opening the area), not from a button', async () => {
    const { user, fake } = await openJobs(5)
    await user.click(within(screen.getByRole('navigation')).getByRole('button', { name: 'Jobs' }))
    expect(screen.getByRole('heading', { name: 'Jobs', level: 1 })).toHaveFocus()
    await user.keyboard('j{Enter}')
    expect(await screen.findByRole('heading', { name: 'Job 2', level: 2 })).toBeVisible()
    // Enter on a focused button is that button's: Save (no second open of the job).
    screen.getByRole('button', { name: 'Save' }).focus()
    await user.keyboard('{Enter}')
    await waitFor(() => expect(fake.callsOf('jobs:setStatus')).toContainEqual({ id: 2, status: 'saved' }))
    expect(fake.callsOf('jobs:get')).toHaveLength(1)
  })

  it('ignores the shortcuts while typing; / focuses the search, which searches the stored jobs, and Esc clears it', async () => {
    const { list, user, fake, served } = await openJobs(20)
    served.jobs = served.jobs.map((j) => (j.id === 7 ? { ...j, description: 'We need a Kubernetes operator.' } : j))
    list!.focus()
    await user.keyboard('/')
    const box = screen.getByRole('searchbox', { name: 'Search stored jobs' })
    expect(box).toHaveFocus()
    await user.keyboard('kubernetes')
    expect(box).toHaveValue('kubernetes')
    await waitFor(() => expect(within(list!).getAllByRole('option')).toHaveLength(1))
    expect(within(list!).getByRole('option')).toHaveAccessibleName(named('Job 7'))
    expect(fake.callsOf('jobs:search')).toContainEqual({ text: 'kubernetes', cursor: null, limit: 100 })
    expect(screen.getByTestId('jobs-count')).toHaveTextContent('1 job found')
    // The letters typed (j, k, s, d among them) moved nothing and changed no status.
    expect(fake.callsOf('jobs:setStatus')).toEqual([])

    await user.keyboard('{Escape}')
    expect(box).toHaveValue('')
    await waitFor(() => expect(within(list!).getAllByRole('option').length).toBeGreaterThan(1))
    expect(list).toHaveFocus()
  })

  it('says so when the full-text search finds nothing', async () => {
    const { user } = await openJobs(5)
    await user.type(screen.getByRole('searchbox', { name: 'Search stored jobs' }), 'cobol')
    expect(await screen.findByRole('heading', { name: 'No job found' })).toBeVisible()
    expect(screen.getByText(/No stored job contains “cobol”/)).toBeVisible()
  })

  it('renders hostile job text as text, keeping its line breaks', async () => {
    const hostile = 'Line one\n<script>window.__pwned = 1</script>\n<img src=x onerror="window.__pwned = 2">'
    const { user } = await openJobs(1, (fake) => {
      serveJobs(fake, [makeJob(1, { title: '<b>Bold</b> title', description: hostile })])
    })
    await user.click(screen.getByRole('option', { name: named('<b>Bold</b> title') }))
    const detail = await screen.findByTestId('job-detail')
    const description = within(detail).getByTestId('job-description')
    expect(description.textContent).toBe(hostile)
    expect(detail.querySelector('script, img, b')).toBeNull()
    expect((window as { __pwned?: number }).__pwned).toBeUndefined()
    expect(within(detail).getByRole('heading', { level: 2 })).toHaveTextContent('<b>Bold</b> title')
  })

  it('shows the score reasons with signed points, in Ukrainian too', async () => {
    const { user } = await openJobs(3, (fake) => {
      fake.settings = { ...fake.settings, language: 'uk' }
    }, 'Вакансії')
    await user.click(screen.getByRole('option', { name: named('Job 1') }))
    const reasons = await screen.findByTestId('job-reasons')
    const items = within(reasons).getAllByRole('listitem')
    expect(items[0]).toHaveTextContent('+18 навички: React, TypeScript (2 з 2)')
    expect(items[1]).toHaveTextContent('−10 оплату не підтверджено')
    expect(screen.getByRole('heading', { name: 'Чому така оцінка' })).toBeVisible()
  })

  it('shows the 24 h notice instead of pruned text', async () => {
    const { user } = await openJobs(1, (fake) => {
      serveJobs(fake, [makeJob(1, { title: '', description: '', contentPruned: true })])
    })
    await user.click(screen.getByRole('option', { name: named('Job text removed after 24 hours') }))
    expect(await screen.findByRole('note')).toHaveTextContent('Upwork allows keeping a job’s text for 24 hours')
    expect(screen.queryByTestId('job-description')).toBeNull()
  })

  it('"Open on Upwork" goes through the shell channel with the job URL', async () => {
    const { user, fake } = await openJobs(2)
    await user.click(screen.getByRole('option', { name: named('Job 2') }))
    await user.click(await screen.findByRole('button', { name: 'Open on Upwork' }))
    expect(fake.callsOf('shell:openExternal')).toEqual([{ url: 'https://www.upwork.com/jobs/~02' }])
  })

  it('new jobs arriving refresh the list and keep the selection and the open job', async () => {
    const { list, user, fake, served } = await openJobs(30)
    list!.focus()
    await user.keyboard('jjj{Enter}')
    await screen.findByRole('heading', { name: 'Job 4', level: 2 })
    served.jobs = [makeJob(99, { title: 'Brand new', score: 100 }), ...served.jobs]
    await act(async () => fake.emit('discovery:jobsAdded', { searchId: 1, added: 1, notified: 1 }))
    await waitFor(() => expect(within(list!).getAllByRole('option')[0]).toHaveAccessibleName(named('Brand new')))
    expect(selected(list!)).toHaveAccessibleName(named('Job 4'))
    // The same list element (not remounted), so the scroll position stays where the user left it.
    expect(screen.getByRole('listbox', { name: 'Jobs' })).toBe(list)
    expect(screen.getByRole('heading', { name: 'Job 4', level: 2 })).toBeVisible()
    expect(screen.getByTestId('jobs-count')).toHaveTextContent('31 jobs')
  })

  it('new jobs above the rows being read do not push them down; at the top, the new jobs show', async () => {
    const { list, fake, served } = await openJobs(60)
    const scrollTo = async (top: number): Promise<void> => {
      list!.scrollTop = top
      await act(async () => list!.dispatchEvent(new Event('scroll')))
    }
    await scrollTo(10 * ROW_HEIGHT)
    const firstInView = (): string | undefined => within(list!).getAllByRole('option').find((o) => o.getAttribute('aria-posinset') === String(Math.floor(list!.scrollTop / ROW_HEIGHT) + 1))?.querySelector('[data-testid="job-title"]')?.textContent ?? undefined
    expect(firstInView()).toBe('Job 11')
    served.jobs = [makeJob(101, { title: 'New A', score: 100 }), makeJob(102, { title: 'New B', score: 100 }), ...served.jobs]
    await act(async () => fake.emit('discovery:jobsAdded', { searchId: 1, added: 2, notified: 0 }))
    await waitFor(() => expect(list!.scrollTop).toBe(12 * ROW_HEIGHT))
    await act(async () => list!.dispatchEvent(new Event('scroll')))
    expect(firstInView()).toBe('Job 11')

    await scrollTo(0)
    served.jobs = [makeJob(103, { title: 'New C', score: 100 }), ...served.jobs]
    await act(async () => fake.emit('discovery:jobsAdded', { searchId: 1, added: 1, notified: 0 }))
    await waitFor(() => expect(within(list!).getAllByRole('option')[0]).toHaveAccessibleName(named('New C')))
    expect(list!.scrollTop).toBe(0)
  })

  it('a notification click (discovery:openJob) shows that search and opens that job', async () => {
    const { fake } = await openJobs(10)
    await act(async () => fake.emit('discovery:openJob', { jobId: 6, searchId: 1 }))
    expect(await screen.findByRole('heading', { name: 'Job 6', level: 2 })).toBeVisible()
    expect(fake.callsOf('jobs:list')).toContainEqual(expect.objectContaining({ searchId: 1 }))
    expect(selected(screen.getByRole('listbox', { name: 'Jobs' }))).toHaveAccessibleName(named('Job 6'))
  })

  it('filters: status, minimum score and sort go to jobs:list', async () => {
    const { user, fake } = await openJobs(5)
    await user.selectOptions(screen.getByRole('combobox', { name: 'Show' }), 'saved')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Score' }), '70')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort' }), 'recency')
    expect(fake.callsOf('jobs:list').at(-1)).toEqual(expect.objectContaining({ statuses: ['saved'], minScore: 70, sort: 'recency' }))
    expect(await screen.findByText(/No job matches these filters/)).toBeVisible()
    expect(fake.callsOf('jobs:list')[0]).toEqual(expect.objectContaining({ statuses: ['new', 'seen', 'saved', 'drafted', 'applied'] }))
  })

  it('empty states: no searches yet asks for one; searches but no jobs says the first run is on its way', async () => {
    await renderApp({ area: 'jobs', setup: (fake) => ((fake.account = { ...fake.account, state: 'connected' }), serveJobs(fake, [])) })
    expect(await screen.findByText(/Create a saved search with “New search”/)).toBeVisible()
  })

  it('with a search but no jobs yet, says the first run is on its way', async () => {
    await openJobs(0)
    expect(await screen.findByText(/The first run of your searches is on its way/)).toBeVisible()
  })

  it('with no jobs while searches cannot run (offline), says so instead of "on its way"', async () => {
    await openJobs(0, (fake) => {
      fake.status = { ...fake.status, pollingPaused: ['offline'] }
    })
    expect(await screen.findByText(/No jobs yet/)).toBeVisible()
    expect(screen.getByRole('heading', { name: 'No jobs yet' }).parentElement).toHaveTextContent('Searches are paused: this computer is offline.')
    expect(screen.queryByText(/is on its way/)).toBeNull()
  })

  it('a failed load says why and retries', async () => {
    await renderApp({
      area: 'jobs',
      setup: (fake) => {
        serveJobs(fake, [makeJob(1)])
        fake.failNext('jobs:list', { code: 'internal', message: 'The database is busy.' })
      }
    })
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('The jobs could not be loaded: The database is busy.')
    await screen.getByRole('button', { name: 'Try again' }).click()
    expect(await screen.findByRole('option', { name: named('Job 1') })).toBeVisible()
  })

  it('a refused status change goes back and says why', async () => {
    const { list, user, fake, served } = await openJobs(3)
    fake.failNext('jobs:setStatus', { code: 'internal', message: 'Disk full.' })
    list!.focus()
    await user.keyboard('s')
    expect(await screen.findByRole('alert')).toHaveTextContent('That change was not saved: Disk full.')
    expect(served.statusOf(1)).toBe('new')
    expect(selected(list!)).toHaveTextContent('New')
  })

  it('the shortcuts help lists the jobs keys', async () => {
    const { user } = await openJobs(1)
    await user.keyboard('?')
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })
    expect(dialog).toHaveTextContent('Next / previous job')
    expect(dialog).toHaveTextContent('Dismiss the job')
    // j does nothing behind the dialog.
    await user.keyboard('j')
    expect(selected(screen.getByRole('listbox', { name: 'Jobs', hidden: true }))).toHaveAccessibleName(named('Job 1'))
  })
})

describe('AI analysis in the detail', () => {
  const analysis = (over: Partial<JobAnalysisDto> = {}): JobAnalysisDto => ({
    jobId: 1,
    skillMatch: 8,
    budgetMatch: 6,
    complexityMatch: 7,
    clientAssessment: 'Pays on time <img src=x onerror="window.__ai = 1">',
    recommendation: 'apply',
    reasoning: 'Strong React fit.\n<script>window.__ai = 2</script>',
    model: 'gpt-4o-mini',
    promptVersion: 1,
    createdAt: Date.now(),
    cached: false,
    textPruned: false,
    ...over
  })

  it('without an AI provider, says how to set one up', async () => {
    const { user } = await openJobs(1)
    await user.click(screen.getByRole('option', { name: named('Job 1') }))
    const ai = await screen.findByTestId('job-ai')
    expect(await within(ai).findByText(/No AI provider is set up yet/)).toBeVisible()
    expect(within(ai).getByRole('button', { name: 'Open Settings' })).toBeVisible()
  })

  it('"Analyze with AI" shows the numbers, the recommendation and the reasoning as text; "Analyze again" forces a new one', async () => {
    const { user, fake } = await openJobs(1, (f) => {
      f.aiStatus = { ...f.aiStatus, configured: true, keyStored: true }
      f.handlers['jobs:analyze'] = ({ id, force }) => analysis({ jobId: id, recommendation: force ? 'skip' : 'apply' })
    })
    await user.click(screen.getByRole('option', { name: named('Job 1') }))
    const ai = await screen.findByTestId('job-ai')
    expect(within(ai).getByText(/Not analysed yet/)).toBeVisible()
    await user.click(await within(ai).findByRole('button', { name: 'Analyze with AI' }))
    expect(await within(ai).findByTestId('job-ai-recommendation')).toHaveTextContent('Apply')
    expect(ai).toHaveTextContent('Skill match8/10')
    expect(ai).toHaveTextContent('Budget match6/10')
    expect(within(ai).getByTestId('job-ai-reasoning').textContent).toBe('Strong React fit.\n<script>window.__ai = 2</script>')
    expect(ai).toHaveTextContent('Pays on time <img src=x onerror="window.__ai = 1">')
    expect(ai.querySelector('img, script')).toBeNull()
    expect(fake.callsOf('jobs:analyze')).toEqual([{ id: 1, force: false }])

    await user.click(within(ai).getByRole('button', { name: 'Analyze again' }))
    expect(await within(ai).findByText('Skip')).toBeVisible()
    expect(fake.callsOf('jobs:analyze')).toEqual([{ id: 1, force: false }, { id: 1, force: true }])
  })

  it('shows a cached analysis on opening without calling the AI, and a failure in plain words', async () => {
    const { user, fake } = await openJobs(2, (f) => {
      f.aiStatus = { ...f.aiStatus, configured: true, keyStored: true }
      f.handlers['jobs:analysis'] = ({ id }) => ({ analysis: id === 1 ? analysis({ cached: true }) : null })
    })
    await user.click(screen.getByRole('option', { name: named('Job 1') }))
    const ai = await screen.findByTestId('job-ai')
    expect(await within(ai).findByText('By gpt-4o-mini, from the cache (no new cost)')).toBeVisible()
    expect(fake.callsOf('jobs:analyze')).toEqual([])

    await user.click(screen.getByRole('option', { name: named('Job 2') }))
    await screen.findByRole('heading', { name: 'Job 2', level: 2 })
    fake.failNext('jobs:analyze', { code: 'AI_BUDGET', message: 'Today’s AI token budget is used up.' })
    await user.click(await within(screen.getByTestId('job-ai')).findByRole('button', { name: 'Analyze with AI' }))
    expect(await within(screen.getByTestId('job-ai')).findByRole('alert')).toHaveTextContent('The analysis failed: Today’s AI token budget is used up.')
  })
})
