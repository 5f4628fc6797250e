import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TemplateDto } from '@shared/drafting'
import { setLanguage } from '../../i18n'
import { useExperimentsStore } from '../../stores/experiments-store'
import { useTemplatesStore } from '../../stores/templates-store'
import { installFakeBridge, type FakeBridge } from '../../test-support/fake-bridge'
import { emptyVariant, variantWith } from '../../test-support/fake-learning'
import { ExperimentsTab } from './ExperimentsTab'
import { resetStores } from '../../test-support/stores'

let fake: FakeBridge

const template = (id: number, name: string): TemplateDto => ({ id, name, body: `Hello {{client_name}} ${id}`, category: null, tags: [], usageCount: 0, archived: false, createdAt: 0, updatedAt: 0 })

beforeEach(() => {
  resetStores(useExperimentsStore, useTemplatesStore)
  fake = installFakeBridge()
  fake.drafting.templates = [template(1, 'Short + question'), template(2, 'Portfolio-led')]
})
afterEach(() => useExperimentsStore.setState(useExperimentsStore.getInitialState(), true))

async function open(): Promise<ReturnType<typeof userEvent.setup>> {
  const user = userEvent.setup()
  render(<ExperimentsTab />)
  await waitFor(() => expect(useExperimentsStore.getState().phase).toBe('ready'))
  return user
}

/** The running demo-like experiment: a clear winner after 240 proposals. */
function winnerExperiment() {
  return fake.learning.experiment({
    name: 'Openers',
    variants: [variantWith(11, 'Short + question', 36, 120), variantWith(12, 'Portfolio-led', 18, 120)].map((v, i) => ({ ...v, pBest: i === 0 ? 0.97 : 0.03, expectedLoss: i === 0 ? 0.001 : 0.15 })),
    decision: { kind: 'winner', variantId: 11, pBest: 0.97 },
    summary: 'Short + question wins.'
  })
}

describe('Experiments tab', () => {
  it('with none yet, says what an experiment is and offers to start one', async () => {
    await open()
    expect(screen.getByRole('heading', { name: 'No experiments yet' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'New experiment' })).toBeEnabled()
  })

  it('the create form refuses a nameless experiment, unnamed or duplicate variants and variants without a template, at their fields; nothing is sent', async () => {
    const user = await open()
    await user.click(screen.getByRole('button', { name: 'New experiment' }))
    const form = screen.getByTestId('experiment-form')
    // Thompson sampling is off by default and said in one line.
    expect(within(form).getByRole('checkbox', { name: /Thompson sampling/ })).not.toBeChecked()
    expect(form).toHaveTextContent('Off: every variant gets an equal share of new drafts.')
    await user.click(within(form).getByRole('button', { name: 'Start experiment' }))
    expect(within(form).getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription('Give the experiment a name.')
    expect(within(form).getByRole('textbox', { name: 'Variant 1 name' })).toHaveAccessibleDescription('Give this variant a name.')
    expect(within(form).getByRole('combobox', { name: 'Variant 2 template' })).toHaveAccessibleDescription('Choose a template for this variant.')

    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Openers')
    await user.type(within(form).getByRole('textbox', { name: 'Variant 1 name' }), 'Same')
    await user.type(within(form).getByRole('textbox', { name: 'Variant 2 name' }), 'same ')
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Variant 1 template' }), 'Short + question')
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Variant 2 template' }), 'Portfolio-led')
    await user.click(within(form).getByRole('button', { name: 'Start experiment' }))
    expect(within(form).getByRole('textbox', { name: 'Variant 2 name' })).toHaveAccessibleDescription('Another variant already has this name: give each a different one.')
    expect(within(form).getByRole('textbox', { name: 'Name' })).not.toHaveAttribute('aria-invalid')
    expect(fake.callsOf('experiments:create')).toEqual([])
  })

  it('keeps at least two variants (no Remove until a third is added) and sends the experiment as typed', async () => {
    const user = await open()
    await user.click(screen.getByRole('button', { name: 'New experiment' }))
    const form = screen.getByTestId('experiment-form')
    expect(within(form).getAllByTestId('experiment-variant')).toHaveLength(2)
    expect(within(form).queryByRole('button', { name: /^Remove variant/ })).toBeNull()
    await user.click(within(form).getByRole('button', { name: 'Add a variant' }))
    expect(within(form).getAllByRole('button', { name: /^Remove variant/ })).toHaveLength(3)
    await user.click(within(form).getAllByRole('button', { name: /^Remove variant/ })[2]!)
    expect(within(form).getAllByTestId('experiment-variant')).toHaveLength(2)
    expect(within(form).queryByRole('button', { name: /^Remove variant/ })).toBeNull()

    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Openers')
    // An unnamed variant takes its template's name.
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Variant 1 template' }), 'Short + question')
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Variant 2 template' }), 'Portfolio-led')
    expect(within(form).getByRole('textbox', { name: 'Variant 1 name' })).toHaveValue('Short + question')
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Measure by' }), 'Interview rate')
    await user.type(within(form).getByRole('spinbutton', { name: /Smallest difference/ }), '25')
    await user.click(within(form).getByRole('button', { name: 'Start experiment' }))

    expect(fake.callsOf('experiments:create')).toEqual([
      {
        name: 'Openers',
        metric: 'interview',
        minEffect: 0.25,
        thompson: false,
        variants: [
          { name: 'Short + question', kind: 'template', templateId: 1 },
          { name: 'Portfolio-led', kind: 'template', templateId: 2 }
        ]
      }
    ])
    // The new experiment is listed and open; a second cannot start while it runs.
    expect(await screen.findByTestId('experiment-results')).toHaveTextContent('Openers')
    expect(screen.queryByTestId('experiment-form')).toBeNull()
    expect(screen.getByRole('button', { name: 'New experiment' })).toBeDisabled()
  })

  it('bid-rule variants are percentages of the suggested bid, refused outside 50–150', async () => {
    const user = await open()
    await user.click(screen.getByRole('button', { name: 'New experiment' }))
    const form = screen.getByTestId('experiment-form')
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Compare' }), 'Bid rules')
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Bids')
    await user.type(within(form).getByRole('textbox', { name: 'Variant 1 name' }), 'Suggested')
    await user.type(within(form).getByRole('textbox', { name: 'Variant 2 name' }), 'Under')
    await user.type(within(form).getByRole('spinbutton', { name: /Variant 1 bid/ }), '100')
    await user.type(within(form).getByRole('spinbutton', { name: /Variant 2 bid/ }), '20')
    await user.click(within(form).getByRole('button', { name: 'Start experiment' }))
    expect(within(form).getByRole('spinbutton', { name: /Variant 2 bid/ })).toHaveAccessibleDescription(/Enter a bid from 50 to 150/)
    await user.clear(within(form).getByRole('spinbutton', { name: /Variant 2 bid/ }))
    await user.type(within(form).getByRole('spinbutton', { name: /Variant 2 bid/ }), '90')
    await user.click(within(form).getByRole('button', { name: 'Start experiment' }))
    expect(fake.callsOf('experiments:create')).toEqual([
      expect.objectContaining({ variants: [{ name: 'Suggested', kind: 'bid', bidRule: { factor: 1 } }, { name: 'Under', kind: 'bid', bidRule: { factor: 0.9 } }] })
    ])
  })

  it("main's refusal is said under the form and the form stays filled", async () => {
    const user = await open()
    await user.click(screen.getByRole('button', { name: 'New experiment' }))
    const form = screen.getByTestId('experiment-form')
    fake.failNext('experiments:create', { code: 'EXPERIMENT_TEMPLATE_ARCHIVED', message: 'The template “Portfolio-led” is archived: restore it or pick another.' })
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Openers')
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Variant 1 template' }), 'Short + question')
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Variant 2 template' }), 'Portfolio-led')
    await user.click(within(form).getByRole('button', { name: 'Start experiment' }))
    expect(await within(form).findByTestId('experiment-form-error')).toHaveTextContent('The template “Portfolio-led” is archived')
    expect(within(form).getByRole('textbox', { name: 'Name' })).toHaveValue('Openers')
  })

  it('results: each variant’s rate with its credible interval (chart and table), chance to be best, expected loss, n, the peeking guard in words', async () => {
    winnerExperiment()
    await open()
    const results = await screen.findByTestId('experiment-results')
    expect(within(results).getByTestId('experiment-state')).toHaveTextContent('Winner found')
    expect(within(results).getByTestId('experiment-decision')).toHaveTextContent('“Short + question” wins with 97% probability to be best.')
    const first = within(results).getByTestId('variant-11')
    expect(first).toHaveTextContent('30% (36 of 120)')
    expect(first).toHaveTextContent('97%')
    expect(first).toHaveTextContent(/\d+(\.\d)?%–\d+(\.\d)?%/)
    expect(first).toHaveTextContent('winner')
    expect(within(results).getByTestId('variant-12')).toHaveTextContent('15% (18 of 120)')
    expect(within(results).getByTestId('variant-12')).toHaveTextContent('3%')
    // The chart: a bar with an error bar per variant (recharts, not hand-drawn).
    const chart = within(results).getByTestId('experiment-chart')
    expect(chart.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(2)
    expect(chart.querySelectorAll('.recharts-errorBar').length).toBeGreaterThanOrEqual(2)
    expect(within(results).getByTestId('experiment-guard')).toHaveTextContent('always-valid sequential test (mSPRT)')
    expect(within(results).getByTestId('experiment-guard')).toHaveTextContent('5%')
    // The list row says the same state.
    expect(screen.getByTestId(`experiment-row-${useExperimentsStore.getState().list[0]!.id}`)).toHaveTextContent('Winner found')
  })

  it('a variant with no proposals shows its state in words, never NaN', async () => {
    fake.learning.experiment({
      name: 'Fresh',
      variants: [emptyVariant(11, 'Short + question'), emptyVariant(12, 'Portfolio-led', 'template', { status: 'retired', retiredReason: 'templateDeleted' })],
      decision: { kind: 'notEnoughData', moreProposals: 40 }
    })
    await open()
    const results = await screen.findByTestId('experiment-results')
    expect(results).not.toHaveTextContent('NaN')
    expect(results).not.toHaveTextContent('undefined')
    expect(within(results).getByTestId('experiment-decision')).toHaveTextContent('Not enough data yet: 40 more proposals to tell.')
    expect(within(results).getByTestId('variant-11')).toHaveTextContent('no proposals yet')
    expect(within(results).getByTestId('variant-11')).toHaveTextContent('2.5%–97.5%')
    expect(within(results).getByTestId('variant-12')).toHaveTextContent('template deleted')
    // No "keep the winner" without one.
    expect(within(results).queryByRole('button', { name: /^Stop and keep/ })).toBeNull()
  })

  it('Stop and keep the winner asks first, then stops it with that variant kept as the default', async () => {
    const e = winnerExperiment()
    const user = await open()
    const results = await screen.findByTestId('experiment-results')
    await user.click(within(results).getByRole('button', { name: 'Stop and keep “Short + question”' }))
    const dialog = screen.getByRole('alertdialog', { name: 'Keep “Short + question”?' })
    expect(dialog).toHaveTextContent('new drafts use the template “Short + question” by default')
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(fake.callsOf('experiments:stop')).toEqual([])
    await user.click(within(results).getByRole('button', { name: 'Stop and keep “Short + question”' }))
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Stop and keep it' }))
    expect(fake.callsOf('experiments:stop')).toEqual([{ id: e.id, keep: 11 }])
    await waitFor(() => expect(within(screen.getByTestId('experiment-results')).getByTestId('experiment-state')).toHaveTextContent('Stopped'))
    expect(screen.getByTestId('experiment-decision')).toHaveTextContent('“Short + question” was kept as the default for new drafts.')
    expect(fake.learning.defaults.from.template).toEqual({ experimentId: e.id, variantId: 11, variantName: 'Short + question' })
    expect(screen.getByRole('button', { name: 'New experiment' })).toBeEnabled()
  })

  it('Thompson sampling can be turned on for a running experiment', async () => {
    const e = winnerExperiment()
    const user = await open()
    const results = await screen.findByTestId('experiment-results')
    await user.click(within(results).getByRole('checkbox', { name: /Thompson sampling/ }))
    expect(fake.callsOf('experiments:setThompson')).toEqual([{ id: e.id, on: true }])
    await waitFor(() => expect(within(results).getByRole('checkbox', { name: /Thompson sampling/ })).toBeChecked())
  })

  it('an experiment main starts meanwhile (the demo’s sample one) shows up when experiments:changed says so', async () => {
    await open()
    expect(screen.getByRole('heading', { name: 'No experiments yet' })).toBeInTheDocument()
    const e = winnerExperiment()
    await act(async () => fake.emit('experiments:changed', { id: e.id }))
    expect(await screen.findByTestId('experiment-results')).toHaveTextContent('Openers')
    expect(screen.queryByRole('heading', { name: 'No experiments yet' })).toBeNull()
  })

  it('speaks Ukrainian', async () => {
    setLanguage('uk')
    fake.learning.experiment({ name: 'Fresh', decision: { kind: 'notEnoughData', moreProposals: 14 } })
    await open()
    expect(await screen.findByTestId('experiment-decision')).toHaveTextContent('Поки замало даних: потрібно ще 14 пропозицій, щоб сказати.')
  })
})
