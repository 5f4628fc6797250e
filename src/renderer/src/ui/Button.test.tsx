import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { Button } from './Button'

describe('Button', () => {
  it('is type=button, so it never submits a form by accident', async () => {
    const submit = vi.fn((e: React.FormEvent) => e.preventDefault())
    const click = vi.fn()
    render(
      <form onSubmit={submit}>
        <Button onClick={click}>Copy</Button>
        <Button type="submit">Save</Button>
      </form>
    )
    await userEvent.click(screen.getByRole('button', { name: 'Copy' }))
    expect(click).toHaveBeenCalledOnce()
    expect(submit).not.toHaveBeenCalled()
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(submit).toHaveBeenCalledOnce()
  })

  it('shows its variant and does nothing when disabled', async () => {
    const click = vi.fn()
    render(
      <Button variant="danger" disabled onClick={click}>
        Reset
      </Button>
    )
    const button = screen.getByRole('button', { name: 'Reset' })
    expect(button).toHaveClass('btn', 'danger')
    await userEvent.click(button)
    expect(click).not.toHaveBeenCalled()
  })
})
