import { act, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { Button } from './Button'
import { useConfirm, type ConfirmOptions } from './Confirm'

const OPTIONS: ConfirmOptions = { title: 'Delete the key?', body: 'The key and its secret are deleted.', confirmLabel: 'Delete', danger: true }

function Asker({ onAnswer }: { onAnswer: (yes: boolean) => void }): React.JSX.Element {
  const [dialog, confirm] = useConfirm()
  return (
    <>
      <Button onClick={() => void confirm(OPTIONS).then(onAnswer)}>Forget</Button>
      {dialog}
    </>
  )
}

async function ask(choose: (user: ReturnType<typeof userEvent.setup>) => Promise<void>): Promise<boolean[]> {
  const user = userEvent.setup()
  const answers: boolean[] = []
  render(<Asker onAnswer={(a) => answers.push(a)} />)
  await user.click(screen.getByRole('button', { name: 'Forget' }))
  const dialog = screen.getByRole('alertdialog', { name: 'Delete the key?' })
  expect(dialog).toHaveTextContent('The key and its secret are deleted.')
  await choose(user)
  await act(async () => {})
  expect(screen.queryByRole('alertdialog')).toBeNull()
  return answers
}

describe('useConfirm', () => {
  it('returns true for the confirm button', async () => {
    expect(await ask((user) => user.click(screen.getByRole('button', { name: 'Delete' })))).toEqual([true])
  })

  it('returns false for Cancel, which has the focus (a stray Enter does not delete)', async () => {
    expect(
      await ask(async (user) => {
        expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus()
        await user.keyboard('{Enter}')
      })
    ).toEqual([false])
  })

  it('returns false for Esc', async () => {
    expect(await ask((user) => user.keyboard('{Escape}'))).toEqual([false])
  })

  it('gives the focus back to the button that asked', async () => {
    await ask((user) => user.keyboard('{Escape}'))
    expect(screen.getByRole('button', { name: 'Forget' })).toHaveFocus()
  })
})
