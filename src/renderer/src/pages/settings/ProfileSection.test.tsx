import { act, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { SCORE_WEIGHT_DEFAULTS } from '@shared/discovery'
import { setLanguage } from '../../i18n'
import { useProfileStore } from '../../stores/profile-store'
import type { FakeBridge } from '../../test-support/fake-bridge'
import { renderApp } from '../../test-support/render-app'

beforeEach(() => useProfileStore.setState(useProfileStore.getInitialState(), true))

const profileCard = (): HTMLElement => screen.getByRole('region', { name: 'Profile' })
const weightsCard = (): HTMLElement => screen.getByRole('region', { name: 'Score weights' })

async function openProfile(setup?: (fake: FakeBridge) => void) {
  const app = await renderApp({ area: 'settings', setup })
  await within(profileCard()).findByTestId('profile-form')
  return app
}

describe('Settings → Profile', () => {
  it('edits every field and saves the profile in the contract’s shape', async () => {
    const { user, fake } = await openProfile()
    const card = within(profileCard())
    await user.type(card.getByRole('combobox', { name: 'Skills' }), 'typescr')
    await user.click(await card.findByRole('option', { name: 'TypeScript' }))
    await user.type(card.getByRole('combobox', { name: 'Skills' }), 'Tauri{Enter}')
    await user.type(card.getByRole('spinbutton', { name: 'Hourly rate ($)' }), '65')
    await user.type(card.getByRole('spinbutton', { name: 'Smallest fixed budget you take ($)' }), '800')
    await user.type(card.getByRole('spinbutton', { name: 'Years of experience' }), '9')
    await user.type(card.getByRole('textbox', { name: 'Short bio' }), 'Desktop apps.')
    await user.click(card.getByRole('button', { name: 'Add a portfolio item' }))
    const item = within(card.getByRole('group', { name: 'Portfolio item 1' }))
    await user.type(item.getByRole('textbox', { name: 'Title' }), 'GigPilot')
    await user.type(item.getByRole('textbox', { name: 'Description' }), 'An Electron app')
    await user.type(item.getByRole('textbox', { name: 'Link (optional)' }), 'https://example.com/gigpilot')
    await user.type(card.getByRole('textbox', { name: 'Clients’ countries to avoid' }), 'Atlantis{Enter}')
    await user.type(card.getByRole('textbox', { name: 'Negative keywords' }), 'unpaid{Enter}crypto{Enter}')
    await user.click(card.getByRole('button', { name: 'Save profile' }))

    await waitFor(() => expect(card.getByTestId('profile-notice')).toHaveTextContent('Profile saved.'))
    expect(fake.callsOf('profile:update')).toEqual([
      {
        skills: ['TypeScript', 'Tauri'],
        hourlyRate: 65,
        minFixedBudget: 800,
        yearsExperience: 9,
        bio: 'Desktop apps.',
        portfolio: [{ title: 'GigPilot', description: 'An Electron app', url: 'https://example.com/gigpilot' }],
        avoidCountries: ['Atlantis'],
        negativeKeywords: ['unpaid', 'crypto']
      }
    ])
    expect(fake.profile.skills).toEqual(['TypeScript', 'Tauri'])
  })

  it('refuses bad values at their fields (the shared schema’s rules), in both languages, and sends nothing', async () => {
    const { user, fake } = await openProfile()
    const card = within(profileCard())
    await user.type(card.getByRole('spinbutton', { name: 'Years of experience' }), '120')
    await user.click(card.getByRole('button', { name: 'Add a portfolio item' }))
    await user.click(card.getByRole('button', { name: 'Save profile' }))
    expect(card.getByRole('spinbutton', { name: 'Years of experience' })).toHaveAccessibleDescription('Enter 80 or less.')
    expect(within(card.getByRole('group', { name: 'Portfolio item 1' })).getByRole('textbox', { name: 'Title' })).toHaveAccessibleDescription('This cannot be empty.')
    act(() => setLanguage('uk'))
    expect(within(screen.getByRole('region', { name: 'Профіль' })).getByRole('spinbutton', { name: 'Років досвіду' })).toHaveAccessibleDescription('Введіть 80 або менше.')
    expect(fake.callsOf('profile:update')).toEqual([])
  })

  it('imports from Upwork; when not connected, says so in plain words', async () => {
    const { user, fake } = await openProfile()
    fake.failNext('profile:importFromUpwork', { code: 'not_connected', message: 'Upwork is not connected: connect your API key in Settings → Upwork account.' })
    await user.click(within(profileCard()).getByRole('button', { name: 'Import from Upwork' }))
    expect(await within(profileCard()).findByText(/Your Upwork profile was not imported: .*Settings → Upwork account/)).toBeInTheDocument()

    fake.handlers['profile:importFromUpwork'] = () =>
      (fake.profile = { ...fake.profile, skills: ['Electron', 'SQLite'], hourlyRate: 70, source: 'upwork', importedAt: Date.UTC(2026, 11, 1, 10) })
    await user.click(within(profileCard()).getByRole('button', { name: 'Import from Upwork' }))
    await waitFor(() => expect(within(profileCard()).getByTestId('profile-source')).toHaveTextContent('Imported from your Upwork profile'))
    expect(within(profileCard()).getByRole('spinbutton', { name: 'Hourly rate ($)' })).toHaveValue(70)
    expect(within(profileCard()).getByRole('list', { name: 'Skills: chosen' })).toHaveTextContent(/Electron.*SQLite/)
  })

  it('score weights: each component with its default, reset to defaults, save, then rescore all jobs with the count', async () => {
    const { user, fake } = await openProfile((f) => {
      f.profile = { ...f.profile, scoreWeights: { skills: 30 } }
      f.handlers['jobs:rescoreAll'] = () => ({ rescored: 1234 })
    })
    const card = within(weightsCard())
    const skills = card.getByRole('spinbutton', { name: 'Skill match' })
    expect(skills).toHaveValue(30)
    expect(skills).toHaveAccessibleDescription('Default: 18')
    expect(card.getAllByRole('spinbutton')).toHaveLength(Object.keys(SCORE_WEIGHT_DEFAULTS).length)
    expect(card.getByRole('spinbutton', { name: 'Country you avoid' })).toHaveValue(40)

    await user.clear(card.getByRole('spinbutton', { name: 'Competition (applicants)' }))
    await user.type(card.getByRole('spinbutton', { name: 'Competition (applicants)' }), '150')
    await user.click(card.getByRole('button', { name: 'Save weights' }))
    expect(card.getByRole('spinbutton', { name: 'Competition (applicants)' })).toHaveAccessibleDescription('Enter 100 or less. Default: 5')
    expect(fake.callsOf('profile:update')).toEqual([])

    await user.click(card.getByRole('button', { name: 'Reset weights to defaults' }))
    expect(skills).toHaveValue(18)
    await user.clear(card.getByRole('spinbutton', { name: 'Payment not verified' }))
    await user.type(card.getByRole('spinbutton', { name: 'Payment not verified' }), '0')
    await user.click(card.getByRole('button', { name: 'Save weights' }))
    await waitFor(() => expect(card.getByTestId('weights-notice')).toHaveTextContent('Weights saved.'))
    expect(fake.callsOf('profile:update')).toEqual([{ scoreWeights: { ...SCORE_WEIGHT_DEFAULTS, paymentUnverified: 0 } }])

    await user.click(card.getByRole('button', { name: 'Rescore all jobs' }))
    await waitFor(() => expect(card.getByTestId('weights-notice')).toHaveTextContent('1,234 jobs rescored.'))
    expect(fake.callsOf('jobs:rescoreAll')).toHaveLength(1)
  })
})
