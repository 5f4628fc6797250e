import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { Button } from './Button'
import { Dialog } from './Dialog'

function Page(): React.JSX.Element {
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button onClick={() => setOpen(true)}>Open</Button>
      <Button>Behind</Button>
      {open ? (
        <Dialog title="Keys" onClose={() => setOpen(false)} actions={<Button onClick={() => setOpen(false)}>Done</Button>}>
          <input aria-label="Inside" />
        </Dialog>
      ) : null}
    </>
  )
}

describe('Dialog', () => {
  it('is a labelled modal that takes the focus', async () => {
    const user = userEvent.setup()
    render(<Page />)
    await user.click(screen.getByRole('button', { name: 'Open' }))
    const dialog = screen.getByRole('dialog', { name: 'Keys' })
    expect(dialog).toHaveAttribute('aria-modal', 'true')
    expect(screen.getByRole('textbox', { name: 'Inside' })).toHaveFocus()
  })

  it('keeps Tab and Shift+Tab inside', async () => {
    const user = userEvent.setup()
    render(<Page />)
    await user.click(screen.getByRole('button', { name: 'Open' }))
    const inside = screen.getByRole('textbox', { name: 'Inside' })
    const done = screen.getByRole('button', { name: 'Done' })
    await user.tab()
    expect(done).toHaveFocus()
    await user.tab()
    expect(inside).toHaveFocus()
    await user.tab({ shift: true })
    expect(done).toHaveFocus()
    for (let i = 0; i < 5; i++) {
      await user.tab()
      expect(screen.getByRole('button', { name: 'Behind' })).not.toHaveFocus()
    }
  })

  it('pulls back focus that lands behind it', async () => {
    const user = userEvent.setup()
    render(<Page />)
    await user.click(screen.getByRole('button', { name: 'Open' }))
    screen.getByRole('button', { name: 'Behind', hidden: true }).focus()
    expect(screen.getByRole('textbox', { name: 'Inside' })).toHaveFocus()
  })

  it('closes on Esc and gives the focus back to what opened it', async () => {
    const user = userEvent.setup()
    render(<Page />)
    const opener = screen.getByRole('button', { name: 'Open' })
    await user.click(opener)
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(opener).toHaveFocus()
  })

  it('gives the focus back after closing with a button too', async () => {
    const user = userEvent.setup()
    render(<Page />)
    const opener = screen.getByRole('button', { name: 'Open' })
    await user.click(opener)
    await user.click(screen.getByRole('button', { name: 'Done' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(opener).toHaveFocus()
  })
})
