import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { CheckboxField, SelectField, TextField } from './Field'

describe('Field', () => {
  it('labels its control and, without an error, marks nothing invalid', () => {
    render(<TextField label="Callback port" defaultValue="47615" />)
    const input = screen.getByRole('textbox', { name: 'Callback port' })
    expect(input).not.toHaveAttribute('aria-invalid')
    expect(input).not.toHaveAttribute('aria-describedby')
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('shows its error at the control, tied with aria-describedby and aria-invalid, with the hint', () => {
    render(<TextField label="Callback port" defaultValue="80" error="Enter a whole number from 1024 to 65535." hint="Saved value: 47615" />)
    const input = screen.getByRole('textbox', { name: 'Callback port' })
    expect(input).toHaveAttribute('aria-invalid', 'true')
    expect(input).toHaveAccessibleDescription('Enter a whole number from 1024 to 65535. Saved value: 47615')
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a whole number from 1024 to 65535.')
    expect(input).toHaveValue('80')
  })

  it('does the same for a select and a checkbox', () => {
    render(
      <>
        <SelectField label="Theme" error="Not allowed." defaultValue="dark">
          <option value="dark">Dark</option>
        </SelectField>
        <CheckboxField label="Play a sound" error="Could not save." />
      </>
    )
    expect(screen.getByRole('combobox', { name: 'Theme' })).toHaveAccessibleDescription('Not allowed.')
    expect(screen.getByRole('combobox', { name: 'Theme' })).toBeInvalid()
    expect(screen.getByRole('checkbox', { name: 'Play a sound' })).toHaveAccessibleDescription('Could not save.')
    expect(screen.getByRole('checkbox', { name: 'Play a sound' })).toBeInvalid()
  })
})
