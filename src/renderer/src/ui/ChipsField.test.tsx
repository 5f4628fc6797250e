import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { ChipsField, type Chip } from './ChipsField'

function Harness(props: { freeText?: boolean; suggest?: (q: string) => Promise<Chip[]>; initial?: Chip[]; max?: number; onValues?: (v: Chip[]) => void }): React.JSX.Element {
  const [values, setValues] = useState<Chip[]>(props.initial ?? [])
  return (
    <ChipsField
      label="Skills"
      values={values}
      freeText={props.freeText}
      suggest={props.suggest}
      max={props.max}
      onChange={(v) => {
        setValues(v)
        props.onValues?.(v)
      }}
    />
  )
}

const SKILLS: Chip[] = ['React', 'React Native', 'TypeScript'].map((label, i) => ({ id: `s${i}`, label }))
const search = async (q: string): Promise<Chip[]> => SKILLS.filter((s) => s.label.toLowerCase().includes(q.toLowerCase()))

describe('ChipsField', () => {
  it('free text: Enter and a comma add a chip, duplicates are not added, Backspace and × remove', async () => {
    const user = userEvent.setup()
    let last: Chip[] = []
    render(<Harness freeText onValues={(v) => (last = v)} />)
    const input = screen.getByRole('textbox', { name: 'Skills' })
    await user.type(input, 'react{Enter}vue,react{Enter}')
    expect(last.map((c) => c.id)).toEqual(['react', 'vue'])
    await user.click(screen.getByRole('button', { name: 'Remove react' }))
    expect(last.map((c) => c.id)).toEqual(['vue'])
    await user.type(input, '{Backspace}')
    expect(last).toEqual([])
  })

  it('picker: suggestions for the typed text, arrow keys and Enter pick one (id kept, label shown); free text is not added', async () => {
    const user = userEvent.setup()
    let last: Chip[] = []
    render(<Harness suggest={search} onValues={(v) => (last = v)} />)
    const input = screen.getByRole('combobox', { name: 'Skills' })
    await user.type(input, 'reac')
    const options = await screen.findAllByRole('option')
    expect(options.map((o) => o.textContent)).toEqual(['React', 'React Native'])
    await user.keyboard('{ArrowDown}{Enter}')
    expect(last).toEqual([{ id: 's1', label: 'React Native' }])
    expect(screen.getByText('React Native')).toBeInTheDocument()
    await user.type(input, 'nothing-like-it{Enter}')
    expect(last).toHaveLength(1)
  })

  it('an already chosen value is not offered again, and a full list takes no more', async () => {
    const user = userEvent.setup()
    render(<Harness suggest={search} initial={[SKILLS[0]!]} max={2} />)
    await user.type(screen.getByRole('combobox', { name: 'Skills' }), 'react')
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual(['React Native'])
    await user.click(screen.getByRole('option', { name: 'React Native' }))
    expect(screen.getByRole('combobox', { name: 'Skills' })).toBeDisabled()
  })
})
