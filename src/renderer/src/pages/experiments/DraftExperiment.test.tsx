import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { useExperimentsStore } from '../../stores/experiments-store'
import { installFakeBridge, type FakeBridge } from '../../test-support/fake-bridge'
import { renderApp } from '../../test-support/render-app'
import { useDraftsStore } from '../../stores/drafts-store'
import { DraftExperiment } from './DraftExperiment'

let fake: FakeBridge
beforeEach(() => {
  useExperimentsStore.setState(useExperimentsStore.getInitialState(), true)
  useDraftsStore.setState(useDraftsStore.getInitialState(), true)
  fake = installFakeBridge()
})

describe("The draft's experiment", () => {
  it('shows "Experiment: X · variant B"; overriding the variant marks the draft as left out of the comparison', async () => {
    const e = fake.learning.experiment({ name: 'Openers' })
    fake.learning.assign(5, e, e.variants[1]!.id)
    const user = userEvent.setup()
    render(<DraftExperiment draftId={5} />)
    const block = await screen.findByTestId('draft-experiment')
    expect(block).toHaveTextContent('Experiment: Openers · variant Portfolio-led')
    expect(within(block).queryByTestId('draft-experiment-excluded')).toBeNull()
    const select = await within(block).findByRole('combobox', { name: 'Variant' })
    expect(select).toHaveAccessibleDescription('Changing the variant takes this draft out of the comparison (it is still sent as usual).')
    expect(select).toHaveValue(String(e.variants[1]!.id))
    expect(within(select).getByRole('option', { name: 'Portfolio-led (assigned)' })).toBeInTheDocument()

    await user.selectOptions(select, 'Short + question')
    expect(fake.callsOf('experiments:setDraftVariant')).toEqual([{ draftId: 5, variantId: e.variants[0]!.id }])
    await waitFor(() => expect(block).toHaveTextContent('Experiment: Openers · variant Short + question'))
    expect(within(block).getByTestId('draft-experiment-excluded')).toHaveTextContent('left out of the comparison')

    await user.selectOptions(select, 'Leave the experiment')
    expect(fake.callsOf('experiments:setDraftVariant')).toContainEqual({ draftId: 5, variantId: null })
    await waitFor(() => expect(block).toHaveTextContent('Experiment: Openers · left out by you'))
    expect(within(block).getByTestId('draft-experiment-excluded')).toBeInTheDocument()
  })

  it('the draft editor in the Drafts area shows the draft’s experiment and variant', async () => {
    const app = await renderApp({
      area: 'drafts',
      setup: (f) => {
        const draft = f.drafting.add({ title: 'React dashboard', versions: [{ text: 'Hello' }] })
        f.learning.assign(draft.id, f.learning.experiment({ name: 'Openers' }), 11)
      }
    })
    await app.user.click(await screen.findByRole('button', { name: 'React dashboard' }))
    const editor = await screen.findByTestId('draft-editor')
    expect(await within(editor).findByTestId('draft-experiment')).toHaveTextContent('Experiment: Openers · variant Short + question')
  })

  it('going back to the assigned variant brings the draft back into the comparison', async () => {
    const e = fake.learning.experiment({ name: 'Openers' })
    fake.learning.assign(5, e, e.variants[0]!.id)
    const user = userEvent.setup()
    render(<DraftExperiment draftId={5} />)
    const select = await screen.findByRole('combobox', { name: 'Variant' })
    await user.selectOptions(select, 'Portfolio-led')
    await waitFor(() => expect(screen.getByTestId('draft-experiment-excluded')).toBeInTheDocument())
    await user.selectOptions(select, 'Short + question (assigned)')
    await waitFor(() => expect(screen.queryByTestId('draft-experiment-excluded')).toBeNull())
  })

  it('a draft in no experiment shows nothing', async () => {
    const { container } = render(<DraftExperiment draftId={9} />)
    await waitFor(() => expect(fake.callsOf('experiments:draftAssignments')).toEqual([{ draftIds: [9] }]))
    await waitFor(() => expect(useExperimentsStore.getState().assignments[9]).toBeNull())
    expect(container).toBeEmptyDOMElement()
  })

  it('a refused override is said at the select and the variant stays', async () => {
    const e = fake.learning.experiment({ name: 'Openers' })
    fake.learning.assign(5, e, e.variants[0]!.id)
    const user = userEvent.setup()
    render(<DraftExperiment draftId={5} />)
    const select = await screen.findByRole('combobox', { name: 'Variant' })
    fake.failNext('experiments:setDraftVariant', { code: 'DRAFT_SENT', message: 'This proposal was already sent, so its variant can no longer change.' })
    await user.selectOptions(select, 'Portfolio-led')
    await waitFor(() => expect(select).toHaveAccessibleDescription(/already sent/))
    expect(select).toHaveValue(String(e.variants[0]!.id))
    expect(screen.queryByTestId('draft-experiment-excluded')).toBeNull()
  })
})
