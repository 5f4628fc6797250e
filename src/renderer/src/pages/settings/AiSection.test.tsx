import { act, screen, waitFor, within } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { useAiStore } from '../../stores/ai-store'
import { renderApp } from '../../test-support/render-app'

beforeEach(() => useAiStore.setState(useAiStore.getInitialState(), true))

const section = (): HTMLElement => screen.getByRole('region', { name: 'AI' })
const KEY = 'sk-test-0123456789abcdefSECRET'

async function openAi() {
  const app = await renderApp({ area: 'settings' })
  await within(section()).findByTestId('ai-usage')
  return app
}

describe('Settings → AI', () => {
  it('the API key is write-only: saved through ai:saveKey, then only “a key is saved”; Remove asks first', async () => {
    const { user, fake } = await openAi()
    const ai = within(section())
    expect(ai.getByTestId('ai-key-missing')).toHaveTextContent('No key is saved.')
    const input = ai.getByLabelText('Paste your API key')
    expect(input).toHaveAttribute('type', 'password')
    await user.type(input, KEY)
    await user.click(ai.getByRole('button', { name: 'Save key' }))

    expect(await ai.findByTestId('ai-key-stored')).toHaveTextContent('A key is saved')
    expect(fake.callsOf('ai:saveKey')).toEqual([{ apiKey: KEY }])
    expect(ai.getByLabelText('Paste a new key to replace it')).toHaveValue('')
    expect(document.body.innerHTML).not.toContain(KEY)
    expect(JSON.stringify(useAiStore.getState())).not.toContain(KEY)

    await user.click(ai.getByRole('button', { name: 'Remove key' }))
    await user.click(within(screen.getByRole('alertdialog', { name: 'Remove the AI key?' })).getByRole('button', { name: 'Cancel' }))
    expect(fake.callsOf('ai:clearKey')).toEqual([])
    await user.click(ai.getByRole('button', { name: 'Remove key' }))
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Remove key' }))
    expect(await ai.findByTestId('ai-key-missing')).toBeInTheDocument()
    expect(fake.callsOf('ai:clearKey')).toHaveLength(1)
  })

  it('a key with spaces is refused at the field and never sent', async () => {
    const { user, fake } = await openAi()
    const ai = within(section())
    await user.type(ai.getByLabelText('Paste your API key'), 'sk-abc def')
    await user.click(ai.getByRole('button', { name: 'Save key' }))
    expect(ai.getByLabelText('Paste your API key')).toHaveAccessibleDescription(/no spaces or line breaks/)
    expect(fake.callsOf('ai:saveKey')).toEqual([])
  })

  it('Test connection shows main’s plain-words result, a failed test as an error, and a failed call in plain words', async () => {
    const { user, fake } = await openAi()
    const ai = within(section())
    await user.click(ai.getByRole('button', { name: 'Test connection' }))
    await waitFor(() => expect(ai.getByTestId('ai-test-result')).toHaveTextContent('Connected.'))

    fake.handlers['ai:testConnection'] = () => ({
      ok: false,
      message: 'The AI provider did not accept the API key. Check it in Settings → AI.',
      models: [],
      modelOffered: null,
      model: 'gpt-4o-mini',
      baseUrl: 'https://api.openai.com/v1',
      code: 'unauthorized'
    })
    await user.click(ai.getByRole('button', { name: 'Test connection' }))
    await waitFor(() => expect(ai.getByTestId('ai-test-result')).toHaveTextContent('did not accept the API key'))
    expect(ai.getByTestId('ai-test-result')).toHaveClass('field-error')

    fake.failNext('ai:testConnection', { code: 'internal', message: 'The AI module is not running.' })
    await user.click(ai.getByRole('button', { name: 'Test connection' }))
    await waitFor(() => expect(ai.getByTestId('ai-test-result')).toHaveTextContent('The test could not run'))
  })

  it('a provider preset sets the base URL through the settings; budget and limit are settings fields', async () => {
    const { user, fake } = await openAi()
    const ai = within(section())
    await user.selectOptions(ai.getByRole('combobox', { name: 'Provider' }), 'ollama')
    await waitFor(() => expect(fake.settings.ai.baseUrl).toBe('http://127.0.0.1:11434/v1'))
    expect(ai.getByRole('textbox', { name: 'Base URL' })).toHaveValue('http://127.0.0.1:11434/v1')

    const budget = ai.getByRole('spinbutton', { name: 'Daily token budget' })
    await user.clear(budget)
    await user.type(budget, '5')
    await user.tab()
    expect(budget).toHaveAttribute('aria-invalid', 'true')
    await user.clear(budget)
    await user.type(budget, '50000')
    await user.tab()
    await waitFor(() => expect(fake.settings.ai.dailyTokenBudget).toBe(50000))
    await user.click(ai.getByRole('checkbox', { name: /Analyse the best new jobs automatically/ }))
    await waitFor(() => expect(fake.settings.ai.autoAnalyze.enabled).toBe(true))
  })

  it('today’s usage: calls, tokens of the budget, estimated cost, what is left; follows ai:usage', async () => {
    const { fake } = await openAi()
    const usage = within(within(section()).getByTestId('ai-usage'))
    act(() =>
      fake.emit('ai:usage', {
        dayStart: 0,
        calls: 12,
        tokens: 45_000,
        estimatedCostUsd: 0.0675,
        unknownCostCalls: 1,
        dailyTokenBudget: 200_000,
        budgetLeft: 155_000,
        requestsThisHour: 3,
        hourlyRequestLimit: 1000
      })
    )
    expect(usage.getByText('12')).toBeInTheDocument()
    expect(usage.getByText('45,000 of 200,000')).toBeInTheDocument()
    expect(usage.getByText('155,000')).toBeInTheDocument()
    expect(usage.getByText('$0.0675 (+ 1 call of unknown cost)')).toBeInTheDocument()
    expect(usage.getByText('3 of 1,000')).toBeInTheDocument()
  })
})
