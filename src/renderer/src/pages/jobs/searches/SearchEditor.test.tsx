import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { savedSearchInputSchema, type SavedSearchDto } from '@shared/discovery'
import { setLanguage } from '../../../i18n'
import { useSearchesStore } from '../../../stores/searches-store'
import { installFakeBridge, type FakeBridge } from '../../../test-support/fake-bridge'
import { SearchEditor } from './SearchEditor'

let fake: FakeBridge
let saved: SavedSearchDto[]
beforeEach(() => {
  useSearchesStore.setState(useSearchesStore.getInitialState(), true)
  fake = installFakeBridge()
  saved = []
})

async function open(search: SavedSearchDto | null = null) {
  const user = userEvent.setup()
  render(<SearchEditor search={search} onClose={() => undefined} onSaved={(s) => saved.push(s)} />)
  const dialog = await screen.findByRole('dialog')
  await act(async () => {}) // the ontology's first answers
  return { user, dialog }
}

const field = (name: string): HTMLElement => screen.getByRole('spinbutton', { name })
const box = (name: string): HTMLElement => screen.getByRole('textbox', { name })
const combo = (name: string): HTMLElement => screen.getByRole('combobox', { name })

describe('SearchEditor', () => {
  it('refuses bad values at their fields with the shared schema’s rules, sends nothing, then saves when fixed', async () => {
    const { user } = await open()
    await user.type(field('Hourly rate from ($)'), '80')
    await user.type(field('Hourly rate up to ($)'), '40')
    await user.type(field('Feedback at least (0–5)'), '7')
    await user.type(field('At most this many applicants'), '2.5')
    await user.clear(field('Check every (minutes)'))
    await user.type(field('Check every (minutes)'), '0')
    await user.click(screen.getByRole('button', { name: 'Save' }))

    expect(box('Name')).toHaveAccessibleDescription('This cannot be empty.')
    expect(field('Hourly rate up to ($)')).toHaveAccessibleDescription('The minimum is above the maximum.')
    expect(field('Feedback at least (0–5)')).toHaveAccessibleDescription('Enter 5 or less.')
    expect(field('At most this many applicants')).toHaveAccessibleDescription('Enter a whole number.')
    expect(field('Check every (minutes)')).toHaveAccessibleDescription('Enter 1 or more.')
    expect(screen.getByText('5 fields need a fix.')).toBeInTheDocument()
    expect(fake.callsOf('searches:create')).toEqual([])
    expect(document.body.textContent).not.toMatch(/Too (small|big)|expected/)

    // The same messages in Ukrainian.
    act(() => setLanguage('uk'))
    expect(box('Назва')).toHaveAccessibleDescription('Це поле не може бути порожнім.')
    expect(field('Відгуки щонайменше (0–5)')).toHaveAccessibleDescription('Введіть 5 або менше.')
    act(() => setLanguage('en'))

    await user.type(box('Name'), 'React work')
    await user.clear(field('Hourly rate up to ($)'))
    await user.type(field('Hourly rate up to ($)'), '120')
    await user.clear(field('Feedback at least (0–5)'))
    await user.type(field('Feedback at least (0–5)'), '4.5')
    await user.clear(field('At most this many applicants'))
    await user.type(field('At most this many applicants'), '20')
    await user.clear(field('Check every (minutes)'))
    await user.type(field('Check every (minutes)'), '15')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(saved).toHaveLength(1))
    expect(fake.callsOf('searches:create')).toHaveLength(1)
  })

  it('saves every filter in the contract’s shape (terms, picked category and skill ids, ranges, client filters, workload)', async () => {
    const { user } = await open()
    await user.type(box('Name'), 'Electron apps')
    await user.type(box('Search text'), 'desktop app')
    await user.type(box('All of these words'), 'electron{Enter}typescript{Enter}')
    await user.type(box('Any of these words'), 'sqlite,libsql{Enter}')
    await user.type(box('This exact phrase'), 'offline first{Enter}')
    await user.type(box('None of these words'), 'wordpress{Enter}')
    await user.type(combo('Categories'), 'web dev')
    await user.click(await screen.findByRole('option', { name: 'Web Development (Web, Mobile & Software Dev)' }))
    await user.type(combo('Skills'), 'reac')
    expect((await within(screen.getByRole('listbox', { name: 'Skills: suggestions' })).findAllByRole('option')).map((o) => o.textContent)).toEqual(['React', 'React Native'])
    await user.keyboard('{Enter}')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Experience level' }), 'EXPERT')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Contract type' }), 'FIXED')
    await user.type(field('Fixed budget from ($)'), '500')
    await user.type(field('Fixed budget up to ($)'), '5000')
    await user.type(field('At most this many applicants'), '15')
    await user.type(field('Posted within (hours)'), '24')
    await user.click(screen.getByRole('checkbox', { name: 'More than 30 hrs/week' }))
    await user.click(screen.getByRole('checkbox', { name: 'Payment verified only' }))
    await user.type(field('At least this many hires'), '3')
    await user.type(field('Spent at least ($)'), '10000')
    await user.type(field('Feedback at least (0–5)'), '4.8')
    await user.type(field('Hire rate at least (%)'), '60')
    await user.type(box('Only clients in these countries'), 'United States{Enter}Canada{Enter}')
    await user.type(box('Not clients in these countries'), 'Atlantis{Enter}')
    expect(screen.getByTestId('local-filters-hint')).toHaveTextContent('GigPilot applies the rest itself')
    await user.click(screen.getByRole('button', { name: 'Save' }))

    await waitFor(() => expect(saved).toHaveLength(1))
    expect(fake.callsOf('searches:create')).toEqual([
      {
        name: 'Electron apps',
        intervalMinutes: 5,
        paused: false,
        filters: {
          query: 'desktop app',
          allTerms: ['electron', 'typescript'],
          anyTerms: ['sqlite', 'libsql'],
          exactPhrases: ['offline first'],
          excludeTerms: ['wordpress'],
          categoryIds: ['531770282589057025'],
          skillIds: ['1000'],
          experienceLevel: 'EXPERT',
          contractType: 'FIXED',
          budgetMin: 500,
          budgetMax: 5000,
          hourlyMin: null,
          hourlyMax: null,
          client: { paymentVerified: true, minHires: 3, minTotalSpent: 10000, minFeedback: 4.8, minHireRate: 60, countriesIn: ['United States', 'Canada'], countriesOut: ['Atlantis'] },
          maxApplicants: 15,
          postedWithinHours: 24,
          workload: ['More than 30 hrs/week']
        }
      }
    ])
  })

  it('editing: chosen skills and categories show their labels; the update sends the changed search', async () => {
    const s: SavedSearchDto = {
      ...{ id: 7, intervalMinutes: 10, paused: true, lastRunAt: null, lastResult: null, lastError: null, nextRunAt: null, newCount: 0, createdAt: 0, updatedAt: 0 },
      name: 'Old',
      filters: savedSearchInputSchema.parse({ name: 'x', filters: { skillIds: ['1002'], categoryIds: ['531770282580668418'], budgetMin: 100 } }).filters
    }
    fake.searches = [s]
    const { user } = await open(s)
    const skills = within(screen.getByTestId('skill-picker')).getByRole('list', { name: 'Skills: chosen' })
    expect(skills).toHaveTextContent('TypeScript')
    expect(within(screen.getByTestId('category-picker')).getByRole('list')).toHaveTextContent('Web, Mobile & Software Dev')
    expect(field('Fixed budget from ($)')).toHaveValue(100)
    await user.clear(box('Name'))
    await user.type(box('Name'), 'Renamed')
    await user.click(screen.getByRole('button', { name: 'Remove TypeScript' }))
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(saved).toHaveLength(1))
    const [call] = fake.callsOf('searches:update') as Array<{ id: number; patch: { name: string; paused: boolean; intervalMinutes: number; filters: { skillIds: string[]; categoryIds: string[]; budgetMin: number } } }>
    expect(call!.id).toBe(7)
    expect(call!.patch).toMatchObject({ name: 'Renamed', intervalMinutes: 10, filters: { skillIds: [], categoryIds: ['531770282580668418'], budgetMin: 100 } })
    // Editing never touches the pause (the patch carries no `paused`, and the contract adds none).
    expect(call!.patch).not.toHaveProperty('paused')
    expect(fake.searches[0]!.paused).toBe(true)
  })

  it('Upwork not connected: categories say how to get them, and a built-in skill is searched as a word', async () => {
    fake.ontology = { ...fake.ontology, source: 'builtin', categories: [], skills: [{ id: 'builtin:typescript', label: 'TypeScript' }] }
    const { user } = await open()
    expect(screen.getByText(/Connect Upwork \(Settings → Upwork account\) to choose from Upwork’s categories/)).toBeInTheDocument()
    expect(screen.getByTestId('skill-picker').closest('.field')).toHaveTextContent('a skill you pick is searched as a word')
    await user.type(combo('Skills'), 'type')
    await user.click(await screen.findByRole('option', { name: 'TypeScript' }))
    expect(within(screen.getByTestId('skill-picker')).queryByRole('list', { name: 'Skills: chosen' })).toBeNull()
    await user.type(box('Name'), 'TS')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(saved).toHaveLength(1))
    const [input] = fake.callsOf('searches:create') as Array<{ filters: { skillIds: string[]; allTerms: string[] } }>
    expect(input!.filters).toMatchObject({ skillIds: [], allTerms: ['TypeScript'] })
  })

  it('a save main refuses is said in plain words and the dialog stays open', async () => {
    fake.failNext('searches:create', { code: 'internal', message: 'The database is busy.' })
    const { user } = await open()
    await user.type(box('Name'), 'X')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText(/The search was not saved/)).toBeInTheDocument()
    expect(saved).toEqual([])
  })
})
